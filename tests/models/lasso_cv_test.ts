import { assert, assertClose, assertEquals, assertThrows, sharedDir, sharedExists } from "../assert.ts";
import { aucMannWhitney, cvLassoPath, LassoCV } from "../../lib/models/lasso_cv.ts";
import { checkFoldid, stratifiedFolds } from "../../lib/models/cv_folds.ts";
import { createRng } from "../../lib/random/rng.ts";
import { numberColumn, readCsvSync } from "../../lib/data/csv.ts";
import { join } from "node:path";

function problem(n: number, p: number, seed: number) {
  const rng = createRng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
  const y = X.map((r) => (rng.uniform() < 1 / (1 + Math.exp(-(-1.5 + r[0] - r[1]))) ? 1 : 0));
  return { X, y };
}

Deno.test("aucMannWhitney counts ties as one half (hand case)", () => {
  // pairs (case, control): (3 vs 1) 1, (3 vs 3) .5, (2 vs 1) 1, (2 vs 3) 0 → 2.5/4
  assertClose(aucMannWhitney([1, 1, 0, 0], [3, 2, 1, 3]), 0.625, { abs: 1e-15 });
  assert(Number.isNaN(aucMannWhitney([1, 1], [1, 2])), "one class gives NaN");
});

Deno.test("stratifiedFolds balances each class across folds and is reproducible from the seed", () => {
  const y = Array.from({ length: 53 }, (_, i) => (i % 5 === 0 ? 1 : 0));
  const f1 = stratifiedFolds(y, 5, createRng(42));
  assertEquals(f1, stratifiedFolds(y, 5, createRng(42)));
  for (const c of [0, 1]) {
    const counts = [1, 2, 3, 4, 5].map((f) => f1.filter((v, i) => v === f && y[i] === c).length);
    assert(Math.max(...counts) - Math.min(...counts) <= 1, `class ${c} counts ${counts}`);
  }
  assertEquals(checkFoldid(f1, 53), 5);
  assertThrows(() => checkFoldid([1, 1, 3], 3), /fold 2 of 1..3 is empty/);
});

Deno.test("cvLassoPath: lambda_1se >= lambda_min and cvup - cvm = cvsd", () => {
  const { X, y } = problem(150, 8, 21);
  const r = cvLassoPath(X, y, { nfolds: 5, rng: createRng(3), nlambda: 20, lambdaMinRatio: 0.02 });
  assert(r.lambda1se >= r.lambdaMin, "1se rule picks a larger lambda");
  r.cvm.forEach((m, k) => assertClose(r.cvup[k] - m, r.cvsd[k], { abs: 1e-15, rel: 1e-12 }));
  assertEquals(r.nzero, r.path.df);
  const best = Math.min(...r.cvm);
  assertEquals(r.cvm[r.indexMin], best);
});

Deno.test("cvLassoPath: same seed, same folds and curve; foldTrain sees only training rows", () => {
  const { X, y } = problem(100, 5, 8);
  // "full": folds refitted on the full-data lambda, the same as passing that lambda explicitly (c).
  const a = cvLassoPath(X, y, {
    nfolds: 4,
    rng: createRng(9),
    nlambda: 10,
    lambdaMinRatio: 0.05,
    foldLambda: "full",
  });
  const b = cvLassoPath(X, y, {
    nfolds: 4,
    rng: createRng(9),
    nlambda: 10,
    lambdaMinRatio: 0.05,
    foldLambda: "full",
  });
  assertEquals(a.cvm, b.cvm);
  const seen: number[] = [];
  const c = cvLassoPath(X, y, {
    foldid: a.foldid,
    lambda: a.lambda,
    foldTrain: (Xf, yf, fold) => {
      if (fold === 0) return { X: Xf, y: yf };
      seen.push(Xf.length);
      assertEquals(Xf.length, a.foldid.filter((f) => f !== fold).length);
      return { X: Xf, y: yf };
    },
  });
  assertEquals(seen.length, 4);
  assertClose(c.cvm, a.cvm, { rel: 1e-12 });
});

