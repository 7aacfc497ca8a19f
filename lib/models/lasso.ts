/**
 * LASSO logistic regression path by coordinate descent, with glmnet's conventions.
 *
 * Objective at each λ (glmnet, family = "binomial", alpha = 1):
 *   minimise −(1/n) Σᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)] + λ Σⱼ |b̃ⱼ|,  ηᵢ = b̃₀ + Σⱼ x̃ᵢⱼ b̃ⱼ,
 * where x̃ⱼ = (xⱼ − x̄ⱼ)/sⱼ are the columns standardised with the population SD (divisor n) when
 * `standardize` is true (centred only otherwise), and the intercept is not penalised. Coefficients
 * are reported on the original scale: bⱼ = b̃ⱼ/sⱼ, b₀ = b̃₀ − Σⱼ bⱼ x̄ⱼ.
 *
 * Path: λ_max = maxⱼ |x̃ⱼᵀ(y − ȳ)|/n (the smallest λ at which every coefficient is zero); unless an
 * explicit `lambda` is given, `nlambda` values geometrically spaced from λ_max down to
 * `lambdaMinRatio`·λ_max (default 1e-4 when n ≥ p, else 0.01). As glmnet does for generated paths,
 * the path stops early (from the 5th λ on) when the deviance ratio exceeds 0.999 or grows by less
 * than 1e-5 (absolute) between successive λ (glmnet's lognet: devmax, sml).
 *
 * Solvers (`solver`):
 * - "glmnet" (default): glmnet's own algorithm (lib/models/lasso_glmnet.ts: naive coordinate descent
 *   on the quadratic approximation, sequential strong rules, active-set cycling, stopping at `thresh`,
 *   default 1e-7): the coefficients glmnet reports at the same thresh, to rounding (3.4e-15 on the
 *   bench workload) — glmnet's answer, not the exact optimum (glmnet at 1e-7 stops up to 0.035 from
 *   it there). {@link lassoPolish} gives the exact optimum at chosen path points (cvLassoPath does so
 *   at λ_min and λ_1se, the reported ones); a caller that reports the whole path at full precision
 *   (e.g. the R conformance fixtures, glmnet at thresh 1e-14 + Newton polish) asks for "exact".
 * - "exact": the optimum at every λ (to ~1e-12): warm-started Newton's method on
 *   the active set with the signs fixed (the stationarity equations −(1/n) Z_Aᵀ(y − p) + λ s_A = 0),
 *   with a reference Hessian Z_AᵀW_refZ_A/n and its Cholesky factor kept across λ (chord steps;
 *   rebuilt at the current weights when the steps stop shrinking by 10× per iteration, entries of new
 *   features added at the same W_ref); a coefficient that would cross zero leaves the active set, the
 *   largest KKT violators (|x̃ⱼᵀ(y − p)|/n > λ) enter it, and a λ is done when the Newton step is
 *   below `newtonTol` (1e-11; first to 1e-6 with a KKT round there, unless `newtonTol` ≥ 1e-6) and
 *   every feature satisfies the KKT conditions. The KKT scan is exact
 *   but lazy: gradients are recomputed only for features whose Cauchy–Schwarz bound
 *   |x̃ⱼᵀr_e|/n + ‖r − r_e‖·‖x̃ⱼ‖/n from an earlier residual r_e can exceed λ. When Newton fails
 *   (singular Hessian, no convergence, too many active-set changes) the λ falls back to proximal
 *   Newton (IRLS) with cyclic coordinate descent (naive updates, active-set cycling) on the sequential
 *   strong set (Tibshirani et al. 2012: |x̃ⱼᵀ(y − p)|/n ≥ 2λₖ − λₖ₋₁, plus the ever-active set), step
 *   halving, a Newton polish after a loose solve, and CD to `tol` (1e-22) when the polish fails.
 *   glmnet at thresh 1e-14 is within 4e-5 of this optimum.
 * Both run their vector work on the WebAssembly SIMD kernels of lib/models/simd_kernels.ts (x̃ and
 * the working vectors in their buffer): dot products (batched for gradients and KKT scans), weighted
 * squares and axpy updates; the exact solver extends its Cholesky factor when features are appended.
 *
 * References: Friedman J, Hastie T, Tibshirani R (2010) Regularization paths for generalized
 * linear models via coordinate descent, J Stat Softw 33(1); R glmnet 4.1 (glmnet, cv.glmnet).
 */
import { checkInteger, checkOneOf, checkOpenUnit } from "../io/options.ts";
import { checkBinary, checkMatrix, type Matrix, type Vec } from "./matrix_types.ts";
import { glmnetLognet, glmnetWorkspace } from "./lasso_glmnet.ts";
import { kernels } from "./simd_kernels.ts";

/**
 * Solver of {@link lassoPath}: "glmnet" (the default: glmnet's own coordinate-descent algorithm and
 * stopping rule at `thresh`, lib/models/lasso_glmnet.ts: the coefficients glmnet reports at the same
 * thresh, to rounding; faster) or "exact" (the optimum at every λ, to ~1e-12).
 */
export type LassoSolver = "exact" | "glmnet";

/** The solver when none is given (issue 16: glmnet's answer at its threshold; exact where reported). */
export const DEFAULT_LASSO_SOLVER: LassoSolver = "glmnet";

