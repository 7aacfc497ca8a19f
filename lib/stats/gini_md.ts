/**
 * Gini's mean difference: GiniMd(x) = Σ_{i≠j} |xᵢ − xⱼ| / (n(n − 1)), the mean absolute difference over
 * the n(n − 1) ordered pairs of distinct positions. Computed in O(n log n) from the sorted sample
 * x₍₁₎ ≤ … ≤ x₍ₙ₎: GiniMd = 4 Σₖ (k − (n + 1)/2) x₍ₖ₎ / (n(n − 1)).
 * Reference: David HA (1968) Gini's mean difference rediscovered, Biometrika 55:573–575;
 * R: Hmisc::GiniMd (the g and gp indexes of rms::lrm / validate).
 */
import { finiteVector } from "./validate.ts";

/** Gini's mean difference of `x` (NaN for fewer than two values). Throws on non-finite values. */
export function giniMeanDifference(x: ArrayLike<number>): number {
  const xs = finiteVector("giniMeanDifference", "x", x);
  const n = xs.length;
  if (n < 2) return NaN;
  xs.sort((a, b) => a - b);
  let s = 0;
  const mid = (n + 1) / 2;
  for (let k = 0; k < n; k++) s += (k + 1 - mid) * xs[k];
  return (4 * s) / (n * (n - 1));
}
