/**
 * danfojs interop: cohort and feature tables to and from danfojs DataFrames, for users who prefer
 * its pandas-like API (`df.describe()`, `df.groupby(...)`, `df.query(...)`).
 *
 * danfojs (npm `danfojs@1.1.2`, pinned in {@link DANFOJS_SPECIFIER}, not in deno.json) pulls TensorFlow.js
 * (~370 MB installed), so it is imported dynamically inside these functions only: `deno install` does not
 * fetch it, and nothing on the default path (`deno task reproduce`, the notebooks, the tests of other
 * modules) loads it.
 *
 *   const df = await toDanfo(cohort);                 // a validated Cohort, or {columns, rows}
 *   df.groupby(["split"]).col(["ki67_pct"]).median().print();
 *   const back = await cohortFromDanfo(df, codebook); // re-validated against the codebook
 *
 * Values: numbers stay JavaScript doubles (danfo's "float32"/"int32" dtypes are labels; the values are
 * not narrowed), text stays text, missing values are `null` on our side and `NaN` in danfo (its
 * missing-value marker; `df.isNa()` finds them).
 */
import { type CsvTable, formatCell } from "./csv.ts";
import type { Codebook } from "./codebook.ts";
import { type Cohort, type LoadCohortOptions, validateCohort } from "./cohort.ts";

/** A plain table: column names and rows keyed by them. */
export interface PlainTable {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string | number | null>>[];
}

/** The part of a danfojs DataFrame this module uses (structural, so danfojs types stay optional). */
export interface DanfoFrameLike {
  readonly columns: string[];
  readonly values: unknown[][];
  readonly shape: number[];
}

/**
 * The danfojs package, pinned. Kept out of deno.json's import map on purpose: `deno install` installs
 * every package of the import map, and danfojs would bring TensorFlow.js and plotly (~390 MB) to every
 * machine. A specifier held in a variable is not part of the static module graph, so Deno fetches it only
 * the first time this interop is called, in a run with `--node-modules-dir=auto` (deno.json sets "manual" so
 * that `deno task` does not print a line per package: the tasks run `deno install --frozen --quiet` first).
 */
export const DANFOJS_SPECIFIER = "npm:danfojs@1.1.2";

/** Load danfojs on demand. */
async function danfo(): Promise<{ DataFrame: new (data: unknown, options?: unknown) => DanfoFrameLike }> {
  const specifier: string = DANFOJS_SPECIFIER;
  try {
    return await import(specifier) as unknown as {
      DataFrame: new (data: unknown, options?: unknown) => DanfoFrameLike;
    };
  } catch (e) {
    throw new Error(
      `danfojs (optional, ${DANFOJS_SPECIFIER}) is not installed: run with \`deno run --node-modules-dir=auto\` ` +
        `to fetch it on first use (${(e as Error).message.split("\n")[0]})`,
    );
  }
}

/**
 * A danfojs DataFrame from a validated cohort or a plain table, columns in table order. Missing
 * values (null) become NaN.
 */
export async function toDanfo(table: Cohort | PlainTable): Promise<DanfoFrameLike> {
  const { DataFrame } = await danfo();
  const cols = [...table.columns];
  if (cols.length === 0) throw new Error("toDanfo: the table has no columns");
  const data: Record<string, (string | number)[]> = {};
  for (const c of cols) {
    data[c] = table.rows.map((r) => (r[c] === null || r[c] === undefined ? NaN : r[c] as string | number));
  }
  return new DataFrame(data, { columns: cols });
}

/** A plain table from a danfojs DataFrame (NaN / undefined / null cells become null). */
export function fromDanfo(df: DanfoFrameLike): PlainTable {
  const columns = [...df.columns];
  const rows = df.values.map((vals) => {
    const r: Record<string, string | number | null> = {};
    columns.forEach((c, j) => {
      const v = vals[j];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) r[c] = null;
      else if (typeof v === "number" || typeof v === "string") r[c] = v;
      else if (typeof v === "boolean") r[c] = v ? 1 : 0;
      else r[c] = String(v);
    });
    return r;
  });
  return { columns, rows };
}

/**
 * A validated cohort from a danfojs DataFrame: cells are written back as text (numbers in shortest
 * round-trip form, missing as "NA") and checked against the codebook like a file would be
 * ({@link validateCohort}); errors name `source` (default "danfo DataFrame"), row and column.
 */
export function cohortFromDanfo(
  df: DanfoFrameLike,
  codebook: Codebook,
  options: LoadCohortOptions & { source?: string } = {},
): Cohort {
  const t = fromDanfo(df);
  const csv: CsvTable = {
    source: options.source ?? "danfo DataFrame",
    header: t.columns,
    rows: t.rows.map((r) => t.columns.map((c) => formatCell(r[c]))),
  };
  return validateCohort(csv, codebook, options);
}