/** Options of {@link lassoPath}. */
export interface LassoPathOptions {
  /** Explicit decreasing λ sequence (used unchanged). Default: generated from λ_max. */
  readonly lambda?: Vec;
  /** Number of generated λ values (default 100). */
  readonly nlambda?: number;
  /** Smallest generated λ as a fraction of λ_max (default 1e-4 if n ≥ p, else 0.01). */
  readonly lambdaMinRatio?: number;
  /** Standardise columns to population SD 1 before penalising (default true). */
  readonly standardize?: boolean;
  /** Fit an unpenalised intercept (default true). */
  readonly intercept?: boolean;
  /** "exact" solver: threshold of its coordinate-descent fallback on maxⱼ xvⱼ·Δb̃ⱼ² (default 1e-22). */
  readonly tol?: number;
  /** Maximum coordinate-descent sweeps per λ ("exact"), in all ("glmnet", its maxit) (default 100000). */
  readonly maxSweeps?: number;
  /** Stop early as glmnet does (default: true for generated paths, false for explicit λ). */
  readonly stopEarly?: boolean;
  /** "exact" solver: sequential strong rules (default true; false = every feature in every sweep). */
  readonly strongRules?: boolean;
  /** "exact" solver: active-set Newton (default true; false = coordinate descent only, much slower). */
  readonly polish?: boolean;
  /**
   * "exact" solver: convergence of the active-set Newton, largest step on the standardised coefficients (default
   * 1e-11, the optimum to ~1e-12). Cross-validation folds, whose coefficients are not reported, may
   * use a looser value.
   */
  readonly newtonTol?: number;
  /** Solver (default "glmnet": glmnet's coefficients at `thresh`; see {@link LassoSolver}). */
  readonly solver?: LassoSolver;
  /** Convergence threshold of the "glmnet" solver, glmnet's `thresh` (default 1e-7, glmnet's). */
  readonly thresh?: number;
  /** Feature names (default x1..xp). */
  readonly names?: readonly string[];
  /** Progress callback, once per λ. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A fitted LASSO path (coefficients on the original scale). */
export interface LassoPath {
  readonly lambda: readonly number[];
  readonly lambdaMax: number;
  /** Intercept per λ. */
  readonly a0: readonly number[];
  /** beta[k][j]: coefficient of feature j at λ_k. */
  readonly beta: readonly (readonly number[])[];
  /** Number of nonzero coefficients per λ. */
  readonly df: readonly number[];
  /** 1 − deviance/null deviance per λ. */
  readonly devRatio: readonly number[];
  readonly nullDeviance: number;
  readonly names: readonly string[];
  readonly nObs: number;
  readonly standardize: boolean;
  readonly intercept: boolean;
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Σᵢ w[i]·a[off + i]². */
function wSquareAt(w: Float64Array, a: Float64Array, off: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i] * a[off + i] * a[off + i];
  return s;
}

/** y[i] += c·a[off + i]. */
function axpyAt(y: Float64Array, a: Float64Array, off: number, c: number, n: number): void {
  for (let i = 0; i < n; i++) y[i] += c * a[off + i];
}

/** y[i] += c·w[i]·a[off + i]. */
function wAxpyAt(y: Float64Array, w: Float64Array, a: Float64Array, off: number, c: number, n: number): void {
  for (let i = 0; i < n; i++) y[i] += c * w[i] * a[off + i];
}

/** Binomial deviance −2 Σ [y η − log(1 + e^η)]. */
function devianceOf(y: Float64Array, eta: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] * eta[i] - softplus(eta[i]);
  return -2 * s;
}

/**
 * The buffer of the exact solver for an n × p problem (x̃ at its start, then r, η, ones, a scratch
 * column, p + 1 dot products): the SIMD kernels' buffer, so that x̃ is written there directly.
 */
function exactWorkspace(n: number, p: number): Float64Array {
  const K = kernels();
  K.reserve(n * p + 4 * n + p + 1, p + 1);
  return K.f64.subarray(0, n * p);
}

/** Standardised design: column-major values plus centers and scales. */
interface Design {
  readonly n: number;
  readonly p: number;
  readonly xs: Float64Array; // column j at [j*n, (j+1)*n)
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly usable: Uint8Array; // 0 for constant columns
}

/**
 * Shape checks of {@link checkMatrix} (an array of at least `minRows` rows of equal length), without
 * its per-entry scan: {@link standardizeDesign} reads every entry anyway and calls checkMatrix (for
 * its message) only when one is not a finite number.
 */
function checkShape(X: Matrix, what: string, minRows: number): number {
  if (!Array.isArray(X) || X.length < minRows || !X[0] || typeof X[0].length !== "number") {
    return checkMatrix(X, what, { minRows });
  }
  const p = X[0].length;
  for (let i = 0; i < X.length; i++) {
    if (!X[i] || X[i].length !== p) return checkMatrix(X, what, { minRows });
  }
  return p;
}

/**
 * Standardised design of X (its shape checked by {@link checkShape}); throws checkMatrix's error
 * (naming row and column) when an entry is not a finite number.
 */
function standardizeDesign(
  X: Matrix,
  standardize: boolean,
  intercept: boolean,
  what: string,
  out?: Float64Array,
): Design {
  const n = X.length;
  const p = X[0].length;
  const xs = out ?? new Float64Array(n * p); // every entry written below
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  const usable = new Uint8Array(p);
  // Rows read in order into the column-major buffer (column sums on the way, rows in order as a
  // column loop would add them), then each column standardised in place.
  let numbers = true;
  for (let i = 0; i < n; i++) {
    const row = X[i];
    for (let j = 0, o = i; j < p; j++, o += n) {
      const v = row[j];
      if (typeof v !== "number") numbers = false;
      xs[o] = v;
      mean[j] += v;
    }
  }
  // A sum is finite only if every entry is (NaN and ±∞ propagate); otherwise checkMatrix names one.
  let finite = numbers;
  for (let j = 0; j < p && finite; j++) finite = Number.isFinite(mean[j]);
  if (!finite) checkMatrix(X, what, { minRows: 1 });
  for (let j = 0; j < p; j++) {
    const off = j * n;
    const m = mean[j] / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (xs[off + i] - m) ** 2;
    const s = Math.sqrt(v / n);
    usable[j] = s > 0 ? 1 : 0;
    const c = intercept ? m : 0;
    const sc = standardize && s > 0 ? s : 1;
    mean[j] = c;
    sd[j] = sc;
    for (let i = 0; i < n; i++) xs[off + i] = (xs[off + i] - c) / sc;
  }
  return { n, p, xs, mean, sd, usable };
}