Deno.test("FittedLassoCV selects lambda.min or lambda.1se and predicts with its coefficients", () => {
  const { X, y } = problem(120, 6, 2);
  const fmin = new LassoCV({ nfolds: 5, rng: createRng(1), nlambda: 15, lambdaMinRatio: 0.02 }).fit(X, y);
  const f1se = new LassoCV({
    nfolds: 5,
    rng: createRng(1),
    nlambda: 15,
    lambdaMinRatio: 0.02,
    select: "lambda.1se",
  })
    .fit(X, y);
  assertEquals(fmin.lambda_, fmin.cv_.lambdaMin);
  assertEquals(f1se.lambda_, f1se.cv_.lambda1se);
  const eta = fmin.decisionFunction([X[0]]);
  assertClose(eta[0], fmin.intercept_ + X[0].reduce((s, v, j) => s + v * fmin.coef_[j], 0), { rel: 1e-13 });
  assertThrows(() => new LassoCV({ select: "min" as "lambda.min" }), /option "select"/);
});

for (const id of ["lasso_cv-synthA-deviance", "lasso_cv-synthA-auc"]) {
  Deno.test({
    name:
      `cvLassoPath solver 'exact' matches cv.glmnet (thresh 1e-14) on fixture ${id} (cvm/cvsd rel 1e-4, lambdas exact)`,
    ignore: !sharedExists,
    fn() {
      const c = JSON.parse(Deno.readTextFileSync(join(sharedDir, "fixtures", `${id}.json`)));
      const t = readCsvSync(join(sharedDir, "fixtures", c.data.csv));
      const cols = (c.params.features as string[]).map((f) => numberColumn(t, f));
      const X = cols[0].map((_, i) => cols.map((v) => v[i]));
      const r = cvLassoPath(X, numberColumn(t, "y"), {
        lambda: c.params.lambda,
        foldid: c.params.foldid,
        typeMeasure: c.params.type_measure,
        solver: "exact", // the fixture is cv.glmnet at thresh 1e-14
      });
      assertClose(r.cvm, c.expected.cvm, { abs: 1e-6, rel: 1e-4 });
      assertClose(r.cvsd, c.expected.cvsd, { abs: 1e-6, rel: 1e-4 });
      assertEquals(r.nzero, c.expected.nzero);
      assertEquals(r.lambdaMin, c.expected.lambda_min);
      assertEquals(r.lambda1se, c.expected.lambda_1se);
    },
  });
}

Deno.test("cvLassoPath follows cv.glmnet: own lambda grid per fold by default, 'full' = fitted on the full-data lambda (R fixture, solver 'exact')", () => {
  // tests/models/fixtures/lasso_cv_fold_grid.R (R 4.2.2, glmnet 4.1.6, thresh 1e-14); our own data.
  const c = JSON.parse(Deno.readTextFileSync(new URL("./fixtures/lasso_cv_fold_grid.json", import.meta.url)));
  const opts = {
    foldid: c.foldid,
    nlambda: c.nlambda,
    lambdaMinRatio: c.lambda_min_ratio,
    solver: "exact" as const,
  };
  const fold = cvLassoPath(c.X, c.y, opts);
  const full = cvLassoPath(c.X, c.y, { ...opts, foldLambda: "full" });
  assertEquals(fold.foldLambda, "fold");
  assertClose(fold.lambda, c.lambda, { rel: 1e-12 });
  assertEquals(fold.nzero, c.nzero);
  for (const [ours, ref] of [[fold, c.fold], [full, c.full]] as const) {
    // glmnet at thresh 1e-14 is ~3e-7 (relative) from the exact curve at the smallest lambda.
    assertClose(ours.cvm, ref.cvm, { abs: 1e-9, rel: 2e-6 });
    assertClose(ours.cvsd, ref.cvsd, { abs: 1e-9, rel: 2e-6 });
    assertClose(ours.lambdaMin, ref.lambda_min, { rel: 1e-12 });
    assertClose(ours.lambda1se, ref.lambda_1se, { rel: 1e-12 });
  }
  // The two procedures really differ on this data (by far more than the tolerance above).
  assert(c.max_rel_diff_fold_vs_full > 1e-3, "fixture separates the procedures");
  assertThrows(() => cvLassoPath(c.X, c.y, { ...opts, foldLambda: "own" as "fold" }), /option "foldLambda"/);
});

