import { assert, assertClose, assertEquals } from "../assert.ts";
import { assignRiskGroups, medianSplit, riskGroupSurvival } from "../../lib/eval/risk_groups.ts";
import { logRankTest } from "../../lib/eval/logrank.ts";

Deno.test("risk groups use the training median; test patients are assigned by that rule", () => {
  const rule = medianSplit([1, 2, 3, 4], { what: "total points" });
  assertEquals(rule.cutoff, 2.5);
  assert(rule.rule.includes("training median of total points (n = 4)"), rule.rule);
  assertEquals(assignRiskGroups(rule, [2.5, 2.6, 0]), ["Low risk", "High risk", "Low risk"]);
});

Deno.test("riskGroupSurvival gives KM curves per group and the log-rank test", () => {
  const time = [1, 2, 3, 4, 5, 6, 7, 8], status = [1, 1, 1, 0, 1, 0, 1, 0];
  const scores = [9, 8, 7, 1, 6, 2, 3, 0];
  const r = riskGroupSurvival([0, 10], time, status, scores);
  assertEquals(Object.keys(r.fits), ["Low risk", "High risk"]);
  assertEquals(r.fits["High risk"].n, 4);
  assertClose(
    r.logRank!.statistic,
    logRankTest(time, status, r.groups, { levels: ["Low risk", "High risk"] }).statistic,
    { abs: 1e-15 },
  );
  assertEquals(riskGroupSurvival([0, 10], time, status, scores.map(() => 0)).logRank, null);
});

Deno.test("log-rank test by hand: two groups, one event each at distinct times", () => {
  // t=1: group a event, at risk a=2, b=2 → E_a = 1/2, V = (1·3)/(16·3)·2·2 = 1/4
  // t=2: group b event, at risk a=1, b=2 → E_a = 1/3, V = (1·2)/(9·2)·1·2 = 2/9
  const r = logRankTest([1, 2, 3, 4], [1, 1, 0, 0], ["a", "b", "a", "b"]);
  const diff = 1 - (1 / 2 + 1 / 3);
  assertClose(r.statistic, diff * diff / (1 / 4 + 2 / 9), { abs: 1e-14 });
});
