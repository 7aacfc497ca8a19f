/**
 * The numerical core of binary logistic regression: Newton–Raphson / iteratively reweighted least
 * squares (IRLS) for the logit link, with step halving, prior weights and an offset, on a plain design
 * matrix. Used by {@link LogisticRegression}, the profile-likelihood intervals, Firth's method, the
 * calibration fits and the le Cessie–van Houwelingen test.
 *
 * Model: logit P(y = 1) = offset + Xβ. Log-likelihood l(β) = Σ wᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)];
 * deviance D = −2 l(β) (binary y, saturated log-likelihood 0). Newton step: β ← β + (XᵀWX)⁻¹ Xᵀw(y − μ)
 * with W = diag(wᵢ μᵢ(1 − μᵢ)), halved while the deviance increases. Convergence (default): relative
 * change of the deviance |D − D_old| / (|D| + 0.1) < `tol` (R's glm.control criterion, run here to
 * 1e-14 instead of 1e-8) or a step below 1e-13 in every coefficient.
 * Reference: McCullagh & Nelder, Generalized Linear Models (1989), §2.5; R: stats::glm.fit.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { spdCholesky } from "./spd.ts";

/** Options of {@link irlsLogistic}. */
export interface IrlsOptions {
  /** Offset added to the linear predictor (default none). */
  readonly offset?: readonly number[];
  /** Prior (frequency) weights (default 1). */
  readonly weights?: readonly number[];
  /** Starting coefficients (default 0). */
  readonly start?: readonly number[];
  /**
   * Starting linear predictor, as glm.fit's `etastart` (ignored when `start` is given): the first
   * iteration is the weighted least-squares fit of the working response at this η. {@link glmStartEta}
   * gives glm.fit's start from the data.
   */
  readonly etaStart?: readonly number[];
  /** Maximum Newton iterations (default 100). */
  readonly maxIter?: number;
  /** Convergence tolerance on the relative deviance change (default 1e-14). */
  readonly tol?: number;
  /** Term names, used in error messages (default "x1", "x2", …). */
  readonly terms?: readonly string[];
}

/** Result of {@link irlsLogistic}. */
export interface IrlsResult {
  readonly beta: number[];
  /** (XᵀWX)⁻¹ at the estimate (inverse Fisher = observed information for the logit link). */
  readonly vcov: number[][];
  readonly eta: number[];
  readonly mu: number[];
  readonly deviance: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** max |∂l/∂βⱼ| at the estimate. */
  readonly maxAbsScore: number;
}

/** Smallest IRLS working weight μ(1 − μ), as R's binomial()$mu.eta floor (DBL_EPSILON). */
const MIN_WEIGHT = 2.220446049250313e-16;

/**
 * glm.fit's start from the data for the binomial family (its `initialize`): μ₀ = (w·y + 0.5)/(w + 1),
 * η₀ = logit μ₀ (the offset is not used), so every fitted probability starts strictly inside (0, 1).
 */
export function glmStartEta(y: readonly number[], weights?: readonly number[]): number[] {
  return y.map((v, i) => {
    const w = weights ? weights[i] : 1;
    return qlogis((w * v + 0.5) / (w + 1));
  });
}

/**
 * Least-squares solution of A x ≈ b by Householder QR (A n × p, n ≥ p), the solver glm.fit uses
 * (LINPACK dqrls); null when A is numerically rank deficient (|R_jj| ≤ 1e-11 · max |R_kk|, glm's tol).
 */
export function qrLeastSquares(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = A.length;
  const p = n > 0 ? A[0].length : 0;
  const Q = Array.from({ length: p }, (_, j) => Float64Array.from(A, (r) => r[j]));
  const y = Float64Array.from(b);
  const diag = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const c = Q[j];
    let norm = 0;
    for (let i = j; i < n; i++) norm = Math.hypot(norm, c[i]);
    if (norm === 0) return null;
    const alpha = c[j] > 0 ? -norm : norm;
    c[j] -= alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += c[i] * c[i];
    diag[j] = alpha;
    if (vv === 0) continue;
    for (let k = j + 1; k < p; k++) {
      const ck = Q[k];
      let s = 0;
      for (let i = j; i < n; i++) s += c[i] * ck[i];
      const f = (2 * s) / vv;
      for (let i = j; i < n; i++) ck[i] -= f * c[i];
    }
    let s = 0;
    for (let i = j; i < n; i++) s += c[i] * y[i];
    const f = (2 * s) / vv;
    for (let i = j; i < n; i++) y[i] -= f * c[i];
  }
  const maxR = Math.max(...Array.from(diag, Math.abs));
  const x = new Array<number>(p).fill(0);
  for (let j = p - 1; j >= 0; j--) {
    if (!(Math.abs(diag[j]) > 1e-11 * maxR)) return null;
    let s = y[j];
    for (let k = j + 1; k < p; k++) s -= Q[k][j] * x[k];
    x[j] = s / diag[j];
  }
  return x;
}

