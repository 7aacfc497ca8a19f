/**
 * Wilcoxon rank-sum (Mann–Whitney) test of two independent samples, as R's `stats::wilcox.test(x, y)`.
 *
 * Ranks are mid-ranks of the pooled sample (x − μ, y). W = Σ ranks of x − nₓ(nₓ + 1)/2 (R's statistic).
 * - Exact (default when nₓ < 50, nᵧ < 50 and there are no ties, or `exact: true` without ties): W
 *   follows the Mann–Whitney null distribution (counts from the recursion
 *   c(k; m, n) = c(k − n; m − 1, n) + c(k; m, n − 1), R's `pwilcox`). Two-sided p = min(1, 2·P(W' ≤ W))
 *   when W ≤ nₓnᵧ/2, else min(1, 2·P(W' ≥ W)); "less" P(W' ≤ W); "greater" P(W' ≥ W).
 * - Normal approximation otherwise: z = (W − nₓnᵧ/2 − CC)/σ with
 *   σ² = nₓnᵧ/12·((N + 1) − Σ(t³ − t)/(N(N − 1))) over tie groups t, CC = 0.5·sign(W − nₓnᵧ/2)
 *   (two-sided), +0.5 ("greater"), −0.5 ("less") when `correct`, else 0. When `exact` was requested
 *   but ties are present, R falls back to this approximation with a warning; so does this function
 *   (listed in `warnings`).
 *
 * References: Mann, H. B. & Whitney, D. R. (1947) Ann. Math. Stat. 18, 50–60; Hollander & Wolfe (1973)
 * Nonparametric Statistical Methods, pp. 27–33, 68–75; R: `wilcox.test`, `pwilcox`.
 */
import { normalCdf, normalUpper } from "./distributions.ts";
import { type Alternative, checkAlternative, finiteVector, StatsInputError } from "./validate.ts";
import { checkBoolean, checkFinite, checkKnownOptions, optionError } from "../io/options.ts";

/** Options of {@link wilcoxonRankSum}. */
export interface WilcoxonOptions {
  /** Exact p-value: true, false, or null = R's rule (nₓ < 50 and nᵧ < 50, and no ties) (default null). */
  exact?: boolean | null;
  /** Continuity correction in the normal approximation (default true). */
  correct?: boolean;
  /** Alternative hypothesis about the location shift of x relative to y (default "two.sided"). */
  alternative?: Alternative;
  /** Hypothesised location shift: x − μ is ranked against y (default 0). */
  mu?: number;
}

/** Result of {@link wilcoxonRankSum}. */
export interface WilcoxonResult {
  readonly method: string;
  /** W = rank sum of x − nₓ(nₓ + 1)/2. */
  readonly statistic: number;
  readonly pValue: number;
  /** True when the exact distribution was used. */
  readonly exact: boolean;
  /** Standardised statistic of the normal approximation (null when exact). */
  readonly z: number | null;
  /** σ of W under H0 with the tie correction (null when exact). */
  readonly sigma: number | null;
  readonly ties: boolean;
  readonly nX: number;
  readonly nY: number;
  readonly alternative: Alternative;
  readonly mu: number;
  readonly correct: boolean;
  /** Warnings R would give (exact requested with ties). */
  readonly warnings: readonly string[];
}

const KNOWN = ["exact", "correct", "alternative", "mu"] as const;

/**
 * Mid-ranks (average ranks for ties) of `values`, 1-based, and the sizes of the tie groups.
 * R: `rank(x, ties.method = "average")`.
 */
export function midRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(n);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    tieSizes.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieSizes };
}

/**
 * Counts of the Mann–Whitney statistic: `counts[k]` = number of arrangements of m x's among m + n
 * positions with W = k (k = 0..mn); their sum is C(m + n, m). Addition-only recursion, so counts are
 * exact up to 2⁵³ and correctly rounded relative to each other beyond.
 */
