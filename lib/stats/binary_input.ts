/**
 * Input checks shared by the discrimination and accuracy measures (the AUC and DeLong here, `lib/eval`
 * above): a binary response and a score (or predicted probability) of the same length, finite, not
 * mutated.
 *
 * Errors name the argument (or option), what was expected and what came, e.g.
 * `roc: score[12]: expected a finite number, got NaN`.
 */

import { checkOneOf } from "../io/options.ts";

/** Thrown when the input cannot define the measure (one class only, empty, lengths differ …). */
export class EvalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalInputError";
  }
}

/** Direction of a score, fixed by the model and never chosen from the data (pROC `direction`). */
export type Direction = "<" | ">";
const DIRECTIONS: readonly Direction[] = ["<", ">"];

/** Check a score vector: same length as `y`, every value finite. */
export function checkScores(where: string, name: string, score: ArrayLike<number>, n: number): void {
  if (score.length !== n) {
    throw new EvalInputError(`${where}: ${name} has ${score.length} values, response has ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const v = score[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new EvalInputError(`${where}: ${name}[${i}]: expected a finite number, got ${String(v)}`);
    }
  }
}

/** Check probabilities: finite and inside [0, 1]. */
export function checkProbabilities(where: string, name: string, p: ArrayLike<number>, n: number): void {
  checkScores(where, name, p, n);
  for (let i = 0; i < n; i++) {
    if (p[i] < 0 || p[i] > 1) {
      throw new EvalInputError(`${where}: ${name}[${i}]: expected a probability in [0, 1], got ${p[i]}`);
    }
  }
}

/**
 * Index of the first value of `y` that is not exactly 0 or 1, or −1 when every value is: the one
 * binary-outcome test of lib (the measures here, and the design-matrix check of `lib/models`).
 */
export function nonBinaryIndex(y: ArrayLike<number>): number {
  for (let i = 0; i < y.length; i++) if (y[i] !== 0 && y[i] !== 1) return i;
  return -1;
}

/** Check a non-empty 0/1 response. */
export function checkBinary(where: string, y: ArrayLike<number>): void {
  if (y.length === 0) throw new EvalInputError(`${where}: y is empty`);
  const i = nonBinaryIndex(y);
  if (i >= 0) throw new EvalInputError(`${where}: y[${i}]: expected 0 or 1, got ${String(y[i])}`);
}

/** Check a direction option. */
export function checkDirection(where: string, d: unknown): Direction {
  return checkOneOf(where, "direction", d, DIRECTIONS);
}

/**
 * Split scores by class. `caseValue` (default 1) marks cases; every other response value is a control.
 * With direction ">" (lower values indicate cases) the scores are negated, so that every downstream
 * computation uses "higher = case"; this is exact (no rounding) and gives AUC(">") = 1 − AUC("<").
 */
export function splitByClass(
  where: string,
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  direction: Direction,
  caseValue = 1,
): { cases: number[]; controls: number[] } {
  if (y.length === 0) throw new EvalInputError(`${where}: response is empty`);
  checkScores(where, "score", score, y.length);
  const cases: number[] = [];
  const controls: number[] = [];
  const sign = direction === "<" ? 1 : -1;
  for (let i = 0; i < y.length; i++) (y[i] === caseValue ? cases : controls).push(sign * score[i]);
  return { cases, controls };
}

/** Throw unless both classes are present (the ROC curve and the AUC need at least one of each). */
export function requireBothClasses(where: string, nCases: number, nControls: number): void {
  if (nCases === 0 || nControls === 0) {
    throw new EvalInputError(
      `${where}: needs at least one case and one control, got ${nCases} cases and ${nControls} controls ` +
        `(the AUC is undefined with one class; use a stratified bootstrap, which keeps both classes)`,
    );
  }
}

/** Format an integer with thousands separators ("2,000"), independent of the locale. */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "95%" from 0.95 (up to 2 decimals, trailing zeros removed). */
export function formatLevel(confLevel: number): string {
  return `${Number((confLevel * 100).toFixed(2))}%`;
}