/**
 * Newton step (XᵀWX)⁻¹ Xᵀ r with W = diag(w) and r = w₀(y − μ): Cholesky of XᵀWX, or, when rounding
 * makes it lose positive definiteness (nearly collinear columns, badly scaled ones), the weighted
 * least-squares problem min ‖√W (X s − r/W)‖ by QR as glm.fit solves it. Throws SingularDesignError
 * only when X is rank deficient in both.
 */
function newtonStep(
  X: readonly (readonly number[])[],
  w: readonly number[],
  r: readonly number[],
  terms: readonly string[],
): number[] {
  const p = terms.length;
  const score = new Array<number>(p).fill(0);
  for (let i = 0; i < X.length; i++) for (let j = 0; j < p; j++) score[j] += X[i][j] * r[i];
  let ch: CholeskyDecomposition | null = null;
  try {
    ch = cholesky(crossprodWeighted(X, w, p), terms);
  } catch (e) {
    if (!(e instanceof SingularDesignError)) throw e;
  }
  if (ch) {
    const step = ch.solve(Matrix.columnVector(score)).getColumn(0);
    if (step.every(Number.isFinite)) return step;
  }
  const sw = w.map(Math.sqrt);
  const step = qrLeastSquares(
    X.map((xi, i) => xi.map((v) => v * sw[i])),
    r.map((ri, i) => (sw[i] > 0 ? ri / sw[i] : 0)),
  );
  if (!step) {
    // Re-raise the Cholesky failure (the message names the terms and the likely cause).
    cholesky(crossprodWeighted(X, w, p), terms);
    throw new SingularDesignError(`X'WX is singular (terms: ${terms.join(", ")})`);
  }
  return step;
}

/** Numerically stable log(1 + e^x). */
export function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Inverse logit 1 / (1 + e^−η). */
export function plogis(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** Logit log(p / (1 − p)). */
export function qlogis(p: number): number {
  return Math.log(p / (1 - p));
}

/** Binomial deviance −2 Σ wᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)] from the linear predictor. */
export function binomialDeviance(
  y: readonly number[],
  eta: readonly number[],
  weights?: readonly number[],
): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (weights ? weights[i] : 1) * (y[i] * eta[i] - log1pExp(eta[i]));
  return -2 * s;
}

function linpred(
  X: readonly (readonly number[])[],
  beta: readonly number[],
  offset?: readonly number[],
): number[] {
  const n = X.length;
  const eta = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = offset ? offset[i] : 0;
    const xi = X[i];
    for (let j = 0; j < beta.length; j++) s += xi[j] * beta[j];
    eta[i] = s;
  }
  return eta;
}

/** Xᵀ diag(w) X as a plain array. */
export function crossprodWeighted(
  X: readonly (readonly number[])[],
  w: readonly number[],
  p: number,
): number[][] {
  const A = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < X.length; i++) {
    const xi = X[i];
    const wi = w[i];
    if (wi === 0) continue;
    for (let j = 0; j < p; j++) {
      const a = wi * xi[j];
      if (a === 0) continue;
      const row = A[j];
      for (let k = 0; k <= j; k++) row[k] += a * xi[k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) A[k][j] = A[j][k];
  return A;
}

/** Error thrown when XᵀWX cannot be factorised (collinear or empty columns). */
export class SingularDesignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SingularDesignError";
  }
}

/** Cholesky of a symmetric matrix; throws SingularDesignError naming `terms` when not positive definite. */
export function cholesky(A: number[][], terms: readonly string[], what = "X'WX"): CholeskyDecomposition {
  try {
    return spdCholesky(
      A,
      what,
      `the design matrix is rank deficient or a fitted probability is 0/1 (terms: ${
        terms.join(", ")
      }); check for collinear terms or empty factor levels`,
    );
  } catch (e) {
    throw new SingularDesignError((e as Error).message);
  }
}

