/**
 * Empirical AUC primitives: DeLong's placement values and the Mann–Whitney AUC of a binary response.
 *
 * Notation: m cases, n controls, scores on the "higher = case" scale. Placement values (DeLong 1988):
 * V10ᵢ = (#controls below xᵢ + ½ #controls equal to xᵢ) / n, V01ⱼ = (#cases above yⱼ + ½ #cases equal
 * to yⱼ) / m; AUC = mean(V10) = mean(V01) = U / (m n), U the Mann–Whitney statistic (ties count ½).
 * The ROC curve and the checked AUC (`lib/eval/roc.ts`), DeLong's variance (`delong.ts`), the
 * cross-validated AUC of the LASSO and the calibration summaries all build on these.
 *
 * References: Hanley & McNeil (1982) Radiology 143:29; DeLong, DeLong & Clarke-Pearson (1988)
 * Biometrics 44:837; R: pROC::auc, wilcox.test's W / (m n).
 */
import { type Direction, requireBothClasses } from "./binary_input.ts";

/** Options of the ROC functions. */
export interface RocOptions {
  /** "<": higher scores indicate cases (default); ">": lower scores do. Never chosen from the data. */
  readonly direction?: Direction;
  /** Response value of cases (default 1); every other value is a control. */
  readonly caseValue?: number;
}

/** Placement values (DeLong): V10ᵢ for each case, V01ⱼ for each control, on the "higher = case" scale. */
export interface Placements {
  /** V10ᵢ = (#controls below xᵢ + ½ #controls equal to xᵢ) / n, one per case (input order). */
  readonly cases: Float64Array;
  /** V01ⱼ = (#cases above yⱼ + ½ #cases equal to yⱼ) / m, one per control (input order). */
  readonly controls: Float64Array;
  /** AUC = mean(V10) = mean(V01), computed exactly from integer counts. */
  readonly auc: number;
}

/** Index of the first element >= x in an ascending array. */
export function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > x in an ascending array. */
export function upperBound(a: ArrayLike<number>, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

/**
 * Placement values of cases and controls already on the "higher = case" scale (DeLong 1988).
 * Both groups must be non-empty.
 */
export function placementValues(cases: readonly number[], controls: readonly number[]): Placements {
  requireBothClasses("placementValues", cases.length, controls.length);
  const m = cases.length, n = controls.length;
  const sc = sortedCopy(cases), sn = sortedCopy(controls);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let twiceU = 0; // 2·U is an integer: exact sum
  for (let i = 0; i < m; i++) {
    const lo = lowerBound(sn, cases[i]);
    const hi = upperBound(sn, cases[i]);
    const c2 = 2 * lo + (hi - lo);
    twiceU += c2;
    v10[i] = c2 / (2 * n);
  }
  for (let j = 0; j < n; j++) {
    const lo = lowerBound(sc, controls[j]);
    const hi = upperBound(sc, controls[j]);
    v01[j] = (2 * (m - hi) + (hi - lo)) / (2 * m);
  }
  return { cases: v10, controls: v01, auc: twiceU / (2 * m * n) };
}

/**
 * AUC as the Mann–Whitney statistic from mid-ranks, ties counted ½: (R₁ − n₁(n₁+1)/2)/(n₁n₀), R₁ the
 * rank sum of events (y = 1), higher score = event. O(n log n), no input checks (inner loops such as
 * cross-validation and calibration summaries); NaN when a class is empty. Use {@link rocAuc} for
 * checked input and a chosen direction.
 */
export function aucMannWhitney(y: ArrayLike<number>, s: ArrayLike<number>): number {
  const idx = Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s[a] - s[b]);
  let n1 = 0;
  let rankSum = 0;
  for (let a = 0; a < idx.length;) {
    let b = a;
    while (b + 1 < idx.length && s[idx[b + 1]] === s[idx[a]]) b++;
    const rank = (a + b) / 2 + 1;
    for (let q = a; q <= b; q++) {
      if (y[idx[q]] === 1) {
        n1++;
        rankSum += rank;
      }
    }
    a = b + 1;
  }
  const n0 = y.length - n1;
  if (n1 === 0 || n0 === 0) return NaN;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}
