/**
 * Consistency checks of a paper's published tables (in the `published/` format of a study folder, see
 * published.ts). Each check returns findings with a severity:
 * - `error`: the printed numbers cannot all be right (a row that does not add up to its group, an
 *   estimate outside its own interval, a p-value no rounding of the interval can give);
 * - `warning`: possible but suspicious (no standard test reproduces a p-value, identical rows,
 *   asymmetric Wald interval, a model worse than no skill, reversed direction);
 * - `info`: what was checked and which test reproduces a p-value.
 *
 * Rounding is always allowed for: a printed number x with d decimals stands for [x − ½·10⁻ᵈ, x + ½·10⁻ᵈ].
 *
 * References: Pearson chi-square with/without Yates correction and Fisher's exact test as R's
 * `chisq.test` / `fisher.test` (lib/stats); Wald CI of an OR: exp(β̂ ± 1.96·SE), so SE = (log U − log L)/
 * (2·1.96) and z = log OR / SE (Altman & Bland, BMJ 2011;343:d2090, "How to obtain the P value from a
 * confidence interval"); no-skill Brier p(1 − p) (Brier 1950; Steyerberg, Clinical Prediction Models,
 * 2nd ed., §15.2); AUC standard error of Hanley & McNeil (Radiology 1982;143:29–36); mean and SD from
 * median and quartiles of Wan et al. (BMC Med Res Methodol 2014;14:135): mean ≈ (q₁ + m + q₃)/3,
 * SD ≈ (q₃ − q₁)/(2Φ⁻¹((0.75n − 0.125)/(n + 0.25))).
 */
import { chisqTest } from "../stats/chisq.ts";
import { fisherTest } from "../stats/fisher.ts";
import { normalQuantile, normalUpper, tTwoSided } from "../stats/distributions.ts";
import {
  halfUnit,
  normaliseLabel,
  type Printed,
  type PrintedP,
  printedPInterval,
  type PublishedGroup,
  type PublishedTables,
  type Table1Variable,
  table1Variables,
  type Table2Row,
  type Table3Row,
} from "./published.ts";

/** Severity of a finding. */
export type Severity = "info" | "warning" | "error";

/** One audit finding. */
export interface Finding {
  /** Check identifier, e.g. "row_sum", "p_value", "or_ci". */
  readonly check: string;
  /** "Table 1", "Table 2", "Table 3". */
  readonly table: string;
  /** Row(s) concerned: variable (and level / analysis / set). */
  readonly item: string;
  readonly severity: Severity;
  /** What was found, with numbers. */
  readonly message: string;
}

/** Options of the checks. */
export interface AuditOptions {
  /** Normal quantile of the intervals (default 1.959964, 95%). */
  readonly z?: number;
  /** Significance level used when comparing conclusions (default 0.05). */
  readonly alpha?: number;
  /** Tolerated asymmetry of a Wald interval on the log scale beyond rounding, as a fraction of its half-width (default 0.1). */
  readonly asymmetryTolerance?: number;
}

const Z95 = 1.959963984540054;

function fmt(x: number, d = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 10 ** -d) return x.toExponential(2);
  return x.toFixed(d);
}

function groupOf(groups: readonly PublishedGroup[], name: string): PublishedGroup | undefined {
  return groups.find((g) => g.group === name);
}

// ---------------------------------------------------------------------------------------------
// Table 1

/** Counts (levels × groups) of a categorical variable, or null when a cell is not printed. */
function countTable(v: Table1Variable, groups: readonly PublishedGroup[]): number[][] | null {
  const m: number[][] = [];
  for (const r of v.rows) {
    const row: number[] = [];
    for (const g of groups) {
      const n = r.cells[g.group]?.n;
      if (!n) return null;
      row.push(n.value);
    }
    m.push(row);
  }
  return m;
}

/**
 * Row sums: the counts of each categorical variable must add up to each group's size; printed
 * percentages must equal n/N·100 within rounding.
 */
