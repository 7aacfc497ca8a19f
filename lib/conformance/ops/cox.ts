/** Conformance op `cox`: Cox proportional hazards fit and prediction → lib/models/cox.ts. */
import type { ResolvedCase } from "../case.ts";
import { CoxPH } from "../../models/cox.ts";
import type { PredictorSpec, RowData } from "../../models/design.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as Record<string, unknown>;
  const t = c.table();
  const fit = new CoxPH({
    covariates: p.covariates as PredictorSpec[],
    time: String(p.time),
    status: String(p.status),
    ties: (p.ties ?? "efron") as "efron" | "breslow",
    confLevel: Number(p.conf_level ?? 0.95),
    source: c.file,
  }).fit(t.columns as Record<string, string[]>);
  const test = (x: { statistic: number; df: number; pValue: number }) => ({
    statistic: x.statistic,
    df: x.df,
    p_value: x.pValue,
  });
  const k = fit.concordance_;
  const out: Record<string, unknown> = {
    n: fit.n_,
    n_event: fit.nEvent_,
    coefficients: fit.coefficients().map((r) => ({
      term: r.term,
      coef: r.coef,
      se: r.se,
      hr: r.hr,
      hr_lower: r.hrLower,
      hr_upper: r.hrUpper,
      z: r.z,
      p_value: r.pValue,
    })),
    loglik_null: fit.loglikNull_,
    loglik: fit.loglik_,
    lr_test: test(fit.lrTest_),
    wald_test: test(fit.waldTest_),
    score_test: test(fit.scoreTest_),
    concordance: {
      concordant: k.concordant,
      discordant: k.discordant,
      tied_x: k.tiedX,
      tied_y: k.tiedY,
      tied_xy: k.tiedXY,
      c_index: k.cIndex,
      se: k.se,
    },
    baseline_cumhaz: fit.baselineCumhaz_,
  };
  const pred = p.predict as { times: number[]; newdata: RowData } | undefined;
  if (pred) {
    out.predict = {
      lp: fit.linearPredictor(pred.newdata),
      survival: fit.predictSurvival(pred.newdata, pred.times),
    };
  }
  return out;
}
