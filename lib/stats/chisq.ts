/**
 * Pearson's chi-square test of independence on an r × c contingency table, as R's
 * `stats::chisq.test(table, correct)`.
 *
 * E = (row total × column total)/N; X² = Σ (|O − E| − Y)²/E; df = (r − 1)(c − 1);
 * p = P(χ²_df > X²) (upper incomplete gamma, accurate for tiny p).
 * Yates' continuity correction applies to 2 × 2 tables only and, as R applies it,
 * Y = min(0.5, min over cells |O − E|) (so it never over-corrects); Y = 0 otherwise.
 * Also returned: Pearson residuals (O − E)/√E and standardized residuals
 * (O − E)/√(E(1 − r/N)(1 − c/N)).
 *
 * References: Pearson, K. (1900); Yates, F. (1934) JRSS Suppl. 1, 217–235; Agresti (2007) An
 * Introduction to Categorical Data Analysis, 2.4; R: `chisq.test`.
 */
import { chisqUpper } from "./distributions.ts";
import { countMatrix, StatsInputError } from "./validate.ts";
import { checkBoolean, checkKnownOptions } from "../io/options.ts";

/** Options of {@link chisqTest}. */
export interface ChisqOptions {
  /** Yates' continuity correction for 2 × 2 tables (default true, as R). */
  correct?: boolean;
}

/** Result of {@link chisqTest}. */
export interface ChisqResult {
  readonly method: string;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly observed: readonly (readonly number[])[];
  readonly expected: readonly (readonly number[])[];
  readonly residuals: readonly (readonly number[])[];
  readonly stdres: readonly (readonly number[])[];
  /** The continuity correction Y actually subtracted (0 without correction). */
  readonly yates: number;
  readonly correct: boolean;
  /** Smallest expected count (R warns "approximation may be incorrect" when < 5). */
  readonly minExpected: number;
  readonly warnings: readonly string[];
}

/** Row totals, column totals and grand total of a matrix. */
export function margins(
  counts: readonly (readonly number[])[],
): { rows: number[]; cols: number[]; n: number } {
  const rows = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = counts[0].map((_, j) => counts.reduce((a, r) => a + r[j], 0));
  return { rows, cols, n: rows.reduce((a, b) => a + b, 0) };
}

/**
 * Expected counts under independence, E_ij = r_i c_j / N (R: `chisq.test(x)$expected`).
 * Throws when the table is empty (N = 0).
 */
export function expectedCounts(counts: readonly (readonly number[])[]): number[][] {
  const x = countMatrix("expectedCounts", counts, false);
  const { rows, cols, n } = margins(x);
  if (n === 0) throw new StatsInputError(`expectedCounts: the table is empty (all counts 0)`);
  return rows.map((r) => cols.map((c) => (r * c) / n));
}

/**
 * Pearson chi-square test of independence (see the module documentation).
 * Needs at least 2 rows and 2 columns; a row or column whose total is 0 makes some expected counts 0
 * and the statistic undefined (R returns NaN): this function throws, naming the empty row or column,
 * so drop empty levels first.
 */
export function chisqTest(counts: readonly (readonly number[])[], options: ChisqOptions = {}): ChisqResult {
  const fn = "chisqTest";
  checkKnownOptions(fn, options, ["correct"]);
  const correct = checkBoolean(fn, "correct", options.correct ?? true);
  const x = countMatrix(fn, counts, false);
  const nr = x.length, nc = x[0].length;
  if (nr < 2 || nc < 2) {
    throw new StatsInputError(`${fn}: need at least 2 rows and 2 columns, got ${nr} × ${nc}`);
  }
  const { rows, cols, n } = margins(x);
  rows.forEach((r, i) => {
    if (r === 0) {
      throw new StatsInputError(
        `${fn}: row ${i + 1} has total 0 (expected counts 0, statistic undefined); drop empty levels first`,
      );
    }
  });
  cols.forEach((c, j) => {
    if (c === 0) {
      throw new StatsInputError(
        `${fn}: column ${
          j + 1
        } has total 0 (expected counts 0, statistic undefined); drop empty levels first`,
      );
    }
  });
  const E = rows.map((r) => cols.map((c) => (r * c) / n));
  let yates = 0;
  if (correct && nr === 2 && nc === 2) {
    yates = 0.5;
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) yates = Math.min(yates, Math.abs(x[i][j] - E[i][j]));
    }
  }
  let stat = 0;
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) {
      const d = Math.abs(x[i][j] - E[i][j]) - yates;
      stat += (d * d) / E[i][j];
    }
  }
  const df = (nr - 1) * (nc - 1);
  const minExpected = Math.min(...E.flat());
  const warnings = minExpected < 5
    ? [
      `Chi-squared approximation may be incorrect (smallest expected count ${
        minExpected.toPrecision(3)
      } < 5)`,
    ]
    : [];
  return {
    method: `Pearson's Chi-squared test${yates > 0 ? " with Yates' continuity correction" : ""}`,
    statistic: stat,
    df,
    pValue: chisqUpper(stat, df),
    observed: x,
    expected: E,
    residuals: x.map((r, i) => r.map((o, j) => (o - E[i][j]) / Math.sqrt(E[i][j]))),
    stdres: x.map((r, i) =>
      r.map((o, j) =>
        (o - E[i][j]) / Math.sqrt((cols[j] * rows[i] * (n - rows[i]) * (n - cols[j])) / (n ** 3))
      )
    ),
    yates,
    correct,
    minExpected,
    warnings,
  };
}