export function checkRowSums(t: PublishedTables): Finding[] {
  const out: Finding[] = [];
  let ok = 0, total = 0;
  for (const v of table1Variables(t.table1)) {
    if (v.kind !== "categorical") continue;
    for (const g of t.groups) {
      const ns = v.rows.map((r) => r.cells[g.group]?.n);
      if (ns.some((n) => !n)) continue;
      total++;
      const s = ns.reduce((a, n) => a + n!.value, 0);
      if (s !== g.n) {
        out.push({
          check: "row_sum",
          table: "Table 1",
          item: `${v.variable} (${g.group})`,
          severity: "error",
          message: `counts ${
            ns.map((n) => n!.text).join(" + ")
          } = ${s}, but the ${g.group} group has n = ${g.n} (${s > g.n ? "+" : ""}${s - g.n})`,
        });
      } else ok++;
      for (const r of v.rows) {
        const c = r.cells[g.group];
        if (!c?.pct || !c.n) continue;
        const pct = (100 * c.n.value) / g.n;
        if (Math.abs(pct - c.pct.value) > halfUnit(c.pct) + 1e-9) {
          out.push({
            check: "percent",
            table: "Table 1",
            item: `${v.variable} = ${r.level} (${g.group})`,
            severity: "error",
            message: `printed ${c.pct.text}% but ${c.n.text}/${g.n} = ${pct.toFixed(2)}%`,
          });
        }
      }
    }
  }
  out.push({
    check: "row_sum",
    table: "Table 1",
    item: "all categorical variables",
    severity: "info",
    message: `${ok} of ${total} variable × group count columns add up to the group size`,
  });
  return out;
}

/** p-values of the three standard tests of a count table. */
export interface CountTests {
  readonly chisq: number;
  /** Yates-corrected chi-square (2 × 2 only, else null). */
  readonly yates: number | null;
  readonly fisher: number;
}

/** Pearson chi-square without and with Yates correction (2 × 2) and Fisher's exact test of a count table. */
export function countTests(counts: readonly (readonly number[])[]): CountTests {
  const two = counts.length === 2 && counts[0].length === 2;
  return {
    chisq: chisqTest(counts, { correct: false }).pValue,
    yates: two ? chisqTest(counts, { correct: true }).pValue : null,
    fisher: fisherTest(counts, { confInt: false }).pValue,
  };
}

/** Whether a computed p prints as the printed one (rounded to its decimals, or below/above a bound). */
export function reproducesP(p: number, printed: PrintedP): boolean {
  const [lo, hi] = printedPInterval(printed);
  if (printed.op === "<") return p < hi + 1e-12;
  if (printed.op === ">") return p > lo - 1e-12;
  return p >= lo - 1e-12 && p <= hi + 1e-12;
}

const TEST_NAMES: Record<keyof CountTests, string> = {
  chisq: "Pearson chi-square without correction",
  yates: "chi-square with Yates correction",
  fisher: "Fisher's exact test",
};

function describeTests(tests: CountTests): string {
  return (Object.keys(TEST_NAMES) as (keyof CountTests)[])
    .filter((k) => tests[k] !== null)
    .map((k) => `${k} ${fmt(tests[k]!)}`)
    .join(", ");
}

/**
 * For a two-level variable whose counts do not add up in exactly one group, the splits of that group's
 * n that keep one printed cell and reproduce the printed p under some test.
 */
function resolutions(v: Table1Variable, counts: number[][], groups: readonly PublishedGroup[]): string[] {
  if (counts.length !== 2 || !v.p) return [];
  const bad = groups.map((g, j) => counts[0][j] + counts[1][j] !== g.n);
  if (bad.filter(Boolean).length !== 1) return [];
  const j = bad.indexOf(true);
  const n = groups[j].n;
  const out: string[] = [];
  const candidates = new Set<string>();
  for (const keep of [0, 1]) {
    for (const at of [0, 1]) {
      // keep printed value of row `keep` placed at level `at`; the other level gets the rest
      const x = counts[keep][j];
      if (x > n) continue;
      const col = at === 0 ? [x, n - x] : [n - x, x];
      candidates.add(col.join("/"));
    }
  }
  for (const c of candidates) {
    const col = c.split("/").map(Number);
    const m = counts.map((row, i) => row.map((val, jj) => (jj === j ? col[i] : val)));
    let tests: CountTests;
    try {
      tests = countTests(m);
    } catch {
      continue;
    }
    const hits = (Object.keys(TEST_NAMES) as (keyof CountTests)[]).filter((k) =>
      tests[k] !== null && reproducesP(tests[k]!, v.p!)
    );
    if (hits.length > 0) {
      out.push(
        `${groups[j].group} ${v.rows.map((r) => r.level).join("/")} = ${c} reproduces p = ${v.p.text} (${
          hits.map((h) => `${h} ${fmt(tests[h]!)}`).join(", ")
        })`,
      );
    }
  }
  return out;
}

