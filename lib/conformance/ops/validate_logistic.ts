/** Conformance op `validate_logistic`: rms::validate.lrm with explicit resamples → lib/eval/validate.ts. */
import type { ResolvedCase } from "../case.ts";
import type { PredictorSpec } from "../../models/design.ts";
import { logisticRecipe } from "../../eval/recipe.ts";
import { validate } from "../../eval/validate.ts";
import { caseResamples } from "../case_resamples.ts";
import { validateCaseResult } from "./validate_cox.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as { outcome: string; predictors: PredictorSpec[]; emax_grid_step?: number };
  const data = c.table("data").columns as Record<string, string[]>;
  const v = validate(logisticRecipe({ outcome: p.outcome, predictors: p.predictors }), data, {
    resamples: caseResamples(c),
    emaxGridStep: p.emax_grid_step,
  });
  return validateCaseResult(v);
}
