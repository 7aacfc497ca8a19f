/**
 * Empirical ROC curve and AUC of a score for a binary response, with the direction fixed by the caller.
 *
 * Notation: m cases (response = `caseValue`, default 1), n controls. Direction "<" (the default) means
 * higher scores indicate cases, ">" means lower scores do; it is a property of the model (a predicted
 * risk is always "<") and is never chosen from the data, so a model worse than chance on a test set
 * keeps an AUC below 0.5 (pROC `roc(direction = ...)`; the paper's models are all "<").
 *
 * AUC = (1 / (m n)) Σᵢ Σⱼ [1(xᵢ > yⱼ) + ½ 1(xᵢ = yⱼ)]  (Mann–Whitney U / (m n); ties count one half),
 * computed from placement values (DeLong 1988) in O((m + n) log(m + n)).
 *
 * References: Hanley & McNeil (1982) Radiology 143:29; DeLong, DeLong & Clarke-Pearson (1988)
 * Biometrics 44:837; R: pROC::roc, pROC::auc (Robin et al. 2011, BMC Bioinformatics 12:77).
 */
import {
  checkBinary,
  checkDirection,
  type Direction,
  EvalInputError,
  requireBothClasses,
  splitByClass,
} from "./binary_input.ts";

export type { Direction } from "./binary_input.ts";

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
 * Empirical AUC: P(case score beats control score) + ½ P(tie), with the direction fixed.
 * Throws {@link EvalInputError} when a class is missing (the AUC is undefined).
 * R: `pROC::auc(roc(y, score, levels = c(0, 1), direction = "<"))`.
 */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>, options: RocOptions = {}): number {
  const direction = checkDirection("rocAuc", options.direction ?? "<");
  const { cases, controls } = splitByClass("rocAuc", y, score, direction, options.caseValue ?? 1);
  requireBothClasses("rocAuc", cases.length, controls.length);
  return placementValues(cases, controls).auc;
}

/** An empirical ROC curve in pROC's threshold convention. */
export interface RocCurve {
  readonly direction: Direction;
  readonly caseValue: number;
  readonly nCases: number;
  readonly nControls: number;
  /** −Inf, midpoints (a + b)/2 of consecutive distinct observed scores, +Inf (increasing). */
  readonly thresholds: readonly number[];
  /** Cases called positive at each threshold (direction "<": score >= t; ">": score <= t). */
  readonly truePositives: readonly number[];
  /** Controls called negative at each threshold. */
  readonly trueNegatives: readonly number[];
  /** truePositives / nCases. */
  readonly sensitivity: readonly number[];
  /** trueNegatives / nControls. */
  readonly specificity: readonly number[];
  /** Empirical AUC (Mann–Whitney), equal to the trapezoidal area under this curve. */
  readonly auc: number;
}

/**
 * Empirical ROC curve: at each candidate threshold t (−Inf, midpoints between consecutive distinct
 * observed values, +Inf; never equal to an observed value) a subject is test-positive when
 * score >= t (direction "<") or score <= t (direction ">"). sensitivity = positives among cases / m,
 * specificity = negatives among controls / n. R: `pROC::coords(roc, "all")`.
 */
export function rocCurve(y: ArrayLike<number>, score: ArrayLike<number>, options: RocOptions = {}): RocCurve {
  const direction = checkDirection("rocCurve", options.direction ?? "<");
  const caseValue = options.caseValue ?? 1;
  const { cases, controls } = splitByClass("rocCurve", y, score, direction, caseValue);
  requireBothClasses("rocCurve", cases.length, controls.length);
  const m = cases.length, n = controls.length;
  // distinct observed values on the original scale
  const all = Float64Array.from(score as ArrayLike<number>).sort();
  const distinct: number[] = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) distinct.push(all[i]);
  const thresholds: number[] = [-Infinity];
  for (let k = 0; k + 1 < distinct.length; k++) thresholds.push((distinct[k] + distinct[k + 1]) / 2);
  thresholds.push(Infinity);
  // original-scale sorted groups
  const sign = direction === "<" ? 1 : -1;
  const sc = Float64Array.from(cases, (v) => sign * v).sort();
  const sn = Float64Array.from(controls, (v) => sign * v).sort();
  const tp: number[] = [], tn: number[] = [];
  for (const t of thresholds) {
    if (direction === "<") {
      tp.push(m - lowerBound(sc, t)); // cases with score >= t
      tn.push(lowerBound(sn, t)); // controls with score < t
    } else {
      tp.push(upperBound(sc, t)); // cases with score <= t
      tn.push(n - upperBound(sn, t)); // controls with score > t
    }
  }
  return {
    direction,
    caseValue,
    nCases: m,
    nControls: n,
    thresholds,
    truePositives: tp,
    trueNegatives: tn,
    sensitivity: tp.map((v) => v / m),
    specificity: tn.map((v) => v / n),
    auc: placementValues(cases, controls).auc,
  };
}

/** Points (false-positive rate, sensitivity) of a curve in plotting order (from (0,0) to (1,1)). */
export function rocPoints(curve: RocCurve): { fpr: number; tpr: number; threshold: number }[] {
  const pts = curve.thresholds.map((t, k) => ({
    fpr: 1 - curve.specificity[k],
    tpr: curve.sensitivity[k],
    threshold: t,
  }));
  pts.sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
  return pts;
}

/** Binary response check re-exported for callers that validate up front. */
export function checkResponse(where: string, y: ArrayLike<number>): void {
  checkBinary(where, y);
}

export { EvalInputError };

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
