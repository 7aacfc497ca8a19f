import { assert, assertClose, assertEquals, assertThrows, sharedDir, sharedExists } from "../assert.ts";
import { lambdaSequence, lassoLink, lassoPath, lassoPolish } from "../../lib/models/lasso.ts";
import { createRng } from "../../lib/random/rng.ts";
import { numberColumn, readCsvSync } from "../../lib/data/csv.ts";
import { join } from "node:path";

/** Small correlated logistic problem (seeded). */
function problem(n: number, p: number, seed: number) {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    const row = Array.from({ length: p }, (_, j) => (j % 3 === 0 ? z : 0) + rng.normal() * (1 + j / p) + j);
    X.push(row);
    const eta = -1 + 1.2 * z + 0.8 * (row[1] - 1) - 0.5 * (row[4] - 4);
    y.push(rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  return { X, y };
}

/** Standardised-scale KKT residual of a solution at λ (0 at the exact optimum). */
function kkt(X: number[][], y: number[], a0: number, b: readonly number[], lam: number): number {
  const n = X.length;
  const eta = X.map((r) => a0 + r.reduce((s, v, j) => s + v * b[j], 0));
  const res = eta.map((e, i) => y[i] - 1 / (1 + Math.exp(-e)));
  let worst = Math.abs(res.reduce((s, v) => s + v, 0) / n);
  for (let j = 0; j < b.length; j++) {
    const col = X.map((r) => r[j]);
    const m = col.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - m) ** 2, 0) / n);
    const g = col.reduce((s, v, i) => s + ((v - m) / sd) * res[i], 0) / n;
    const bs = b[j] * sd;
    worst = Math.max(worst, bs === 0 ? Math.max(0, Math.abs(g) - lam) : Math.abs(g - lam * Math.sign(bs)));
  }
  return worst;
}

Deno.test("lassoPath solver 'exact' satisfies the KKT conditions to 1e-9 at every lambda", () => {
  const { X, y } = problem(120, 12, 7);
  const path = lassoPath(X, y, { nlambda: 30, lambdaMinRatio: 0.01, solver: "exact" });
  path.lambda.forEach((lam, k) =>
    assert(kkt(X, y, path.a0[k], path.beta[k], lam) < 1e-9, `KKT at lambda ${k}`)
  );
});

Deno.test("lassoPath: every coefficient is zero at lambda_max and some enter just below it", () => {
  const { X, y } = problem(100, 8, 3);
  const path = lassoPath(X, y, { nlambda: 10, lambdaMinRatio: 0.05 });
  assertEquals(path.df[0], 0);
  assertClose(path.a0[0], Math.log(y.filter((v) => v === 1).length / y.filter((v) => v === 0).length), {
    rel: 1e-12,
  });
  assert(path.df[1] > 0, "a feature enters below lambda_max");
  assertClose(path.devRatio[0], 0, { abs: 1e-14 });
});

Deno.test("lassoPath solver 'exact': strong rules, CD-only and polished agree (abs 1e-8)", () => {
  const { X, y } = problem(90, 10, 11);
  const a = lassoPath(X, y, { nlambda: 15, lambdaMinRatio: 0.02, solver: "exact" });
  const b = lassoPath(X, y, {
    nlambda: 15,
    lambdaMinRatio: 0.02,
    solver: "exact",
    strongRules: false,
    polish: false,
  });
  a.beta.forEach((row, k) => assertClose(row, b.beta[k], { abs: 1e-8, rel: 1e-8 }, `lambda ${k}`));
});

Deno.test("lassoPath with standardize: rescaling a column rescales its coefficient inversely", () => {
  const { X, y } = problem(80, 6, 5);
  const X2 = X.map((r) => r.map((v, j) => (j === 2 ? v * 1000 : v)));
  const a = lassoPath(X, y, { nlambda: 8, lambdaMinRatio: 0.05 });
  const b = lassoPath(X2, y, { nlambda: 8, lambdaMinRatio: 0.05 });
  a.beta.forEach((row, k) => assertClose(b.beta[k][2] * 1000, row[2], { abs: 1e-9, rel: 1e-7 }));
});

Deno.test("lambdaSequence is geometric from lambda_max to ratio x lambda_max", () => {
  const s = lambdaSequence(2, 5, 0.01);
  assertClose(s, [2, 2 * 0.01 ** 0.25, 2 * 0.01 ** 0.5, 2 * 0.01 ** 0.75, 0.02], { rel: 1e-14 });
});

Deno.test("lassoPath rejects bad input naming the option or row", () => {
  assertThrows(() => lassoPath([[1], [2]], [0, 2]), /row 2: outcome must be 0 or 1/);
  assertThrows(() => lassoPath([[1], [2], [3]], [0, 1, 0], { lambda: [0.1, 0.2] }), /decreasing/);
  assertThrows(() => lassoPath([[1], [2]], [1, 1]), /both outcomes/);
});

