import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import {
  smdCategorical,
  smdContinuous,
  table1,
  TABLE1_RULES,
  table1BesidePublished,
  table1SpecsFromCodebook,
} from "../../lib/report/table1.ts";
import { displayColumns, toCsvText, toMarkdown } from "../../lib/report/table.ts";
import { publishedFromText } from "../../lib/audit/published.ts";
import { parseCodebook } from "../../lib/data/codebook.ts";
import { parseCsv } from "../../lib/data/csv.ts";

// Tiny data set: group A (5 rows), group B (6 rows, one age missing), one row of another group (ignored).
const rows = [
  { g: "A", age: 1, sex: "M", stage: "I" },
  { g: "A", age: 2, sex: "M", stage: "II" },
  { g: "A", age: 3, sex: "F", stage: "I" },
  { g: "A", age: 4, sex: "F", stage: "I" },
  { g: "A", age: 5, sex: "F", stage: "II" },
  { g: "B", age: 2, sex: "M", stage: "II" },
  { g: "B", age: 4, sex: "M", stage: "II" },
  { g: "B", age: 6, sex: "M", stage: "I" },
  { g: "B", age: 8, sex: "M", stage: "II" },
  { g: "B", age: 10, sex: "F", stage: "II" },
  { g: "B", age: null, sex: "M", stage: "I" },
  { g: "C", age: 99, sex: "X", stage: "IV" },
];
const specs = [
  { name: "age", label: "Age", kind: "continuous" as const, unit: "years", digits: 1 },
  {
    name: "sex",
    label: "Sex",
    kind: "categorical" as const,
    levels: ["M", "F"],
    levelLabels: ["Male", "Female"],
  },
  { name: "stage", label: "Stage", kind: "categorical" as const, levels: ["I", "II", "III"] },
];
const opts = { groupColumn: "g", groups: [{ level: "A", label: "Group A" }, "B"] };

Deno.test("table1 cells: median (Q1, Q3) and n (%) with hand-computed values; headers carry group sizes", () => {
  const r = table1(rows, specs, opts);
  const t = r.table;
  assertEquals(displayColumns(t).map((c) => c.label), ["Variable", "Level", "Group A (n=5)", "B (n=6)", "p"]);
  const shown = (k: number) =>
    Object.fromEntries(["variable", "level", "group_1", "group_2", "p"].map((c) => [c, t.rows[k][c]]));
  // A: 1..5 → 3 (2, 4); B: 2,4,6,8,10 → 6 (4, 8); p marked ᵃ (Student t), Fisher ᵇ
  assertEquals(shown(0), {
    variable: "Age (years)",
    level: "",
    group_1: "3.0 (2.0, 4.0)",
    group_2: "6.0 (4.0, 8.0)",
    p: "0.094ᵃ",
  });
  // B has one missing age: a Missing row with counts
  assertEquals(shown(1), { variable: "", level: "Missing", group_1: "0", group_2: "1", p: "" });
  // sex is binary: one row naming the level shown (the second, Female): A 3/5, B 1/6
  assertEquals(shown(2), {
    variable: "Sex",
    level: "Female",
    group_1: "3 (60.0)",
    group_2: "1 (16.7)",
    p: "0.242ᵇ",
  });
  assertEquals(shown(5), { variable: "", level: "III", group_1: "0 (0.0)", group_2: "0 (0.0)", p: "" });
  // numbers beside the text for CSV/XLSX
  assertEquals([t.rows[0].group_1_median, t.rows[0].group_2_q3, t.rows[2].group_1_n, t.rows[2].group_2_pct], [
    3,
    8,
    3,
    100 / 6,
  ]);
  assertClose(t.rows[0].p_value as number, 0.09434977284243762, { abs: 0, rel: 1e-10 });
  assert(
    t.notes!.some((n) => n.includes("ᵃ Student t-test.") && n.includes("ᵇ Fisher exact test.")),
    "footnote letters",
  );
  assertEquals(r.groups.map((g) => g.n), [5, 6]);
});

