/**
 * JSON form of an {@link Evaluation} for `saveJson`: plain objects and arrays only, infinite ROC
 * thresholds written as the strings "-Inf"/"Inf" (the fixture convention; `JSON.stringify` would
 * turn them into null), no NaN (undefined values are already null in an Evaluation).
 */
import type { Evaluation } from "./metrics_summary.ts";

function finite(v: number): number | string {
  return Number.isFinite(v) ? v : Number.isNaN(v) ? "NaN" : v > 0 ? "Inf" : "-Inf";
}

/** Plain-JSON copy of an evaluation; `curves: false` drops ROC and decision curves (default true). */
export function evaluationToJson(e: Evaluation, options: { curves?: boolean } = {}): Record<string, unknown> {
  const curves = options.curves ?? true;
  return {
    settings: e.settings,
    methods: e.methods,
    warnings: e.warnings,
    models: e.models,
    sets: e.sets,
    labels: e.labels,
    results: e.results.map((r) => ({
      model: r.model,
      label: r.label,
      set: r.set,
      n: r.n,
      n_events: r.nEvents,
      prevalence: r.prevalence,
      auc: r.auc,
      auc_bootstrap: r.aucBootstrap,
      brier: r.brier,
      brier_null: r.brierNull,
      scaled_brier: r.scaledBrier,
      youden: r.youden.map((c) => ({ ...c, threshold: finite(c.threshold) })),
      ...(curves
        ? {
          roc: r.roc
            ? {
              thresholds: r.roc.thresholds.map(finite),
              sensitivity: r.roc.sensitivity,
              specificity: r.roc.specificity,
            }
            : null,
          dca: { threshold: r.dca.threshold, net_benefit: r.dca.netBenefit, prevalence: r.dca.prevalence },
          dca_bands: r.dcaBands,
        }
        : {}),
    })),
    comparisons: e.comparisons.map((c) => ({
      set: c.set,
      model1: c.model1,
      model2: c.model2,
      ...c.test,
      statistic: finite(c.test.statistic),
    })),
  };
}
