import { assert, assertClose, assertEquals } from "../assert.ts";
import { publishedFromText, readPublished } from "../../lib/audit/published.ts";
import {
  auditPublished,
  checkIdenticalRows,
  checkOddsRatios,
  checkOrFromCounts,
  checkPerformance,
  checkRowSums,
  checkTable1PValues,
  countTests,
  type Finding,
  hanleyMcNeilSe,
  severityCounts,
} from "../../lib/audit/checks.ts";
import { findingsTable } from "../../lib/audit/findings_table.ts";

const root = new URL("../../", import.meta.url).pathname;

// A small constructed "paper" with other group names (ctrl/trt), to show the format is not study-specific.
const GROUPS = "group,label,n,events,source\nctrl,Control (n=15),15,5,\ntrt,Treated (n=15),15,3,\n";
const T1 =
  `variable,level,ctrl_n,ctrl_pct,trt_n,trt_pct,ctrl_median,ctrl_q1,ctrl_q3,trt_median,trt_q1,trt_q3,p_text
Smoker,yes,3,20.0,9,60.0,,,,,,,0.060
Smoker,no,12,80.0,6,40.0,,,,,,,
Stage,I,5,33.3,6,40.0,,,,,,,0.700
Stage,II,5,33.3,5,33.3,,,,,,,
Stage,III,4,26.7,4,26.7,,,,,,,
Sex,F,7,46.7,8,53.3,,,,,,,0.715
Sex,M,8,53.3,7,46.7,,,,,,,
Obese,yes,3,25.0,9,60.0,,,,,,,0.060
Obese,no,12,80.0,6,40.0,,,,,,,
`;
const T2 = `variable,analysis,or,lower,upper,ci_text,p_text
A,univariate,2.000,0.913,4.380,,0.083
B,univariate,1.189,1.363,2.428,,<0.001
C,univariate,2.000,0.913,4.380,,0.001
D,univariate,2.000,1.500,8.000,,0.105
E,univariate,3.000,1.500,6.000,,0.002
E,multivariable,0.333,0.167,0.667,,0.002
`;
const T3 = `model,set,brier,brier_lower,brier_upper,auc,auc_lower,auc_upper
M1,ctrl,0.30,0.25,0.35,0.80,0.60,0.95
M2,ctrl,0.15,0.10,0.20,0.95,0.70,0.90
`;
const paper = publishedFromText({ groups: GROUPS, table1: T1, table2: T2, table3: T3 }, "toy");
const find = (fs: Finding[], check: string, item: string) =>
  fs.filter((f) => f.check === check && f.item.startsWith(item));

Deno.test("row sums: a level column that does not add up to the group size is an error with the difference", () => {
  const fs = checkRowSums(paper);
  const stage = find(fs, "row_sum", "Stage");
  assertEquals(stage.map((f) => [f.item, f.severity]), [["Stage (ctrl)", "error"]]); // trt 6 + 5 + 4 = 15 is fine
  assert(stage[0].message.includes("= 14, but the ctrl group has n = 15 (-1)"), stage[0].message);
  // printed percentage 25.0 for 3/15 = 20.0%
  const pct = find(fs, "percent", "Obese");
  assertEquals(pct.length, 1);
  assert(pct[0].message.includes("printed 25.0% but 3/15 = 20.00%"), pct[0].message);
});

Deno.test("countTests matches R chisq.test (with/without correct) and fisher.test on a 2x2 table (rel 1e-6)", () => {
  // R: chisq.test(matrix(c(3,12,9,6),2), correct=FALSE)$p.value = 0.02534732; correct=TRUE 0.06240742; fisher 0.06043294
  const r = countTests([[3, 9], [12, 6]]);
  assertClose(r.chisq, 0.025347318677468325, { rel: 1e-6 });
  assertClose(r.yates!, 0.062407418568705554, { rel: 1e-6 });
  assertClose(r.fisher, 0.06043294142402481, { rel: 1e-6 });
});

Deno.test("Table 1 p-values: the test that reproduces the printed p is named; none reproducing is a warning", () => {
  const fs = checkTable1PValues(paper);
  const smoker = find(fs, "p_value", "Smoker")[0];
  assertEquals(smoker.severity, "info");
  assert(smoker.message.includes("reproduced by Fisher's exact test ("), smoker.message);
  assert(!smoker.message.includes("Yates correction and"), smoker.message);
  const sex = find(fs, "p_value", "Sex")[0]; // 7/8 vs 8/7: chisq p = 0.715, Yates 1.000, Fisher 1.000
  assert(sex.message.includes("reproduced by Pearson chi-square without correction ("), sex.message);
  const stage = find(fs, "p_value", "Stage")[0]; // printed 0.700, r x c chisq of 5/5/4 vs 6/5/4 is 0.93
  assertEquals(stage.severity, "warning");
});