Deno.test("table1: whole-number data print without .00, binaries can show both levels, SMD by hand", () => {
  const r = table1(rows, [{ name: "age", label: "Age", kind: "continuous" }, specs[1]], {
    ...opts,
    smd: true,
    dichotomous: false,
  });
  // A 1..5 → 3 (2, 4); B 2,4,6,8,10 → 6 (4, 8): whole numbers
  assertEquals(r.table.rows[0].group_1, "3 (2, 4)");
  assertEquals(r.table.rows.filter((x) => x.level === "Male" || x.level === "Female").length, 2);
  // SMD age: means 3 and 6, variances 2.5 and 10 → 3 / √6.25 = 1.2
  assertClose(r.tests[0].smd, 1.2, { abs: 1e-12 });
  assertEquals(r.table.rows[0].smd, "1.200");
  // SMD sex (binary): p(F) A 3/5, B 1/6 → |0.6 − 1/6| / √((0.24 + 5/36)/2)
  assertClose(r.tests[1].smd, Math.abs(0.6 - 1 / 6) / Math.sqrt((0.24 + 5 / 36) / 2), { abs: 1e-12 });
  assertClose(smdCategorical([2, 3], [5, 1]), r.tests[1].smd, { abs: 1e-15 });
  // three levels: equals the two-level formula when one level is empty in both groups
  assertClose(smdCategorical([2, 3, 0], [5, 1, 0]), NaN, { abs: 0 }, "singular S gives NaN");
  assertClose(smdContinuous([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]), 1.2, { abs: 1e-12 });
  const halves = table1([{ g: "A", m: 1 }, { g: "A", m: 2 }, { g: "B", m: 3 }, { g: "B", m: 4 }], [{
    name: "m",
    kind: "continuous",
  }], { groupColumn: "g", groups: ["A", "B"] });
  assertEquals(halves.table.rows[0].group_1, "1.5 (1.2, 1.8)");
});

Deno.test("table1 'paper' rule: Student t for continuous, Fisher when an expected count < 5 (hand values)", () => {
  const r = table1(rows, specs, opts);
  const [age, sex, stage] = r.tests;
  assertEquals(age.test, "Student t-test");
  assertClose(age.statistic!, -3 / (2.5 * Math.sqrt(2 / 5)), { abs: 0, rel: 1e-13 }); // pooled var 6.25
  assertEquals(age.df, 8);
  assertClose(age.pValue, 0.09434977284243762, { abs: 0, rel: 1e-10 }); // scipy ttest_ind
  assertEquals(age.n, [5, 5]);
  assertEquals(age.missing, [0, 1]);
  // sex: [[2, 5], [3, 1]], E_min = 20/11 < 5 → Fisher; hypergeometric weights 5, 60, 150, 100, 15 (/330), observed 60
  assertEquals(sex.test, "Fisher exact test");
  assertClose(sex.minExpected!, 20 / 11, { abs: 0, rel: 1e-14 });
  assertClose(sex.pValue, 80 / 330, { abs: 0, rel: 1e-12 });
  assertEquals(sex.levels!.map((l) => l.counts), [[2, 5], [3, 1]]);
  // stage: III never observed → left out of the test, and said so
  assert(stage.reason !== null && stage.reason.includes("III"), "stage reason names the empty level");
  assert(r.table.notes!.some((n) => n.includes("Sex — Fisher exact test")), "notes name each test");
  assert(
    r.table.notes!.some((n) => n.includes("Age (years): 0 missing in Group A, 1 missing in B")),
    "missing values are noted",
  );
});

Deno.test("table1 alternative rules: forced chi-square without Yates gives the hand X², Wilcoxon for continuous", () => {
  const chisq = table1(rows, specs, { ...opts, rule: { ...TABLE1_RULES.paper, categorical: "chisq" } });
  // |O − E| = 13/11 in every cell: X² = (169/121)·Σ 1/E = (169/11)(1/35 + 1/42 + 1/20 + 1/24)
  assertClose(chisq.tests[1].statistic!, (169 / 11) * (1 / 35 + 1 / 42 + 1 / 20 + 1 / 24), {
    abs: 0,
    rel: 1e-13,
  });
  assertEquals(chisq.tests[1].test, "Pearson chi-square");
  const yates = table1(rows, specs, { ...opts, rule: { ...TABLE1_RULES.yates, categorical: "chisq" } });
  assertEquals(yates.tests[1].test, "Pearson chi-square (Yates)");
  assert(yates.tests[1].statistic! < chisq.tests[1].statistic!, "Yates lowers X²");
  const w = table1(rows, specs, { ...opts, rule: "wilcoxon" });
  assertEquals(w.tests[0].statistic, 5); // ranks of A in pooled: 1, 2.5, 4, 5.5, 7 → 20 − 15
  assertClose(w.tests[0].pValue, 0.14123816388881966, { abs: 0, rel: 1e-10 }); // ties → normal approx., as R
});