Deno.test("lassoLink equals a0 + X b", () => {
  const { X, y } = problem(60, 6, 9);
  const path = lassoPath(X, y, { nlambda: 5, lambdaMinRatio: 0.1 });
  const eta = lassoLink(path, X.slice(0, 3), 4);
  eta.forEach((e, i) =>
    assertClose(e, path.a0[4] + X[i].reduce((s, v, j) => s + v * path.beta[4][j], 0), { rel: 1e-13 })
  );
});

for (const id of ["lasso_path-synthA-explicit", "lasso_path-synthA-generated-path"]) {
  Deno.test({
    name: `lassoPath solver 'exact' matches glmnet (exact optimum) on fixture ${id} (abs 1e-5 + rel 1e-4)`,
    ignore: !sharedExists,
    fn() {
      const c = JSON.parse(Deno.readTextFileSync(join(sharedDir, "fixtures", `${id}.json`)));
      const t = readCsvSync(join(sharedDir, "fixtures", c.data.csv));
      const cols = (c.params.features as string[]).map((f) => numberColumn(t, f));
      const X = cols[0].map((_, i) => cols.map((v) => v[i]));
      const path = lassoPath(X, numberColumn(t, "y"), {
        lambda: c.params.lambda,
        nlambda: c.params.nlambda,
        lambdaMinRatio: c.params.lambda_min_ratio,
        solver: "exact", // the fixture is the optimum at every λ (glmnet thresh 1e-14 + Newton polish)
      });
      assertClose(path.lambdaMax, c.expected.lambda_max, { rel: 1e-10 });
      assertClose(path.lambda, c.expected.lambda, { rel: 1e-10 });
      assertClose(path.a0, c.expected.intercept, { abs: 1e-5, rel: 1e-4 });
      assertEquals(path.df, c.expected.df);
      (c.params.features as string[]).forEach((f, j) =>
        assertClose(path.beta.map((b) => b[j]), c.expected.coefficients[f], { abs: 1e-5, rel: 1e-4 }, f)
      );
    },
  });
}

Deno.test("lassoPath solver 'exact' with p > n and near-duplicate columns: KKT holds to 1e-9 and matches CD-only (abs 1e-6)", () => {
  const rng = createRng(31);
  const n = 50;
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = [rng.normal(), rng.normal(), rng.normal()];
    X.push(
      Array.from(
        { length: 90 },
        (_, j) => f[j % 3] * (j < 30 ? 1 : 0.3) + (j < 30 ? 0.08 : 1) * rng.normal(),
      ),
    );
    y.push(rng.uniform() < 1 / (1 + Math.exp(-(f[0] - f[1]))) ? 1 : 0);
  }
  const a = lassoPath(X, y, { nlambda: 25, lambdaMinRatio: 0.05, solver: "exact" });
  const b = lassoPath(X, y, { lambda: a.lambda, solver: "exact", polish: false, strongRules: false });
  a.lambda.forEach((lam, k) => {
    assert(kkt(X, y, a.a0[k], a.beta[k], lam) < 1e-9, `KKT at lambda ${k}`);
    assertClose(a.beta[k], b.beta[k], { abs: 1e-6, rel: 1e-6 }, `lambda ${k}`);
  });
});

Deno.test("lassoPath's default solver 'glmnet' reproduces glmnet at its default thresh 1e-7 (R fixture, abs 1e-10)", () => {
  // tests/models/fixtures/lasso_cv_fold_grid.R, path_default: glmnet(family = "binomial", nlambda = 40,
  // lambda.min.ratio = 0.01). Same algorithm and stopping tests, so agreement to rounding (glmnet's
  // stopping point is ~1e-3 from the optimum here; a looser tolerance could not tell them apart).
  const c = JSON.parse(Deno.readTextFileSync(new URL("./fixtures/lasso_cv_fold_grid.json", import.meta.url)));
  const ref = c.path_default;
  const g = lassoPath(c.X, c.y, { nlambda: c.nlambda, lambdaMinRatio: c.lambda_min_ratio });
  assertEquals(
    g,
    lassoPath(c.X, c.y, { nlambda: c.nlambda, lambdaMinRatio: c.lambda_min_ratio, solver: "glmnet" }),
  );
  assertClose(g.lambda, ref.lambda, { rel: 1e-12 });
  assertClose(g.a0, ref.a0, { abs: 1e-10 });
  g.beta.forEach((row, k) => assertClose(row, ref.beta[k], { abs: 1e-10 }, `lambda ${k}`));
  assertClose(g.devRatio, ref.dev_ratio, { abs: 1e-12 });
  // ... and it is not the exact optimum, which the "exact" solver finds.
  const e = lassoPath(c.X, c.y, { nlambda: c.nlambda, lambdaMinRatio: c.lambda_min_ratio, solver: "exact" });
  let gap = 0;
  e.beta.forEach((row, k) => row.forEach((b, j) => (gap = Math.max(gap, Math.abs(b - g.beta[k][j])))));
  assert(gap > 1e-6, `glmnet's stopping point differs from the optimum (${gap})`);
});

