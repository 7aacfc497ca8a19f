/** Conformance op `lasso_path`: glmnet binomial LASSO path (lib/models/lasso.ts). */
import type { ResolvedCase } from "../case.ts";
import { lassoPath } from "../../models/lasso.ts";
import { fixtureXy } from "./lasso_cv.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const P = c.params;
  if ((P.family ?? "binomial") !== "binomial" || (P.alpha ?? 1) !== 1) {
    throw new Error(`lasso_path: only family binomial, alpha 1`);
  }
  const { X, y, features } = fixtureXy(c);
  const path = lassoPath(X, y, {
    lambda: P.lambda as number[] | undefined,
    nlambda: P.nlambda as number | undefined,
    lambdaMinRatio: P.lambda_min_ratio as number | undefined,
    standardize: (P.standardize as boolean | undefined) ?? true,
    intercept: (P.intercept as boolean | undefined) ?? true,
    names: features,
    // The fixture reports the exact optimum at every λ (its source: glmnet at thresh = 1e-14 plus a
    // Newton polish), not glmnet's default stopping point, so not the default "glmnet" solver.
    solver: "exact",
  });
  return {
    lambda_max: path.lambdaMax,
    lambda: path.lambda,
    intercept: path.a0,
    coefficients: Object.fromEntries(features.map((f, j) => [f, path.beta.map((b) => b[j])])),
    df: path.df,
    null_deviance: path.nullDeviance,
    dev_ratio: path.devRatio,
  };
}
