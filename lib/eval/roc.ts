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
} from "../stats/binary_input.ts";
import { lowerBound, placementValues, type RocOptions, upperBound } from "../stats/auc.ts";

export type { Direction } from "../stats/binary_input.ts";
export type { RocOptions } from "../stats/auc.ts";

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
