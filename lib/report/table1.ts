/**
 * Table 1: baseline characteristics by group (e.g. training vs test set), with one p-value per
 * variable chosen by a documented, configurable rule, and the raw test results.
 *
 *   const t1 = table1(cohort.rows, table1SpecsFromCodebook(cohort.codebook), {
 *     groupColumn: "split", groups: [{ level: "train", label: "Training set" }, { level: "test", label: "Test set" }],
 *     rule: "paper",
 *   });
 *   show(t1.table);            // ReportTable → Markdown / HTML / CSV / XLSX
 *   t1.tests[0].pValue;        // raw numbers for audits and tests
 *
 * Cells (gtsummary / tableone manner): continuous variables "median (Q1, Q3)" (R type-7 quantiles, C printf
 * rounding; whole-number data without decimals, "39 (16, 65.5)"); categorical variables "n (%)" per level, % of the
 * group's non-missing values, two-level ones in one row naming the level shown; a "Missing" row (n) under
 * each variable with missing values; each p marked with a footnote letter naming its test; optional SMD.
 * CSV/XLSX also carry the numbers (n, %, median, Q1, Q3 per group, p) in machine-only columns.
 * p-values as journals print them: "<0.001", otherwise 3 decimals.
 *
 * Test rules ({@link TABLE1_RULES}; or pass a full {@link Table1TestRule}):
 * - "paper" (Bi et al. 2025, Table 1 footnotes: "compared using an independent t-test" and "Fisher's
 *   exact test or chi-square test"): continuous → Student's two-sample t-test (pooled variance);
 *   categorical → Pearson's chi-square without continuity correction, or Fisher's exact test when any
 *   expected count is < 5.
 * - "welch": as "paper" with Welch's t-test.
 * - "wilcoxon": continuous → Wilcoxon rank-sum (exact for n < 50 per group without ties, else normal
 *   approximation with continuity correction, as R's wilcox.test); categorical as "paper".
 * - "yates": as "paper" with Yates' continuity correction on 2 × 2 chi-square tests (R's chisq.test default).
 * - "fisher": continuous as "paper"; every categorical variable by Fisher's exact test.
 *
 * Missing values (null, undefined, NaN, "", "NA") are left out variable by variable and counted in a
 * note. A categorical value outside the declared levels is an error naming the row and column. Rows whose
 * group is not one of `groups` are ignored. A level observed in no group is shown with zero counts and left
 * out of the test (noted); a test that cannot be computed (e.g. constant data) gives p = NaN ("NA") with
 * the reason in `tests[i].reason` and in the notes.
 */
import { type Cell, type ReportColumn, type ReportTable, reportTable } from "./table.ts";
import { describe, meanOnePass, varianceUnchecked } from "../stats/quantile.ts";
import { tTest } from "../stats/ttest.ts";
import { wilcoxonRankSum } from "../stats/wilcoxon.ts";
import { chisqTest, expectedCounts } from "../stats/chisq.ts";
import { fisherTest } from "../stats/fisher.ts";
import { formatCountPercent, formatP } from "../stats/format.ts";
import type { Codebook } from "../data/codebook.ts";
import { normaliseLabel, type PublishedTables, table1Variables } from "../audit/published.ts";

/** One variable of Table 1. */
export interface Table1VariableSpec {
  /** Column name in the rows. */
  readonly name: string;
  /** Row label (default: `name`, plus " (unit)" when `unit` is given and the label has no parenthesis). */
  readonly label?: string;
  readonly kind: "continuous" | "categorical";
  /** Categorical levels as cell text, in display order (default: distinct values sorted as text). */
  readonly levels?: readonly string[];
  /** Display labels of the levels, aligned with `levels` (default: the levels). */
  readonly levelLabels?: readonly string[];
  readonly unit?: string;
  /**
   * Decimals of "median (Q1, Q3)" (default: the table's `digits` when given; otherwise by the data:
   * whole-number variables (counts, months, %) print whole numbers and halves as they fall, e.g.
   * "39 (16, 65.5)", other variables 2 decimals).
   */
  readonly digits?: number;
  /** Two-level categorical: the level shown on the one row (default: the second level). */
  readonly showLevel?: string;
}

/** A compared group: its value in the group column and its header label. */
export interface Table1Group {
  readonly level: string;
  /** Header label (default: the level); the header shows "label (n=N)". */
  readonly label?: string;
}

export type ContinuousTest = "student" | "welch" | "wilcoxon";
export type CategoricalTest = "chisq" | "fisher" | "chisq_or_fisher";

