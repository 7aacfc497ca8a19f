/** Conformance op "logistic": adapts a fixture to LogisticRegression (lib/models/logistic.ts). */
import type { ResolvedCase } from "../case.ts";
import { LogisticRegression } from "../../models/logistic.ts";
import type { PredictorSpec } from "../../models/design.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const t = c.table();
  const p = c.params as { outcome: string; predictors: PredictorSpec[]; conf_level?: number };
  const fit = new LogisticRegression({
    outcome: p.outcome,
    predictors: p.predictors,
    confLevel: p.conf_level ?? 0.95,
    source: c.id,
  })
    .fit(t.columns as Record<string, string[]>);
  return {
    n: fit.n_,
    n_events: fit.nEvents_,
    terms: fit.terms_,
    coefficients: fit.coefficients_.map((r) => ({
      term: r.term,
      estimate: r.estimate,
      se: r.se,
      z: r.z,
      p_value: r.pValue,
      odds_ratio: r.oddsRatio,
      or_wald_lower: r.orWaldLower,
      or_wald_upper: r.orWaldUpper,
      or_profile_lower: r.orProfileLower,
      or_profile_upper: r.orProfileUpper,
    })),
    deviance: fit.deviance_,
    null_deviance: fit.nullDeviance_,
    df_residual: fit.dfResidual_,
    df_null: fit.dfNull_,
    loglik: fit.logLik_,
    aic: fit.aic_,
  };
}
