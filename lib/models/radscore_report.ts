/**
 * Tables for notebook 03: the number of features left at each selection step, and the Radscore by
 * outcome in the training and test sets (median and IQR per group, Wilcoxon rank-sum p, AUC with
 * DeLong 95% CI) — the comparison the paper shows for its radiomics signature.
 */
import { type ReportTable, reportTable } from "../report/table.ts";
import { wilcoxonRankSum } from "../stats/wilcoxon.ts";
import { formatP } from "../stats/format.ts";
import { quantile } from "../stats/quantile.ts";
import { delongAuc } from "../stats/delong.ts";
import type { FittedSelection } from "./selection_pipeline.ts";
import type { Vec } from "./matrix_types.ts";

/** Features left after each step, from the extracted set through ICC screening to LASSO. */
export function selectionStepsTable(
  fit: FittedSelection,
  screening?: { extracted: number; kept: number; threshold: number },
): ReportTable {
  const c = fit.counts_;
  const rows: Record<string, string | number>[] = [];
  if (screening) {
    rows.push({
      step: "Extracted (3 phases × original + 8 wavelet bands)",
      features: screening.extracted,
      rows: "",
    });
    rows.push({
      step: `ICC screening (intra and inter ≥ ${screening.threshold})`,
      features: screening.kept,
      rows: "",
    });
  }
  rows.push({
    step: "z-score (training mean and SD)",
    features: c.features,
    rows: `${c.nTrain} (${c.nEvents} events)`,
  });
  rows.push({
    step: "SMOTE (k = 5, minority to 1:1)",
    features: c.features,
    rows: `${c.nAfterSmote} (${c.nSynthetic} synthetic)`,
  });
  rows.push({ step: "mRMR", features: c.afterMrmr, rows: c.nAfterSmote });
  rows.push({
    step: `LASSO (${fit.lasso_.cv_.foldValues.length}-fold CV, ${fit.lasso_.cv_.typeMeasure}, λ = ${
      fit.lasso_.lambda_.toPrecision(4)
    }; ${fit.order_} order)`,
    features: c.afterLasso,
    rows: fit.order_ === "paper" ? c.nAfterSmote : c.nTrain,
  });
  return reportTable("Radiomics feature selection: features left at each step", rows, {
    columns: [{ key: "step", label: "Step" }, { key: "features", label: "Features" }, {
      key: "rows",
      label: "Training rows",
    }],
    notes: ["All steps are fitted on the training set only; test patients meet the fitted objects."],
  });
}

/** Radscore by outcome in each set: median (Q1, Q3) per group, Wilcoxon p, AUC (DeLong 95% CI). */
export function radscoreByOutcomeTable(
  sets: Readonly<Record<string, { readonly y: Vec; readonly radscore: Vec }>>,
  options: { labels?: readonly [string, string]; digits?: number } = {},
): ReportTable {
  const [l0, l1] = options.labels ?? ["No event", "Event"];
  const d = options.digits ?? 3;
  const fmt = (v: readonly number[]) => {
    const [q1, med, q3] = quantile(v, [0.25, 0.5, 0.75]);
    return `${med.toFixed(d)} (${q1.toFixed(d)}, ${q3.toFixed(d)})`;
  };
  const rows = Object.entries(sets).map(([name, s]) => {
    const g0 = s.radscore.filter((_, i) => s.y[i] === 0);
    const g1 = s.radscore.filter((_, i) => s.y[i] === 1);
    const w = wilcoxonRankSum(g1, g0);
    const a = delongAuc(s.y, s.radscore);
    return {
      set: name,
      n0: g0.length,
      g0: fmt(g0),
      n1: g1.length,
      g1: fmt(g1),
      p: formatP(w.pValue),
      auc: `${a.auc.toFixed(3)} (${a.lower?.toFixed(3) ?? "NA"}–${a.upper?.toFixed(3) ?? "NA"})`,
    };
  });
  return reportTable("Radscore by outcome", rows, {
    columns: [
      { key: "set", label: "Set" },
      { key: "n0", label: `n (${l0})` },
      { key: "g0", label: `${l0}: median (Q1, Q3)` },
      { key: "n1", label: `n (${l1})` },
      { key: "g1", label: `${l1}: median (Q1, Q3)` },
      { key: "p", label: "Wilcoxon p" },
      { key: "auc", label: "AUC (95% CI, DeLong)" },
    ],
    notes: [
      `Quantiles type 7; Wilcoxon rank-sum test as R wilcox.test (normal approximation with ties); AUC of the Radscore (higher = ${l1.toLowerCase()}).`,
    ],
  });
}

/** Per-patient Radscore records for saveJson / other notebooks: `{id, [outcome]: y, radscore}` (outcome: the study's outcome column). */
export function radscoreRecords(
  set: { readonly ids: readonly string[]; readonly y: Vec },
  radscore: Vec,
  outcome: string,
): Record<string, string | number>[] {
  return set.ids.map((id, i) => ({ id, [outcome]: set.y[i], radscore: radscore[i] }));
}