/** How each variable's p-value is computed. */
export interface Table1TestRule {
  /** Test of continuous variables (two groups only). */
  readonly continuous: ContinuousTest;
  /** Test of categorical variables: chi-square, Fisher, or chi-square unless an expected count < `fisherBelow`. */
  readonly categorical: CategoricalTest;
  /** Yates' continuity correction on 2 × 2 chi-square tests (R's min(0.5, |O − E|)). */
  readonly yates: boolean;
  /** With "chisq_or_fisher": Fisher's exact test when any expected count is below this (default 5). */
  readonly fisherBelow: number;
}

export type Table1RuleName = "paper" | "welch" | "wilcoxon" | "yates" | "fisher";

/** The named rules (see the module documentation). */
export const TABLE1_RULES: Readonly<Record<Table1RuleName, Table1TestRule>> = {
  paper: { continuous: "student", categorical: "chisq_or_fisher", yates: false, fisherBelow: 5 },
  welch: { continuous: "welch", categorical: "chisq_or_fisher", yates: false, fisherBelow: 5 },
  wilcoxon: { continuous: "wilcoxon", categorical: "chisq_or_fisher", yates: false, fisherBelow: 5 },
  yates: { continuous: "student", categorical: "chisq_or_fisher", yates: true, fisherBelow: 5 },
  fisher: { continuous: "student", categorical: "fisher", yates: false, fisherBelow: 5 },
};

/** Options of {@link table1}. */
export interface Table1Options {
  /** Column holding the group of each row (required). */
  readonly groupColumn: string;
  /** The compared groups, in column order (at least 2; continuous tests need exactly 2). */
  readonly groups: readonly (string | Table1Group)[];
  /** Test rule: a name of {@link TABLE1_RULES} or a full rule (default "paper"). */
  readonly rule?: Table1RuleName | Table1TestRule;
  /** Title (default "Table 1. Baseline characteristics"). */
  readonly title?: string;
  /** Decimals of continuous summaries (default 2, as the paper prints them). */
  readonly digits?: number;
  /** Decimals of percentages (default 1). */
  readonly percentDigits?: number;
  /** Decimals of p-values (default 3). */
  readonly pDigits?: number;
  /** p below this prints as "<threshold" (default 0.001). */
  readonly pThreshold?: number;
  /** Add an "Overall" column (default false). */
  readonly overall?: boolean;
  /** Add a "Test" column naming each variable's test (default false; the notes always name them). */
  readonly testColumn?: boolean;
  /**
   * Two-level categorical variables take one row naming the level shown, as gtsummary's dichotomous
   * rows (default true): the spec's `showLevel`, else the second level (the first is the reference).
   */
  readonly dichotomous?: boolean;
  /** A "Missing" row under each variable with missing values: n per group (default true, gtsummary "ifany"). */
  readonly missingRows?: boolean;
  /** Mark each p-value with a footnote letter naming its test (default true). */
  readonly testFootnotes?: boolean;
  /** Add a standardised mean difference column (two groups; default false). See {@link standardisedMeanDifference}. */
  readonly smd?: boolean;
}

/** Summary of a continuous variable in one group. */
export interface Table1Summary {
  readonly n: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly text: string;
}

/** Counts of one categorical level. */
export interface Table1LevelCells {
  readonly level: string;
  readonly label: string;
  /** Count per group (then overall when requested). */
  readonly counts: readonly number[];
  readonly texts: readonly string[];
}

/** The test of one variable, with the numbers behind its cells. */
export interface Table1Test {
  readonly variable: string;
  readonly label: string;
  readonly kind: "continuous" | "categorical";
  /** Short test name, e.g. "Student t-test", "Pearson chi-square", "Fisher exact"; "none" when not computed. */
  readonly test: string;
  /** Full method name of the test function (R's method string). */
  readonly method: string;
  /** t, W or X² (null for Fisher's test and when not computed). */
  readonly statistic: number | null;
  readonly df: number | null;
  readonly pValue: number;
  readonly pText: string;
  /** Categorical: smallest expected count of the tested table (null otherwise). */
  readonly minExpected: number | null;
  /** Non-missing values per group. */
  readonly n: readonly number[];
  /** Missing values per group. */
  readonly missing: readonly number[];
  /** Continuous: one summary per group (then overall when requested). */
  readonly summaries: readonly Table1Summary[] | null;
  /** Standardised mean difference between the two groups (NaN when not computable or more groups). */
  readonly smd: number;
  /** Categorical: one entry per level. */
  readonly levels: readonly Table1LevelCells[] | null;
  /** Why the p-value is NaN, or what was left out of the test. */
  readonly reason: string | null;
}

/** Table 1 with its tests. */
export interface Table1Result {
  readonly table: ReportTable;
  readonly tests: readonly Table1Test[];
  readonly rule: Table1TestRule;
  readonly groups: readonly { level: string; label: string; n: number }[];
}