Deno.test("cvLassoPath's default solver 'glmnet' gives cv.glmnet's curve at its thresh (R fixture) and exact coefficients at lambda.min/1se", () => {
  // tests/models/fixtures/lasso_cv_fold_grid.R: fold_default = cv.glmnet at thresh 1e-7, fold = at 1e-14.
  // Same algorithm and stopping tests as glmnet, so the curves agree to rounding (rel 1e-9); the
  // two thresholds differ by far more (checked below).
  const c = JSON.parse(Deno.readTextFileSync(new URL("./fixtures/lasso_cv_fold_grid.json", import.meta.url)));
  const opts = { foldid: c.foldid, nlambda: c.nlambda, lambdaMinRatio: c.lambda_min_ratio };
  assertEquals(cvLassoPath(c.X, c.y, opts), cvLassoPath(c.X, c.y, { ...opts, solver: "glmnet" }));
  for (const [thresh, ref] of [[1e-7, c.fold_default], [1e-14, c.fold]] as const) {
    const r = cvLassoPath(c.X, c.y, { ...opts, thresh });
    assertClose(r.cvm, ref.cvm, { abs: 1e-12, rel: 1e-9 });
    assertClose(r.cvsd, ref.cvsd, { abs: 1e-12, rel: 1e-9 });
    assertClose(r.lambdaMin, ref.lambda_min, { rel: 1e-12 });
    assertClose(r.lambda1se, ref.lambda_1se, { rel: 1e-12 });
    const exact = cvLassoPath(c.X, c.y, { ...opts, solver: "exact" });
    for (const k of [r.indexMin, r.index1se]) {
      assertClose(r.path.beta[k], exact.path.beta[k], { abs: 1e-9 }, `lambda ${k}`);
      assertEquals(r.nzero[k], exact.nzero[k]);
    }
  }
  let gap = 0;
  c.fold.cvm.forEach((
    m: number,
    k: number,
  ) => (gap = Math.max(gap, Math.abs(m - c.fold_default.cvm[k]) / m)));
  assert(gap > 1e-5, `thresh 1e-7 and 1e-14 curves differ (${gap})`);
});

Deno.test("cvLassoPath solver 'exact': folds stopped at Newton steps < 1e-5 (default) give the tightly converged curve (cvm rel 1e-7, cvsd 1e-6)", () => {
  const { X, y } = problem(120, 60, 5);
  const opts = {
    foldid: stratifiedFolds(y, 5, createRng(4)),
    nlambda: 40,
    lambdaMinRatio: 0.01,
    solver: "exact" as const,
  };
  const loose = cvLassoPath(X, y, opts);
  const tight = cvLassoPath(X, y, { ...opts, newtonTol: 1e-11 });
  assertEquals(loose.lambda, tight.lambda);
  assert(Math.max(...tight.path.df) > 10, "a path with a sizeable active set");
  loose.cvm.forEach((m, k) => assertClose(m, tight.cvm[k], { rel: 1e-7 }));
  loose.cvsd.forEach((s, k) => assertClose(s, tight.cvsd[k], { rel: 1e-6 }));
  assertEquals([loose.indexMin, loose.index1se], [tight.indexMin, tight.index1se]);
  // The reported (full-data) path is the exact one either way.
  assertEquals(loose.path.beta, tight.path.beta);
});
