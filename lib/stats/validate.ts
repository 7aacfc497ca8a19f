/**
 * Argument checks shared by the tests of this folder. Messages name the function, the argument, what
 * was expected and what came, e.g. `tTest argument "x" element 3: expected a finite number, got NaN`.
 * Option checks (`tTest option "confLevel": must be in (0, 1), got 1.5`) are lib/io/options.ts's.
 */
import { checkOneOf, showValue as show } from "../io/options.ts";

/** Error raised for invalid arguments of a statistical function. */
export class StatsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StatsInputError";
  }
}

/** Check a finite numeric vector; `what` names the argument. Returns a plain copy. */
export function finiteVector(fn: string, what: string, x: ArrayLike<number>, minLength = 0): number[] {
  if (x === null || x === undefined || typeof x !== "object" || typeof x.length !== "number") {
    throw new StatsInputError(`${fn} argument "${what}": expected an array of numbers, got ${show(x)}`);
  }
  const out = Array.from(x);
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new StatsInputError(
        `${fn} argument "${what}" element ${i}: expected a finite number, got ${show(v)}`,
      );
    }
  }
  if (out.length < minLength) {
    throw new StatsInputError(
      `${fn} argument "${what}": expected at least ${minLength} values, got ${out.length}`,
    );
  }
  return out;
}

export type Alternative = "two.sided" | "less" | "greater";
export const ALTERNATIVES: readonly Alternative[] = ["two.sided", "less", "greater"];

/** Check an `alternative` option. */
export function checkAlternative(fn: string, v: unknown): Alternative {
  return checkOneOf(fn, "alternative", v, ALTERNATIVES);
}

/**
 * Check a contingency table: a non-empty rectangular matrix of non-negative integers (or, with
 * `integer = false`, non-negative finite numbers). Returns a copy.
 */
export function countMatrix(fn: string, counts: readonly (readonly number[])[], integer = true): number[][] {
  if (!Array.isArray(counts) || counts.length === 0) {
    throw new StatsInputError(
      `${fn} argument "counts": expected a non-empty matrix (array of rows), got ${show(counts)}`,
    );
  }
  const nc = Array.isArray(counts[0]) ? counts[0].length : -1;
  const out: number[][] = [];
  counts.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== nc || nc === 0) {
      throw new StatsInputError(
        `${fn} argument "counts" row ${i + 1}: expected ${nc > 0 ? nc : "≥ 1"} cells, got ${show(row)}`,
      );
    }
    out.push(row.map((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
        const what = integer ? "a non-negative integer" : "a non-negative finite number";
        throw new StatsInputError(
          `${fn} argument "counts" cell [${i + 1}, ${j + 1}]: expected ${what}, got ${show(v)}`,
        );
      }
      return v;
    }));
  });
  return out;
}
