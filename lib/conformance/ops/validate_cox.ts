/** Conformance op `validate_cox`: rms::validate.cph with explicit resamples → lib/eval/validate.ts. */
import type { ResolvedCase } from "../case.ts";
import type { PredictorSpec } from "../../models/design.ts";
import { coxRecipe } from "../../eval/recipe.ts";
import { validate, type ValidateResult } from "../../eval/validate.ts";
import { coxPartialLogLik } from "../../models/cox.ts";
import { caseResamples } from "../case_resamples.ts";
import { createRng } from "../../random/rng.ts";

/** The fields shared by the validate ops' expected values. */
export function validateCaseResult(v: ValidateResult): Record<string, unknown> {
  return {
    n: v.n,
    n_events: v.nEvents,
    n_resamples: v.nResamples,
    n_successful: v.nSuccessful,
    terms: v.terms,
    coefficients: v.coefficients,
    index: v.index,
    per_resample: v.perResample,
  };
}

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as {
    time: string;
    status: string;
    covariates: PredictorSpec[];
    ties?: "efron" | "breslow";
  };
  const data = c.table("data").columns as Record<string, string[]>;
  const recipe = coxRecipe({ time: p.time, status: p.status, covariates: p.covariates, ties: p.ties });
  const v = validate(recipe, data, { resamples: caseResamples(c) });
  const resp = recipe.response(data);
  if (resp.kind !== "survival") throw new Error("validate_cox: not a survival response");
  const all = Array.from({ length: v.n }, (_, i) => i);
  const lp = recipe.fit(data, all, { resample: 0, rng: createRng(1) }).lp(all);
  return {
    ...validateCaseResult(v),
    loglik_null: coxPartialLogLik(resp.time, resp.status, lp.map(() => 0), p.ties),
    loglik: coxPartialLogLik(resp.time, resp.status, lp, p.ties),
  };
}