const TEST_NAMES: Record<ContinuousTest, string> = {
  student: "Student t-test",
  welch: "Welch t-test",
  wilcoxon: "Wilcoxon rank-sum test",
};

function isMissing(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "number") return Number.isNaN(v);
  if (typeof v === "string") return v.trim() === "" || v.trim() === "NA";
  return false;
}

function optionError(name: string, expected: string, got: unknown): never {
  throw new Error(`table1 option "${name}": expected ${expected}, got ${JSON.stringify(got)}`);
}

function resolveRule(rule: Table1Options["rule"]): Table1TestRule {
  if (rule === undefined) return TABLE1_RULES.paper;
  if (typeof rule === "string") {
    const r = TABLE1_RULES[rule as Table1RuleName];
    if (!r) optionError("rule", `one of ${Object.keys(TABLE1_RULES).join(", ")} or a rule object`, rule);
    return r;
  }
  if (!["student", "welch", "wilcoxon"].includes(rule.continuous)) {
    optionError("rule.continuous", "student, welch or wilcoxon", rule.continuous);
  }
  if (!["chisq", "fisher", "chisq_or_fisher"].includes(rule.categorical)) {
    optionError("rule.categorical", "chisq, fisher or chisq_or_fisher", rule.categorical);
  }
  if (typeof rule.yates !== "boolean") optionError("rule.yates", "true or false", rule.yates);
  if (typeof rule.fisherBelow !== "number" || !(rule.fisherBelow >= 0)) {
    optionError("rule.fisherBelow", "a number >= 0", rule.fisherBelow);
  }
  return rule;
}

/** Human description of a rule, for the table notes. */
export function describeRule(rule: Table1TestRule): string[] {
  const cont = rule.continuous === "student"
    ? "Student's two-sample t-test (pooled variance; the paper's \"independent t-test\")"
    : rule.continuous === "welch"
    ? "Welch's two-sample t-test (unequal variances)"
    : "the Wilcoxon rank-sum test (exact for n < 50 per group without ties, otherwise normal approximation with continuity correction)";
  const chi = `Pearson's chi-square test ${
    rule.yates ? "with Yates' continuity correction for 2 × 2 tables" : "without continuity correction"
  }`;
  const cat = rule.categorical === "chisq"
    ? chi
    : rule.categorical === "fisher"
    ? "Fisher's exact test"
    : `${chi}, or Fisher's exact test when any expected count is < ${rule.fisherBelow}`;
  return [`Continuous variables compared by ${cont}.`, `Categorical variables compared by ${cat}.`];
}

/**
 * Build Table 1 from row objects (see the module documentation). `rows` are not modified.
 * Throws when an option is invalid, a column is absent from every row, a categorical value is not
 * one of the declared levels, or a continuous value is not a number.
 */
