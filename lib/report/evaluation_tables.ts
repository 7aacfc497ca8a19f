/**
 * Supplementary tables of a model evaluation (`lib/eval/metrics_summary.ts`), beside Table 3:
 * discrimination details (AUC with DeLong and bootstrap intervals, Youden cut-off with sensitivity and
 * specificity, scaled Brier) and the paired DeLong comparisons of the models on each set.
 * Every interval's method is in the notes; undefined values show as "NA" with the reason, never NaN.
 */
import type { Evaluation, Interval } from "../eval/metrics_summary.ts";
import { type Cell, type ReportTable, reportTable } from "./table.ts";

function ci(i: Interval | null, digits: number): string {
  return i && i.lower !== null && i.upper !== null
    ? `${i.lower.toFixed(digits)}–${i.upper.toFixed(digits)}`
    : "NA";
}

function pText(p: number): string {
  return p < 0.001 ? "<0.001" : p.toFixed(3);
}

/** Options of the supplementary tables. */
export interface EvaluationTableOptions {
  /** Decimals (default 3). */
  readonly digits?: number;
  readonly title?: string;
}

/**
 * Discrimination and accuracy per model and set: AUC (DeLong CI, bootstrap CI), Youden-optimal
 * threshold(s) with sensitivity and specificity (ties listed), Brier, scaled Brier (bootstrap CI).
 */
export function discriminationTable(e: Evaluation, options: EvaluationTableOptions = {}): ReportTable {
  const d = options.digits ?? 3;
  const ordered = e.models.flatMap((m) =>
    e.sets.flatMap((s) => e.results.filter((r) => r.model === m && r.set === s))
  );
  const rows = ordered.map((r): Record<string, Cell> => ({
    model: r.label,
    set: r.set,
    n: `${r.n} (${r.nEvents})`,
    auc: r.auc.estimate,
    auc_delong: ci(r.auc, d),
    auc_boot: ci(r.aucBootstrap, d),
    youden: r.youden.length ? r.youden.map((c) => c.threshold.toFixed(d)).join("; ") : "NA",
    sens: r.youden.length ? r.youden.map((c) => c.sensitivity.toFixed(d)).join("; ") : "NA",
    spec: r.youden.length ? r.youden.map((c) => c.specificity.toFixed(d)).join("; ") : "NA",
    brier: r.brier.estimate,
    scaled: r.scaledBrier.estimate,
    scaled_ci: ci(r.scaledBrier, d),
  }));
  const first = ordered[0];
  const notes = [
    `AUC CI: ${first?.auc.method ?? "DeLong"}; bootstrap AUC CI: ${
      first?.aucBootstrap?.method ?? "not computed"
    }; scaled Brier CI: ${first?.scaledBrier.method ?? ""}.`,
    'Youden threshold: predicted risk maximising sensitivity + specificity over the midpoints between distinct predictions (pROC coords, best.method = "youden"); tied optima separated by ";". A threshold chosen on a set is optimistic on that same set.',
  ];
  for (const r of ordered) for (const w of r.warnings) notes.push(`${r.label}, ${r.set}: ${w}.`);
  return reportTable(options.title ?? "Discrimination and accuracy of the models", rows, {
    columns: [
      { key: "model", label: "Model" },
      { key: "set", label: "Set" },
      { key: "n", label: "n (events)" },
      { key: "auc", label: "AUC", digits: d },
      { key: "auc_delong", label: "95% CI (DeLong)" },
      { key: "auc_boot", label: "95% CI (bootstrap)" },
      { key: "youden", label: "Youden threshold" },
      { key: "sens", label: "Sensitivity" },
      { key: "spec", label: "Specificity" },
      { key: "brier", label: "Brier", digits: d },
      { key: "scaled", label: "Scaled Brier", digits: d },
      { key: "scaled_ci", label: "Scaled Brier 95% CI" },
    ],
    notes,
  });
}