/** Inverse of a symmetric positive-definite matrix via its Cholesky factor. */
export function spdInverse(ch: CholeskyDecomposition, p: number): number[][] {
  return ch.solve(Matrix.eye(p, p)).to2DArray();
}

/** Check the columns of X: an all-zero (or, apart from the intercept, constant) column cannot be estimated. */
export function checkColumns(X: readonly (readonly number[])[], terms: readonly string[]): void {
  const p = terms.length;
  for (let j = 0; j < p; j++) {
    let nz = 0;
    for (const xi of X) if (xi[j] !== 0) nz++;
    if (nz === 0) {
      throw new SingularDesignError(
        `term "${
          terms[j]
        }": column is all zero (no observation at this level), so its coefficient cannot be estimated`,
      );
    }
  }
}

/**
 * Maximum-likelihood logistic regression on a design matrix by IRLS (R: glm.fit with binomial()).
 * With zero columns (p = 0) returns the deviance of the offset alone.
 */
export function irlsLogistic(
  X: readonly (readonly number[])[],
  y: readonly number[],
  options: IrlsOptions = {},
): IrlsResult {
  const n = X.length;
  const p = n > 0 ? X[0].length : (options.start?.length ?? 0);
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-14;
  const terms = options.terms ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const w0 = options.weights;
  let beta = options.start ? [...options.start] : new Array<number>(p).fill(0);
  if (!options.start && options.etaStart && p > 0) {
    // glm.fit's first iteration: weighted least squares of the working response at η₀.
    const eta0 = options.etaStart;
    const mu0 = eta0.map(plogis);
    const w = mu0.map((m, i) => (w0 ? w0[i] : 1) * Math.max(m * (1 - m), MIN_WEIGHT));
    const off = options.offset;
    // r = W (z − offset), z = η₀ + (y − μ₀)/(μ₀(1 − μ₀)); the step from β = 0 solves XᵀWX β = Xᵀ r.
    const r = eta0.map((e, i) => w[i] * (e - (off ? off[i] : 0)) + (w0 ? w0[i] : 1) * (y[i] - mu0[i]));
    beta = newtonStep(X, w, r, terms);
  }
  let eta = linpred(X, beta, options.offset);
  let dev = binomialDeviance(y, eta, w0);
  if (p === 0) {
    const mu = eta.map(plogis);
    return { beta: [], vcov: [], eta, mu, deviance: dev, iterations: 0, converged: true, maxAbsScore: 0 };
  }
  let converged = false;
  let iter = 0;
  for (iter = 1; iter <= maxIter; iter++) {
    const mu = eta.map(plogis);
    const w = mu.map((m, i) => (w0 ? w0[i] : 1) * Math.max(m * (1 - m), MIN_WEIGHT));
    const r = mu.map((m, i) => (w0 ? w0[i] : 1) * (y[i] - m));
    const step = newtonStep(X, w, r, terms);
    let t = 1;
    let newBeta = beta.map((b, j) => b + step[j]);
    let newEta = linpred(X, newBeta, options.offset);
    let newDev = binomialDeviance(y, newEta, w0);
    let halvings = 0;
    while (!(newDev <= dev + 1e-12 * (Math.abs(dev) + 1)) && halvings < 40) {
      t /= 2;
      halvings++;
      newBeta = beta.map((b, j) => b + t * step[j]);
      newEta = linpred(X, newBeta, options.offset);
      newDev = binomialDeviance(y, newEta, w0);
    }
    const maxStep = Math.max(...step.map((s, j) => Math.abs(t * s) / (Math.abs(newBeta[j]) + 1)));
    const rel = Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1);
    beta = newBeta;
    eta = newEta;
    dev = newDev;
    if (rel < tol || maxStep < 1e-13) {
      converged = true;
      break;
    }
  }
  const mu = eta.map(plogis);
  const w = mu.map((m, i) => (w0 ? w0[i] : 1) * m * (1 - m));
  let vcov: number[][];
  try {
    vcov = spdInverse(cholesky(crossprodWeighted(X, w, p), terms), p);
  } catch {
    vcov = Array.from({ length: p }, () => new Array<number>(p).fill(NaN));
  }
  let maxAbsScore = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i][j] * (w0 ? w0[i] : 1) * (y[i] - mu[i]);
    maxAbsScore = Math.max(maxAbsScore, Math.abs(s));
  }
  return { beta, vcov, eta, mu, deviance: dev, iterations: Math.min(iter, maxIter), converged, maxAbsScore };
}
