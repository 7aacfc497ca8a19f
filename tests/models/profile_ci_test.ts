import { assert, assertEquals, assertThrows } from "../assert.ts";
import { loadCase } from "../../lib/conformance/case.ts";
import { LogisticRegression } from "../../lib/models/logistic.ts";
import { designMatrix, type PredictorSpec } from "../../lib/models/design.ts";
import { glmStartEta, irlsLogistic, qrLeastSquares } from "../../lib/models/irls.ts";
import { ownFixtureDir } from "../fixtures/own_fixtures.ts";

interface ExpectedCoef {
  term: string;
  or_profile_lower: number;
  or_profile_upper: number;
}

// R's profile limits (roots of the profile deviance solved by uniroot on glm.fit, tests/fixtures/
// conformance/make_cases.R) against ours, on the log-odds scale. Both solve the same equation to near
// machine precision; the tolerance (rel 1e-6 of the limit + abs 1e-8) allows for the two iterative
// fits (glm.fit epsilon 1e-15, ours 1e-14) on a nearly collinear design whose limits move by ~1e-9.
for (const id of ["logistic-collinear-weighings", "logistic-numeric-levels"]) {
  Deno.test(`profile-likelihood CIs give R's limits on the held-out case ${id} (rel 1e-6 + abs 1e-8, log-odds)`, () => {
    const c = loadCase(`${ownFixtureDir}${id}.json`);
    const p = c.params as { outcome: string; predictors: PredictorSpec[] };
    const fit = new LogisticRegression({ outcome: p.outcome, predictors: p.predictors, source: id }).fit(
      c.table().columns as Record<string, unknown[]> as Record<string, number[]>,
    );
    const expected = (c.expected as { coefficients: ExpectedCoef[] }).coefficients;
    assertEquals(fit.terms_, expected.map((e) => e.term));
    let worst = 0;
    expected.forEach((e, j) => {
      const r = fit.coefficients_[j];
      for (
        const [ours, theirs] of [[r.orProfileLower, e.or_profile_lower], [
          r.orProfileUpper,
          e.or_profile_upper,
        ]]
      ) {
        const a = Math.log(ours);
        const b = Math.log(theirs);
        const d = Math.abs(a - b);
        worst = Math.max(worst, d / (1e-8 + Math.abs(b)));
        assert(
          d <= 1e-8 + 1e-6 * Math.abs(b),
          `${id} ${e.term}: ours ${a}, R ${b} (|diff| ${d.toExponential(2)})`,
        );
      }
    });
    assertEquals(fit.warnings_.length, 0, `no fallback needed: ${fit.warnings_.join("; ")}`);
    console.log(`${id}: max relative difference of the profile limits, ours vs R: ${worst.toExponential(2)}`);
  });
}

Deno.test("factor levels that look numeric stay levels, whether given as text or as JSON numbers", () => {
  const data = { y: [0, 1, 0, 1, 1, 0], edema: [0, 0.5, 1, "0.5", "1", "0"] };
  const asText = designMatrix(data, [{ name: "edema", type: "factor", levels: ["0", "0.5", "1"] }]);
  const asNumbers = designMatrix(data, [{
    name: "edema",
    type: "factor",
    levels: [0, 0.5, 1] as unknown as string[],
  }]);
  assertEquals(asText.terms, ["(Intercept)", "edema=0.5", "edema=1"]);
  assertEquals(asNumbers.terms, asText.terms);
  assertEquals(asNumbers.X, asText.X);
  assertEquals(asText.X.map((r) => r.slice(1)), [[0, 0], [1, 0], [0, 1], [1, 0], [0, 1], [0, 0]]);
  assertThrows(
    () => designMatrix({ edema: [0.25] }, [{ name: "edema", type: "factor", levels: ["0", "0.5", "1"] }]),
    'row 1, column "edema": expected one of the levels',
  );
});

Deno.test("irlsLogistic from glm.fit's data start reaches the same optimum as from zero", () => {
  const X = [[1, 0.1], [1, 0.4], [1, 0.35], [1, 0.8], [1, 0.9], [1, 0.2], [1, 0.65]];
  const y = [0, 0, 1, 1, 1, 0, 0];
  const a = irlsLogistic(X, y);
  const offset = X.map(() => 40); // saturates every probability at a zero start
  const b = irlsLogistic(X, y, { etaStart: glmStartEta(y) });
  assert(Math.abs(a.deviance - b.deviance) < 1e-12, `${a.deviance} vs ${b.deviance}`);
  const c = irlsLogistic(X, y, { offset, etaStart: glmStartEta(y) });
  assert(
    c.converged && Math.abs(c.beta[0] + 40 - a.beta[0]) < 1e-8,
    `offset absorbed by the intercept: ${c.beta}`,
  );
});

Deno.test("qrLeastSquares solves a nearly collinear system and reports a rank-deficient one", () => {
  const A = [[1, 70, 70.0001], [1, 60, 60.0003], [1, 80, 79.9998], [1, 65, 65.0002]];
  const x = [2, 0.5, -0.3];
  const b = A.map((r) => r.reduce((s, v, j) => s + v * x[j], 0));
  const got = qrLeastSquares(A, b)!;
  got.forEach((v, j) => assert(Math.abs(v - x[j]) < 1e-5, `x[${j}] = ${v}`));
  assertEquals(qrLeastSquares([[1, 2], [2, 4], [3, 6]], [1, 2, 3]), null);
});

Deno.test("profileIntervalOrWald falls back to the Wald limits with a stated warning when a refit fails", async () => {
  const { profileIntervalOrWald, mlProfile } = await import("../../lib/models/profile_ci.ts");
  const { SingularDesignError } = await import("../../lib/models/irls.ts");
  const failing = () => {
    throw new SingularDesignError("X'WX is not positive definite: test");
  };
  const r = profileIntervalOrWald(
    failing,
    [0.5, 2],
    1,
    10,
    0.4,
    3.841458820694124,
    1.959963984540054,
    "edema=1",
  );
  assertEquals(r.method, "wald");
  assertEquals(r.limits, [2 - 1.959963984540054 * 0.4, 2 + 1.959963984540054 * 0.4]);
  assert(
    r.warning !== null && r.warning.includes('term "edema=1"') && r.warning.includes("Wald interval"),
    String(r.warning),
  );
  // a profile that works is used as such
  const X = [[1, 0.1], [1, 0.4], [1, 0.35], [1, 0.8], [1, 0.9], [1, 0.2], [1, 0.65], [1, 0.5]];
  const y = [0, 0, 1, 1, 1, 0, 0, 1];
  const fit = irlsLogistic(X, y);
  const ok = profileIntervalOrWald(
    mlProfile(X, y, 1),
    fit.beta,
    1,
    fit.deviance,
    Math.sqrt(fit.vcov[1][1]),
    3.841458820694124,
    1.96,
  );
  assertEquals(ok.method, "profile");
  assert(ok.limits[0] < fit.beta[1] && fit.beta[1] < ok.limits[1], `${ok.limits}`);
});
