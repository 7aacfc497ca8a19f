/**
 * Tail probabilities and quantiles used by the model summaries (thin wrappers over @stdlib, so upper
 * tails keep full relative precision instead of computing 1 − cdf).
 */
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import chisqQuantile from "@stdlib/stats-base-dists-chisquare-quantile";
import gammainc from "@stdlib/math-base-special-gammainc";

/** Two-sided normal p-value 2·Φ(−|z|) (R: 2 * pnorm(-abs(z))). */
export function pNormTwoSided(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 2 * normalCdf(-Math.abs(z), 0, 1);
}

/** Standard normal quantile Φ⁻¹(p) (R: qnorm). */
export function qNorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Upper chi-square tail P(X > x), df degrees of freedom (R: pchisq(x, df, lower.tail = FALSE)). */
export function pChisqUpper(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/** Chi-square quantile (R: qchisq(p, df)). */
export function qChisq(p: number, df: number): number {
  return chisqQuantile(p, df);
}