/**
 * λ_max = maxⱼ |x̃ⱼᵀ(y − ȳ)|/n (intercept) or |x̃ⱼᵀ(y − ½)|/n (no intercept), x̃ at the start of the
 * SIMD kernels' buffer (both solvers' workspaces), y − ȳ written after it (as the solvers' r, which
 * they overwrite).
 */
function lambdaMaxOf(d: Design, y: Float64Array, intercept: boolean): number {
  const { n, p } = d;
  let ybar = 0.5;
  if (intercept) {
    ybar = 0;
    for (let i = 0; i < n; i++) ybar += y[i];
    ybar /= n;
  }
  const K = kernels();
  const RO = n * p;
  for (let i = 0; i < n; i++) K.f64[RO + i] = y[i] - ybar;
  let best = 0;
  for (let j = 0; j < p; j++) {
    if (!d.usable[j]) continue;
    best = Math.max(best, Math.abs(K.dot(j * n, RO, n)) / n);
  }
  return best;
}

/**
 * Geometric λ sequence from `lambdaMax` down to `ratio`·`lambdaMax` (glmnet's generated path):
 * λₖ = λ_max · ratio^(k/(nlambda − 1)), k = 0..nlambda−1.
 */
export function lambdaSequence(lambdaMax: number, nlambda: number, ratio: number): number[] {
  checkInteger("lambdaSequence", "nlambda", nlambda, 1);
  checkOpenUnit("lambdaSequence", "lambdaMinRatio", ratio);
  if (nlambda === 1) return [lambdaMax];
  const step = Math.log(ratio) / (nlambda - 1);
  return Array.from({ length: nlambda }, (_, k) => lambdaMax * Math.exp(k * step));
}

/** Σᵢ a[oa + i]·b[ob + i], i < n, with four accumulators (the inner loops' dot product). */
function dot4(a: Float64Array, oa: number, b: Float64Array, ob: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[oa + i] * b[ob + i];
    s1 += a[oa + i + 1] * b[ob + i + 1];
    s2 += a[oa + i + 2] * b[ob + i + 2];
    s3 += a[oa + i + 3] * b[ob + i + 3];
  }
  for (; i < n; i++) s0 += a[oa + i] * b[ob + i];
  return (s0 + s1) + (s2 + s3);
}

/**
 * Fit the LASSO logistic path of `y` (0/1) on `X` (n × p) with glmnet's conventions (see module
 * documentation). Inputs are not mutated.
 */
export function lassoPath(X: Matrix, y: Vec, options: LassoPathOptions = {}): LassoPath {
  return fitPath(X, y, options, null);
}

/**
 * The exact optimum at the path points `indices` of `path` (fitted on the same `X`, `y` by
 * {@link lassoPath}, any solver), each warm-started from the path's own coefficients there; the
 * other points are returned unchanged. Used to report exact coefficients at the chosen λ of a path
 * fitted by the "glmnet" solver. `options`: those of the exact solver (newtonTol, tol, maxSweeps).
 */
export function lassoPolish(
  X: Matrix,
  y: Vec,
  path: LassoPath,
  indices: readonly number[],
  options: LassoPathOptions = {},
): LassoPath {
  const ks = [...new Set(indices)].sort((a, b) => a - b);
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 0 || k >= path.lambda.length) {
      throw new Error(`lassoPolish indices: expected path positions 0..${path.lambda.length - 1}, got ${k}`);
    }
  }
  const exact = fitPath(X, y, {
    ...options,
    lambda: path.lambda,
    standardize: path.standardize,
    intercept: path.intercept,
    names: path.names,
    solver: "exact",
    stopEarly: false,
    onProgress: undefined,
  }, { indices: ks, a0: path.a0, beta: path.beta });
  const a0 = [...path.a0];
  const beta = [...path.beta];
  const df = [...path.df];
  const devRatio = [...path.devRatio];
  ks.forEach((k, q) => {
    a0[k] = exact.a0[q];
    beta[k] = exact.beta[q];
    df[k] = exact.df[q];
    devRatio[k] = exact.devRatio[q];
  });
  return { ...path, a0, beta, df, devRatio };
}

/** Warm start of {@link fitPath}: solve only at `indices`, each from the given coefficients. */
interface WarmStart {
  readonly indices: readonly number[];
  readonly a0: readonly number[];
  readonly beta: readonly (readonly number[])[];
}