Deno.test("table1 errors name the row and column, or the option", () => {
  const bad = [...rows.slice(0, 5), { g: "B", age: 3, sex: "male", stage: "I" }];
  assertThrows(() => table1(bad, specs, opts), 'row 6, column "sex": expected one of ["M","F"], got "male"');
  const badAge = [...rows.slice(0, 5), { g: "B", age: "4O", sex: "M", stage: "I" }];
  assertThrows(() => table1(badAge, specs, opts), 'row 6, column "age": expected a number, got "4O"');
  assertThrows(
    () => table1(rows, specs, { ...opts, groups: ["A", "B", "C"] }),
    'option "groups": expected exactly 2 groups',
  );
  assertThrows(() => table1(rows, specs, { ...opts, rule: "bayes" as never }), 'option "rule"');
  assertThrows(
    () => table1(rows, [{ name: "weight", kind: "continuous" }], opts),
    'column "weight" is absent',
  );
});

Deno.test("table1 with constant groups reports p = NA with the reason instead of failing", () => {
  const flat = [{ g: "A", x: 1 }, { g: "A", x: 1 }, { g: "B", x: 1 }, { g: "B", x: 1 }];
  const r = table1(flat, [{ name: "x", kind: "continuous" }], { groupColumn: "g", groups: ["A", "B"] });
  assertEquals(r.tests[0].pText, "NA");
  assert(r.tests[0].reason!.includes("essentially constant"), "reason given");
});

Deno.test("table1 renders to Markdown and CSV with the notes", () => {
  const r = table1(rows, specs, opts);
  const md = toMarkdown(r.table);
  assert(md.includes("| Age (years) |  | 3.0 (2.0, 4.0) | 6.0 (4.0, 8.0) | 0.094ᵃ |"), md);
  assert(
    toCsvText(r.table).startsWith("Variable,Level,Group A (n=5),B (n=6),p,Group A n,Group A %,"),
    "CSV header",
  );
  assert(/,0\.0943497728\d*$/.test(toCsvText(r.table).split("\n")[1]), toCsvText(r.table).split("\n")[1]);
});

Deno.test("table1SpecsFromCodebook and table1BesidePublished match labels, levels and groups", () => {
  const cb = parseCodebook(parseCsv(
    [
      "variable,type,unit,levels,reference,definition,source,published_label,published_levels,notes",
      "g,split,,A|B,A,,,,,",
      "sex,categorical,,M|F,M,,,Sex,Male|Female,",
      "event,status,,0|1,0,,,Event,0|1,",
      "age,continuous,years,,,,,Age* (years),,",
    ].join("\n"),
    "codebook.csv",
  ));
  const specs2 = table1SpecsFromCodebook(cb);
  assertEquals(specs2.map((s) => [s.name, s.kind]), [["sex", "categorical"], ["event", "categorical"], [
    "age",
    "continuous",
  ]]);
  const data = rows.slice(0, 11).map((r, i) => ({ ...r, event: i % 3 === 0 ? 1 : 0 }));
  const r = table1(data, specs2, { groupColumn: "g", groups: ["A", "B"] });
  const pub = publishedFromText({
    groups: "group,label,n,events,source\nA,Group A,5,,x\nB,Group B,6,,x\n",
    table1: [
      "variable,level,A_text,A_n,A_pct,A_median,A_q1,A_q3,B_text,B_n,B_pct,B_median,B_q1,B_q3,p_text,note",
      "Event,No,3,3,,,,,4,4,,,,,0.500,",
      "Event,Yes,2,2,,,,,2,2,,,,,,",
      "Sex,Female,3,3,,,,,1,1,,,,,0.242,",
      "Sex,Male,2,2,,,,,5,5,,,,,,",
    ].join("\n") + "\n",
  });
  const side = table1BesidePublished(r, pub);
  assertEquals(side.rows.map((x) => [x.level, x.pub_A, x.twin_A, x.twin_B]), [
    ["No", "3", "3 (60.0)", "4 (66.7)"], // events: rows 0, 3 (A), 6, 9 (B) → A 2 events, B 2 events
    ["Yes", "2", "2 (40.0)", "2 (33.3)"],
    ["Female", "3", "3 (60.0)", "1 (16.7)"], // matched by label, not position
    ["Male", "2", "2 (40.0)", "5 (83.3)"],
  ]);
  assert(
    side.notes!.some((n) => n.includes("matched by position") && n.includes("Event")),
    "positional match noted",
  );
});
