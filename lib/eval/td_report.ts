/**
 * Report tables of the time-dependent AUC and Brier score: one row per model and horizon, each interval
 * with its method, each estimand named in the notes, and missing horizons explained rather than NaN.
 */
import { checkInteger } from "../io/options.ts";
import { type ReportTable, reportTable } from "../report/table.ts";
import { TD_AUC_ESTIMAND, TD_BRIER_ESTIMAND, type TdComparison } from "./td_auc_brier.ts";

function ci(est: number | null, lo: number | null, hi: number | null, digits: number): string {
  if (est === null) return "not defined";
  if (lo === null || hi === null) return est.toFixed(digits);
  return `${est.toFixed(digits)} (${lo.toFixed(digits)}–${hi.toFixed(digits)})`;
}

/**
 * Horizons with fewer than `minCases` (default 5) cases (event by t) or controls (event-free beyond t):
 * indexes into `cmp.times`. Estimates there rest on a handful of subjects; the td figures draw them
 * hollow and the td table notes them, both stating the rule.
 */
export function sparseHorizons(
  cmp: Pick<TdComparison, "times" | "nCases" | "nControls">,
  minCases = 5,
): number[] {
  checkInteger("sparseHorizons", "minCases", minCases, 0);
  return cmp.times.flatMap((_, k) => (cmp.nCases[k] < minCases || cmp.nControls[k] < minCases ? [k] : []));
}

/**
 * Table: model, time, cases / controls / censored, AUC (95% CI), Brier (95% CI), note. Horizons with
 * fewer than `minCases` (default 5; 0: none) cases or controls are noted as unstable.
 */
export function tdTable(
  cmp: TdComparison,
  options: { title?: string; digits?: number; timeUnit?: string; minCases?: number } = {},
): ReportTable {
  const d = options.digits ?? 3;
  const minCases = options.minCases ?? 5;
  const sparse = new Set(sparseHorizons(cmp, minCases));
  const unit = options.timeUnit ? ` (${options.timeUnit})` : "";
  const pct = Math.round(cmp.confLevel * 100);
  const rows: Record<string, string | number | null>[] = [];
  const entries: [
    string,
    { auc?: TdComparison["models"][string]["auc"]; brier: TdComparison["models"][string]["brier"] },
  ][] = [
    ...Object.entries(cmp.models),
    ["Null model (Kaplan–Meier)", { brier: cmp.nullBrier }],
  ];
  for (const [name, m] of entries) {
    cmp.times.forEach((t, k) => {
      const notes = [
        m.auc?.message[k],
        m.brier.message[k],
        sparse.has(k) ? `fewer than ${minCases} cases or controls: estimate unstable` : "",
      ].filter((x) => x);
      rows.push({
        model: name,
        time: t,
        n_cases: cmp.nCases[k],
        n_controls: cmp.nControls[k],
        n_censored: cmp.nCensored[k],
        auc: m.auc ? ci(m.auc.estimate[k], m.auc.lower[k], m.auc.upper[k], d) : "—",
        brier: ci(m.brier.estimate[k], m.brier.lower[k], m.brier.upper[k], d),
        note: [...new Set(notes)].join("; "),
      });
    });
  }
  return reportTable(options.title ?? "Time-dependent AUC and Brier score", rows, {
    columns: [
      { key: "model", label: "Model" },
      { key: "time", label: `Time${unit}` },
      { key: "n_cases", label: "Cases (event by t)" },
      { key: "n_controls", label: "Controls (event-free beyond t)" },
      { key: "n_censored", label: "Censored by t" },
      { key: "auc", label: `AUC (${pct}% CI)` },
      { key: "brier", label: `Brier score (${pct}% CI)` },
      { key: "note", label: "Note" },
    ],
    notes: [
      `AUC: ${TD_AUC_ESTIMAND}.`,
      `Brier score: ${TD_BRIER_ESTIMAND}; null model predicts the marginal Kaplan–Meier risk.`,
      `${cmp.method}.`,
      `n = ${cmp.n}.`,
      ...(minCases > 0
        ? [
          `Horizons with fewer than ${minCases} cases or controls are noted as unstable (hollow points in the figures).`,
        ]
        : []),
    ],
  });
}

/** Table of model contrasts (ΔAUC, ΔBrier) per horizon with CI and p. */
export function tdContrastTable(
  cmp: TdComparison,
  options: { title?: string; digits?: number } = {},
): ReportTable {
  const d = options.digits ?? 3;
  const pct = Math.round(cmp.confLevel * 100);
  const rows = cmp.contrasts.flatMap((c) =>
    cmp.times.map((t, k) => ({
      metric: c.metric === "auc" ? "ΔAUC" : "ΔBrier",
      comparison: `${c.model} − ${c.reference}`,
      time: t,
      delta: ci(c.delta[k], c.lower[k], c.upper[k], d),
      p: c.pValue[k] === null ? "—" : c.pValue[k]! < 0.001 ? "<0.001" : c.pValue[k]!.toFixed(3),
    }))
  );
  return reportTable(
    options.title ?? "Differences between models in time-dependent AUC and Brier score",
    rows,
    {
      columns: [
        { key: "metric", label: "Metric" },
        { key: "comparison", label: "Comparison" },
        { key: "time", label: "Time" },
        { key: "delta", label: `Difference (${pct}% CI)` },
        { key: "p", label: "p" },
      ],
      notes: [cmp.contrasts[0]?.method ?? "no contrasts (one model)", `n = ${cmp.n}.`],
    },
  );
}