/** Paired DeLong comparisons of every pair of models on each set. */
export function aucComparisonTable(e: Evaluation, options: EvaluationTableOptions = {}): ReportTable {
  const d = options.digits ?? 3;
  const rows = e.comparisons.map((c): Record<string, Cell> => ({
    set: c.set,
    comparison: `${e.labels[c.model1] ?? c.model1} vs ${e.labels[c.model2] ?? c.model2}`,
    auc1: c.test.auc1,
    auc2: c.test.auc2,
    diff: c.test.difference,
    ci: `${c.test.confInt[0].toFixed(d)} to ${c.test.confInt[1].toFixed(d)}`,
    z: c.test.statistic,
    p: pText(c.test.pValue),
  }));
  const lvl = `${Number((e.settings.confLevel * 100).toFixed(2))}%`;
  return reportTable(options.title ?? "Paired comparison of AUCs (DeLong)", rows, {
    columns: [
      { key: "set", label: "Set" },
      { key: "comparison", label: "Comparison" },
      { key: "auc1", label: "AUC 1", digits: d },
      { key: "auc2", label: "AUC 2", digits: d },
      { key: "diff", label: "Difference", digits: d },
      { key: "ci", label: `${lvl} CI of difference` },
      { key: "z", label: "Z", digits: 2 },
      { key: "p", label: "p" },
    ],
    notes: [
      `${
        e.comparisons[0]?.test.method ?? "DeLong test for two correlated ROC curves (paired)"
      }: Z = (AUC1 − AUC2)/√(var1 + var2 − 2·cov) from DeLong placement values; ${lvl} CI = difference ± z·SE (pROC roc.test, method = "delong", paired = TRUE). p-values not adjusted for multiple comparisons.`,
    ],
  });
}

/**
 * Net benefit at selected threshold probabilities (default 0.1 … 0.5) for every model of a set, with
 * treat-all and the net reduction in interventions per 100 patients,
 * (NB_model − NB_all) / (pt / (1 − pt)) · 100 (Vickers et al. 2019). Thresholds must be on the
 * evaluation's decision-curve grid.
 */
export function netBenefitTable(
  e: Evaluation,
  set: string,
  options: EvaluationTableOptions & { thresholds?: readonly number[] } = {},
): ReportTable {
  const d = options.digits ?? 3;
  const ts = options.thresholds ?? [0.1, 0.2, 0.3, 0.4, 0.5];
  const res = e.results.filter((r) => r.set === set);
  if (res.length === 0) {
    throw new Error(`netBenefitTable: no results on set "${set}" (sets: ${e.sets.join(", ")})`);
  }
  const rows: Record<string, Cell>[] = [];
  for (const t of ts) {
    for (const r of res) {
      const k = r.dca.threshold.findIndex((x) => Math.abs(x - t) < 1e-12);
      if (k < 0) {
        throw new Error(
          `netBenefitTable: option "thresholds": ${t} is not on the decision-curve grid of model "${r.model}"`,
        );
      }
      const nb = r.dca.netBenefit.model[k], all = r.dca.netBenefit.treatAll[k];
      rows.push({
        threshold: t,
        model: r.label,
        nb,
        treat_all: all,
        avoided: t > 0 ? ((nb - all) / (t / (1 - t))) * 100 : null,
      });
    }
  }
  return reportTable(options.title ?? `Net benefit at selected thresholds, ${set} set`, rows, {
    columns: [
      { key: "threshold", label: "Threshold", digits: 2 },
      { key: "model", label: "Model" },
      { key: "nb", label: "Net benefit (model)", digits: d },
      { key: "treat_all", label: "Net benefit (treat all)", digits: d },
      { key: "avoided", label: "Interventions avoided per 100", digits: 1 },
    ],
    notes: [
      "Treat when predicted risk ≥ threshold pt; net benefit = TP/n − FP/n · pt/(1 − pt); treat none = 0 (Vickers & Elkin 2006).",
      "Interventions avoided per 100 = (NB_model − NB_treat-all) / (pt/(1 − pt)) · 100.",
    ],
  });
}
