/**
 * Brier score of predicted probabilities for a binary outcome, with the null Brier score of the
 * observed prevalence and the scaled Brier score.
 *
 *   Brier = (1/n) Σ (pᵢ − yᵢ)²,
 *   Brier_null = (1/n) Σ (ȳ − yᵢ)² = ȳ(1 − ȳ)   (predicting the prevalence of the same rows),
 *   scaled Brier = 1 − Brier / Brier_null       (index of prediction accuracy, IPA).
 *
 * Degenerate: with one class only Brier_null = 0 and the scaled Brier score is undefined: it is
 * returned as null (never NaN) with the reason in `note`.
 *
 * References: Brier (1950) Mon Weather Rev 78:1; Steyerberg et al. (2010) Epidemiology 21:128;
 * Kattan & Gerds (2018) Diagn Progn Res 2:7 (IPA); R: mean((p - y)^2), rms::val.prob "Brier".
 */
import { checkBinary, checkProbabilities } from "../stats/binary_input.ts";

/** Result of {@link brierScore}. */
export interface BrierResult {
  readonly n: number;
  readonly prevalence: number;
  readonly brier: number;
  readonly brierNull: number;
  /** 1 − brier / brierNull; null when brierNull = 0 (one class only). */
  readonly scaledBrier: number | null;
  readonly note: string | null;
}

/** Mean squared error of probabilities; y must be 0/1 and p in [0, 1]. */
export function brier(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkBinary("brier", y);
  checkProbabilities("brier", "p", p, y.length);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

/** Brier score, null Brier score (observed prevalence of the same rows) and scaled Brier score. */
export function brierScore(y: ArrayLike<number>, p: ArrayLike<number>): BrierResult {
  const b = brier(y, p);
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const prevalence = events / n;
  let s0 = 0;
  for (let i = 0; i < n; i++) s0 += (prevalence - y[i]) ** 2;
  const brierNull = s0 / n;
  const scaled = brierNull > 0 ? 1 - b / brierNull : null;
  return {
    n,
    prevalence,
    brier: b,
    brierNull,
    scaledBrier: scaled,
    note: scaled === null
      ? `scaled Brier score undefined: one class only (prevalence ${prevalence}), null Brier score 0`
      : null,
  };
}
