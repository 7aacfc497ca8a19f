/**
 * Two-sample (Student pooled / Welch) and one-sample t-tests, as R's `stats::t.test`.
 *
 * Two samples x, y (differences are x − y):
 * - Welch (default, `varEqual: false`): se = √(s²ₓ/nₓ + s²ᵧ/nᵧ),
 *   df = se⁴ / ((s²ₓ/nₓ)²/(nₓ − 1) + (s²ᵧ/nᵧ)²/(nᵧ − 1)) (Welch–Satterthwaite).
 * - Student (`varEqual: true`): s²ₚ = ((nₓ − 1)s²ₓ + (nᵧ − 1)s²ᵧ)/(nₓ + nᵧ − 2),
 *   se = sₚ √(1/nₓ + 1/nᵧ), df = nₓ + nᵧ − 2.
 * t = (x̄ − ȳ − μ)/se. p: two-sided P(|T| ≥ |t|), "less" P(T ≤ t), "greater" P(T ≥ t).
 * CI at `confLevel`: two-sided x̄ − ȳ ± t_{1−α/2,df}·se; one-sided bounds with t_{conf,df} and ±∞.
 * One sample (y omitted): se = s/√n, df = n − 1, t = (x̄ − μ)/se.
 *
 * References: Welch, B. L. (1947) Biometrika 34, 28–35; R: `t.test(x, y, var.equal, mu, alternative, conf.level)`.
 */
import { tCdf, tQuantile, tTwoSided, tUpper } from "./distributions.ts";
import { meanUnchecked, varianceUnchecked } from "./quantile.ts";
import { type Alternative, checkAlternative, finiteVector, StatsInputError } from "./validate.ts";
import { checkBoolean, checkFinite, checkKnownOptions, checkOpenUnit } from "../io/options.ts";

/** Options of {@link tTest}. */
export interface TTestOptions {
  /** Pooled-variance Student test when true, Welch when false (default false, as R). */
  varEqual?: boolean;
  /** Alternative hypothesis (default "two.sided"). */
  alternative?: Alternative;
  /** Hypothesised difference of means x̄ − ȳ (or mean, one sample) (default 0). */
  mu?: number;
  /** Confidence level of `confInt` (default 0.95). */
  confLevel?: number;
}

/** Result of {@link tTest}. */
export interface TTestResult {
  readonly method: string;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Confidence interval of x̄ − ȳ (of x̄ for one sample). */
  readonly confInt: readonly [number, number];
  readonly stderr: number;
  /** Estimated x̄ − ȳ (or x̄). */
  readonly estimate: number;
  readonly meanX: number;
  readonly meanY: number | null;
  readonly nX: number;
  readonly nY: number | null;
  readonly sdX: number;
  readonly sdY: number | null;
  readonly alternative: Alternative;
  readonly mu: number;
  readonly confLevel: number;
  readonly varEqual: boolean;
}

const KNOWN = ["varEqual", "alternative", "mu", "confLevel"] as const;

/**
 * Student or Welch two-sample t-test of x vs y, or one-sample t-test of x when `y` is omitted.
 * Throws when a sample is too small (Welch: n ≥ 2 each; Student: n ≥ 1 each and nₓ + nᵧ ≥ 3;
 * one sample: n ≥ 2) or when the data are essentially constant (se < 10·ε·max(|x̄|, |ȳ|)), as R does.
 */
export function tTest(
  x: ArrayLike<number>,
  y?: ArrayLike<number> | null,
  options: TTestOptions = {},
): TTestResult {
  const fn = "tTest";
  checkKnownOptions(fn, options, KNOWN);
  const varEqual = checkBoolean(fn, "varEqual", options.varEqual ?? false);
  const alternative = checkAlternative(fn, options.alternative ?? "two.sided");
  const mu = checkFinite(fn, "mu", options.mu ?? 0);
  const confLevel = checkOpenUnit(fn, "confLevel", options.confLevel ?? 0.95);
  const xs = finiteVector(fn, "x", x);
  const nx = xs.length;
  const mx = nx > 0 ? meanUnchecked(xs) : NaN;
  const vx = varianceUnchecked(xs);
  let df: number, stderr: number, estimate: number, method: string;
  let my: number | null = null, ny: number | null = null, sdY: number | null = null;
  if (y === undefined || y === null) {
    if (nx < 2) throw new StatsInputError(`${fn}: not enough observations in x (need >= 2, got ${nx})`);
    df = nx - 1;
    stderr = Math.sqrt(vx / nx);
    if (stderr < 10 * Number.EPSILON * Math.abs(mx)) {
      throw new StatsInputError(`${fn}: data are essentially constant (sd of x = ${Math.sqrt(vx)})`);
    }
    estimate = mx;
    method = "One Sample t-test";
  } else {
    const ys = finiteVector(fn, "y", y);
    ny = ys.length;
    const mY = ny > 0 ? meanUnchecked(ys) : NaN;
    my = mY;
    const vy = varianceUnchecked(ys);
    sdY = Math.sqrt(vy);
    if (varEqual) {
      if (nx < 1 || ny < 1 || nx + ny < 3) {
        throw new StatsInputError(
          `${fn}: not enough observations (Student test needs n_x >= 1, n_y >= 1, n_x + n_y >= 3; got ${nx}, ${ny})`,
        );
      }
      df = nx + ny - 2;
      let v = 0;
      if (nx > 1) v += (nx - 1) * vx;
      if (ny > 1) v += (ny - 1) * vy;
      v /= df;
      stderr = Math.sqrt(v * (1 / nx + 1 / ny));
      method = "Two Sample t-test";
    } else {
      if (nx < 2) {
        throw new StatsInputError(`${fn}: not enough observations in x (Welch test needs >= 2, got ${nx})`);
      }
      if (ny < 2) {
        throw new StatsInputError(`${fn}: not enough observations in y (Welch test needs >= 2, got ${ny})`);
      }
      const sx2 = vx / nx;
      const sy2 = vy / ny;
      stderr = Math.sqrt(sx2 + sy2);
      df = (stderr ** 4) / (sx2 * sx2 / (nx - 1) + sy2 * sy2 / (ny - 1));
      method = "Welch Two Sample t-test";
    }
    if (stderr < 10 * Number.EPSILON * Math.max(Math.abs(mx), Math.abs(mY))) {
      throw new StatsInputError(
        `${fn}: data are essentially constant (sd of x = ${
          Math.sqrt(vx)
        }, sd of y = ${sdY}); the t statistic is undefined`,
      );
    }
    estimate = mx - mY;
  }
  const statistic = (estimate - mu) / stderr;
  let pValue: number;
  let ci: [number, number];
  if (alternative === "two.sided") {
    pValue = tTwoSided(statistic, df);
    const q = tQuantile(1 - (1 - confLevel) / 2, df);
    ci = [statistic - q, statistic + q];
  } else if (alternative === "less") {
    pValue = tCdf(statistic, df);
    ci = [-Infinity, statistic + tQuantile(confLevel, df)];
  } else {
    pValue = tUpper(statistic, df);
    ci = [statistic - tQuantile(confLevel, df), Infinity];
  }
  const confInt: [number, number] = [mu + ci[0] * stderr, mu + ci[1] * stderr];
  return {
    method,
    statistic,
    df,
    pValue,
    confInt,
    stderr,
    estimate,
    meanX: mx,
    meanY: my,
    nX: nx,
    nY: ny,
    sdX: Math.sqrt(vx),
    sdY,
    alternative,
    mu,
    confLevel,
    varEqual,
  };
}
