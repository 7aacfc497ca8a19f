import { assertClose, assertEquals, assertThrows } from "../assert.ts";
import { tTest } from "../../lib/stats/ttest.ts";
import { fixtureTests } from "./fixture_util.ts";

fixtureTests("ttest", "tTest");

Deno.test("Student t-test of 1,2,3 vs 4,5,6: t = −3/√(2/3), df = 4 (hand), p and CI as scipy (rel 1e-10)", () => {
  const r = tTest([1, 2, 3], [4, 5, 6], { varEqual: true });
  assertClose(r.statistic, -3 / Math.sqrt(2 / 3), { abs: 0, rel: 1e-14 });
  assertEquals(r.df, 4);
  assertClose(r.stderr, Math.sqrt(2 / 3), { abs: 0, rel: 1e-14 });
  // scipy.stats.ttest_ind([1,2,3],[4,5,6]) 1.17.1
  assertClose(r.pValue, 0.021311641128756713, { abs: 0, rel: 1e-10 });
  assertClose(r.confInt, [-5.266957935527519, -0.7330420644724809], { abs: 0, rel: 1e-10 });
});

Deno.test("Welch t-test uses the Welch–Satterthwaite df; one-sided 'less' gives an upper bound only", () => {
  const x = [1.1, 2.3, 3.0, 4.8], y = [4, 5, 6.5];
  const r = tTest(x, y); // Welch is the default, as in R
  // scipy.stats.ttest_ind(x, y, equal_var=False)
  assertClose(r.statistic, -2.2302136634651095, { abs: 0, rel: 1e-12 });
  assertClose(r.df, 4.903644021372657, { abs: 0, rel: 1e-12 });
  assertClose(r.pValue, 0.07719838073449342, { abs: 0, rel: 1e-9 });
  assertClose(r.confInt, [-5.110727938239456, 0.3773946049061214], { abs: 0, rel: 1e-9 });
  const less = tTest(x, y, { alternative: "less", confLevel: 0.9 });
  assertClose(less.pValue, 0.03859919036724671, { abs: 0, rel: 1e-9 });
  assertEquals(less.confInt[0], -Infinity);
  assertClose(less.confInt[1], -0.7958479493913853, { abs: 0, rel: 1e-9 });
  const greater = tTest(x, y, { alternative: "greater" });
  assertClose(greater.pValue, 1 - less.pValue, { abs: 1e-15, rel: 0 });
  assertEquals(greater.confInt[1], Infinity);
});

Deno.test("mu shifts the null: testing x − y = mean difference gives t = 0 and p = 1", () => {
  const r = tTest([1, 2, 3], [4, 5, 6], { varEqual: true, mu: -3 });
  assertClose(r.statistic, 0, { abs: 1e-15, rel: 0 });
  assertClose(r.pValue, 1, { abs: 1e-15, rel: 0 });
});

Deno.test("tTest with all-equal groups throws 'essentially constant' (as R), and rejects tiny samples", () => {
  assertThrows(() => tTest([2, 2, 2], [2, 2]), "data are essentially constant");
  assertThrows(() => tTest([1], [2, 3]), "not enough observations in x (Welch test needs >= 2, got 1)");
  assertThrows(() => tTest([1], [2], { varEqual: true }), "not enough observations");
});

Deno.test("tTest validates its options by name", () => {
  assertThrows(
    () => tTest([1, 2], [3, 4], { confLevel: 1.5 }),
    'tTest option "confLevel": must be in (0, 1), got 1.5',
  );
  assertThrows(
    () => tTest([1, 2], [3, 4], { alternative: "two-sided" as never }),
    'option "alternative": must be one of "two.sided", "less", "greater"',
  );
  assertThrows(() => tTest([1, 2], [3, 4], { var_equal: true } as never), 'unknown option "var_equal"');
  assertThrows(() => tTest([1, NaN], [3, 4]), 'argument "x" element 1: expected a finite number, got NaN');
});

Deno.test("one-sample t-test: x̄ = 2, s = 1, n = 3 gives t = (2 − μ)/(1/√3) on 2 df", () => {
  const r = tTest([1, 2, 3], null, { mu: 1 });
  assertClose(r.statistic, Math.sqrt(3), { abs: 0, rel: 1e-14 });
  assertEquals(r.df, 2);
  // df = 2: P(|T| > t) = 1 − t/√(t² + 2)
  assertClose(r.pValue, 1 - Math.sqrt(3) / Math.sqrt(5), { abs: 0, rel: 1e-12 });
});
