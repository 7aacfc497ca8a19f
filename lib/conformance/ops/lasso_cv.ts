/** Conformance op `lasso_cv`: cv.glmnet with given fold ids (lib/models/lasso_cv.ts). */
import type { ResolvedCase } from "../case.ts";
import { cvLassoPath } from "../../models/lasso_cv.ts";

/** Design matrix, outcome and feature names of a lasso fixture. */
export function fixtureXy(c: ResolvedCase): { X: number[][]; y: number[]; features: string[] } {
  const t = c.table();
  const features = c.params.features as string[];
  const cols = features.map((f) => t.num(f));
  const X = Array.from({ length: t.nrows }, (_, i) => cols.map((v) => v[i]));
  return { X, y: t.num(c.params.outcome as string), features };
}

export function run(c: ResolvedCase): Record<string, unknown> {
  const P = c.params;
  const { X, y, features } = fixtureXy(c);
  const r = cvLassoPath(X, y, {
    lambda: P.lambda as number[] | undefined,
    foldid: P.foldid as number[],
    typeMeasure: (P.type_measure as "deviance" | "auc" | undefined) ?? "deviance",
    devianceProbClip: (P.deviance_prob_clip as number | undefined) ?? 1e-5,
    standardize: (P.standardize as boolean | undefined) ?? true,
    intercept: (P.intercept as boolean | undefined) ?? true,
    names: features,
    // The fixture is cv.glmnet at thresh = 1e-14 (its source): fold fits and the full-data path
    // (nzero) at the optimum for every λ, the curve as thresh → 0, so not the default "glmnet"
    // solver (cv.glmnet's curve at thresh 1e-7).
    solver: "exact",
  });
  return {
    lambda: r.lambda,
    cvm: r.cvm,
    cvsd: r.cvsd,
    cvup: r.cvup,
    cvlo: r.cvlo,
    nzero: r.nzero,
    lambda_min: r.lambdaMin,
    lambda_1se: r.lambda1se,
  };
}