function fitPath(X: Matrix, y: Vec, options: LassoPathOptions, warm: WarmStart | null): LassoPath {
  const p = checkShape(X, "lassoPath X", 2);
  const n = X.length;
  checkBinary(y, n, "lassoPath y");
  const standardize = options.standardize ?? true;
  const intercept = options.intercept ?? true;
  const tol = options.tol ?? 1e-22;
  const maxSweeps = options.maxSweeps ?? 100000;
  const useStrong = options.strongRules ?? true;
  const usePolish = options.polish ?? true;
  const newtonTol = options.newtonTol ?? 1e-11;
  checkOpenUnit("lassoPath", "newtonTol", newtonTol);
  const solver = checkOneOf<LassoSolver>("lassoPath", "solver", options.solver ?? DEFAULT_LASSO_SOLVER, [
    "exact",
    "glmnet",
  ]);
  const names = options.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p) {
    throw new Error(`lassoPath option "names": expected ${p} names, got ${names.length}`);
  }
  let ysum = 0;
  for (const v of y) ysum += v;
  if (intercept && (ysum === 0 || ysum === n)) {
    throw new Error(`lassoPath y: needs both outcomes, got ${ysum} events in ${n} rows`);
  }

  // Either solver's design goes straight into the SIMD kernels' buffer (no copy): the "glmnet"
  // solver's workspace, or that of the exact solver (x̃, then r, η, ones, a scratch column and p + 1
  // dot products; the kernels' column list p + 1 long).
  const d = standardizeDesign(
    X,
    standardize,
    intercept,
    "lassoPath X",
    solver === "glmnet" ? glmnetWorkspace(n, p).subarray(0, n * p) : exactWorkspace(n, p),
  );
  const yy = Float64Array.from(y);
  const lambdaMax = lambdaMaxOf(d, yy, intercept);
  let lambdas: number[];
  let stopEarly: boolean;
  if (options.lambda) {
    lambdas = [...options.lambda];
    for (let k = 0; k < lambdas.length; k++) {
      if (!(lambdas[k] >= 0) || (k > 0 && lambdas[k] > lambdas[k - 1])) {
        throw new Error(
          `lassoPath option "lambda": must be non-negative and decreasing, got ${lambdas[k]} at position ${
            k + 1
          }`,
        );
      }
    }
    stopEarly = options.stopEarly ?? false;
  } else {
    const ratio = options.lambdaMinRatio ?? (n >= p ? 1e-4 : 0.01);
    lambdas = lambdaSequence(lambdaMax, options.nlambda ?? 100, ratio);
    stopEarly = options.stopEarly ?? true;
  }

  const ybar = ysum / n;
  const nullDev = intercept
    ? -2 * (ysum * Math.log(ybar) + (n - ysum) * Math.log(1 - ybar))
    : 2 * n * Math.LN2;
  if (solver === "glmnet") {
    const thresh = options.thresh ?? 1e-7;
    checkOpenUnit("lassoPath", "thresh", thresh);
    const fit = glmnetLognet(
      { n, p, xs: d.xs, usable: d.usable, y: yy, intercept },
      { lambda: lambdas, generated: !options.lambda, lambdaMax, thresh, maxit: maxSweeps, stopEarly },
    );
    const outA0: number[] = [];
    const outBeta: number[][] = [];
    const outDf: number[] = [];
    const zeros = new Array<number>(p).fill(0);
    for (let k = 0; k < fit.nfit; k++) {
      const bk = zeros.slice();
      let a0 = fit.a0[k];
      let df = 0;
      for (let q = fit.betaStart[k]; q < fit.betaStart[k + 1]; q++) {
        const j = fit.betaIndex[q];
        df++;
        bk[j] = fit.betaValue[q] / d.sd[j];
        a0 -= bk[j] * d.mean[j];
      }
      outA0.push(a0);
      outBeta.push(bk);
      outDf.push(df);
      options.onProgress?.(k + 1, lambdas.length);
    }
    return {
      lambda: lambdas.slice(0, fit.nfit),
      lambdaMax,
      a0: outA0,
      beta: outBeta,
      df: outDf,
      devRatio: Array.from(fit.devRatio.subarray(0, fit.nfit)),
      nullDeviance: nullDev,
      names,
      nObs: n,
      standardize,
      intercept,
    };
  }

  const { xs } = d;
  // Vectors the SIMD kernels read live in their buffer after x̃ (indices into K.f64).
  const K = kernels();
  const F = K.f64;
  const LIST = K.list;
  const RO = n * p;
  const EO = RO + n;
  const OO = EO + n;
  const TO = OO + n;
  const GO = TO + n;
  const beta = new Float64Array(p);
  let b0 = intercept ? Math.log(ybar / (1 - ybar)) : 0;
  const eta = F.subarray(EO, EO + n);
  eta.fill(b0);
  const w = new Float64Array(n);
  const r = F.subarray(RO, RO + n);
  const ones = F.subarray(OO, OO + n);
  ones.fill(1);
  /** dots(m, b): F[GO + c] = column LIST[c] · F[b..b+n) for c < m. */
  const gOut = F.subarray(GO, GO + p + 1);
  const cand = new Int32Array(p + 1); // feature indices (≤ p) or, in buildRef, columns of (intercept, set) (≤ p + 1)
  const gSigned = new Float64Array(p);
  const inSet = new Uint8Array(p); // strong / working set of the coordinate-descent fallback
  const ever = new Uint8Array(p);
  const xv = new Float64Array(p);
  const off0 = intercept ? 1 : 0;
  const KKT_SLACK = 1e-9;
  const ENTER_MAX = 5;
  const RATE = 0.1;
  const LOOSE_TOL = 1e-6;

  /** r := y − p(η). */
  const residual = () => {
    for (let i = 0; i < n; i++) r[i] = yy[i] - sigmoid(eta[i]);
  };

  // --- Exact gradient screening with lazy updates -------------------------------------------------
  // gAbs[j] = |x̃ⱼᵀ r_e|/n at a stored residual r_e (snapshot epoch[j]). By Cauchy–Schwarz,
  // |x̃ⱼᵀ r|/n ≤ gAbs[j] + ‖r − r_e‖·‖x̃ⱼ‖/n, so a feature is computed exactly only when this bound
  // can exceed the threshold; every decision (strong set, KKT) is the one exact gradients give.
  const xnorm = new Float64Array(p);
  for (let j = 0; j < p; j++) xnorm[j] = Math.sqrt(K.dot(j * n, j * n, n)) / n;
  const gAbs = new Float64Array(p);
  const epoch = new Int32Array(p);
  let snaps: Float64Array[] = [];
  let dist = new Float64Array(1);
  /** Snapshot the current r (must be y − p(η)); refresh the distances to older snapshots. */
  const beginCheck = () => {
    if (snaps.length >= 48) {
      snaps = [];
      let nc = 0;
      for (let j = 0; j < p; j++) if (d.usable[j]) cand[nc++] = j;
      for (let c = 0; c < nc; c++) LIST[c] = cand[c] * n;
      K.dots(nc, RO, n, GO);
      for (let c = 0; c < nc; c++) gAbs[cand[c]] = Math.abs(gOut[c]) / n;
      epoch.fill(0);
    }
    snaps.push(Float64Array.from(r));
    dist = new Float64Array(snaps.length);
    for (let e = 0; e < snaps.length - 1; e++) {
      const s = snaps[e];
      let q = 0;
      for (let i = 0; i < n; i++) q += (r[i] - s[i]) ** 2;
      dist[e] = Math.sqrt(q);
    }
  };
  const upper = (j: number) => gAbs[j] + dist[epoch[j]] * xnorm[j];
  /** Exact x̃ⱼᵀ r/n at the current snapshot. */
  const exactGrad = (j: number) => {
    const g = K.dot(j * n, RO, n) / n;
    gAbs[j] = Math.abs(g);
    epoch[j] = snaps.length - 1;
    return g;
  };
  /** Exact gradients of the features cand[0..count) in one batched call: gSigned[j] = x̃ⱼᵀr/n. */
  const exactGrads = (count: number) => {
    for (let c = 0; c < count; c++) LIST[c] = cand[c] * n;
    K.dots(count, RO, n, GO);
    const e = snaps.length - 1;
    for (let c = 0; c < count; c++) {
      const j = cand[c];
      const gj = gOut[c] / n;
      gSigned[j] = gj;
      gAbs[j] = Math.abs(gj);
      epoch[j] = e;
    }
  };
  residual();
  beginCheck();
  {
    let nc = 0;
    for (let j = 0; j < p; j++) if (d.usable[j]) cand[nc++] = j;
    exactGrads(nc);
  }

  // --- Active-set Newton with a reference Hessian (chord method) -----------------------------------
  // On the active set A with the signs s fixed, the optimum solves −(1/n) Zᵀ(y − p) + λ s = 0 (Z: the
  // intercept column and the columns of A). Steps δ = H_ref⁻¹ g use the Hessian H_ref = ZᵀW_refZ/n at
  // a reference weight vector; it is kept across λ (entries of features still active are reused,
  // new ones computed at the same W_ref) and rebuilt at the current weights when the steps stop
  // shrinking fast. The solution is accepted only when it converges with no sign change and every
  // feature outside A satisfies the KKT condition |x̃ⱼᵀ(y − p)|/n ≤ λ.
  let act: number[] = [];
  const inAct = new Uint8Array(p);
  let refAct: number[] = [];
  let Href = new Float64Array(0);
  const wRef = new Float64Array(n);
  let haveRef = false;
  const slotOf = new Int32Array(p).fill(-1);
  let L: Float64Array | null = null;
  const tmp = F.subarray(TO, TO + n);
  const colArr = (_set: readonly number[], q: number): Float64Array => (q < off0 ? ones : xs);
  const colOff = (set: readonly number[], q: number): number => (q < off0 ? 0 : set[q - off0] * n);
  /** Index of column q of (intercept, set) in K.f64. */
  const colIdx = (set: readonly number[], q: number): number => (q < off0 ? OO : set[q - off0] * n);

  /** H_ref and its factor for the feature list `na`; `refresh`: new reference weights from η. */
  const buildRef = (na: number[], refresh: boolean) => {
    const m = na.length + off0;
    const H = new Float64Array(m * m);
    const fresh = refresh || !haveRef;
    if (fresh) {
      for (let i = 0; i < n; i++) {
        const pi = sigmoid(eta[i]);
        wRef[i] = pi * (1 - pi);
      }
      haveRef = true;
    }
    const oldM = refAct.length + off0;
    const oldSlot = (
      q: number,
    ): number => (q < off0 ? q : (slotOf[na[q - off0]] >= 0 ? slotOf[na[q - off0]] + off0 : -1));
    const isNew = new Uint8Array(m);
    for (let q = 0; q < m; q++) isNew[q] = fresh || oldSlot(q) < 0 ? 1 : 0;
    for (let a = 0; a < m; a++) {
      if (isNew[a]) continue;
      const oa = oldSlot(a);
      for (let b = 0; b <= a; b++) {
        if (isNew[b]) continue;
        const ob = oldSlot(b);
        H[a * m + b] = oa >= ob ? Href[oa * oldM + ob] : Href[ob * oldM + oa];
      }
    }
    for (let a = 0; a < m; a++) {
      if (!isNew[a]) continue;
      const za = colArr(na, a);
      const oa = colOff(na, a);
      for (let i = 0; i < n; i++) tmp[i] = wRef[i] * za[oa + i];
      let nb = 0;
      for (let b = 0; b < m; b++) {
        if (isNew[b] && b > a) continue;
        cand[nb] = b;
        LIST[nb++] = colIdx(na, b);
      }
      K.dots(nb, TO, n, GO);
      for (let c = 0; c < nb; c++) {
        const b = cand[c];
        const v = gOut[c] / n;
        if (b <= a) H[a * m + b] = v;
        else H[b * m + a] = v;
      }
    }
    // Features only appended to the old list (same weights): the old factor is the leading block.
    let prefix = !fresh && L !== null && oldM <= m;
    for (let q = 0; prefix && q < refAct.length; q++) prefix = na[q] === refAct[q];
    for (const j of refAct) slotOf[j] = -1;
    refAct = na.slice();
    refAct.forEach((j, q) => (slotOf[j] = q));
    Href = H;
    L = prefix ? choleskyExtend(H, m, L as Float64Array, oldM) : choleskyFactor(H, m);
  };

  const g = new Float64Array(p + 1);
  const betaSave = new Float64Array(p);
  const etaSave = new Float64Array(n);
  /** Newton on the active set `act` at λ (see above); restores the state and returns false on failure. */
  const newton = (lam: number): boolean => {
    const b0Save = b0;
    const actSave = act.slice();
    betaSave.set(beta);
    etaSave.set(eta);
    const fail = () => {
      b0 = b0Save;
      beta.set(betaSave);
      eta.set(etaSave);
      for (const j of act) inAct[j] = 0;
      act = actSave;
      for (const j of act) inAct[j] = 1;
      return false;
    };
    const sgn: number[] = act.map((j) => Math.sign(beta[j]));
    const sameRef = refAct.length === act.length && act.every((j, q) => refAct[q] === j);
    if (!sameRef || !L) buildRef(act, false);
    let loose = newtonTol < LOOSE_TOL;
    for (let changes = 0; changes <= 60; changes++) {
      let m = act.length + off0;
      if (m > n) return fail();
      if (!L) {
        buildRef(act, true);
        if (!L) return fail();
      }
      let prevStep = Infinity;
      let refreshed = false;
      let converged = m === 0;
      let dropped = false;
      const tolN = loose ? Math.max(LOOSE_TOL, newtonTol) : newtonTol;
      for (let it = 0; it < 100 && !converged; it++) {
        residual();
        for (let q = 0; q < m; q++) LIST[q] = colIdx(act, q);
        K.dots(m, RO, n, GO);
        for (let q = 0; q < m; q++) g[q] = -gOut[q] / n + (q >= off0 ? lam * sgn[q - off0] : 0);
        const delta = choleskySolveWith(L as Float64Array, g, m);
        let step = 0;
        for (let q = 0; q < m; q++) step = Math.max(step, Math.abs(delta[q]));
        if (step > RATE * prevStep && step >= tolN) {
          if (!refreshed) {
            buildRef(act, true);
            if (!L) return fail();
            refreshed = true;
            prevStep = Infinity;
            it--;
            continue;
          }
          if (step > prevStep) return fail();
        }
        refreshed = false;
        // Largest step t ≤ 1 keeping every active coefficient on its side of zero.
        let t = 1;
        let drop = -1;
        for (let q = off0; q < m; q++) {
          const j = act[q - off0];
          const nb = beta[j] - delta[q];
          if (nb * sgn[q - off0] < 0 || (nb === 0 && beta[j] === 0)) {
            const tq = beta[j] / delta[q];
            if (tq < t) {
              t = tq;
              drop = q - off0;
            }
          }
        }
        if (intercept) b0 -= t * delta[0];
        for (let q = off0; q < m; q++) beta[act[q - off0]] -= t * delta[q];
        for (let q = 0; q < m; q++) {
          const c = -t * delta[q];
          if (c !== 0) K.axpy(EO, OO, colIdx(act, q), -c, n);
        }
        if (drop >= 0) {
          const j = act[drop];
          beta[j] = 0;
          eta.fill(b0);
          for (const k of act) if (beta[k] !== 0) K.axpy(EO, OO, k * n, -beta[k], n);
          inAct[j] = 0;
          act.splice(drop, 1);
          sgn.splice(drop, 1);
          buildRef(act, false);
          dropped = true;
          break;
        }
        if (step < tolN) converged = true;
        prevStep = step;
      }
      if (dropped) continue;
      if (!converged) return fail();
      m = act.length + off0;
      // KKT conditions of every feature outside A (exact, screened by the lazy bounds).
      residual();
      beginCheck();
      const bound = lam * (1 + KKT_SLACK);
      const viol: number[] = [];
      let nc = 0;
      const usable = d.usable;
      for (let j = 0; j < p; j++) {
        if (inAct[j] || !usable[j] || gAbs[j] + dist[epoch[j]] * xnorm[j] <= bound) continue;
        cand[nc++] = j;
      }
      exactGrads(nc);
      for (let c = 0; c < nc; c++) if (gAbs[cand[c]] > bound) viol.push(cand[c]);
      if (viol.length === 0) {
        if (loose) {
          loose = false;
          continue;
        }
        return true;
      }
      // Enter the largest violators (at most ENTER_MAX per round), each with its gradient's sign.
      viol.sort((a, b) => gAbs[b] - gAbs[a]);
      for (const j of viol.slice(0, ENTER_MAX)) {
        act.push(j);
        inAct[j] = 1;
        sgn.push(Math.sign(gSigned[j]));
        beta[j] = 0;
      }
      buildRef(act, false);
    }
    return fail();
  };

  const penalised = (etaV: Float64Array, betaV: Float64Array, lam: number, set: number[]) => {
    let s = 0;
    for (const j of set) s += Math.abs(betaV[j]);
    return devianceOf(yy, etaV) / (2 * n) + lam * s;
  };
  const setActFromBeta = () => {
    for (const j of act) inAct[j] = 0;
    act = [];
    for (let j = 0; j < p; j++) {
      if (beta[j] !== 0) {
        act.push(j);
        inAct[j] = 1;
      }
    }
  };

  const outA0: number[] = [];
  const outBeta: number[][] = [];
  const outDf: number[] = [];
  const outDev: number[] = [];
  const outLambda: number[] = [];
  let prevLambda = lambdaMax;
  const stages = usePolish ? [Math.max(tol, 1e-8), Math.max(tol, 1e-11), tol] : [tol];
  const etaOld = new Float64Array(n);
  const betaOld = new Float64Array(p);

  /**
   * Fallback for one λ: proximal Newton (IRLS) with cyclic coordinate descent on the working set
   * (strong set ∪ ever-active), a Newton polish after a loose solve, CD to `tol` when the polish
   * fails; the working set grows by the KKT violators outside it until there are none.
   */
  const solveByCD = (k: number, lam: number) => {
    residual();
    beginCheck();
    const cut = 2 * lam - prevLambda;
    for (let j = 0; j < p; j++) {
      if (!d.usable[j]) {
        inSet[j] = 0;
        continue;
      }
      if (!useStrong || ever[j] || beta[j] !== 0) inSet[j] = 1;
      else inSet[j] = upper(j) >= cut && Math.abs(exactGrad(j)) >= cut ? 1 : 0;
    }
    let sweeps = 0;
    for (;;) {
      const set: number[] = [];
      for (let j = 0; j < p; j++) if (inSet[j]) set.push(j);
      for (let stage = 0; stage < stages.length; stage++) {
        const tolCD = stages[stage];
        for (let outer = 0; outer < 200; outer++) {
          for (let i = 0; i < n; i++) {
            const pi = sigmoid(eta[i]);
            w[i] = Math.max(pi * (1 - pi), 1e-12);
            r[i] = yy[i] - pi;
          }
          let wsum = 0;
          for (let i = 0; i < n; i++) wsum += w[i];
          for (const j of set) xv[j] = wSquareAt(w, xs, j * n, n) / n;
          const fOld = penalised(eta, beta, lam, set);
          etaOld.set(eta);
          const b0Old = b0;
          for (const j of set) betaOld[j] = beta[j];
          // Coordinate descent on the quadratic approximation; r holds w·(z − η_current).
          let fullPass = true;
          for (;;) {
            let maxd = 0;
            if (intercept) {
              let rs = 0;
              for (let i = 0; i < n; i++) rs += r[i];
              const dd = rs / wsum;
              if (dd !== 0) {
                b0 += dd;
                for (let i = 0; i < n; i++) r[i] -= w[i] * dd;
                maxd = Math.max(maxd, (wsum / n) * dd * dd);
              }
            }
            for (const j of set) {
              if (!fullPass && beta[j] === 0) continue;
              const off = j * n;
              const gj = dot4(xs, off, r, 0, n);
              const u = gj / n + xv[j] * beta[j];
              const au = Math.abs(u) - lam;
              const nb = au > 0 ? Math.sign(u) * au / xv[j] : 0;
              const dd = nb - beta[j];
              if (dd !== 0) {
                beta[j] = nb;
                wAxpyAt(r, w, xs, off, -dd, n);
                maxd = Math.max(maxd, xv[j] * dd * dd);
              }
            }
            sweeps++;
            if (sweeps > maxSweeps) {
              throw new Error(
                `lassoPath: no convergence at lambda ${lam} (position ${
                  k + 1
                }) after ${maxSweeps} sweeps; raise "maxSweeps" or "tol"`,
              );
            }
            if (maxd < tolCD) {
              if (fullPass) break;
              fullPass = true; // confirm with a pass over the whole working set
            } else if (fullPass) {
              fullPass = false; // iterate on the nonzero coefficients until they settle
            }
          }
          const recompute = () => {
            eta.fill(b0);
            for (const j of set) {
              const bj = beta[j];
              if (bj !== 0) axpyAt(eta, xs, j * n, bj, n);
            }
          };
          recompute();
          // Step halving if the penalised objective went up (direction fixed, step t = 2^-h).
          let fNew = penalised(eta, beta, lam, set);
          if (fNew > fOld + 1e-15 * Math.abs(fOld)) {
            const b0New = b0;
            const betaNew = set.map((j) => beta[j]);
            for (let h = 1; h <= 40 && fNew > fOld + 1e-15 * Math.abs(fOld); h++) {
              const t = 0.5 ** h;
              b0 = b0Old + t * (b0New - b0Old);
              set.forEach((j, q) => (beta[j] = betaOld[j] + t * (betaNew[q] - betaOld[j])));
              recompute();
              fNew = penalised(eta, beta, lam, set);
            }
          }
          let change = intercept ? (wsum / n) * (b0 - b0Old) ** 2 : 0;
          for (const j of set) change = Math.max(change, xv[j] * (beta[j] - betaOld[j]) ** 2);
          if (change < tolCD) break;
        }
        if (stage < stages.length - 1) {
          setActFromBeta();
          if (newton(lam)) return; // exact, and KKT holds for every feature
        }
      }
      setActFromBeta();
      // KKT check over the features outside the working set.
      residual();
      beginCheck();
      let added = 0;
      const bound = lam * (1 + 1e-12);
      for (let j = 0; j < p; j++) {
        if (inSet[j] || !d.usable[j] || upper(j) <= bound) continue;
        if (Math.abs(exactGrad(j)) > bound) {
          inSet[j] = 1;
          added++;
        }
      }
      if (added === 0) return;
    }
  };

  const ks = warm ? warm.indices : lambdas.map((_, k) => k);
  for (const k of ks) {
    const lam = lambdas[k];
    if (warm) {
      // Start from the given coefficients (standardised scale), fresh reference weights.
      const wb = warm.beta[k];
      b0 = warm.a0[k];
      for (let j = 0; j < p; j++) {
        beta[j] = d.usable[j] ? wb[j] * d.sd[j] : 0;
        b0 += wb[j] * d.mean[j];
      }
      eta.fill(b0);
      for (let j = 0; j < p; j++) if (beta[j] !== 0) K.axpy(EO, OO, j * n, -beta[j], n);
      setActFromBeta();
      haveRef = false;
      prevLambda = k > 0 ? lambdas[k - 1] : lambdaMax;
    }
    // Warm start: Newton from the previous solution; coordinate descent when it fails.
    if (!usePolish || !newton(lam)) solveByCD(k, lam);
    let df = 0;
    const bk = new Array<number>(p);
    let a0 = b0;
    for (let j = 0; j < p; j++) {
      if (beta[j] !== 0) {
        ever[j] = 1;
        df++;
      }
      bk[j] = beta[j] / d.sd[j];
      a0 -= bk[j] * d.mean[j];
    }
    const dev = devianceOf(yy, eta);
    const dr = 1 - dev / nullDev;
    outLambda.push(lam);
    outA0.push(a0);
    outBeta.push(bk);
    outDf.push(df);
    outDev.push(dr);
    prevLambda = lam;
    options.onProgress?.(k + 1, lambdas.length);
    if (stopEarly && k >= Math.min(5, lambdas.length) - 1 && k > 0) {
      // glmnet lognet: exit when dev(ilm) > devmax (0.999) or dev(ilm) − dev(ilm−1) < sml (1e-5, absolute).
      if (dr > 0.999 || dr - outDev[k - 1] < 1e-5) break;
    }
  }
  return {
    lambda: outLambda,
    lambdaMax,
    a0: outA0,
    beta: outBeta,
    df: outDf,
    devRatio: outDev,
    nullDeviance: nullDev,
    names,
    nObs: n,
    standardize,
    intercept,
  };
}

