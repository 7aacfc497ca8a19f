/**
 * Small dense linear algebra for the Cox fit (p × p information matrices): Cholesky factorisation,
 * solve and inverse of a symmetric positive-definite matrix. Inputs are never mutated.
 */

/** Lower-triangular Cholesky factor L (A = L Lᵀ); throws when A is not positive definite. */
export function cholesky(A: readonly (readonly number[])[], what = "matrix"): number[][] {
  const p = A.length;
  const L = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    let s = A[j][j];
    for (let k = 0; k < j; k++) s -= L[j][k] * L[j][k];
    if (!(s > 1e-300)) {
      throw new Error(
        `${what} is not positive definite (pivot ${
          j + 1
        } = ${s}): a covariate may be constant or collinear with others`,
      );
    }
    L[j][j] = Math.sqrt(s);
    for (let i = j + 1; i < p; i++) {
      let t = A[i][j];
      for (let k = 0; k < j; k++) t -= L[i][k] * L[j][k];
      L[i][j] = t / L[j][j];
    }
  }
  return L;
}

/** Solve A x = b for symmetric positive-definite A. */
export function solveSpd(A: readonly (readonly number[])[], b: readonly number[], what = "matrix"): number[] {
  const L = cholesky(A, what);
  const p = b.length;
  const y = new Array<number>(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const x = new Array<number>(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix. */
export function inverseSpd(A: readonly (readonly number[])[], what = "matrix"): number[][] {
  const p = A.length;
  const cols = Array.from(
    { length: p },
    (_, j) => solveSpd(A, Array.from({ length: p }, (_, i) => (i === j ? 1 : 0)), what),
  );
  return Array.from(
    { length: p },
    (_, i) => Array.from({ length: p }, (_, j) => (cols[j][i] + cols[i][j]) / 2),
  );
}

/** xᵀ A⁻¹ x for symmetric positive-definite A (a quadratic-form test statistic). */
export function quadFormInv(
  A: readonly (readonly number[])[],
  x: readonly number[],
  what = "matrix",
): number {
  const s = solveSpd(A, x, what);
  return s.reduce((acc, v, i) => acc + v * x[i], 0);
}
