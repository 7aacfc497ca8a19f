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
 * Solver: proximal Newton (IRLS) outer loop, cyclic coordinate descent on the penalised weighted
 * least-squares problem inside, warm starts along the path, sequential strong rules
 * (Tibshirani et al. 2012: keep j when |x̃ⱼᵀ(y − p)|/n ≥ 2λₖ − λₖ₋₁, plus the ever-active set) with
 * a KKT check over all features after each fit, and step halving when the penalised objective would
 * rise. Convergence is much tighter than glmnet's default (thresh 1e-7): after a loose CD solve
 * (xvⱼ·Δb̃ⱼ² < 1e-8) the active-set stationarity equations are solved by Newton's method with the
 * signs fixed (accepted only if no sign changes and the zero coefficients satisfy the KKT
 * conditions); otherwise CD continues until the largest xvⱼ·Δb̃ⱼ² is below `tol` (default 1e-22).
 * Either way the result is the optimum to ~1e-10.
 *
 * References: Friedman J, Hastie T, Tibshirani R (2010) Regularization paths for generalized
 * linear models via coordinate descent, J Stat Softw 33(1); R glmnet 4.1 (glmnet, cv.glmnet).
 */
import { checkBinary, checkMatrix, type Matrix, type Vec } from "./matrix_types.ts";

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
  /** Convergence threshold on maxⱼ xvⱼ·Δb̃ⱼ² (default 1e-22). */
  readonly tol?: number;
  /** Maximum coordinate-descent sweeps per λ (default 100000). */
  readonly maxSweeps?: number;
  /** Stop early as glmnet does (default: true for generated paths, false for explicit λ). */
  readonly stopEarly?: boolean;
  /** Use sequential strong rules (default true; false = every feature in every sweep). */
  readonly strongRules?: boolean;
  /** Newton polish on the active set after a loose CD solve (default true; false = CD only, slower). */
  readonly polish?: boolean;
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

/** Σᵢ a[off + i]·v[i], i < n. */
function dotAt(a: Float64Array, off: number, v: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[off + i] * v[i];
  return s;
}

/** Σᵢ a[oa + i]·b[ob + i], i < n. */
function dot2At(a: Float64Array, oa: number, b: Float64Array, ob: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[oa + i] * b[ob + i];
  return s;
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

/** Standardised design: column-major values plus centers and scales. */
interface Design {
  readonly n: number;
  readonly p: number;
  readonly xs: Float64Array; // column j at [j*n, (j+1)*n)
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly usable: Uint8Array; // 0 for constant columns
}

function standardizeDesign(X: Matrix, standardize: boolean, intercept: boolean): Design {
  const n = X.length;
  const p = X[0].length;
  const xs = new Float64Array(n * p);
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  const usable = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += X[i][j];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X[i][j] - m) ** 2;
    const s = Math.sqrt(v / n);
    usable[j] = s > 0 ? 1 : 0;
    const c = intercept ? m : 0;
    const sc = standardize && s > 0 ? s : 1;
    mean[j] = c;
    sd[j] = sc;
    const off = j * n;
    for (let i = 0; i < n; i++) xs[off + i] = (X[i][j] - c) / sc;
  }
  return { n, p, xs, mean, sd, usable };
}

/** λ_max = maxⱼ |x̃ⱼᵀ(y − ȳ)|/n (intercept) or |x̃ⱼᵀ(y − ½)|/n (no intercept). */
function lambdaMaxOf(d: Design, y: Float64Array, intercept: boolean): number {
  const { n, p, xs } = d;
  let ybar = 0.5;
  if (intercept) {
    ybar = 0;
    for (let i = 0; i < n; i++) ybar += y[i];
    ybar /= n;
  }
  let best = 0;
  for (let j = 0; j < p; j++) {
    if (!d.usable[j]) continue;
    let g = 0;
    const off = j * n;
    for (let i = 0; i < n; i++) g += xs[off + i] * (y[i] - ybar);
    best = Math.max(best, Math.abs(g) / n);
  }
  return best;
}

/**
 * Geometric λ sequence from `lambdaMax` down to `ratio`·`lambdaMax` (glmnet's generated path):
 * λₖ = λ_max · ratio^(k/(nlambda − 1)), k = 0..nlambda−1.
 */
export function lambdaSequence(lambdaMax: number, nlambda: number, ratio: number): number[] {
  if (!Number.isInteger(nlambda) || nlambda < 1) {
    throw new Error(`option "nlambda": must be an integer >= 1, got ${nlambda}`);
  }
  if (!(ratio > 0 && ratio < 1)) throw new Error(`option "lambdaMinRatio": must be in (0, 1), got ${ratio}`);
  if (nlambda === 1) return [lambdaMax];
  const step = Math.log(ratio) / (nlambda - 1);
  return Array.from({ length: nlambda }, (_, k) => lambdaMax * Math.exp(k * step));
}

/**
 * Fit the LASSO logistic path of `y` (0/1) on `X` (n × p) with glmnet's conventions (see module
 * documentation). Inputs are not mutated.
 */