/**
 * Cholesky factor L (row-major lower triangle) of a symmetric positive definite H given by its lower
 * triangle; null when H is not numerically positive definite.
 */
function choleskyFactor(H: Float64Array, m: number): Float64Array | null {
  return choleskyExtend(H, m, new Float64Array(0), 0);
}

/**
 * The factor of {@link choleskyFactor} for H (m × m) from that of its leading oldM × oldM block
 * (rows below computed by the same formula, so the result equals a fresh factorization).
 */
function choleskyExtend(H: Float64Array, m: number, Lold: Float64Array, oldM: number): Float64Array | null {
  const L = new Float64Array(m * m);
  for (let i = 0; i < oldM; i++) {
    for (let j = 0; j <= i; j++) L[i * m + j] = Lold[i * oldM + j];
  }
  for (let i = oldM; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * m + j];
      for (let k = 0; k < j; k++) s -= L[i * m + k] * L[j * m + k];
      if (i === j) {
        if (!(s > 1e-14 * Math.max(1, H[i * m + i]))) return null;
        L[i * m + i] = Math.sqrt(s);
      } else {
        L[i * m + j] = s / L[j * m + j];
      }
    }
  }
  return L;
}

let solveZ = new Float64Array(0);
let solveX = new Float64Array(0);

/**
 * Solve L Lᵀ x = b with the factor of {@link choleskyFactor}; the result is a buffer reused by the
 * next call.
 */