Deno.test("lassoPolish: the exact optimum at the chosen points (KKT 1e-9), the other points unchanged", () => {
  const { X, y } = problem(120, 12, 7);
  const g = lassoPath(X, y, { nlambda: 30, lambdaMinRatio: 0.01, solver: "glmnet" });
  const e = lassoPath(X, y, { nlambda: 30, lambdaMinRatio: 0.01, solver: "exact" });
  const pol = lassoPolish(X, y, g, [20, 6, 20]);
  for (const k of [6, 20]) {
    assert(kkt(X, y, pol.a0[k], pol.beta[k], pol.lambda[k]) < 1e-9, `KKT at lambda ${k}`);
    assertClose(pol.beta[k], e.beta[k], { abs: 1e-9 }, `lambda ${k}`);
    assertEquals(pol.df[k], e.df[k]);
  }
  assert(kkt(X, y, g.a0[20], g.beta[20], g.lambda[20]) > 1e-9, "glmnet's point is not the optimum");
  for (let k = 0; k < g.lambda.length; k++) if (k !== 6 && k !== 20) assertEquals(pol.beta[k], g.beta[k]);
  assertThrows(
    () => lassoPolish(X, y, g, [30]),
    /lassoPolish indices: expected path positions 0\.\.29, got 30/,
  );
  assertThrows(() => lassoPath(X, y, { solver: "cd" as "exact" }), /option "solver"/);
  assertThrows(
    () => lassoPath(X, y, { solver: "glmnet", thresh: 0 }),
    /option "thresh": must be in \(0, 1\)/,
  );
});

Deno.test("lassoPath solver 'exact': with every feature active on correlated columns, Newton solves each lambda (no CD fallback; KKT 1e-9)", () => {
  // Regression: the exact solver's column scratch held p entries, but the Hessian of (intercept, all
  // p features) has p + 1 columns, so its last diagonal entry was lost, the factor was singular and
  // every λ with all features active fell back to coordinate descent to 1e-22, which on strongly
  // correlated columns takes thousands of sweeps (the stall of notebook 10's bootstrap, 0.3 s per
  // fit there). With maxSweeps 200 that fallback threw "no convergence at lambda … (position 27)".
  for (const noise of [0.3, 0.1]) {
    const rng = createRng(9);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 150; i++) {
      const z = rng.normal();
      const row = Array.from({ length: 6 }, (_, j) => z + noise * rng.normal() + j);
      X.push(row);
      y.push(rng.uniform() < 1 / (1 + Math.exp(-(1.5 * z + (row[1] - row[2] + 1) / noise))) ? 1 : 0);
    }
    const path = lassoPath(X, y, {
      nlambda: 40,
      lambdaMinRatio: 1e-4,
      stopEarly: false,
      maxSweeps: 200,
      solver: "exact",
    });
    assertEquals(path.lambda.length, 40);
    assertEquals(path.df[39], 6);
    path.lambda.forEach((lam, k) =>
      assert(kkt(X, y, path.a0[k], path.beta[k], lam) < 1e-9, `noise ${noise}: KKT at lambda ${k}`)
    );
  }
});

Deno.test("lassoPath solver 'glmnet' without standardize: columns scaled by 2^130 (beyond the float range of its screening) give the same path scaled exactly", () => {
  // Power-of-two scaling is exact in doubles and glmnet's steps are scale-invariant (explicit λ, so
  // no fit at glmnet's "λ = ∞" of 9.9e35), so β·2^130 must equal β bit for bit; the float screening
  // dots overflow (x̃ > 3.4e38) and must defer to doubles.
  const { X, y } = problem(80, 7, 13);
  const s = 2 ** 130;
  const lambda = lassoPath(X, y, { nlambda: 20, lambdaMinRatio: 0.01, standardize: false }).lambda;
  const a = lassoPath(X, y, { lambda, standardize: false });
  const b = lassoPath(X.map((r) => r.map((v) => v * s)), y, {
    lambda: lambda.map((l) => l * s),
    standardize: false,
  });
  assertEquals(b.beta.map((row) => row.map((v) => v * s)), a.beta);
  assertEquals(b.a0, a.a0);
  assert(Math.max(...a.df) >= 4, "several features enter");
});