Deno.test("a two-level row off by one in one group gets the resolutions that reproduce its p", () => {
  const t = publishedFromText({
    groups: "group,label,n,events,source\ntrain,,215,32,\ntest,,91,13,\n",
    table1: "variable,level,train_n,test_n,p_text\nCalcification,-,75,40,0.134\nCalcification,+,140,52,\n",
  });
  const f = find(checkTable1PValues(t), "p_value", "Calcification")[0];
  assertEquals(f.severity, "warning");
  assert(f.message.includes("test -/+ = 40/51 reproduces p = 0.134 (chisq 0.1342)"), f.message);
});

Deno.test("identical categorical rows (counts and p) are flagged as a possible copy", () => {
  const fs = checkIdenticalRows(paper);
  assertEquals(fs.map((f) => f.item), ["Obese / Smoker"]);
});

Deno.test("OR checks: outside its CI is an error, p not implied by the CI is an error, asymmetric CI a warning, reversed direction a warning", () => {
  const fs = checkOddsRatios(paper);
  assertEquals(find(fs, "or_ci", "B")[0].severity, "error");
  assertEquals(find(fs, "or_p", "C")[0].severity, "error");
  assertEquals(find(fs, "or_symmetry", "D")[0].severity, "warning");
  assertEquals(find(fs, "or_p", "A").length, 0); // 2.000 (0.913-4.380), p 0.083: Wald-consistent
  assertEquals(find(fs, "or_direction", "E")[0].severity, "warning");
  assertEquals(find(fs, "or_ci", "all rows")[0].message.startsWith("3 of 6 rows"), true);
});

Deno.test("Brier scores worse than the no-skill p(1-p) are warnings; metrics outside their CI are errors", () => {
  const fs = checkPerformance(paper);
  const m1 = find(fs, "brier_no_skill", "M1")[0];
  assertEquals(m1.severity, "warning");
  assert(m1.message.includes("no-skill 0.2222 at prevalence 5/15"), m1.message);
  assertEquals(find(fs, "brier_no_skill", "M2")[0].severity, "info");
  assertEquals(find(fs, "auc_ci", "M2")[0].severity, "error");
  assertEquals(find(fs, "auc_ci", "M1").length, 0);
});

Deno.test("hanleyMcNeilSe matches the closed form for AUC 0.8 with 10 events / 20 non-events (rel 1e-12)", () => {
  const a = 0.8, q1 = a / (2 - a), q2 = (2 * a * a) / (1 + a);
  const se = Math.sqrt((a * (1 - a) + 9 * (q1 - a * a) + 19 * (q2 - a * a)) / 200);
  assertClose(hanleyMcNeilSe(0.8, 10, 20), se, { rel: 1e-12 });
  assertClose(hanleyMcNeilSe(0.8, 10, 20), 0.09357, { abs: 5e-5 }); // sqrt(1.75111/200)
});

Deno.test("a univariate OR is traced back to its 2x2 table from Table 1 margins, naming the reference level", () => {
  // ctrl: Smoker yes 3, no 12, 5 events; 4 events among 'no' -> OR(no vs yes) = 4*2/(8*1) = 1
  const se = Math.sqrt(1 / 4 + 1 / 8 + 1 / 1 + 1 / 2);
  const ci = [Math.exp(-1.959964 * se), Math.exp(1.959964 * se)].map((x) => x.toFixed(3));
  const t = publishedFromText({
    groups: GROUPS,
    table1: T1,
    table2: `variable,analysis,or,lower,upper,ci_text,p_text\nSmoker,univariate,1.000,${ci[0]},${
      ci[1]
    },,1.000\nSex,univariate,9.000,1.000,81.000,,0.05\n`,
  });
  const fs = checkOrFromCounts(t);
  const s = find(fs, "or_from_counts", "Smoker")[0];
  assertEquals(s.severity, "info");
  assert(
    s.message.includes('4 of the 5 events at "no" (n = 12), 1 at "yes" (n = 3); reference level "yes"'),
    s.message,
  );
  assertEquals(find(fs, "or_from_counts", "Sex")[0].severity, "warning");
});

Deno.test("audit of the study's published tables: the known problems are found", async () => {
  const t = await readPublished(root + "studies/bi2025/published");
  const fs = auditPublished(t);
  const errors = fs.filter((f) => f.severity === "error").map((f) => `${f.check}:${f.item}`);
  assertEquals(errors, [
    "row_sum:Infiltration Across the Midline (test)",
    "row_sum:Calcification (test)",
    "or_ci:Rad_score (multivariable)",
  ]);
  const warned = (check: string, item: string) =>
    fs.some((f) => f.severity === "warning" && f.check === check && f.item.startsWith(item));
  assert(warned("p_value", "Pathological type"));
  assert(warned("p_value", "Complete resection"));
  assert(warned("identical_rows", "Enhancement / Heterogeneity"));
  assert(warned("or_direction", "Metastasis"));
  assertEquals(fs.filter((f) => f.check === "brier_no_skill" && f.severity === "warning").length, 6);
  assert(find(fs, "or_from_counts", "two-level")[0].message.startsWith("13 of 13"));
  const table = findingsTable(fs);
  assertEquals(table.rows.length, fs.length);
  assertEquals(table.rows[0].severity, "error");
  assertEquals(severityCounts(fs).error, 3);
});
