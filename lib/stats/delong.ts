/**
 * DeLong variance and confidence interval of an empirical AUC, and the paired DeLong test of two
 * correlated AUCs measured on the same patients.
 *
 * With placement values V10ᵢ (m cases) and V01ⱼ (n controls) (see `auc.ts`):
 *   var(AUC) = s²(V10)/m + s²(V01)/n           (sample variances, divisors m − 1 and n − 1),
 *   cov(AUC₁, AUC₂) = s(V10¹, V10²)/m + s(V01¹, V01²)/n  (sample covariances),
 *   CI = AUC ± z₁₋α/₂ √var, truncated to [0, 1].
 * Paired test: Z = (AUC₁ − AUC₂) / √(var₁ + var₂ − 2 cov), normal p-value; the interval of the
 * difference is always two-sided, d ± z₁₋α/₂ √(var₁ + var₂ − 2 cov).
 *
 * Degenerate cases (documented, no NaN leaks as a number of a table):
 * - perfect separation (AUC 1 or 0) or a constant score (AUC 0.5): every placement value is equal,
 *   var = 0 and the CI collapses to [AUC, AUC] (e.g. [1, 1]); `degenerate` says so;
 * - fewer than 2 cases or 2 controls: the sample variance is undefined; var, se, lower and upper are
 *   null and `degenerate` explains why;
 * - paired test with var(difference) = 0 (e.g. identical scores): Z = 0 and p = 1 when the
 *   difference is 0, otherwise Z = ±Inf and p = 0.
 *
 * References: DeLong, DeLong & Clarke-Pearson (1988) Biometrics 44:837–845; Sun & Xu (2014) IEEE
 * Signal Process. Lett. 21:1389 (fast algorithm); R: pROC::var, pROC::ci.auc(method = "delong"),
 * pROC::roc.test(method = "delong", paired = TRUE).
 */
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import {
  checkDirection,
  EvalInputError,
  formatLevel,
  requireBothClasses,
  splitByClass,
} from "./binary_input.ts";
import { checkConfLevel } from "../io/options.ts";
import { placementValues, type RocOptions } from "./auc.ts";
import { meanOnePass } from "./quantile.ts";
import { type Alternative, checkAlternative } from "./validate.ts";

/** Options of the DeLong functions. */
export interface DeLongOptions extends RocOptions {
  /** Confidence level of the interval (default 0.95). */
  readonly confLevel?: number;
}

/** AUC with its DeLong variance and interval. */
export interface DeLongAuc {
  readonly auc: number;
  /** DeLong variance; null when a class has fewer than 2 subjects. */
  readonly var: number | null;
  readonly se: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly confLevel: number;
  readonly nCases: number;
  readonly nControls: number;
  readonly direction: "<" | ">";
  /** Interval label, e.g. "95% CI, DeLong". */
  readonly method: string;
  /** Why the interval is degenerate (zero width or undefined), or null. */
  readonly degenerate: string | null;
}

