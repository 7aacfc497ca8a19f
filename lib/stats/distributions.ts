/**
 * Distribution functions used by the tests of this folder: thin wrappers of @stdlib that compute
 * upper tails directly (never as 1 − lower tail), so tiny p-values keep their relative precision.
 *
 * - Normal: Φ(x) = ½ erfc(−x/√2); upper tail ½ erfc(x/√2).
 * - Student t with ν df: P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, ½) (regularized incomplete beta), the
 *   identity R's `pt` also uses; one-sided tails are half of it on the far side.
 * - Chi-square with k df: P(X > x) = Q(k/2, x/2), the regularized upper incomplete gamma.
 * - Hypergeometric log-probabilities from log-gamma.
 *
 * Reference: Abramowitz & Stegun (1964) 26.2.29, 26.7.1, 26.4.19; R: pnorm, pt, pchisq, dhyper.
 */
import erfc from "@stdlib/math-base-special-erfc";
import betainc from "@stdlib/math-base-special-betainc";
import gammainc from "@stdlib/math-base-special-gammainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import normalQuantileStd from "@stdlib/stats-base-dists-normal-quantile";
import tQuantileStd from "@stdlib/stats-base-dists-t-quantile";
import chisqQuantileStd from "@stdlib/stats-base-dists-chisquare-quantile";

const SQRT1_2 = Math.SQRT1_2;

/** Standard normal CDF Φ(x) = ½ erfc(−x/√2) (R: `pnorm(x)`). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/** Standard normal upper tail 1 − Φ(x) = ½ erfc(x/√2), accurate for large x (R: `pnorm(x, lower.tail = FALSE)`). */
export function normalUpper(x: number): number {
  return 0.5 * erfc(x * SQRT1_2);
}

/** Two-sided standard normal tail P(|Z| ≥ |z|) = erfc(|z|/√2) (R: `2 * pnorm(-abs(z))`); NaN stays NaN. */
export function normalTwoSided(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 2 * normalUpper(Math.abs(z));
}

/** Standard normal quantile Φ⁻¹(p) (R: `qnorm(p)`). */
export function normalQuantile(p: number): number {
  return normalQuantileStd(p, 0, 1);
}

/**
 * Two-sided Student t tail P(|T| ≥ |t|) with `df` degrees of freedom: I_{df/(df+t²)}(df/2, ½)
 * (R: `2 * pt(-abs(t), df)`). Infinite `df` gives the normal two-sided tail.
 */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df)) return NaN;
  if (!Number.isFinite(df)) return 2 * normalUpper(Math.abs(t));
  if (!Number.isFinite(t)) return 0;
  const x = df / (df + t * t);
  // For small t, x ≈ 1: use the complementary argument for accuracy.
  if (x > 0.5) {
    const y = (t * t) / (df + t * t);
    return betainc(y, 0.5, df / 2, true, true);
  }
  return betainc(x, df / 2, 0.5, true, false);
}

/** Student t lower tail P(T ≤ t) (R: `pt(t, df)`), computed from the smaller tail. */
export function tCdf(t: number, df: number): number {
  const half = 0.5 * tTwoSided(t, df);
  return t <= 0 ? half : 1 - half;
}

/** Student t upper tail P(T > t) (R: `pt(t, df, lower.tail = FALSE)`). */
export function tUpper(t: number, df: number): number {
  return tCdf(-t, df);
}

/** Student t quantile (R: `qt(p, df)`). */
export function tQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  return tQuantileStd(p, df);
}

/** Chi-square upper tail P(X > x) = Q(df/2, x/2) (R: `pchisq(x, df, lower.tail = FALSE)`). */
export function chisqUpper(x: number, df: number): number {
  // df <= 0 (e.g. a Hosmer–Lemeshow test with two groups formed) has no test: NaN, not R's point mass.
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/** Chi-square quantile (R: `qchisq(p, df)`). */
export function chisqQuantile(p: number, df: number): number {
  return chisqQuantileStd(p, df);
}

/** log Γ(x) (R: `lgamma`). */
export function logGamma(x: number): number {
  return gammaln(x);
}

/** Table of log(k!) for k = 0..n, each from log-gamma (no accumulated rounding). */
export function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) out[k] = gammaln(k + 1);
  return out;
}

/**
 * Log-probability of the hypergeometric distribution: drawing `k` balls without replacement from an
 * urn of `m` white and `n` black balls, P(x white) = C(m,x) C(n,k−x) / C(m+n,k) (R: `dhyper(x, m, n, k, log = TRUE)`).
 */
export function logDhyper(x: number, m: number, n: number, k: number): number {
  if (x < Math.max(0, k - n) || x > Math.min(k, m)) return -Infinity;
  const lc = (a: number, b: number) => gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1);
  return lc(m, x) + lc(n, k - x) - lc(m + n, k);
}
