/** Conformance op `calibrate_logistic`: rms::calibrate for an lrm fit, explicit resamples → lib/eval/calibrate.ts. */
import type { ResolvedCase } from "../case.ts";
import type { PredictorSpec } from "../../models/design.ts";
import { logisticRecipe } from "../../eval/recipe.ts";
import { calibrate } from "../../eval/calibrate.ts";
import { caseResamples } from "../case_resamples.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as {
    outcome: string;
    predictors: PredictorSpec[];
    predy?: number[];
    smoother?: { f?: number };
  };
  const data = c.table("data").columns as Record<string, string[]>;
  const r = calibrate(logisticRecipe({ outcome: p.outcome, predictors: p.predictors }), data, {
    resamples: caseResamples(c),
    predy: p.predy,
    f: p.smoother?.f,
  });
  return {
    n: r.n,
    n_events: r.nEvents,
    n_resamples: r.nResamples,
    predy: r.predy,
    calibrated_orig: r.calibratedOrig,
    calibrated_corrected: r.calibratedCorrected,
    index_orig: r.indexOrig,
    train: r.train,
    test: r.test,
    optimism: r.optimism,
    index_corrected: r.indexCorrected,
    n_used: r.nUsed,
    mean_abs_error: r.meanAbsError,
    mean_squared_error: r.meanSquaredError,
    quantile_90_abs_error: r.quantile90AbsError,
    n_error: r.nError,
  };
}
