/**
 * `deno bench -A bench/lasso_bench.ts`
 *
 * Speed of the radiomics selection on data of the study's size: 215 training patients × 2,553 twin
 * features (lib/features/synth_features.ts, seed 20250411; outcome drawn from the latent variables,
 * ≈ 15 % events).
 * - LASSO logistic path, 100 λ (λ_min = 0.01·λ_max), full data;
 * - 10-fold CV of that path (11 path fits);
 * - the whole selection step (z-score → SMOTE → mRMR 20 → LASSO 10-fold CV), paper and correct order.
 */
import { synthFeatures } from "../lib/features/synth_features.ts";
import { lassoPath } from "../lib/models/lasso.ts";
import { cvLassoPath } from "../lib/models/lasso_cv.ts";
import { SelectionPipeline } from "../lib/models/selection_pipeline.ts";
import { ZScore } from "../lib/models/zscore.ts";
import { createRng } from "../lib/random/rng.ts";

const rng = createRng(20250411);
const n = 215;
const latent = Array.from(
  { length: n },
  (_, i) => ({ id: `P${i + 1}`, latent: [rng.normal(), rng.normal(), rng.normal()] }),
);
const y = latent.map((
  r,
) => (rng.uniform() < 1 / (1 + Math.exp(-(-2.1 + 0.9 * r.latent[0] + 0.7 * r.latent[1] - 0.5 * r.latent[2])))
  ? 1
  : 0)
);
const tw = synthFeatures(latent, { seed: 20250411 });
const X = tw.values;
const Z = new ZScore().fit(X).transform(X);
const names = tw.names;

Deno.bench(
  { name: `LASSO path, 100 lambdas, ${n} x ${names.length}`, group: "lasso", n: 3, warmup: 1 },
  () => {
    lassoPath(Z, y, { nlambda: 100, lambdaMinRatio: 0.01, stopEarly: false });
  },
);

Deno.bench(
  { name: `LASSO 10-fold CV, 100 lambdas, ${n} x ${names.length}`, group: "lasso", n: 2, warmup: 0 },
  () => {
    cvLassoPath(Z, y, { nfolds: 10, seed: 1, nlambda: 100, lambdaMinRatio: 0.01, stopEarly: false });
  },
);

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