function choleskySolveWith(L: Float64Array, b: Float64Array, m: number): Float64Array {
  if (solveZ.length < m) {
    solveZ = new Float64Array(m);
    solveX = new Float64Array(m);
  }
  const z = solveZ;
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * m + k] * z[k];
    z[i] = s / L[i * m + i];
  }
  // Lᵀx = z by columns of Lᵀ (rows of L, contiguous): x[i] fixed, then its terms taken off z[k < i].
  const x = solveX;
  for (let i = m - 1; i >= 0; i--) {
    const xi = z[i] / L[i * m + i];
    x[i] = xi;
    for (let k = 0, o = i * m; k < i; k++) z[k] -= L[o + k] * xi;
  }
  return x;
}

/** Linear predictor η = a0 + Xb at λ index `k` of a path, for each row of X. */
export function lassoLink(path: LassoPath, X: Matrix, k: number): number[] {
  const b = path.beta[k];
  const a0 = path.a0[k];
  const nz: number[] = [];
  for (let j = 0; j < b.length; j++) if (b[j] !== 0) nz.push(j);
  return X.map((row, i) => {
    if (row.length !== b.length) {
      throw new Error(`lassoLink row ${i + 1}: expected ${b.length} columns, got ${row.length}`);
    }
    let s = a0;
    for (const j of nz) s += b[j] * row[j];
    return s;
  });
}

