/**
 * Reproducibility screening of radiomics features (Bi et al. 2025, Methods: features with intra- and
 * inter-observer correlation coefficients ≥ 0.80 kept).
 *
 * For each feature: intra-observer ICC from reader A's two readings (two weeks apart) and
 * inter-observer ICC from reader A's first reading and reader B's, on the repeat patients. The form
 * is configurable (default ICC(2,1): two-way random effects, absolute agreement, single rater —
 * Shrout & Fleiss 1979 / McGraw & Wong 1996 "ICC(A,1)"; see lib/stats/icc.ts). A feature is kept
 * when both ICCs are ≥ `threshold` (default 0.80). A feature constant in the repeats (ICC undefined)
 * is dropped.
 */
import { iccCoefficients, type IccType } from "../stats/icc.ts";
import { type ReportTable, reportTable } from "../report/table.ts";

/** Repeat readings: rows = the same patients in the same order in all three. */
export interface RepeatReadings {
  readonly names: readonly string[];
  readonly readerA1: readonly (readonly number[])[];
  readonly readerA2: readonly (readonly number[])[];
  readonly readerB: readonly (readonly number[])[];
}

/** Options of {@link iccScreening}. */
export interface IccScreeningOptions {
  /** Minimum ICC for both intra and inter agreement (default 0.80). */
  readonly threshold?: number;
  /** ICC form (default "ICC2"). */
  readonly form?: IccType;
}

/** Result of {@link iccScreening}. */
export interface IccScreening {
  readonly names: readonly string[];
  readonly intra: readonly number[];
  readonly inter: readonly number[];
  readonly kept: readonly string[];
  readonly threshold: number;
  readonly form: IccType;
  readonly nPatients: number;
}

/** Screen every feature by intra- and inter-observer ICC. */
export function iccScreening(r: RepeatReadings, options: IccScreeningOptions = {}): IccScreening {
  const threshold = options.threshold ?? 0.8;
  const form = options.form ?? "ICC2";
  const n = r.readerA1.length;
  if (r.readerA2.length !== n || r.readerB.length !== n) {
    throw new Error(
      `iccScreening: readings have ${n}, ${r.readerA2.length}, ${r.readerB.length} rows; need the same patients in each`,
    );
  }
  const intra: number[] = [];
  const inter: number[] = [];
  const kept: string[] = [];
  r.names.forEach((name, j) => {
    const a1 = r.readerA1.map((row) => row[j]);
    const a2 = r.readerA2.map((row) => row[j]);
    const b = r.readerB.map((row) => row[j]);
    const ok = [...a1, ...a2, ...b].every(Number.isFinite);
    const ci = ok ? iccCoefficients(a1.map((v, i) => [v, a2[i]]))[form] : NaN;
    const ce = ok ? iccCoefficients(a1.map((v, i) => [v, b[i]]))[form] : NaN;
    intra.push(ci);
    inter.push(ce);
    if (ci >= threshold && ce >= threshold) kept.push(name);
  });
  return { names: r.names, intra, inter, kept, threshold, form, nPatients: n };
}

/** Counts by phase and family: features, intra ≥ t, inter ≥ t, both. */
export function iccScreeningTable(s: IccScreening): ReportTable {
  const groups = new Map<string, { total: number; intra: number; inter: number; both: number }>();
  s.names.forEach((nm, j) => {
    const [phase] = nm.split("_");
    for (const key of [phase, "all"]) {
      const g = groups.get(key) ?? { total: 0, intra: 0, inter: 0, both: 0 };
      g.total++;
      if (s.intra[j] >= s.threshold) g.intra++;
      if (s.inter[j] >= s.threshold) g.inter++;
      if (s.intra[j] >= s.threshold && s.inter[j] >= s.threshold) g.both++;
      groups.set(key, g);
    }
  });
  return reportTable(
    `Reproducibility screening (${s.form}, ${s.nPatients} patients, threshold ${s.threshold})`,
    [...groups.entries()].sort((a, b) => Number(a[0] === "all") - Number(b[0] === "all")).map(([k, g]) => ({
      phase: k,
      features: g.total,
      intra_ok: g.intra,
      inter_ok: g.inter,
      kept: g.both,
    })),
    {
      columns: [
        { key: "phase", label: "Phase" },
        { key: "features", label: "Features" },
        { key: "intra_ok", label: `Intra-observer ICC ≥ ${s.threshold}` },
        { key: "inter_ok", label: `Inter-observer ICC ≥ ${s.threshold}` },
        { key: "kept", label: "Kept (both)" },
      ],
      notes: [
        "Intra-observer: reader A twice, two weeks apart; inter-observer: reader A (first reading) vs reader B.",
        `${s.form}: Shrout & Fleiss (1979) / McGraw & Wong (1996), as psych::ICC.`,
      ],
    },
  );
}