/**
 * Recompute each categorical p-value of Table 1 from its counts under Pearson chi-square without
 * and with Yates correction and Fisher's exact test, and say which reproduces the printed value;
 * for continuous rows, approximate a Welch t-test from median (Q1, Q3) (Wan et al. 2014) and flag a
 * conclusion at `alpha` that the summary statistics cannot support.
 */
export function checkTable1PValues(t: PublishedTables, options: AuditOptions = {}): Finding[] {
  const alpha = options.alpha ?? 0.05;
  const out: Finding[] = [];
  const tally: Record<string, number> = { chisq: 0, yates: 0, fisher: 0, none: 0 };
  for (const v of table1Variables(t.table1)) {
    if (!v.p) continue;
    if (v.kind === "categorical") {
      const counts = countTable(v, t.groups);
      if (!counts) continue;
      let tests: CountTests;
      try {
        tests = countTests(counts);
      } catch (e) {
        out.push({
          check: "p_value",
          table: "Table 1",
          item: v.variable,
          severity: "warning",
          message: `cannot test: ${(e as Error).message}`,
        });
        continue;
      }
      const hits = (Object.keys(TEST_NAMES) as (keyof CountTests)[]).filter((k) =>
        tests[k] !== null && reproducesP(tests[k]!, v.p!)
      );
      for (const h of hits) tally[h]++;
      const sumsOk = t.groups.every((g, j) => counts.reduce((a, r) => a + r[j], 0) === g.n);
      if (hits.length > 0) {
        out.push({
          check: "p_value",
          table: "Table 1",
          item: v.variable,
          severity: "info",
          message: `printed p = ${v.p.text} reproduced by ${hits.map((h) => TEST_NAMES[h]).join(" and ")} (${
            describeTests(tests)
          })`,
        });
      } else {
        tally.none++;
        const res = sumsOk ? [] : resolutions(v, counts, t.groups);
        out.push({
          check: "p_value",
          table: "Table 1",
          item: v.variable,
          severity: "warning",
          message:
            `printed p = ${v.p.text} not reproduced by any test of the printed counts (${
              describeTests(tests)
            })` +
            (res.length
              ? `; ${res.join("; ")}`
              : sumsOk
              ? ""
              : "; no split keeping a printed cell reproduces it"),
        });
      }
    } else {
      const [g1, g2] = t.groups;
      if (!g1 || !g2) continue;
      const c1 = v.rows[0].cells[g1.group], c2 = v.rows[0].cells[g2.group];
      if (!c1?.median || !c1.q1 || !c1.q3 || !c2?.median || !c2.q1 || !c2.q3) continue;
      const est = (c: typeof c1, n: number) => {
        const mean = (c.q1!.value + c.median!.value + c.q3!.value) / 3;
        const sd = (c.q3!.value - c.q1!.value) / (2 * normalQuantile((0.75 * n - 0.125) / (n + 0.25)));
        return { mean, sd };
      };
      const a = est(c1, g1.n), b = est(c2, g2.n);
      const va = a.sd ** 2 / g1.n, vb = b.sd ** 2 / g2.n;
      const tt = (a.mean - b.mean) / Math.sqrt(va + vb);
      const df = (va + vb) ** 2 / (va ** 2 / (g1.n - 1) + vb ** 2 / (g2.n - 1));
      const p = tTwoSided(tt, df);
      const [lo, hi] = printedPInterval(v.p);
      const printedSig = hi < alpha, approxSig = p < alpha;
      const ratio = p > hi ? p / Math.max(hi, 1e-300) : lo > 0 && p < lo ? lo / p : 1;
      const bad = printedSig !== approxSig && ratio > 10;
      out.push({
        check: "p_value_continuous",
        table: "Table 1",
        item: v.variable,
        severity: bad ? "warning" : "info",
        message:
          `printed p = ${v.p.text}; Welch t-test on means/SDs estimated from median (Q1, Q3) gives p ≈ ${
            fmt(p)
          } ` +
          `(means ${fmt(a.mean, 2)} vs ${fmt(b.mean, 2)}, SDs ${fmt(a.sd, 2)} vs ${fmt(b.sd, 2)})` +
          (bad
            ? `: the summaries do not support the printed ${
              printedSig ? "significant" : "non-significant"
            } difference`
            : ""),
      });
    }
  }
  out.push({
    check: "p_value",
    table: "Table 1",
    item: "all categorical variables",
    severity: "info",
    message:
      `printed p reproduced by: chi-square without correction ${tally.chisq}, with Yates ${tally.yates}, Fisher ${tally.fisher}; by none ${tally.none}`,
  });
  return out;
}