export function lassoPath(X: Matrix, y: Vec, options: LassoPathOptions = {}): LassoPath {
  const p = checkMatrix(X, "lassoPath X", { minRows: 2 });
  const n = X.length;
  checkBinary(y, n, "lassoPath y");
  const standardize = options.standardize ?? true;
  const intercept = options.intercept ?? true;
  const tol = options.tol ?? 1e-22;
  const maxSweeps = options.maxSweeps ?? 100000;
  const useStrong = options.strongRules ?? true;
  const usePolish = options.polish ?? true;
  const names = options.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p) {
    throw new Error(`lassoPath option "names": expected ${p} names, got ${names.length}`);
  }
  let ysum = 0;
  for (const v of y) ysum += v;
  if (intercept && (ysum === 0 || ysum === n)) {
    throw new Error(`lassoPath y: needs both outcomes, got ${ysum} events in ${n} rows`);
  }

  const d = standardizeDesign(X, standardize, intercept);
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

  const { xs } = d;
  const beta = new Float64Array(p);
  let b0 = intercept ? Math.log(ybar / (1 - ybar)) : 0;
  const eta = new Float64Array(n).fill(b0);
  const w = new Float64Array(n);
  const r = new Float64Array(n);
  const grad = new Float64Array(p); // |x̃ⱼᵀ(y − p)|/n at the current solution
  const inSet = new Uint8Array(p); // strong / working set
  const ever = new Uint8Array(p);
  const xv = new Float64Array(p);

  const computeGrad = () => {
    for (let i = 0; i < n; i++) r[i] = yy[i] - sigmoid(eta[i]);
    for (let j = 0; j < p; j++) {
      if (!d.usable[j]) {
        grad[j] = 0;
        continue;
      }
      grad[j] = Math.abs(dotAt(xs, j * n, r, n)) / n;
    }
  };
  const penalised = (etaV: Float64Array, betaV: Float64Array, lam: number, set: number[]) => {
    let s = 0;
    for (const j of set) s += Math.abs(betaV[j]);
    return devianceOf(yy, etaV) / (2 * n) + lam * s;
  };

  computeGrad();
  const outA0: number[] = [];
  const outBeta: number[][] = [];
  const outDf: number[] = [];
  const outDev: number[] = [];
  const outLambda: number[] = [];
  let prevLambda = lambdaMax;
  const stages = usePolish ? [Math.max(tol, 1e-8), Math.max(tol, 1e-11), tol] : [tol];

  /**
   * Newton's method on the active set A with the signs s of the current coefficients fixed:
   * solve −(1/n)Σ zᵢ(yᵢ − pᵢ) + λ s = 0 for (b̃₀, b̃_A). Succeeds when it converges without a sign
   * change and every zero coefficient of the working set satisfies |x̃ⱼᵀ(y − p)|/n ≤ λ.
   * On failure the previous state is restored and false returned.
   */
  const polish = (set: number[], lam: number): boolean => {
    const b0Save = b0;
    const betaSave = set.map((j) => beta[j]);
    const etaSave = Float64Array.from(eta);
    const restore = () => {
      b0 = b0Save;
      set.forEach((j, q) => (beta[j] = betaSave[q]));
      eta.set(etaSave);
      return false;
    };
    const off0 = intercept ? 1 : 0;
    const A = set.filter((j) => beta[j] !== 0);
    const sgn = A.map((j) => Math.sign(beta[j]));
    const recomputeEta = () => {
      eta.fill(b0);
      for (const j of A) axpyAt(eta, xs, j * n, beta[j], n);
    };
    // Active-set changes allowed before giving up (a coefficient reaching zero leaves A; a zero
    // coefficient violating the KKT condition enters A with the sign of its gradient).
    for (let changes = 0; changes <= 2 * set.length + 4; changes++) {
      const m = A.length + off0;
      if (m > n) return restore();
      // Z: the m active columns (intercept first), contiguous; WZ: w-weighted copy.
      const Z = new Float64Array(m * n);
      if (intercept) Z.fill(1, 0, n);
      A.forEach((j, q) => Z.set(xs.subarray(j * n, (j + 1) * n), (q + off0) * n));
      const WZ = new Float64Array(m * n);
      const g = new Float64Array(m);
      const H = new Float64Array(m * m);
      // Newton steps with the signs fixed; the Hessian and its Cholesky factor are refreshed on the
      // first step and every 6th only (chord method: near the optimum it converges linearly, fast).
      let factor: Float64Array | null = null;
      let converged = m === 0;
      let dropped = -1;
      for (let it = 0; it < 60 && !converged; it++) {
        const refresh = it % 6 === 0;
        for (let i = 0; i < n; i++) {
          const pi = sigmoid(eta[i]);
          w[i] = pi * (1 - pi);
          r[i] = yy[i] - pi;
        }
        for (let q = 0; q < m; q++) {
          const oq = q * n;
          g[q] = -dotAt(Z, oq, r, n) / n + (q >= off0 ? lam * sgn[q - off0] : 0);
          if (!refresh) continue;
          for (let i = 0; i < n; i++) WZ[oq + i] = w[i] * Z[oq + i];
          for (let q2 = 0; q2 <= q; q2++) H[q * m + q2] = dot2At(WZ, oq, Z, q2 * n, n) / n;
        }
        if (refresh) factor = choleskyFactor(H, m);
        if (!factor) return restore();
        const delta = choleskySolveWith(factor, g, m);
        // Largest step t ≤ 1 keeping every active coefficient on its side of zero.
        let t = 1;
        for (let q = off0; q < m; q++) {
          const j = A[q - off0];
          const nb = beta[j] - delta[q];
          if (Math.sign(nb) !== sgn[q - off0]) {
            const tq = beta[j] / delta[q];
            if (tq < t) {
              t = tq;
              dropped = q - off0;
            }
          }
        }
        let maxStep = 0;
        if (intercept) {
          b0 -= t * delta[0];
          maxStep = Math.abs(delta[0]);
        }
        for (let q = off0; q < m; q++) {
          beta[A[q - off0]] -= t * delta[q];
          maxStep = Math.max(maxStep, Math.abs(delta[q]));
        }
        if (t < 1) {
          beta[A[dropped]] = 0;
          recomputeEta();
          break;
        }
        recomputeEta();
        if (maxStep < 1e-13) converged = true;
      }
      if (dropped >= 0 && !converged) {
        A.splice(dropped, 1);
        sgn.splice(dropped, 1);
        continue;
      }
      if (!converged) return restore();
      // KKT conditions of the zero coefficients of the working set.
      for (let i = 0; i < n; i++) r[i] = yy[i] - sigmoid(eta[i]);
      let worst = -1;
      let worstG = 0;
      for (const j of set) {
        if (beta[j] !== 0) continue;
        const gj = dotAt(xs, j * n, r, n) / n;
        if (Math.abs(gj) > lam * (1 + 1e-9) && Math.abs(gj) > Math.abs(worstG)) {
          worst = j;
          worstG = gj;
        }
      }
      if (worst < 0) return true;
      A.push(worst);
      sgn.push(Math.sign(worstG));
      beta[worst] = 0;
    }
    return restore();
  };
  const etaOld = new Float64Array(n);
  const betaOld = new Float64Array(p);

  for (let k = 0; k < lambdas.length; k++) {
    const lam = lambdas[k];
    // Strong set.
    for (let j = 0; j < p; j++) {
      inSet[j] = d.usable[j] && (!useStrong || ever[j] || grad[j] >= 2 * lam - prevLambda) ? 1 : 0;
    }
    let sweeps = 0;
    for (;;) {
      const set: number[] = [];
      for (let j = 0; j < p; j++) if (inSet[j]) set.push(j);
      // Proximal Newton on the working set: a loose coordinate-descent solve, then an exact Newton
      // polish on the active set; if the polish fails (sign change, KKT violation), CD goes on tighter.
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
          for (const j of set) {
            xv[j] = wSquareAt(w, xs, j * n, n) / n;
          }
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
              const g = dotAt(xs, off, r, n);
              const u = g / n + xv[j] * beta[j];
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
          // New linear predictor.
          const recompute = () => {
            eta.fill(b0);
            for (const j of set) {
              const bj = beta[j];
              if (bj === 0) continue;
              const off = j * n;
              axpyAt(eta, xs, off, bj, n);
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
          // Convergence of the Newton loop.
          let change = intercept ? (wsum / n) * (b0 - b0Old) ** 2 : 0;
          for (const j of set) change = Math.max(change, xv[j] * (beta[j] - betaOld[j]) ** 2);
          if (change < tolCD) break;
        }
        if (stage < stages.length - 1 && polish(set, lam)) break;
      }
      // KKT check over features outside the working set.
      computeGrad();
      let added = 0;
      for (let j = 0; j < p; j++) {
        if (!inSet[j] && d.usable[j] && grad[j] > lam * (1 + 1e-12)) {
          inSet[j] = 1;
          added++;
        }
      }
      if (added === 0) break;
    }
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
  const L = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
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

/** Solve L Lᵀ x = b with the factor of {@link choleskyFactor}. */
function choleskySolveWith(L: Float64Array, b: Float64Array, m: number): Float64Array {
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * m + k] * z[k];
    z[i] = s / L[i * m + i];
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < m; k++) s -= L[k * m + i] * x[k];
    x[i] = s / L[i * m + i];
  }
  return x;
}

/** Linear predictor η = a0 + Xb at λ index `k` of a path, for each row of X. */
export function lassoLink(path: LassoPath, X: Matrix, k: number): number[] {
  const b = path.beta[k];
  const a0 = path.a0[k];
  return X.map((row, i) => {
    if (row.length !== b.length) {
      throw new Error(`lassoLink row ${i + 1}: expected ${b.length} columns, got ${row.length}`);
    }
    let s = a0;
    for (let j = 0; j < b.length; j++) if (b[j] !== 0) s += b[j] * row[j];
    return s;
  });
}

/** Predicted probability 1/(1 + e^−η) at λ index `k`. */
export function lassoProb(path: LassoPath, X: Matrix, k: number): number[] {
  return lassoLink(path, X, k).map(sigmoid);
}
