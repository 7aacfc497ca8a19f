import { assert, assertClose, assertEquals, assertThrows, SHARED_ABSENT, sharedExists } from "../assert.ts";
import {
  fitLogistic,
  FittedLogistic,
  LogisticRegression,
  lrTest,
  predictFrozen,
} from "../../lib/models/logistic.ts";
import { mlProfile } from "../../lib/models/profile_ci.ts";
import { designMatrix } from "../../lib/models/design.ts";
import { chisqQuantile } from "../../lib/stats/distributions.ts";
import { fixtureMismatches } from "./fixture_util.ts";

for (
  const id of [
    "logistic-asah-uni-gender",
    "logistic-asah-uni-s100b",
    "logistic-asah-uni-wfns",
    "logistic-asah-multi",
    "logistic-synthA-multi-train",
  ]
) {
  Deno.test({
    name: `LogisticRegression matches glm and direct profile limits on fixture ${id} (rel 1e-6)`,
    ignore: !sharedExists,
    fn: async () => {
      const m = await fixtureMismatches(id);
      assert(m.length === 0, `${id}: ${JSON.stringify(m.slice(0, 3))}`);
    },
  });
}
if (!sharedExists) console.warn(SHARED_ABSENT);

// A small data set with a numeric and a 3-level factor predictor (no separation).
const data = {
  y: [0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1],
  x: [1.2, 0.4, 2.2, 1.0, 2.9, 1.7, 0.3, 2.5, 1.9, 1.1, 3.1, 0.8, 1.5, 2.0, 0.9, 1.3, 2.7, 0.6, 2.4, 1.6],
  g: ["a", "b", "c", "a", "c", "b", "a", "c", "b", "a", "c", "b", "a", "c", "b", "a", "b", "c", "a", "b"],
};
const predictors = [
  { name: "x", type: "numeric" as const },
  { name: "g", type: "factor" as const, levels: ["a", "b", "c"], reference: "b" },
];

Deno.test("factor terms use treatment coding with the explicit reference, in level order", () => {
  const d = designMatrix(data, predictors);
  assertEquals(d.terms, ["(Intercept)", "x", "g=a", "g=c"]);
  assertEquals(d.X[1], [1, 0.4, 0, 0]); // level b = reference
  assertEquals(d.X[2], [1, 2.2, 0, 1]);
});

Deno.test("predict on new rows equals the linear predictor computed by hand (abs 1e-14)", () => {
  const fit = new LogisticRegression({ outcome: "y", predictors, profile: false }).fit(data);
  const newdata = [{ x: 2.0, g: "a" }, { x: -1.0, g: "b" }, { x: 0.5, g: "c" }];
  const b = fit.coef_;
  const eta = [b[0] + 2.0 * b[1] + b[2], b[0] - 1.0 * b[1], b[0] + 0.5 * b[1] + b[3]];
  assertClose(fit.predict(newdata, { type: "link" }), eta, { abs: 1e-14, rel: 0 });
  assertClose(fit.predict(newdata), eta.map((e) => 1 / (1 + Math.exp(-e))), { abs: 1e-15, rel: 0 });
  assertClose(predictFrozen(JSON.parse(JSON.stringify(fit.toJSON())), newdata), fit.predict(newdata), {
    abs: 0,
    rel: 0,
  });
});

Deno.test("FittedLogistic is built from an init object and derives logLik, AIC, df and fitted (exact)", () => {
  const fit = new LogisticRegression({ outcome: "y", predictors, profile: false }).fit(data);
  const init = {
    options: fit.options_,
    terms: ["(Intercept)", "x"],
    coef: [0.5, -1],
    vcov: [[0.1, 0], [0, 0.2]],
    coefficients: [],
    deviance: 12.5,
    nullDeviance: 14,
    nEffective: 10,
    n: 10,
    nEvents: 4,
    nOmitted: 1,
    linearPredictor: [0, Math.log(3)],
    iterations: 4,
    converged: true,
    maxAbsScore: 1e-12,
    separation: null,
    method: "ml" as const,
    warnings: [],
  };
  const f = new FittedLogistic(init);
  assertEquals([f.logLik_, f.aic_, f.dfResidual_, f.dfNull_], [-6.25, 16.5, 8, 9]);
  assertClose(f.fitted_, [0.5, 0.75], { abs: 1e-15, rel: 0 });
  assertEquals(f.coef("x"), -1);
  // the fit itself goes through the same constructor: its derived fields follow the same rules
  assertEquals(fit.logLik_, -fit.deviance_ / 2);
  assertEquals(fit.aic_, fit.deviance_ + 2 * fit.terms_.length);
  assertEquals(fit.dfResidual_, fit.n_ - fit.terms_.length);
});

