/**
 * Summary table of Kaplan–Meier curves: per group n, events, median survival with its CI, and survival
 * at chosen landmark times with pointwise CIs (as print(survfit) and summary(survfit, times)).
 */
import { type ReportTable, reportTable } from "../report/table.ts";
import type { KaplanMeierFit } from "./km.ts";

function at(f: KaplanMeierFit, t: number): { s: number; lo: number | null; hi: number | null } {
  let s = 1, lo: number | null = null, hi: number | null = null;
  for (let i = 0; i < f.time.length && f.time[i] <= t; i++) {
    s = f.surv[i];
    lo = f.lower[i];
    hi = f.upper[i];
  }
  return { s, lo, hi };
}

/** One row per group: n, events, median (CI), and S(t) (CI) at each landmark. */
export function kmSummaryTable(
  fits: Readonly<Record<string, KaplanMeierFit>>,
  options: { landmarks?: readonly number[]; timeUnit?: string; title?: string; digits?: number } = {},
): ReportTable {
  const d = options.digits ?? 3;
  const unit = options.timeUnit ?? "months";
  const lm = options.landmarks ?? [];
  const fmtT = (x: number | null) => (x === null ? "not reached" : String(+x.toFixed(2)));
  const first = Object.values(fits)[0];
  const pct = first ? Math.round(first.confLevel * 100) : 95;
  const rows = Object.entries(fits).map(([g, f]) => {
    const r: Record<string, string | number> = {
      group: g,
      n: f.n,
      events: f.nEvents,
      median: `${fmtT(f.median)} (${fmtT(f.medianLower)}–${fmtT(f.medianUpper)})`,
    };
    for (const t of lm) {
      const v = at(f, t);
      r[`s_${t}`] = v.lo === null || v.hi === null
        ? v.s.toFixed(d)
        : `${v.s.toFixed(d)} (${v.lo.toFixed(d)}–${v.hi.toFixed(d)})`;
    }
    return r;
  });
  return reportTable(options.title ?? "Kaplan–Meier estimates", rows, {
    columns: [
      { key: "group", label: "Group" },
      { key: "n", label: "n" },
      { key: "events", label: "Events" },
      { key: "median", label: `Median, ${unit} (${pct}% CI)` },
      ...lm.map((t) => ({ key: `s_${t}`, label: `S(${t}) (${pct}% CI)` })),
    ],
    notes: [
      `Kaplan–Meier estimates; Greenwood SE; pointwise ${pct}% CI on the ${
        first?.confType ?? "log-log"
      } scale; median CI from the confidence curves (survival::quantile.survfit).`,
    ],
  });
}
