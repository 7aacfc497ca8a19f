import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { mannWhitneyCounts, midRanks, pwilcox, wilcoxonRankSum } from "../../lib/stats/wilcoxon.ts";
import { fixtureTests } from "./fixture_util.ts";

fixtureTests("wilcoxon", "wilcoxonRankSum");

Deno.test("midRanks averages tied ranks and reports tie group sizes", () => {
  const r = midRanks([10, 20, 20, 5, 20]);
  assertEquals(r.ranks, [2, 4, 4, 1, 4]);
  assertEquals(r.tieSizes, [1, 1, 3]);
});

Deno.test("Mann–Whitney counts for m = 2, n = 3 are 1,1,2,2,2,1,1 (hand enumeration of C(5,2) = 10)", () => {
  assertEquals(Array.from(mannWhitneyCounts(2, 3)), [1, 1, 2, 2, 2, 1, 1]);
  assertEquals(Array.from(mannWhitneyCounts(3, 2)), [1, 1, 2, 2, 2, 1, 1]);
  const c = mannWhitneyCounts(20, 30);
  let s = 0;
  for (const v of c) s += v;
  assertClose(s, 47129212243960, { abs: 0, rel: 1e-15 }, "sum = C(50, 20)");
  assertClose(pwilcox(300, 20, 30) + pwilcox(300, 20, 30, false), 1, { abs: 1e-15, rel: 0 });
});

Deno.test("exact test of 1,2 vs 3,4,5: W = 0 and two-sided p = 2/10 (hand)", () => {
  const r = wilcoxonRankSum([1, 2], [3, 4, 5]);
  assert(r.exact, "exact is R's default for small samples without ties");
  assertEquals(r.statistic, 0);
  assertClose(r.pValue, 0.2, { abs: 0, rel: 1e-14 });
  assertClose(wilcoxonRankSum([1, 2], [3, 4, 5], { alternative: "less" }).pValue, 0.1, {
    abs: 0,
    rel: 1e-14,
  });
  assertClose(wilcoxonRankSum([1, 2], [3, 4, 5], { alternative: "greater" }).pValue, 1, {
    abs: 0,
    rel: 1e-14,
  });
});

Deno.test("exact one-sided p matches scipy.stats.mannwhitneyu(method='exact') (rel 1e-12)", () => {
  const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55];
  const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.065, 3.14, 1.3];
  const r = wilcoxonRankSum(x, y, { alternative: "greater" });
  assertEquals(r.statistic, 43);
  assertClose(r.pValue, 0.12613636363636366, { abs: 0, rel: 1e-12 });
});

Deno.test("with ties the normal approximation uses the tie-corrected variance (scipy asymptotic, rel 1e-12)", () => {
  // pooled 1,2,2,2,3: ranks 1,3,3,3,5 → W = (1 + 3 + 3) − 6 = 1; σ² = 6/12·(6 − 24/20) = 2.4
  const r = wilcoxonRankSum([1, 2, 2], [2, 3], { exact: true });
  assertEquals(r.exact, false);
  assertEquals(r.warnings.length, 1);
  assertClose(r.sigma!, Math.sqrt(2.4), { abs: 0, rel: 1e-14 });
  assertClose(r.z!, (1 - 3 + 0.5) / Math.sqrt(2.4), { abs: 0, rel: 1e-14 });
  assertClose(r.pValue, 0.3329216080655659, { abs: 0, rel: 1e-12 });
  const nc = wilcoxonRankSum([1, 2, 2], [2, 3], { correct: false });
  assertClose(nc.pValue, 0.19670560245894686, { abs: 0, rel: 1e-12 });
});

Deno.test("R's default switches to the normal approximation at 50 per group", () => {
  const x = Array.from({ length: 50 }, (_, i) => i * 1.01);
  const y = Array.from({ length: 10 }, (_, i) => i * 0.97 + 0.003);
  assertEquals(wilcoxonRankSum(x, y).exact, false);
  assertEquals(wilcoxonRankSum(x.slice(0, 49), y).exact, true);
});

Deno.test("wilcoxonRankSum throws when every value is tied and validates options", () => {
  assertThrows(() => wilcoxonRankSum([1, 1], [1, 1, 1]), "all 5 values are tied");
  assertThrows(() => wilcoxonRankSum([1], []), 'argument "y": expected at least 1 values, got 0');
  assertThrows(
    () => wilcoxonRankSum([1], [2], { correct: "yes" as never }),
    'option "correct": must be true or false, got "yes"',
  );
});