Deno.test("predict rejects an unseen factor level, naming row and column", () => {
  const fit = new LogisticRegression({ outcome: "y", predictors, profile: false }).fit(data);
  assertThrows(() => fit.predict([{ x: 1, g: "a" }, { x: 1, g: "z" }]), /row 2, column "g"/);
});

Deno.test("the score is zero at the maximum-likelihood estimate and the fit converged", () => {
  const fit = fitLogistic(data, { outcome: "y", predictors, profile: false });
  assert(fit.converged_, "converged");
  assert(fit.maxAbsScore_ < 1e-10, `max |score| ${fit.maxAbsScore_}`);
  assertClose(fit.aic_, fit.deviance_ + 2 * 4, { abs: 1e-12 });
  assertEquals([fit.dfResidual_, fit.dfNull_, fit.n_, fit.nEvents_], [16, 19, 20, 10]);
});

Deno.test("profile limits bracket the MLE and the LR statistic at each limit equals qchisq(0.95, 1) (abs 1e-8)", () => {
  const fit = fitLogistic(data, { outcome: "y", predictors });
  const X = designMatrix(data, predictors).X;
  const q = chisqQuantile(0.95, 1);
  fit.coefficients_.forEach((r, j) => {
    const lo = Math.log(r.orProfileLower);
    const hi = Math.log(r.orProfileUpper);
    assert(lo < r.estimate && r.estimate < hi, `${r.term}: ${lo} < ${r.estimate} < ${hi}`);
    const f = mlProfile(X, data.y, j);
    assertClose(f(lo).dev - fit.deviance_, q, { abs: 1e-8, rel: 0 }, `${r.term} lower`);
    assertClose(f(hi).dev - fit.deviance_, q, { abs: 1e-8, rel: 0 }, `${r.term} upper`);
  });
});

Deno.test("lrTest of nested fits: statistic = deviance difference, df = extra terms", () => {
  const small = fitLogistic(data, { outcome: "y", predictors: [predictors[0]], profile: false });
  const large = fitLogistic(data, { outcome: "y", predictors, profile: false });
  const t = lrTest(small, large);
  assertClose(t.statistic, small.deviance_ - large.deviance_, { abs: 1e-12 });
  assertEquals(t.df, 2);
  assert(t.pValue > 0 && t.pValue < 1, `p ${t.pValue}`);
  assertThrows(() => lrTest(large, small), /not nested/);
});

Deno.test("missing values fail by default, naming row and column; naAction omit drops the row", () => {
  const d2 = { ...data, x: data.x.map((v, i) => (i === 4 ? null : v)) };
  assertThrows(
    () => fitLogistic(d2, { outcome: "y", predictors, profile: false }),
    /row 5, column "x": missing value/,
  );
  const fit = fitLogistic(d2, { outcome: "y", predictors, profile: false, naAction: "omit" });
  assertEquals([fit.n_, fit.nOmitted_], [19, 1]);
});

Deno.test("an outcome with one class only is refused with a clear message", () => {
  assertThrows(
    () => fitLogistic({ ...data, y: data.y.map(() => 0) }, { outcome: "y", predictors }),
    /single class/,
  );
});

Deno.test("an empty factor level is named instead of failing in the linear algebra", () => {
  const d2 = { ...data, g: data.g.map((v) => (v === "c" ? "a" : v)) };
  assertThrows(
    () => fitLogistic(d2, { outcome: "y", predictors, profile: false }),
    /term "g=c": column is all zero/,
  );
});