export function table1(
  rows: readonly Readonly<Record<string, unknown>>[],
  variables: readonly Table1VariableSpec[],
  options: Table1Options,
): Table1Result {
  if (!options || typeof options.groupColumn !== "string") {
    optionError("groupColumn", "a column name", options?.groupColumn);
  }
  if (!Array.isArray(options.groups) || options.groups.length < 2) {
    optionError("groups", "at least 2 groups", options.groups);
  }
  const rule = resolveRule(options.rule);
  const digits = options.digits;
  const pctDigits = options.percentDigits ?? 1;
  const pFmt = { digits: options.pDigits ?? 3, threshold: options.pThreshold ?? 0.001 };
  const overall = options.overall ?? false;
  const groups = options.groups.map((
    g,
  ) => (typeof g === "string" ? { level: g, label: g } : { level: g.level, label: g.label ?? g.level }));
  if (new Set(groups.map((g) => g.level)).size !== groups.length) {
    optionError(
      "groups",
      "distinct levels",
      groups.map((g) => g.level),
    );
  }
  if (variables.some((v) => v.kind === "continuous") && groups.length !== 2) {
    optionError(
      "groups",
      "exactly 2 groups when continuous variables are tested",
      groups.map((g) => g.level),
    );
  }
  if (rows.length > 0 && !rows.some((r) => options.groupColumn in r)) {
    throw new Error(`table1: group column "${options.groupColumn}" is absent from the rows`);
  }
  // rows per group (row index kept for error messages)
  const members: number[][] = groups.map(() => []);
  const gIndex = new Map(groups.map((g, i) => [g.level, i]));
  rows.forEach((r, i) => {
    const g = gIndex.get(String(r[options.groupColumn]));
    if (g !== undefined) members[g].push(i);
  });
  const groupInfo = groups.map((g, i) => ({ level: g.level, label: g.label, n: members[i].length }));

  const tests: Table1Test[] = [];
  const tableRows: Record<string, Cell>[] = [];
  const notes: string[] = [];
  const missingNotes: string[] = [];
  const wholeVars: string[] = [];
  const gKey = (i: number) => `group_${i + 1}`;
  const dichotomous = options.dichotomous ?? true;
  const dichotomousVars: string[] = [];
  const footnotes = options.testFootnotes ?? true;
  const letters = new Map<string, string>();
  const mark = (t: Table1Test): string => {
    if (!footnotes || t.test === "none" || !Number.isFinite(t.pValue)) return t.pText;
    if (!letters.has(t.test)) letters.set(t.test, FOOTNOTE_LETTERS[letters.size] ?? `[${letters.size + 1}]`);
    return `${t.pText}${letters.get(t.test)}`;
  };
  const pushMissing = (label: string, missing: readonly number[]) => {
    if (!(options.missingRows ?? true) || !missing.some((k) => k > 0)) return;
    const row: Record<string, Cell> = { variable: "", level: "Missing" };
    missing.forEach((k, j) => (row[gKey(j)] = String(k), row[`${gKey(j)}_n`] = k));
    if (overall) {
      const all = missing.reduce((a, b) => a + b, 0);
      row.overall = String(all);
      row.overall_n = all;
    }
    row.p = "";
    tableRows.push(row);
    void label;
  };

  for (const v of variables) {
    if (!v || typeof v.name !== "string") {
      throw new Error(`table1: variable spec without a name: ${JSON.stringify(v)}`);
    }
    if (v.kind !== "continuous" && v.kind !== "categorical") {
      throw new Error(
        `table1 variable "${v.name}": kind must be "continuous" or "categorical", got ${
          JSON.stringify(v.kind)
        }`,
      );
    }
    if (rows.length > 0 && !rows.some((r) => v.name in r)) {
      throw new Error(`table1: column "${v.name}" is absent from the rows`);
    }
    let label = v.label ?? v.name;
    if (v.unit && !label.includes("(")) label = `${label} (${v.unit})`;
    const missing = members.map((m) => m.filter((i) => isMissing(rows[i][v.name])).length);
    if (missing.some((k) => k > 0)) {
      missingNotes.push(
        `${label}: ${missing.map((k, i) => `${k} missing in ${groups[i].label}`).join(", ")}`,
      );
    }
    if (v.kind === "continuous") {
      const values = members.map((m) =>
        m.filter((i) => !isMissing(rows[i][v.name])).map((i) => {
          const raw = rows[i][v.name];
          const x = typeof raw === "number" ? raw : Number(String(raw).trim());
          if (!Number.isFinite(x)) {
            throw new Error(
              `table1: row ${i + 1}, column "${v.name}": expected a number, got ${JSON.stringify(raw)}`,
            );
          }
          return x;
        })
      );
      const d = v.digits ?? digits;
      const whole = d === undefined && values.every((x) => x.every((y) => Number.isInteger(y)));
      const sets = overall ? [...values, values.flat()] : values;
      const summaries = sets.map((x) => {
        if (x.length === 0) return { n: 0, median: NaN, q1: NaN, q3: NaN, text: "NA" };
        const s = describe(x, { digits: d ?? (whole ? 1 : 2) });
        // whole-number data: "39 (16, 65.5)", never "39.00 (16.00, 65.50)"
        const text = whole ? s.summary.replace(/\.0(?=\D|$)/g, "") : s.summary;
        return { n: s.n, median: s.median, q1: s.q1, q3: s.q3, text };
      });
      if (whole) wholeVars.push(label);
      let statistic: number | null = null,
        df: number | null = null,
        p = NaN,
        method = "",
        reason: string | null = null;
      try {
        if (rule.continuous === "wilcoxon") {
          const r = wilcoxonRankSum(values[0], values[1]);
          statistic = r.statistic;
          p = r.pValue;
          method = r.method;
        } else {
          const r = tTest(values[0], values[1], { varEqual: rule.continuous === "student" });
          statistic = r.statistic;
          df = r.df;
          p = r.pValue;
          method = r.method;
        }
      } catch (e) {
        reason = (e as Error).message;
      }
      const test: Table1Test = {
        variable: v.name,
        label,
        kind: "continuous",
        test: reason ? "none" : TEST_NAMES[rule.continuous],
        method,
        statistic,
        df,
        pValue: p,
        pText: formatP(p, pFmt),
        minExpected: null,
        n: values.map((x) => x.length),
        missing,
        summaries,
        smd: groups.length === 2 ? smdContinuous(values[0], values[1]) : NaN,
        levels: null,
        reason,
      };
      tests.push(test);
      const row: Record<string, Cell> = { variable: label, level: "" };
      summaries.forEach((s, j) => {
        const k = j < groups.length ? gKey(j) : "overall";
        row[k] = s.text;
        row[`${k}_median`] = s.median;
        row[`${k}_q1`] = s.q1;
        row[`${k}_q3`] = s.q3;
      });
      row.p = mark(test);
      row.p_value = test.pValue;
      if (options.smd) row.smd = formatSmd(test.smd);
      if (options.testColumn) row.test = test.test;
      tableRows.push(row);
      pushMissing(label, missing);
      continue;
    }
    // categorical
    const present = members.map((m) => m.filter((i) => !isMissing(rows[i][v.name])));
    const levels = v.levels
      ? [...v.levels]
      : [...new Set(present.flat().map((i) => String(rows[i][v.name]).trim()))].sort();
    if (levels.length === 0) {
      throw new Error(`table1 variable "${v.name}": no levels given and no values observed`);
    }
    const levelLabels = v.levelLabels ?? levels;
    if (levelLabels.length !== levels.length) {
      throw new Error(
        `table1 variable "${v.name}": levelLabels has ${levelLabels.length} entries for ${levels.length} levels`,
      );
    }
    const li = new Map(levels.map((l, k) => [l, k]));
    const counts = levels.map(() => groups.map(() => 0));
    present.forEach((m, g) =>
      m.forEach((i) => {
        const text = String(rows[i][v.name]).trim();
        const k = li.get(text);
        if (k === undefined) {
          throw new Error(
            `table1: row ${i + 1}, column "${v.name}": expected one of ${JSON.stringify(levels)}, got ${
              JSON.stringify(text)
            }`,
          );
        }
        counts[k][g]++;
      })
    );
    const n = groups.map((_, g) => present[g].length);
    const nAll = n.reduce((a, b) => a + b, 0);
    const levelCells: Table1LevelCells[] = levels.map((l, k) => {
      const c = overall ? [...counts[k], counts[k].reduce((a, b) => a + b, 0)] : counts[k];
      const totals = overall ? [...n, nAll] : n;
      return {
        level: l,
        label: levelLabels[k],
        counts: c,
        texts: c.map((x, j) => formatCountPercent(x, totals[j], pctDigits)),
      };
    });
    // test on the table without empty levels / groups
    const keepRows = counts.map((r) => r.some((x) => x > 0));
    const keepCols = groups.map((_, g) => counts.some((r) => r[g] > 0));
    const tested = counts.filter((_, k) => keepRows[k]).map((r) => r.filter((_, g) => keepCols[g]));
    const dropped = levels.filter((_, k) => !keepRows[k]);
    let statistic: number | null = null, df: number | null = null, p = NaN, method = "", testName = "none";
    let minExpected: number | null = null;
    let reason: string | null = dropped.length
      ? `level(s) ${dropped.join(", ")} observed in no group, left out of the test`
      : null;
    if (tested.length < 2 || (tested[0]?.length ?? 0) < 2) {
      reason = `fewer than 2 observed levels or groups: no test`;
    } else {
      minExpected = Math.min(...expectedCounts(tested).flat());
      const useFisher = rule.categorical === "fisher" ||
        (rule.categorical === "chisq_or_fisher" && minExpected < rule.fisherBelow);
      try {
        if (useFisher) {
          const r = fisherTest(tested, { confInt: false });
          p = r.pValue;
          method = r.method;
          testName = "Fisher exact test";
        } else {
          const r = chisqTest(tested, { correct: rule.yates });
          statistic = r.statistic;
          df = r.df;
          p = r.pValue;
          method = r.method;
          testName = r.yates > 0 ? "Pearson chi-square (Yates)" : "Pearson chi-square";
        }
      } catch (e) {
        reason = (e as Error).message;
      }
    }
    const test: Table1Test = {
      variable: v.name,
      label,
      kind: "categorical",
      test: testName,
      method,
      statistic,
      df,
      pValue: p,
      pText: formatP(p, pFmt),
      minExpected,
      n,
      missing,
      summaries: null,
      smd: groups.length === 2 ? smdCategorical(counts.map((r) => r[0]), counts.map((r) => r[1])) : NaN,
      levels: levelCells,
      reason,
    };
    tests.push(test);
    let shown = levelCells.map((lc, k) => ({ lc, k }));
    if (dichotomous && levelCells.length === 2) {
      const want = v.showLevel ?? levels[1];
      const k = levels.indexOf(want);
      if (k < 0) {
        throw new Error(
          `table1 variable "${v.name}": showLevel ${JSON.stringify(want)} is not one of ${
            JSON.stringify(levels)
          }`,
        );
      }
      shown = [{ lc: levelCells[k], k }];
      dichotomousVars.push(`${label}: ${levelCells[k].label}`);
    }
    const totals = overall ? [...n, nAll] : n;
    shown.forEach(({ lc }, i) => {
      const row: Record<string, Cell> = { variable: i === 0 ? label : "", level: lc.label };
      lc.texts.forEach((t, j) => {
        const key = j < groups.length ? gKey(j) : "overall";
        row[key] = t;
        row[`${key}_n`] = lc.counts[j];
        row[`${key}_pct`] = totals[j] > 0 ? (100 * lc.counts[j]) / totals[j] : null;
      });
      row.p = i === 0 ? mark(test) : "";
      row.p_value = i === 0 ? test.pValue : null;
      if (options.smd) row.smd = i === 0 ? formatSmd(test.smd) : "";
      if (options.testColumn) row.test = i === 0 ? test.test : "";
      tableRows.push(row);
    });
    pushMissing(label, missing);
  }

  const columns: ReportColumn[] = [
    { key: "variable", label: "Variable" },
    { key: "level", label: "Level" },
    ...groupInfo.map((g, i) => ({ key: gKey(i), label: `${g.label} (n=${g.n})` })),
  ];
  if (overall) {
    columns.push({
      key: "overall",
      label: `Overall (n=${groupInfo.reduce((a, g) => a + g.n, 0)})`,
    });
  }
  columns.push({ key: "p", label: "p" });
  if (options.smd) columns.push({ key: "smd", label: "SMD" });
  if (options.testColumn) columns.push({ key: "test", label: "Test" });
  // analysis-ready numbers (CSV/XLSX only)
  const machine = [
    ...groupInfo.map((g, i) => ({ key: gKey(i), label: g.label })),
    ...(overall ? [{ key: "overall", label: "Overall" }] : []),
  ];
  for (const g of machine) {
    for (
      const [suffix, what] of [["n", "n"], ["pct", "%"], ["median", "median"], ["q1", "Q1"], ["q3", "Q3"]]
    ) {
      columns.push({ key: `${g.key}_${suffix}`, label: `${g.label} ${what}`, machineOnly: true });
    }
  }
  columns.push({ key: "p_value", label: "p_value", machineOnly: true });

  notes.push(
    `Continuous variables: median (Q1, Q3) (type-7 quantiles); categorical variables: n (%) of the group's non-missing values.`,
    ...(wholeVars.length
      ? [
        `Whole-number variables printed without decimals (halves where the median or quartile falls between two values): ${
          wholeVars.join(", ")
        }.`,
      ]
      : []),
    ...(dichotomousVars.length
      ? [
        `Two-level variables in one row, the level shown named (the other is the complement): ${
          dichotomousVars.join("; ")
        }.`,
      ]
      : []),
    ...(letters.size ? [[...letters].map(([test, l]) => `${l} ${test}.`).join(" ")] : []),
    ...(options.smd
      ? [
        "SMD, standardised mean difference: continuous (m₁ − m₂)/√((s₁² + s₂²)/2); categorical over k levels √((p₁ − p₂)ᵀ S⁻¹ (p₁ − p₂)) with S the pooled covariance of the level indicators (Yang & Dalton 2012; R tableone::ExtractSmd).",
      ]
      : []),
    ...describeRule(rule),
    `Tests used: ${
      tests.map((t) => `${t.label} — ${t.test}${t.reason ? ` (${t.reason})` : ""}`).join("; ")
    }.`,
    `p-values below ${pFmt.threshold} are printed as <${pFmt.threshold}, others with ${pFmt.digits} decimals.`,
  );
  if (missingNotes.length) notes.push(`Missing values left out: ${missingNotes.join("; ")}.`);
  return {
    table: reportTable(options.title ?? "Table 1. Baseline characteristics", tableRows, { columns, notes }),
    tests,
    rule,
    groups: groupInfo,
  };
}

