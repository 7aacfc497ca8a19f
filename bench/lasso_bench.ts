/**
 * `deno bench -A bench/lasso_bench.ts`
 *
 * Speed of the radiomics selection on data of the study's size, the same data the R anchors of
 * bench/r_compare.ts use (bench/workloads/lasso_data.ts: 215 patients × 2,553 twin features, z-scored,
 * ≈ 16 % events, 10 fixed stratified folds):
 * - LASSO logistic path, 100 λ (λ_min = 0.01·λ_max), full data (anchor: glmnet), with the default
 *   solver (glmnet's algorithm; also for the CV) and with `solver: "exact"`;
 * - 10-fold CV of that path with the fixed foldid, cv.glmnet's procedure (own λ grid per fold,
 *   interpolated at the full-data λ; anchor: cv.glmnet), and the "full" procedure for comparison;
 * - the whole selection step (z-score → SMOTE → mRMR 20 → LASSO 10-fold CV), paper and correct order.
 * For the side-by-side ratio with R run `deno task bench-r`.
 */
import { lassoPath } from "../lib/models/lasso.ts";
import { cvLassoPath } from "../lib/models/lasso_cv.ts";
import { SelectionPipeline } from "../lib/models/selection_pipeline.ts";
import { synthFeatures } from "../studies/bi2025/twin/mod.ts";
import { createRng } from "../lib/random/rng.ts";
import { lassoData } from "./workloads/lasso_data.ts";

const { X: Z, y, foldid, names } = lassoData();
const n = Z.length;
// Raw (not z-scored) features of the same patients for the selection step, which z-scores itself.
const rng = createRng(20250411);
const latent = Array.from(
  { length: n },
  (_, i) => ({ id: `P${i + 1}`, latent: [rng.normal(), rng.normal(), rng.normal()] }),
);
const X = synthFeatures(latent, { seed: 20250411 }).values;

Deno.bench(
  { name: `LASSO path, exact solver, 100 lambdas, ${n} x ${names.length}`, group: "lasso", n: 3, warmup: 1 },
  () => {
    lassoPath(Z, y, { nlambda: 100, lambdaMinRatio: 0.01, solver: "exact" });
  },
);

Deno.bench(
  {
    name: `LASSO path, glmnet solver (default), 100 lambdas, ${n} x ${names.length}`,
    group: "lasso",
    n: 3,
    warmup: 1,
  },
  () => {
    lassoPath(Z, y, { nlambda: 100, lambdaMinRatio: 0.01 });
  },
);

Deno.bench(
  {
    name: `LASSO 10-fold CV (fixed foldid), glmnet solver (default), 100 lambdas, ${n} x ${names.length}`,
    group: "lasso",
    n: 2,
    warmup: 0,
  },
  () => {
    cvLassoPath(Z, y, { foldid, nlambda: 100, lambdaMinRatio: 0.01 });
  },
);

for (const foldLambda of ["fold", "full"] as const) {
  Deno.bench(
    {
      name:
        `LASSO 10-fold CV (fixed foldid), exact solver, 100 lambdas, ${n} x ${names.length}, foldLambda ${foldLambda}`,
      group: "lasso",
      n: 2,
      warmup: 0,
    },
    () => {
      cvLassoPath(Z, y, { foldid, nlambda: 100, lambdaMinRatio: 0.01, foldLambda, solver: "exact" });
    },
  );
}

for (const order of ["paper", "correct"] as const) {
  Deno.bench({
    name: `selection step (z-score, SMOTE, mRMR 20, LASSO 10-fold CV), ${order} order`,
    group: "selection",
    n: 2,
    warmup: 0,
  }, () => {
    new SelectionPipeline({ order, seed: 1 }).fit(X, y, names);
  });
}
