/**
 * Sample quantiles and the descriptive summaries of a Table 1.
 *
 * Quantile type 7 (Hyndman & Fan 1996; R's default `quantile(x, probs, type = 7)`): for the sorted
 * sample x[1..n] and probability p, h = (n − 1)p + 1, j = ⌊h⌋, g = h − j,
 * Q(p) = (1 − g)·x[j] + g·x[j + 1] (Q = x[j] when g = 0 or x[j + 1] = x[j]), evaluated exactly as R does.
 *
 * Reference: Hyndman, R. J. & Fan, Y. (1996) Sample quantiles in statistical packages. Am. Stat. 50, 361–365.
 */
import { finiteVector } from "./validate.ts";
import { checkKnownOptions, optionError } from "../io/options.ts";
import { formatFixed } from "./format.ts";

/**
 * R type-7 sample quantiles of `x` at each of `probs` (each in [0, 1]); `x` is not modified.
 * Throws when `x` is empty or holds a non-finite value (remove missing values first).
 * R: `quantile(x, probs, type = 7, names = FALSE)`.
 */
export function quantile(x: ArrayLike<number>, probs: readonly number[]): number[] {
  const xs = finiteVector("quantile", "x", x, 1);
  if (!Array.isArray(probs)) optionError("quantile", "probs", "an array of numbers in [0, 1]", probs);
  probs.forEach((p, i) => {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      optionError("quantile", `probs[${i}]`, "a number in [0, 1]", p);
    }
  });
  xs.sort((a, b) => a - b);
  return probs.map((p) => quantileSorted(xs, p));
}

/**
 * Type-7 quantile (the definition above) of an already sorted array at probability `p`, no checks;
 * NaN when the array is empty. The inner loops of the bootstrap intervals and bands use it.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qlo = sorted[lo - 1];
  const qhi = sorted[hi - 1];
  if (index > lo && qhi !== qlo) {
    const h = index - lo;
    return (1 - h) * qlo + h * qhi;
  }
  return qlo;
}

/** Median (type-7 quantile at 0.5; R: `median`). */
export function median(x: ArrayLike<number>): number {
  return quantile(x, [0.5])[0];
}

/**
 * Arithmetic mean with one refinement pass, m = Σx/n, then m + Σ(x − m)/n (as R's `mean` does in
 * extended precision). Throws on an empty or non-finite input.
 */
export function mean(x: ArrayLike<number>): number {
  const xs = finiteVector("mean", "x", x, 1);
  return meanUnchecked(xs);
}

/**
 * Plain average Σx/n in one left-to-right pass, no refinement and no checks (NaN when empty): the
 * running-sum average of rms::validate over its resamples, and the centring of the fitting loops.
 * {@link mean} adds R's refinement pass and may differ from it in the last bit.
 */
export function meanOnePass(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Mean without checks (two-pass, see {@link mean}). */
export function meanUnchecked(xs: ArrayLike<number>): number {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const m = s / n;
  let r = 0;
  for (let i = 0; i < n; i++) r += xs[i] - m;
  return m + r / n;
}

/** Sample variance Σ(x − x̄)²/(n − 1) (R: `var`), NaN when n < 2. */
export function variance(x: ArrayLike<number>): number {
  const xs = finiteVector("variance", "x", x, 1);
  return varianceUnchecked(xs);
}

/**
 * Variance without checks: Σ(x − m)²/(n − 1) about `m` (default the refined mean, see {@link mean});
 * NaN when n < 2.
 */
export function varianceUnchecked(xs: ArrayLike<number>, m: number = meanUnchecked(xs)): number {
  const n = xs.length;
  if (n < 2) return NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - m) * (xs[i] - m);
  return ss / (n - 1);
}

/** Sample standard deviation √(Σ(x − x̄)²/(n − 1)) (R: `sd`), NaN when n < 2. */
export function sd(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

/** Options of {@link describe}. */
export interface DescribeOptions {
  /** Probabilities for `quantiles` (default [0, 0.25, 0.5, 0.75, 1]). */
  probs?: readonly number[];
  /** Decimals of the `summary` string (default 2). */
  digits?: number;
}

/** Descriptive summary of a continuous variable. */
export interface Description {
  readonly n: number;
  readonly probs: readonly number[];
  /** Type-7 quantiles at `probs`. */
  readonly quantiles: readonly number[];
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  /** q3 − q1. */
  readonly iqr: number;
  readonly mean: number;
  /** Standard deviation, divisor n − 1 (NaN when n = 1). */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** "median (Q1, Q3)" with `digits` decimals (C printf rounding of the binary value). */
  readonly summary: string;
  readonly digits: number;
}

/**
 * n, type-7 quantiles, quartiles, IQR, mean, SD (n − 1) and the Table 1 string "median (Q1, Q3)".
 * R: `quantile(x, probs, type = 7)`, `mean`, `sd`, `sprintf("%.*f (%.*f, %.*f)", ...)`.
 */
export function describe(x: ArrayLike<number>, options: DescribeOptions = {}): Description {
  checkKnownOptions("describe", options, ["probs", "digits"]);
  const probs = options.probs ?? [0, 0.25, 0.5, 0.75, 1];
  const digits = options.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    optionError("describe", "digits", "an integer in 0..20", digits);
  }
  const xs = finiteVector("describe", "x", x, 1);
  const quantiles = quantile(xs, probs);
  const sorted = xs.slice().sort((a, b) => a - b);
  const q1 = quantileSorted(sorted, 0.25);
  const med = quantileSorted(sorted, 0.5);
  const q3 = quantileSorted(sorted, 0.75);
  return {
    n: xs.length,
    probs: [...probs],
    quantiles,
    q1,
    median: med,
    q3,
    iqr: q3 - q1,
    mean: meanUnchecked(xs),
    sd: Math.sqrt(varianceUnchecked(xs)),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    summary: formatMedianIqr(med, q1, q3, digits),
    digits,
  };
}

/** "median (Q1, Q3)" with `digits` decimals, e.g. `formatMedianIqr(51, 42, 61, 1)` → "51.0 (42.0, 61.0)". */
export function formatMedianIqr(median: number, q1: number, q3: number, digits: number): string {
  return `${formatFixed(median, digits)} (${formatFixed(q1, digits)}, ${formatFixed(q3, digits)})`;
}
