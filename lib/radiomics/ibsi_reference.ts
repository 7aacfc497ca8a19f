/**
 * IBSI 1 reference values (`reference_values.csv` of the shared reference folder; format in its
 * README) and the comparison rule: |value − reference| ≤ tolerance where a tolerance is given;
 * otherwise the value must equal the reference once rounded to the reference's printed significant
 * digits (the manual prints 3).
 */
import { join } from "node:path";
import { parseCsv } from "../data/csv.ts";
import type { IbsiDataSet } from "./ibsi_configs.ts";

/** One row of reference_values.csv. */
export interface IbsiReference {
  readonly family: string;
  readonly feature: string;
  readonly ibsiCode: string;
  readonly dataSet: IbsiDataSet;
  /** Printed value text ("" when the manual prints —). */
  readonly valueText: string;
  readonly value: number;
  /** Tolerance, null when the manual gives none. */
  readonly tolerance: number | null;
  readonly consensus: string;
  readonly aggregation: string;
  readonly aggregationCode: string;
}

/** Read `reference_values.csv` from an ibsi1 folder. */
export function readIbsiReference(dir: string): IbsiReference[] {
  const file = join(dir, "reference_values.csv");
  const t = parseCsv(Deno.readTextFileSync(file), file);
  const col = (name: string) => {
    const k = t.header.indexOf(name);
    if (k < 0) throw new Error(`${file}: no column "${name}" (has ${t.header.join(", ")})`);
    return k;
  };
  const c = [
    "family",
    "feature",
    "ibsi_code",
    "data_set",
    "value",
    "tolerance",
    "consensus",
    "aggregation",
    "aggregation_code",
  ].map(col);
  return t.rows.map((r) => ({
    family: r[c[0]],
    feature: r[c[1]],
    ibsiCode: r[c[2]],
    dataSet: r[c[3]] as IbsiDataSet,
    valueText: r[c[4]],
    value: r[c[4]] === "" ? NaN : Number(r[c[4]]),
    tolerance: r[c[5]] === "" ? null : Number(r[c[5]]),
    consensus: r[c[6]],
    aggregation: r[c[7]] ?? "",
    aggregationCode: r[c[8]] ?? "",
  }));
}

/** Significant digits printed in a reference value text ("3.58e5" → 3, "0.0411" → 3, "-50" → 2). */
export function printedDigits(text: string): number {
  const mant = text.replace(/^-/, "").replace(/e.*$/i, "");
  const digits = mant.replace(".", "").replace(/^0+/, "");
  return Math.max(1, digits.length);
}

/** True when `actual` matches the reference (see module doc). */
export function matchesReference(actual: number, ref: IbsiReference): boolean {
  if (!Number.isFinite(actual)) return false;
  if (ref.tolerance !== null) {
    return Math.abs(actual - ref.value) <= ref.tolerance * (1 + 1e-9) + 1e-12 * Math.abs(ref.value);
  }
  if (ref.value === 0) return Math.abs(actual) < 1e-9;
  return Number(actual.toPrecision(printedDigits(ref.valueText))) === ref.value;
}