/** Variables of Table 1 whose counts and p are identical to an earlier variable's. */
export function checkIdenticalRows(t: PublishedTables): Finding[] {
  const out: Finding[] = [];
  const vars = table1Variables(t.table1).filter((v) => v.kind === "categorical");
  const key = (v: Table1Variable) =>
    JSON.stringify([
      v.rows.map((r) => t.groups.map((g) => r.cells[g.group]?.n?.text ?? "")),
      v.p?.text ?? "",
    ]);
  vars.forEach((v, i) => {
    const prev = vars.slice(0, i).find((u) => key(u) === key(v));
    if (prev) {
      out.push({
        check: "identical_rows",
        table: "Table 1",
        item: `${v.variable} / ${prev.variable}`,
        severity: "warning",
        message: `identical counts and p (${
          v.rows.map((r) => t.groups.map((g) => r.cells[g.group]?.n?.text).join("/")).join(", ")
        }; p = ${v.p?.text ?? "-"}): possibly a copied row`,
      });
    }
  });
  const rows2 = t.table2;
  const k2 = (r: Table2Row) =>
    `${r.analysis}|${r.or.text}|${r.lower.text}|${r.upper.text}|${r.p?.text ?? ""}`;
  rows2.forEach((r, i) => {
    const prev = rows2.slice(0, i).find((u) => k2(u) === k2(r) && u.variable !== r.variable);
    if (prev) {
      out.push({
        check: "identical_rows",
        table: "Table 2",
        item: `${r.variable} / ${prev.variable} (${r.analysis})`,
        severity: "warning",
        message:
          `identical OR ${r.or.text} (${r.lower.text}-${r.upper.text}), p = ${r.pText}: possibly a copied row (or two variables with the same margins and the same 2×2 table)`,
      });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Table 2

/** Range of a function of printed numbers over their rounding box (monotone in each argument: corners). */
function cornerRange(xs: readonly Printed[], f: (v: number[]) => number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let mask = 0; mask < 1 << xs.length; mask++) {
    const v = xs.map((x, i) => x.value + ((mask >> i) & 1 ? 1 : -1) * halfUnit(x));
    if (v.some((y) => y <= 0)) continue;
    const y = f(v);
    if (Number.isNaN(y)) continue;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  return [lo, hi];
}

/**
 * OR/CI/p consistency of each Table 2 row: OR inside its CI (error otherwise); symmetry of the CI
 * around the OR on the log scale beyond rounding (warning: not a Wald interval, or a misprint); p
 * implied by the CI, p = 2(1 − Φ(|log OR| / SE)), SE = (log U − log L)/(2z), over the rounding box
 * of OR, L and U, against the printed p (error when no rounding reconciles them, warning within a
 * factor of 3); and, for variables in both analyses, an OR whose direction reverses with both CIs
 * excluding 1 (warning: possibly reversed coding).
 */
export function checkOddsRatios(t: PublishedTables, options: AuditOptions = {}): Finding[] {
  const z = options.z ?? Z95;
  const tol = options.asymmetryTolerance ?? 0.1;
  const out: Finding[] = [];
  let consistent = 0;
  for (const r of t.table2) {
    const item = `${r.variable} (${r.analysis})`;
    const { or, lower, upper } = r;
    let rowOk = true;
    if (!(lower.value <= upper.value)) {
      out.push({
        check: "or_ci",
        table: "Table 2",
        item,
        severity: "error",
        message: `lower limit ${lower.text} above upper ${upper.text}`,
      });
      continue;
    }
    if (
      or.value < lower.value - halfUnit(lower) - halfUnit(or) ||
      or.value > upper.value + halfUnit(upper) + halfUnit(or)
    ) {
      out.push({
        check: "or_ci",
        table: "Table 2",
        item,
        severity: "error",
        message:
          `OR ${or.text} lies outside its own 95% CI (${lower.text}-${upper.text}); the CI's geometric midpoint is ${
            fmt(Math.sqrt(lower.value * upper.value), 3)
          }`,
      });
      continue;
    }
    // symmetry on the log scale
    const [aLo] = cornerRange([or, lower, upper], ([o, l, u]) => {
      const half = (Math.log(u) - Math.log(l)) / 2;
      return Math.abs(Math.log(o) - (Math.log(u) + Math.log(l)) / 2) / half;
    });
    if (aLo > tol) {
      rowOk = false;
      out.push({
        check: "or_symmetry",
        table: "Table 2",
        item,
        severity: "warning",
        message:
          `CI (${lower.text}-${upper.text}) is not symmetric around log OR ${or.text} beyond rounding (offset ≥ ${
            fmt(100 * aLo, 0)
          }% of the half-width): not a Wald interval, or a misprint`,
      });
    }
    if (r.p) {
      const [pLo, pHi] = cornerRange([or, lower, upper], ([o, l, u]) => {
        const se = (Math.log(u) - Math.log(l)) / (2 * z);
        return 2 * normalUpper(Math.abs(Math.log(o)) / se);
      });
      const [qLo, qHi] = printedPInterval(r.p);
      const overlap = pLo <= qHi + 1e-12 && pHi >= qLo - 1e-12;
      if (!overlap) {
        rowOk = false;
        const ratio = pLo > qHi ? pLo / Math.max(qHi, 1e-300) : qLo / Math.max(pHi, 1e-300);
        out.push({
          check: "or_p",
          table: "Table 2",
          item,
          severity: ratio > 3 ? "error" : "warning",
          message: `printed p = ${r.pText.trim()}, but the CI implies p in [${fmt(pLo)}, ${
            fmt(pHi)
          }] (Wald, allowing for rounding)`,
        });
      }
    }
    if (rowOk) consistent++;
  }
  // direction between analyses
  const byVar = new Map<string, Table2Row[]>();
  for (const r of t.table2) byVar.set(r.variable, [...(byVar.get(r.variable) ?? []), r]);
  for (const [v, rows] of byVar) {
    const excl = rows.filter((r) => r.lower.value > 1 || r.upper.value < 1);
    const up = excl.filter((r) => r.lower.value > 1), down = excl.filter((r) => r.upper.value < 1);
    if (up.length > 0 && down.length > 0) {
      out.push({
        check: "or_direction",
        table: "Table 2",
        item: v,
        severity: "warning",
        message: `OR ${
          up.map((r) => `${r.or.text} (${r.analysis})`).join(", ")
        } vs ${down.map((r) => `${r.or.text} (${r.analysis})`).join(", ")}: ` +
          `the association reverses with both CIs excluding 1; possibly the reference level was swapped in one analysis`,
      });
    }
  }
  out.push({
    check: "or_ci",
    table: "Table 2",
    item: "all rows",
    severity: "info",
    message:
      `${consistent} of ${t.table2.length} rows have OR inside a log-symmetric CI and a p implied by it (Wald, allowing for rounding)`,
  });
  return out;
}

/** Options of {@link checkOrFromCounts}. */
export interface OrFromCountsOptions extends AuditOptions {
  /** Group in which Table 2 was estimated (default: the first group with events, e.g. the training set). */
  readonly group?: string;
}

/**
 * Cross-table check: a univariate OR of a two-level variable is the OR of a 2 × 2 table whose margins
 * are known from Table 1 (level counts in the group) and groups.csv (events in the group). For each
 * Table 2 univariate row matched to a Table 1 variable (by normalised label), search the number a of
 * events at one level (0 < a < events) and the orientation (either level as reference) for which
 * OR = a(n₀ − E + a)/((n₁ − a)(E − a)) and the Wald CI exp(log OR ± z·√(1/a + 1/(n₁−a) + 1/(E−a) +
 * 1/(n₀−E+a))) all print as published. Found: info naming the table and the reference level that
 * Table 2 used; not found: warning (Table 2 then did not come from these counts, e.g. other data).
 */
export function checkOrFromCounts(t: PublishedTables, options: OrFromCountsOptions = {}): Finding[] {
  const z = options.z ?? Z95;
  const g = options.group ? groupOf(t.groups, options.group) : t.groups.find((x) => x.events !== null);
  if (!g || g.events === null) return [];
  const E = g.events;
  const out: Finding[] = [];
  const vars = table1Variables(t.table1).filter((v) => v.kind === "categorical" && v.rows.length === 2);
  let found = 0, tried = 0;
  for (const r of t.table2.filter((x) => x.analysis === "univariate")) {
    const v = vars.find((x) => normaliseLabel(x.variable) === normaliseLabel(r.variable));
    if (!v) continue;
    const ns = v.rows.map((row) => row.cells[g.group]?.n?.value);
    if (ns.some((n) => n === undefined)) continue;
    tried++;
    const hits: string[] = [];
    for (const [ref, alt] of [[0, 1], [1, 0]]) {
      const n0 = ns[ref]!, n1 = ns[alt]!;
      for (let a = 1; a < E; a++) {
        const b = n1 - a, c = E - a, d = n0 - E + a;
        if (b <= 0 || c <= 0 || d <= 0) continue;
        const or = (a * d) / (b * c);
        const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        const lo = Math.exp(Math.log(or) - z * se), hi = Math.exp(Math.log(or) + z * se);
        const ok = (x: number, p: Printed) => Math.abs(x - p.value) <= halfUnit(p) + 1e-9;
        if (ok(or, r.or) && ok(lo, r.lower) && ok(hi, r.upper)) {
          hits.push(
            `${a} of the ${E} events at "${v.rows[alt].level}" (n = ${n1}), ${c} at "${
              v.rows[ref].level
            }" (n = ${n0}); reference level "${v.rows[ref].level}"`,
          );
        }
      }
    }
    if (hits.length > 0) {
      found++;
      out.push({
        check: "or_from_counts",
        table: "Table 2",
        item: r.variable,
        severity: "info",
        message:
          `OR ${r.or.text} (${r.lower.text}-${r.upper.text}) reproduced exactly by the 2×2 table with Table 1 ${g.group} margins: ${
            hits.join(" | ")
          }`,
      });
    } else {
      out.push({
        check: "or_from_counts",
        table: "Table 2",
        item: r.variable,
        severity: "warning",
        message: `no 2×2 table with the Table 1 ${g.group} margins (${
          v.rows.map((x, i) => `${x.level} ${ns[i]}`).join(", ")
        }; ${E} events) gives OR ${r.or.text} (${r.lower.text}-${r.upper.text})`,
      });
    }
  }
  if (tried > 0) {
    out.push({
      check: "or_from_counts",
      table: "Table 2",
      item: "two-level variables",
      severity: "info",
      message:
        `${found} of ${tried} univariate ORs of two-level variables are reproduced exactly by a 2×2 table with the ${g.group} margins of Table 1`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Table 3

/** Hanley–McNeil (1982) standard error of an AUC with n1 events and n0 non-events. */
export function hanleyMcNeilSe(auc: number, n1: number, n0: number): number {
  const q1 = auc / (2 - auc), q2 = (2 * auc * auc) / (1 + auc);
  return Math.sqrt((auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n0 - 1) * (q2 - auc * auc)) / (n1 * n0));
}

/**
 * Performance rows: each metric inside its CI (error otherwise); each Brier score against the
 * no-skill Brier p(1 − p) at the group's prevalence p = events/n (warning when worse, i.e. the model
 * is beaten by predicting the prevalence for everyone); each AUC in [0.5, 1] and its CI width against
 * the Hanley–McNeil expectation 2·z·SE (info; warning when outside half to twice the expected width).
 */
export function checkPerformance(t: PublishedTables, options: AuditOptions = {}): Finding[] {
  const z = options.z ?? Z95;
  const out: Finding[] = [];
  const item = (r: Table3Row) => `${r.model} (${r.set})`;
  for (const r of t.table3) {
    for (const [name, m] of Object.entries(r.metrics)) {
      if (!m.lower || !m.upper) continue;
      const e = m.estimate;
      if (
        e.value < m.lower.value - halfUnit(m.lower) - halfUnit(e) ||
        e.value > m.upper.value + halfUnit(m.upper) + halfUnit(e)
      ) {
        out.push({
          check: `${name}_ci`,
          table: "Table 3",
          item: item(r),
          severity: "error",
          message: `${name} ${e.text} outside its CI (${m.lower.text}-${m.upper.text})`,
        });
      }
    }
    const g = groupOf(t.groups, r.set);
    const brier = r.metrics.brier;
    if (brier && g && g.events !== null) {
      const p = g.events / g.n;
      const noSkill = p * (1 - p);
      const worse = brier.estimate.value - halfUnit(brier.estimate) > noSkill;
      out.push({
        check: "brier_no_skill",
        table: "Table 3",
        item: item(r),
        severity: worse ? "warning" : "info",
        message:
          `Brier ${brier.estimate.text} vs no-skill ${fmt(noSkill, 4)} at prevalence ${g.events}/${g.n} = ${
            fmt(p, 3)
          }` +
          (worse
            ? `: worse than predicting ${fmt(100 * p, 1)}% for everyone (scaled Brier ${
              fmt(1 - brier.estimate.value / noSkill, 2)
            }); ` +
              `predictions calibrated to a balanced (e.g. SMOTE) prevalence of 0.5 would give about 0.25`
            : ` (scaled Brier ${fmt(1 - brier.estimate.value / noSkill, 2)})`),
      });
    }
    const auc = r.metrics.auc;
    if (auc) {
      const a = auc.estimate.value;
      if (a < 0.5 || a > 1) {
        out.push({
          check: "auc_range",
          table: "Table 3",
          item: item(r),
          severity: a > 1 ? "error" : "warning",
          message: `AUC ${auc.estimate.text} outside [0.5, 1]`,
        });
      }
      if (g && g.events !== null && auc.lower && auc.upper && a < 1) {
        const se = hanleyMcNeilSe(a, g.events, g.n - g.events);
        const expected = 2 * z * se;
        const width = auc.upper.value - auc.lower.value;
        const odd = width < 0.5 * expected || width > 2 * expected;
        out.push({
          check: "auc_ci_width",
          table: "Table 3",
          item: item(r),
          severity: odd ? "warning" : "info",
          message:
            `AUC ${auc.estimate.text} (${auc.lower.text}-${auc.upper.text}): width ${fmt(width, 3)} vs ${
              fmt(expected, 3)
            } expected ` +
            `(Hanley-McNeil, ${g.events} events / ${g.n - g.events} non-events)`,
        });
      }
    }
  }
  return out;
}

/** Options of {@link auditPublished}: the check options. */
export type AuditAllOptions = OrFromCountsOptions;

/** Run every check; findings ordered by table, then check. */
export function auditPublished(t: PublishedTables, options: AuditAllOptions = {}): Finding[] {
  return [
    ...checkRowSums(t),
    ...checkTable1PValues(t, options),
    ...checkIdenticalRows(t),
    ...checkOddsRatios(t, options),
    ...checkOrFromCounts(t, options),
    ...checkPerformance(t, options),
  ];
}

/** Counts of findings per severity. */
export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { info: 0, warning: 0, error: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