export function mannWhitneyCounts(m: number, n: number): Float64Array {
  if (!Number.isInteger(m) || m < 0) optionError("mannWhitneyCounts", "m", "a non-negative integer", m);
  if (!Number.isInteger(n) || n < 0) optionError("mannWhitneyCounts", "n", "a non-negative integer", n);
  if (m > n) return mannWhitneyCounts(n, m); // c(k; m, n) = c(k; n, m) (Gaussian binomial symmetry)
  // w[i] holds the counts for (i x's, current n'), i = 0..m; loop n' = 0..n.
  // c(k; i, n') = c(k − n'; i − 1, n') + c(k; i, n' − 1), with c(·; 0, n') = c(·; i, 0) = δ₀.
  let prev: Float64Array[] = [];
  for (let i = 0; i <= m; i++) prev.push(Float64Array.of(1)); // n' = 0: only W = 0
  for (let nn = 1; nn <= n; nn++) {
    const cur: Float64Array[] = [Float64Array.of(1)];
    for (let i = 1; i <= m; i++) {
      const out = new Float64Array(i * nn + 1);
      const a = prev[i]; // (i, nn − 1), support 0..i(nn − 1)
      for (let k = 0; k < a.length; k++) out[k] += a[k];
      const b = cur[i - 1]; // (i − 1, nn), support 0..(i − 1)nn, shifted by nn
      for (let k = 0; k < b.length; k++) out[k + nn] += b[k];
      cur.push(out);
    }
    prev = cur;
  }
  return prev[m];
}

/** P(W ≤ q) under H0 (R: `pwilcox(q, m, n)`), from {@link mannWhitneyCounts}. */
export function pwilcox(q: number, m: number, n: number, lowerTail = true): number {
  const c = mannWhitneyCounts(m, n);
  let total = 0;
  for (let k = 0; k < c.length; k++) total += c[k];
  const qq = Math.floor(q + 1e-7);
  let s = 0;
  if (lowerTail) {
    for (let k = 0; k <= Math.min(qq, c.length - 1); k++) s += c[k];
  } else {
    for (let k = Math.max(qq + 1, 0); k < c.length; k++) s += c[k];
  }
  return s / total;
}

/**
 * Wilcoxon rank-sum test of x against y (see the module documentation for the definitions).
 * Both samples need at least one value. R: `wilcox.test(x, y, mu, exact, correct, alternative)`.
 */
export function wilcoxonRankSum(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const fn = "wilcoxonRankSum";
  checkKnownOptions(fn, options, KNOWN);
  const exactOpt = options.exact ?? null;
  if (exactOpt !== null) checkBoolean(fn, "exact", exactOpt);
  const correct = checkBoolean(fn, "correct", options.correct ?? true);
  const alternative = checkAlternative(fn, options.alternative ?? "two.sided");
  const mu = checkFinite(fn, "mu", options.mu ?? 0);
  const xs = finiteVector(fn, "x", x, 1);
  const ys = finiteVector(fn, "y", y, 1);
  const nx = xs.length, ny = ys.length;
  const pooled = [...xs.map((v) => v - mu), ...ys];
  const { ranks, tieSizes } = midRanks(pooled);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += ranks[i];
  const W = rx - (nx * (nx + 1)) / 2;
  const ties = tieSizes.some((t) => t > 1);
  const wantExact = exactOpt ?? (nx < 50 && ny < 50);
  const warnings: string[] = [];
  if (wantExact && !ties) {
    let p: number;
    if (alternative === "two.sided") {
      p = W > (nx * ny) / 2 ? pwilcox(W - 1, nx, ny, false) : pwilcox(W, nx, ny);
      p = Math.min(2 * p, 1);
    } else if (alternative === "greater") {
      p = pwilcox(W - 1, nx, ny, false);
    } else {
      p = pwilcox(W, nx, ny);
    }
    return {
      method: "Wilcoxon rank sum exact test",
      statistic: W,
      pValue: p,
      exact: true,
      z: null,
      sigma: null,
      ties,
      nX: nx,
      nY: ny,
      alternative,
      mu,
      correct,
      warnings,
    };
  }
  if (wantExact && ties) warnings.push("cannot compute exact p-value with ties: normal approximation used");
  const N = nx + ny;
  let tieSum = 0;
  for (const t of tieSizes) tieSum += t * t * t - t;
  const sigma = Math.sqrt((nx * ny / 12) * ((N + 1) - tieSum / (N * (N - 1))));
  if (!(sigma > 0)) {
    throw new StatsInputError(
      `${fn}: all ${N} values are tied, so the rank-sum statistic has no variance (R returns p = NaN)`,
    );
  }
  let z = W - (nx * ny) / 2;
  let cc = 0;
  if (correct) cc = alternative === "two.sided" ? Math.sign(z) * 0.5 : alternative === "greater" ? 0.5 : -0.5;
  z = (z - cc) / sigma;
  const p = alternative === "less"
    ? normalCdf(z)
    : alternative === "greater"
    ? normalUpper(z)
    : 2 * Math.min(normalCdf(z), normalUpper(z));
  return {
    method: `Wilcoxon rank sum test${correct ? " with continuity correction" : ""}`,
    statistic: W,
    pValue: p,
    exact: false,
    z,
    sigma,
    ties,
    nX: nx,
    nY: ny,
    alternative,
    mu,
    correct,
    warnings,
  };
}