const FOOTNOTE_LETTERS = ["ᵃ", "ᵇ", "ᶜ", "ᵈ", "ᵉ", "ᶠ", "ᵍ", "ʰ"];

function formatSmd(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : "";
}

function meanVar(x: readonly number[]): [number, number] {
  const m = meanOnePass(x);
  return [m, varianceUnchecked(x, m)];
}

/**
 * Standardised mean difference of a continuous variable: (m₁ − m₂) / √((s₁² + s₂²)/2), sample
 * variances (n − 1); absolute value, as R tableone::ExtractSmd reports it.
 * Reference: Austin (2009) Stat Med 28:3083; Yang & Dalton (2012) SAS Global Forum 335.
 */
export function smdContinuous(a: readonly number[], b: readonly number[]): number {
  if (a.length < 2 || b.length < 2) return NaN;
  const [m1, v1] = meanVar(a);
  const [m2, v2] = meanVar(b);
  const den = Math.sqrt((v1 + v2) / 2);
  return den > 0 ? Math.abs(m1 - m2) / den : m1 === m2 ? 0 : NaN;
}

/**
 * Standardised mean difference of a categorical variable from level counts per group (Yang & Dalton
 * 2012, as R tableone): with p₁, p₂ the level proportions without the first level and
 * S = (diag(p₁) − p₁p₁ᵀ + diag(p₂) − p₂p₂ᵀ)/2 the pooled covariance of the level indicators,
 * SMD = √((p₁ − p₂)ᵀ S⁻¹ (p₁ − p₂)). For two levels: |p₁ − p₂| / √((p₁(1 − p₁) + p₂(1 − p₂))/2).
 */