/** Sample covariance (divisor k − 1) of two equal-length vectors; NaN when k < 2. */
function sampleCov(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const k = a.length;
  if (k < 2) return NaN;
  const ma = meanOnePass(a), mb = meanOnePass(b);
  let s = 0;
  for (let i = 0; i < k; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (k - 1);
}

/** Label of a DeLong interval: "95% CI, DeLong". */
export function delongLabel(confLevel = 0.95): string {
  return `${formatLevel(confLevel)} CI, DeLong`;
}

/**
 * AUC with DeLong variance and CI (AUC ± z·se truncated to [0, 1]).
 * R: `ci.auc(roc(y, score, levels = c(0, 1), direction = "<"), method = "delong")`.
 */
export function delongAuc(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  options: DeLongOptions = {},
): DeLongAuc {
  const direction = checkDirection("delongAuc", options.direction ?? "<");
  const confLevel = checkConfLevel("delongAuc", options.confLevel ?? 0.95);
  const { cases, controls } = splitByClass("delongAuc", y, score, direction, options.caseValue ?? 1);
  requireBothClasses("delongAuc", cases.length, controls.length);
  const pl = placementValues(cases, controls);
  const m = cases.length, n = controls.length;
  const base = { auc: pl.auc, confLevel, nCases: m, nControls: n, direction, method: delongLabel(confLevel) };
  if (m < 2 || n < 2) {
    return {
      ...base,
      var: null,
      se: null,
      lower: null,
      upper: null,
      degenerate:
        `DeLong variance undefined with ${m} case(s) and ${n} control(s) (needs at least 2 of each)`,
    };
  }
  const v = sampleCov(pl.cases, pl.cases) / m + sampleCov(pl.controls, pl.controls) / n;
  const se = Math.sqrt(v);
  const z = normalQuantile(1 - (1 - confLevel) / 2, 0, 1);
  const degenerate = v === 0
    ? `DeLong variance is 0 (AUC ${pl.auc}: ${
      pl.auc === 1 || pl.auc === 0
        ? "perfect separation"
        : "all placement values equal, e.g. a constant score"
    }); the interval collapses to [${pl.auc}, ${pl.auc}]`
    : null;
  return {
    ...base,
    var: v,
    se,
    lower: Math.max(0, pl.auc - z * se),
    upper: Math.min(1, pl.auc + z * se),
    degenerate,
  };
}

/** Options of {@link delongTest}. */
export interface DeLongTestOptions extends DeLongOptions {
  /** "two.sided" (default), "less" (AUC₁ < AUC₂) or "greater". */
  readonly alternative?: Alternative;
}

/** Result of the paired DeLong test. */
export interface DeLongTest {
  readonly auc1: number;
  readonly auc2: number;
  /** auc1 − auc2. */
  readonly difference: number;
  readonly var1: number;
  readonly var2: number;
  readonly cov: number;
  /** var1 + var2 − 2 cov. */
  readonly varDifference: number;
  /** Z statistic. */
  readonly statistic: number;
  readonly pValue: number;
  /** Two-sided interval of the difference. */
  readonly confInt: readonly [number, number];
  readonly confLevel: number;
  readonly alternative: Alternative;
  readonly nCases: number;
  readonly nControls: number;
  /** "DeLong test for two correlated ROC curves (paired), two-sided". */
  readonly method: string;
}

/**
 * Paired DeLong test of two AUCs on the same patients (both scores with the same direction).
 * R: `roc.test(roc1, roc2, method = "delong", paired = TRUE)`.
 */
export function delongTest(
  y: ArrayLike<number>,
  score1: ArrayLike<number>,
  score2: ArrayLike<number>,
  options: DeLongTestOptions = {},
): DeLongTest {
  const direction = checkDirection("delongTest", options.direction ?? "<");
  const confLevel = checkConfLevel("delongTest", options.confLevel ?? 0.95);
  const alternative = checkAlternative("delongTest", options.alternative ?? "two.sided");
  const caseValue = options.caseValue ?? 1;
  const a = splitByClass("delongTest (score1)", y, score1, direction, caseValue);
  const b = splitByClass("delongTest (score2)", y, score2, direction, caseValue);
  const m = a.cases.length, n = a.controls.length;
  requireBothClasses("delongTest", m, n);
  if (m < 2 || n < 2) {
    throw new EvalInputError(`delongTest: needs at least 2 cases and 2 controls, got ${m} and ${n}`);
  }
  const p1 = placementValues(a.cases, a.controls);
  const p2 = placementValues(b.cases, b.controls);
  const var1 = sampleCov(p1.cases, p1.cases) / m + sampleCov(p1.controls, p1.controls) / n;
  const var2 = sampleCov(p2.cases, p2.cases) / m + sampleCov(p2.controls, p2.controls) / n;
  const cov = sampleCov(p1.cases, p2.cases) / m + sampleCov(p1.controls, p2.controls) / n;
  const difference = p1.auc - p2.auc;
  const vd = Math.max(0, var1 + var2 - 2 * cov);
  const sd = Math.sqrt(vd);
  let statistic: number;
  if (sd > 0) statistic = difference / sd;
  else statistic = difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity;
  let pValue: number;
  if (alternative === "two.sided") pValue = statistic === 0 ? 1 : 2 * normalCdf(-Math.abs(statistic), 0, 1);
  else if (alternative === "less") pValue = normalCdf(statistic, 0, 1);
  else pValue = 1 - normalCdf(statistic, 0, 1);
  const z = normalQuantile(1 - (1 - confLevel) / 2, 0, 1);
  return {
    auc1: p1.auc,
    auc2: p2.auc,
    difference,
    var1,
    var2,
    cov,
    varDifference: vd,
    statistic,
    pValue,
    confInt: [difference - z * sd, difference + z * sd],
    confLevel,
    alternative,
    nCases: m,
    nControls: n,
    method: `DeLong test for two correlated ROC curves (paired), ${
      alternative === "two.sided" ? "two-sided" : `one-sided (${alternative})`
    }`,
  };
}
