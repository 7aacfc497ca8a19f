/**
 * Symmetric positive-definite (SPD) systems for the model fits (p × p information matrices of Cox and
 * logistic fits, log-rank covariance): Cholesky factorisation through ml-matrix, solve, inverse and the
 * quadratic form xᵀA⁻¹x. Inputs are never mutated. A matrix that is not positive definite raises an
 * error naming `what` (e.g. "the Cox information matrix") and the likely cause.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";

/** Cholesky factorisation A = L Lᵀ; throws when A is not positive definite. */
export function spdCholesky(
  A: readonly (readonly number[])[],
  what = "matrix",
  hint = "a covariate may be constant or collinear with others",
): CholeskyDecomposition {
  const ch = new CholeskyDecomposition(new Matrix(A.map((r) => [...r])));
  if (!ch.isPositiveDefinite()) throw new Error(`${what} is not positive definite: ${hint}`);
  return ch;
}

/** Solve A x = b for SPD A. */
export function solveSpd(A: readonly (readonly number[])[], b: readonly number[], what = "matrix"): number[] {
  return spdCholesky(A, what).solve(Matrix.columnVector([...b])).getColumn(0);
}

/** Inverse of an SPD matrix, symmetrised ((X + Xᵀ)/2) against rounding. */
export function inverseSpd(A: readonly (readonly number[])[], what = "matrix"): number[][] {
  const p = A.length;
  const X = spdCholesky(A, what).solve(Matrix.eye(p, p)).to2DArray();
  return X.map((row, i) => row.map((v, j) => (v + X[j][i]) / 2));
}

/** xᵀ A⁻¹ x for SPD A (a quadratic-form test statistic: Wald, score, log-rank). */
export function quadFormInv(
  A: readonly (readonly number[])[],
  x: readonly number[],
  what = "matrix",
): number {
  const s = solveSpd(A, x, what);
  return s.reduce((acc, v, i) => acc + v * x[i], 0);
}