export function smdCategorical(countsA: readonly number[], countsB: readonly number[]): number {
  const na = countsA.reduce((x, y) => x + y, 0);
  const nb = countsB.reduce((x, y) => x + y, 0);
  if (na === 0 || nb === 0 || countsA.length < 2) return NaN;
  const p1 = countsA.slice(1).map((c) => c / na);
  const p2 = countsB.slice(1).map((c) => c / nb);
  const k = p1.length;
  // S_ij = (p1_i(δij − p1_j) + p2_i(δij − p2_j)) / 2
  const S = p1.map((_, i) =>
    p1.map((_, j) => ((i === j ? p1[i] : 0) - p1[i] * p1[j] + (i === j ? p2[i] : 0) - p2[i] * p2[j]) / 2)
  );
  const d = p1.map((x, i) => x - p2[i]);
  // solve S x = d by Gaussian elimination with partial pivoting
  const A = S.map((r, i) => [...r, d[i]]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (Math.abs(A[piv][c]) < 1e-14) return d.every((x) => Math.abs(x) < 1e-14) ? 0 : NaN;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let j = c; j <= k; j++) A[r][j] -= f * A[c][j];
    }
  }
  const x = A.map((r, i) => r[k] / r[i]);
  return Math.sqrt(Math.max(0, d.reduce((acc, di, i) => acc + di * x[i], 0)));
}

