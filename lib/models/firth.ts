/**
 * Firth's penalised-likelihood logistic regression (bias reduction; finite estimates under
 * separation), as R's logistf fits it.
 *
 * Penalised log-likelihood l*(β) = l(β) + ½ log det I(β), I(β) = XᵀWX, W = diag(μᵢ(1 − μᵢ)).
 * Its gradient is the modified score U*(β) = Xᵀ(y − μ + h ∘ (½ − μ)), hᵢ the diagonal of the hat
 * matrix W^½ X I⁻¹ Xᵀ W^½. Newton steps I⁻¹U* (at most `maxStep` per coefficient, halved while l*
 * decreases), until every step is below `tol`. Standard errors: sqrt(diag I(β̂)⁻¹) (logistf's
 * default); profile-penalised-likelihood intervals use l* with one coefficient fixed (see
 * profile_ci.ts), as logistf does.
 * Reference: Firth D. (1993) Biometrika 80:27–38; Heinze G, Schemper M. (2002) Stat Med 21:2409–2419;
 * R: logistf::logistf(pl = TRUE).
 */
import { Matrix } from "ml-matrix";
import { cholesky, crossprodWeighted, log1pExp, plogis, spdInverse } from "./irls.ts";

/** Options of {@link firthLogistic}. */
export interface FirthOptions {
  readonly start?: readonly number[];
  /** Maximum iterations (default 200). */
  readonly maxIter?: number;
  /** Convergence: max |step| below this (default 1e-12). */
  readonly tol?: number;
  /** Largest change of a coefficient in one step (default 5, logistf's maxstep). */
  readonly maxStep?: number;
  /** Coefficients held fixed: index → value (used by profile intervals). */
  readonly fixed?: ReadonlyMap<number, number>;
  readonly terms?: readonly string[];
}

/** Result of {@link firthLogistic}. */
export interface FirthResult {
  readonly beta: number[];
  readonly vcov: number[][];
  readonly eta: number[];
  readonly mu: number[];
  /** Penalised log-likelihood l*(β̂). */
  readonly penalizedLoglik: number;
  /** Unpenalised deviance −2 l(β̂). */
  readonly deviance: number;
  /** Modified score U*(β̂) (all coefficients, fixed ones included). */
  readonly score: number[];
  readonly iterations: number;
  readonly converged: boolean;
}

function evaluate(
  X: readonly (readonly number[])[],
  y: readonly number[],
  beta: readonly number[],
  terms: readonly string[],
) {
  const n = X.length;
  const p = beta.length;
  const eta = X.map((xi) => xi.reduce((s, v, j) => s + v * beta[j], 0));
  const mu = eta.map(plogis);
  const w = mu.map((m) => m * (1 - m));
  const I = crossprodWeighted(X, w, p);
  const ch = cholesky(I, terms, "Fisher information X'WX");
  const L = ch.lowerTriangularMatrix;
  let logdet = 0;
  for (let j = 0; j < p; j++) logdet += 2 * Math.log(L.get(j, j));
  let ll = 0;
  for (let i = 0; i < n; i++) ll += y[i] * eta[i] - log1pExp(eta[i]);
  const Iinv = spdInverse(ch, p);
  const score = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const xi = X[i];
    let q = 0;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += Iinv[j][k] * xi[k];
      q += xi[j] * s;
    }
    const h = w[i] * q;
    const r = y[i] - mu[i] + h * (0.5 - mu[i]);
    for (let j = 0; j < p; j++) score[j] += xi[j] * r;
  }
  return { eta, mu, I, Iinv, pll: ll + 0.5 * logdet, dev: -2 * ll, score };
}

/** Firth-penalised logistic regression on a design matrix (R: logistf). */
export function firthLogistic(
  X: readonly (readonly number[])[],
  y: readonly number[],
  options: FirthOptions = {},
): FirthResult {
  const p = X[0]?.length ?? 0;
  const terms = options.terms ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const maxIter = options.maxIter ?? 200;
  const tol = options.tol ?? 1e-12;
  const maxStep = options.maxStep ?? 5;
  const fixed = options.fixed ?? new Map<number, number>();
  const free = Array.from({ length: p }, (_, j) => j).filter((j) => !fixed.has(j));
  let beta = options.start ? [...options.start] : new Array<number>(p).fill(0);
  for (const [j, v] of fixed) beta[j] = v;
  let cur = evaluate(X, y, beta, terms);
  let converged = false;
  let iter = 0;
  for (iter = 1; iter <= maxIter; iter++) {
    let step = new Array<number>(p).fill(0);
    if (free.length > 0) {
      const Isub = free.map((j) => free.map((k) => cur.I[j][k]));
      const ch = cholesky(Isub, free.map((j) => terms[j]), "Fisher information X'WX");
      const s = ch.solve(Matrix.columnVector(free.map((j) => cur.score[j]))).getColumn(0);
      free.forEach((j, k) => {
        step[j] = s[k];
      });
    }
    const mx = Math.max(0, ...step.map(Math.abs));
    if (mx > maxStep) step = step.map((s) => (s * maxStep) / mx);
    if (mx < tol) {
      converged = true;
      break;
    }
    let t = 1;
    let nb = beta.map((b, j) => b + step[j]);
    let next = evaluate(X, y, nb, terms);
    let halvings = 0;
    while (!(next.pll >= cur.pll - 1e-12 * (Math.abs(cur.pll) + 1)) && halvings < 40) {
      t /= 2;
      halvings++;
      nb = beta.map((b, j) => b + t * step[j]);
      next = evaluate(X, y, nb, terms);
    }
    beta = nb;
    cur = next;
    if (mx * t < tol) {
      converged = true;
      break;
    }
  }
  return {
    beta,
    vcov: cur.Iinv,
    eta: cur.eta,
    mu: cur.mu,
    penalizedLoglik: cur.pll,
    deviance: cur.dev,
    score: cur.score,
    iterations: Math.min(iter, maxIter),
    converged,
  };
}
