/**
 * Prior (intercept) correction of a model trained on resampled data (e.g. SMOTE-balanced), back to
 * the true event prevalence.
 *
 * Oversampling events to a training prevalence π_s changes only the intercept of a (correctly
 * specified) logistic model: logit p_true = logit p_s + log(π/(1 − π)) − log(π_s/(1 − π_s)), with π the
 * prevalence of the target population (e.g. the original training set before SMOTE). The correction
 * shifts every linear predictor by the same offset; discrimination (AUC) is unchanged, calibration and
 * the Brier score change. For SMOTE the synthetic events are not exact copies, so the correction is
 * approximate; check it with the calibration intercept on untouched data.
 * Reference: King G, Zeng L (2001) Logistic regression in rare events data. Political Analysis 9:137–163
 * (prior correction); Elkan C (2001) The foundations of cost-sensitive learning, IJCAI, Theorem 2;
 * van den Goorbergh R et al. (2022) JAMIA 29:1525–1534 (imbalance correction harms calibration).
 */
import { plogis, qlogis } from "../models/irls.ts";

/** Intercept shift log(π/(1 − π)) − log(π_s/(1 − π_s)). */
export function priorShift(piTrue: number, piTrain: number): number {
  for (const [name, v] of [["piTrue", piTrue], ["piTrain", piTrain]] as const) {
    if (!(v > 0 && v < 1)) throw new Error(`priorShift: "${name}": must be a prevalence in (0, 1), got ${v}`);
  }
  return qlogis(piTrue) - qlogis(piTrain);
}

/** Corrected probabilities: plogis(logit p + shift) for every p (inputs not modified). */
export function priorCorrect(p: ArrayLike<number>, piTrue: number, piTrain: number): number[] {
  const s = priorShift(piTrue, piTrain);
  return Array.from(p, (v) => plogis(qlogis(v) + s));
}

/** Corrected coefficient vector: the intercept (term "(Intercept)") shifted, the rest unchanged. */
export function priorCorrectCoefficients(
  terms: readonly string[],
  coef: readonly number[],
  piTrue: number,
  piTrain: number,
): number[] {
  const j = terms.indexOf("(Intercept)");
  if (j < 0) throw new Error(`priorCorrectCoefficients: no "(Intercept)" term among ${terms.join(", ")}`);
  const s = priorShift(piTrue, piTrain);
  return coef.map((b, k) => (k === j ? b + s : b));
}