/** Options of {@link table1SpecsFromCodebook}. */
export interface CodebookSpecOptions {
  /** Variables to include, in this order (default: every entry with a published Table 1 label, codebook order). */
  readonly variables?: readonly string[];
  /**
   * Order the variables as the Table 1 of these published tables (matched by normalised label);
   * variables it does not list follow in codebook order. Ignored when `variables` is given.
   */
  readonly orderLike?: PublishedTables;
}

/**
 * Table 1 variable specs from a codebook (lib/data/codebook.ts): continuous/time → continuous;
 * categorical/binary/status → categorical with the codebook levels and their published labels.
 * Labels are the published Table 1 labels (the variable name when none).
 */
export function table1SpecsFromCodebook(
  cb: Codebook,
  options: CodebookSpecOptions = {},
): Table1VariableSpec[] {
  let names = options.variables ?? cb.entries.filter((e) => e.publishedLabel !== "").map((e) => e.variable);
  if (!options.variables && options.orderLike) {
    const order = table1Variables(options.orderLike.table1).map((v) => normaliseLabel(v.variable));
    const rank = (name: string) => {
      const e = cb.entries.find((x) => x.variable === name)!;
      const k = order.indexOf(normaliseLabel(e.publishedLabel || e.variable));
      return k < 0 ? order.length : k;
    };
    names = names.map((n, i) => ({ n, i, r: rank(n) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) =>
      x.n
    );
  }
  return names.map((name) => {
    const e = cb.entries.find((x) => x.variable === name);
    if (!e) {
      throw new Error(`table1SpecsFromCodebook: variable "${name}" is not in the codebook ${cb.source}`);
    }
    const label = e.publishedLabel || e.variable;
    if (e.type === "continuous" || e.type === "time") {
      return { name, label, kind: "continuous" as const, unit: e.unit || undefined };
    }
    if (e.type === "categorical" || e.type === "binary" || e.type === "status") {
      return {
        name,
        label,
        kind: "categorical" as const,
        levels: e.levels,
        levelLabels: e.publishedLevels.length === e.levels.length ? e.publishedLevels : e.levels,
      };
    }
    throw new Error(
      `table1SpecsFromCodebook: variable "${name}" has type ${e.type}, which Table 1 does not summarise`,
    );
  });
}

/**
 * The twin's (or any re-analysis') Table 1 beside a published one (`published/` format of a study folder, read by
 * lib/audit/published.ts), in the published row order. Variables are matched by normalised label
 * (lower case, without "*" and parenthesised units); levels by normalised label, or by position when no
 * level label matches (e.g. printed "No/Yes" for levels 0/1; noted). Published groups are matched to
 * Table 1 groups by level name, or by `groupMap` (published group → Table 1 group level).
 */
export function table1BesidePublished(
  result: Table1Result,
  published: PublishedTables,
  options: { title?: string; groupMap?: Readonly<Record<string, string>>; sourceLabel?: string } = {},
): ReportTable {
  const src = options.sourceLabel ?? "Twin";
  const gmap = published.groups.map((pg) => {
    const level = options.groupMap?.[pg.group] ?? pg.group;
    const j = result.groups.findIndex((g) => g.level === level);
    if (j < 0) {
      throw new Error(
        `table1BesidePublished: published group "${pg.group}" has no Table 1 group (levels: ${
          result.groups.map((g) => g.level).join(", ")
        }); pass groupMap`,
      );
    }
    return { pg, j };
  });
  const rows: Record<string, Cell>[] = [];
  const unmatched: string[] = [];
  const positional: string[] = [];
  for (const pv of table1Variables(published.table1)) {
    const t = result.tests.find((x) => normaliseLabel(x.label) === normaliseLabel(pv.variable));
    if (!t) unmatched.push(pv.variable);
    let byPosition = false;
    if (t?.levels) {
      const anyMatch = pv.rows.some((r) =>
        t.levels!.some((l) => normaliseLabel(l.label) === normaliseLabel(r.level))
      );
      byPosition = !anyMatch && t.levels.length === pv.rows.length;
      if (byPosition) positional.push(pv.variable);
    }
    pv.rows.forEach((r, k) => {
      const row: Record<string, Cell> = { variable: k === 0 ? pv.variable : "", level: r.level };
      let lc = null;
      if (t?.levels) {
        lc = byPosition
          ? t.levels[k]
          : t.levels.find((l) => normaliseLabel(l.label) === normaliseLabel(r.level)) ?? null;
      }
      for (const { pg, j } of gmap) {
        row[`pub_${pg.group}`] = r.cells[pg.group]?.text ?? "";
        row[`twin_${pg.group}`] = t ? (t.summaries ? t.summaries[j].text : lc ? lc.texts[j] : "") : "";
      }
      row.p_pub = k === 0 ? r.pText : "";
      row.p_twin = k === 0 && t ? t.pText : "";
      row.test = k === 0 && t ? t.test : "";
      rows.push(row);
    });
  }
  const columns: ReportColumn[] = [{ key: "variable", label: "Variable" }, { key: "level", label: "Level" }];
  for (const { pg, j } of gmap) {
    columns.push({ key: `pub_${pg.group}`, label: `Published: ${pg.label || pg.group}` });
    columns.push({
      key: `twin_${pg.group}`,
      label: `${src}: ${result.groups[j].label} (n=${result.groups[j].n})`,
    });
  }
  columns.push({ key: "p_pub", label: "Published p" }, { key: "p_twin", label: `${src} p` }, {
    key: "test",
    label: `${src} test`,
  });
  const notes = [
    `Published cells as printed (${
      published.source.split("/").filter((x) => x).slice(-2).join("/")
    }); ${src.toLowerCase()} cells: median (Q1, Q3) or n (%).`,
    ...describeRule(result.rule),
  ];
  if (positional.length) {
    notes.push(
      `Levels matched by position (printed labels differ from the level names): ${positional.join(", ")}.`,
    );
  }
  if (unmatched.length) {
    notes.push(`Published variables without a ${src.toLowerCase()} counterpart: ${unmatched.join(", ")}.`);
  }
  return reportTable(options.title ?? `Table 1: published vs ${src.toLowerCase()}`, rows, { columns, notes });
}

/**
 * Sensitivity of Table 1 p-values to the test rule: one row per variable, one column of formatted p
 * (and the test used) per rule. Same inputs as {@link table1}; `rules` default: every named rule.
 */
export function table1RuleComparison(
  rows: readonly Readonly<Record<string, unknown>>[],
  variables: readonly Table1VariableSpec[],
  options: Table1Options,
  rules: readonly Table1RuleName[] = ["paper", "welch", "wilcoxon", "yates", "fisher"],
): ReportTable {
  const results = rules.map((rule) => table1(rows, variables, { ...options, rule }));
  const out: Record<string, Cell>[] = results[0].tests.map((t, i) => {
    const row: Record<string, Cell> = { variable: t.label };
    results.forEach((r, k) => {
      row[`p_${rules[k]}`] = r.tests[i].pText;
      row[`test_${rules[k]}`] = r.tests[i].test;
    });
    return row;
  });
  const columns: ReportColumn[] = [{ key: "variable", label: "Variable" }];
  for (const rule of rules) {
    columns.push({ key: `p_${rule}`, label: `p (${rule})` }, {
      key: `test_${rule}`,
      label: `test (${rule})`,
    });
  }
  return reportTable(options.title ?? "Table 1 p-values under alternative test rules", out, {
    columns,
    notes: rules.map((rule) => `${rule}: ${describeRule(TABLE1_RULES[rule]).join(" ")}`),
  });
}
