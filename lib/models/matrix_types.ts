/**
 * Shared shapes of the preprocessing and selection steps (z-score, SMOTE, mRMR, LASSO): a design
 * matrix is an array of rows (patients) of numbers, a vector an array of numbers. Inputs are never
 * mutated; outputs are new arrays.
 */
import { nonBinaryIndex } from "../stats/binary_input.ts";

/** A design matrix: rows are observations (patients), columns features. */
export type Matrix = readonly (readonly number[])[];
/** A numeric vector. */
export type Vec = readonly number[];

/**
 * Check that `X` is a non-empty rectangular matrix of finite numbers.
 * @param what name used in the error message (e.g. `ZScore.fit X`)
 * @returns the number of columns
 */
export function checkMatrix(X: Matrix, what: string, options: { minRows?: number } = {}): number {
  const minRows = options.minRows ?? 1;
  if (!Array.isArray(X) || X.length < minRows) {
    throw new Error(
      `${what}: expected a matrix with at least ${minRows} row(s), got ${
        Array.isArray(X) ? X.length : typeof X
      }`,
    );
  }
  const p = X[0].length;
  for (let i = 0; i < X.length; i++) {
    const r = X[i];
    if (r.length !== p) throw new Error(`${what} row ${i + 1}: expected ${p} columns, got ${r.length}`);
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(r[j])) {
        throw new Error(`${what} row ${i + 1}, column ${j + 1}: expected a finite number, got ${r[j]}`);
      }
    }
  }
  return p;
}

/** Check a 0/1 outcome vector of length n (one per row of the design matrix; rows counted from 1). */
export function checkBinary(y: Vec, n: number, what: string): void {
  if (y.length !== n) throw new Error(`${what}: expected ${n} outcomes (one per row), got ${y.length}`);
  const i = nonBinaryIndex(y);
  if (i >= 0) throw new Error(`${what} row ${i + 1}: outcome must be 0 or 1, got ${y[i]}`);
}

/** Columns `cols` of X (new rows). */
export function selectColumns(X: Matrix, cols: readonly number[]): number[][] {
  return X.map((r) => cols.map((j) => r[j]));
}

/** Rows `rows` of X (copies). */
export function selectRows(X: Matrix, rows: readonly number[]): number[][] {
  return rows.map((i) => X[i].slice());
}