/** Predicted probability 1/(1 + e^−η) at λ index `k`. */
export function lassoProb(path: LassoPath, X: Matrix, k: number): number[] {
  return lassoLink(path, X, k).map(sigmoid);
}

/** Left and right path indices (0-based) and the weight of the left one for an interpolated λ. */
export interface LambdaInterp {
  readonly left: number;
  readonly right: number;
  readonly frac: number;
}

/**
 * Position of λ = `s` on a decreasing path `lambda`, as glmnet's predict(s = ...) finds it
 * (lambda.interp, glmnet 4.1): s is clamped to [min λ, max λ], and the coefficients at s are
 * frac·β(left) + (1 − frac)·β(right) with left/right the path points around s (linear in λ).
 * Computed in glmnet's normalised coordinates, (λ₁ − λ)/(λ₁ − λ_K), with R's approx() bisection.
 */
export function lambdaInterp(lambda: readonly number[], s: number): LambdaInterp {
  const k = lambda.length;
  if (k === 1) return { left: 0, right: 0, frac: 1 };
  const span = lambda[0] - lambda[k - 1];
  const x = lambda.map((l) => (lambda[0] - l) / span);
  let v = (lambda[0] - s) / span;
  const lo = Math.min(...x);
  const hi = Math.max(...x);
  if (v < lo) v = lo;
  if (v > hi) v = hi;
  // R approx1: bisection for x[i] <= v <= x[j], then linear interpolation of the 1-based index.
  let i = 0;
  let j = k - 1;
  while (i < j - 1) {
    const ij = Math.floor((i + j) / 2);
    if (v < x[ij]) j = ij;
    else i = ij;
  }
  let coord: number;
  if (v === x[j]) coord = j + 1;
  else if (v === x[i]) coord = i + 1;
  else coord = (i + 1) + ((j + 1) - (i + 1)) * ((v - x[i]) / (x[j] - x[i]));
  const left = Math.floor(coord) - 1;
  const right = Math.ceil(coord) - 1;
  let frac = (v - x[right]) / (x[left] - x[right]);
  if (left === right || Math.abs(x[left] - x[right]) < Number.EPSILON) frac = 1;
  return { left, right, frac };
}
