/**
 * glmnet's own LASSO logistic path algorithm (lognet2n of glmnet 4.1, family = "binomial",
 * alpha = 1, type.logistic = "Newton"): the default solver of lassoPath / cvLassoPath
 * (lib/models/lasso.ts, `solver: "glmnet"`), the coefficients glmnet reports at the same thresh;
 * where the exact optimum is reported, lassoPolish (or `solver: "exact"`) gives it.
 *
 * On the standardised design x̃ (column-major) with weights wᵢ = 1/n, per λ (warm start from the
 * previous λ):
 * - sequential strong rule: feature j joins the strong set S (never left) when gⱼ > 2λₖ − λₖ₋₁,
 *   gⱼ = |x̃ⱼᵀ r| with r = w(y − p) at the last KKT check (λ₀ = λ_max for a generated path, whose first
 *   point is fitted at λ = ∞ as glmnet does; 0 for an explicit λ sequence);
 * - outer loop (quadratic approximation at v = w p(1 − p)): xvⱼ = Σᵢ vᵢ x̃ᵢⱼ²; cyclic coordinate descent
 *   bⱼ ← S(x̃ⱼᵀr + xvⱼbⱼ, λ)/xvⱼ over S in index order, then the intercept b₀ += Σr/Σv, then passes
 *   over the nonzero (active) set in entry order until the largest xvⱼΔbⱼ² (and Σv·Δb₀²) is below
 *   shr = thresh·dev₀ (dev₀ = null deviance / 2n), then a full pass again, until a full pass is below
 *   shr; p recomputed (η clamped to ±log(1/pmin − 1), pmin = 1e-9);
 * - a λ is done when no coefficient moved by xvⱼΔbⱼ² ≥ shr during the outer iteration and every
 *   feature outside S satisfies gⱼ ≤ λ (violators join S and the outer loop resumes).
 * Early stop (generated paths, from the 5th λ): deviance ratio > 0.999 or its increase < 1e-5.
 * The KKT and strong-rule scans give the decisions exact gradients give, but compute gⱼ only when a
 * Cauchy–Schwarz bound gⱼ ≤ |x̃ⱼᵀr_e| + ‖r − r_e‖·‖x̃ⱼ‖ from an earlier residual r_e cannot decide.
 * Same steps as glmnet, so the same stopping points: coefficients agree with glmnet at the same
 * thresh to rounding (unless a stopping test falls within rounding of its threshold).
 *
 * Reference: Friedman, Hastie, Tibshirani (2010) J Stat Softw 33(1); Tibshirani et al. (2012)
 * Strong rules for discarding predictors, JRSS B 74(2); glmnet 4.1 Fortran source, lognet2n.
 */

/** Standardised problem of {@link glmnetLognet}. */
export interface GlmnetProblem {
  readonly n: number;
  readonly p: number;
  /** Standardised design, column j at [j·n, (j + 1)·n). */
  readonly xs: Float64Array;
  /** 0 for features left out (constant columns). */
  readonly usable: Uint8Array;
  /** Outcome, 0/1. */
  readonly y: Float64Array;
  readonly intercept: boolean;
}

/** Settings of {@link glmnetLognet}. */
export interface GlmnetSettings {
  /** λ values, decreasing. */
  readonly lambda: readonly number[];
  /** Generated path (λ₁ = λ_max fitted at λ = ∞, glmnet's early stop allowed). */
  readonly generated: boolean;
  /** λ_max of the problem (the strong rule's λ₀ of a generated path). */
  readonly lambdaMax: number;
  /** Convergence threshold (glmnet's thresh, default there 1e-7). */
  readonly thresh: number;
  /** Maximum passes over the data in all (glmnet's maxit). */
  readonly maxit: number;
  /** Stop early as glmnet does (generated paths only). */
  readonly stopEarly: boolean;
}

/** Standardised-scale path of {@link glmnetLognet}. */
export interface GlmnetFit {
  /** Number of λ fitted (≤ lambda.length after an early stop). */
  readonly nfit: number;
  /** Intercept per λ. */
  readonly a0: Float64Array;
  /**
   * Nonzero coefficients, sparse: those of λ k at positions [betaStart[k], betaStart[k + 1]) of
   * `betaIndex` (feature, increasing) and `betaValue`.
   */
  readonly betaStart: Int32Array;
  readonly betaIndex: Int32Array;
  readonly betaValue: Float64Array;
  /** Deviance ratio 1 − dev/dev_null per λ (p clipped to [pmin, 1 − pmin]). */
  readonly devRatio: Float64Array;
}

import { kernels } from "./simd_kernels.ts";

const PMIN = 1e-9;
const BIG = 9.9e35;
const N_SNAPSHOTS = 32;

/**
 * The buffer {@link glmnetLognet} works in for an n × p problem, x̃ at its start: a design written
 * into `glmnetWorkspace(n, p).subarray(0, n * p)` (before the call) is used without a copy.
 */
export function glmnetWorkspace(n: number, p: number): Float64Array {
  const K = kernels();
  K.reserve(layout(n, p).size, 3 * p);
  return K.f64;
}

/**
 * Offsets (in doubles) of the workspace: x̃ at 0, then r, v, η, ones (n each), two gradient lists,
 * b and xv (p each), x̃ as floats (n·p) and r as floats (n) for the screening dots. The kernels'
 * list holds a scan's columns, the strong set and the active set (p each).
 */
function layout(n: number, p: number) {
  const RO = n * p;
  const VO = RO + n;
  const EO = VO + n;
  const OO = EO + n;
  const GO = OO + n;
  const G2 = GO + p;
  const BO = G2 + p;
  const XO = BO + p;
  const X32D = XO + p;
  const R32D = X32D + Math.ceil((n * p) / 2);
  return { RO, VO, EO, OO, GO, G2, BO, XO, X32D, R32D, size: R32D + Math.ceil(n / 2) };
}

/**
 * The LASSO logistic path by glmnet's algorithm (see module documentation) on a standardised
 * problem; coefficients on the standardised scale. Throws when `maxit` passes are exceeded.
 */
export function glmnetLognet(prob: GlmnetProblem, set: GlmnetSettings): GlmnetFit {
  const { n, p, xs, usable, y, intercept } = prob;
  const nlam = set.lambda.length;
  const fmax = Math.log(1 / PMIN - 1);
  const fmin = -fmax;
  const vmin = (1 + PMIN) * PMIN * (1 - PMIN);
  const w = 1 / n;
  let q0 = 0;
  for (let i = 0; i < n; i++) q0 += w * y[i];
  if (!intercept) q0 = 0.5;
  const bz = intercept ? Math.log(q0 / (1 - q0)) : 0;
  const vi = q0 * (1 - q0);
  let b0 = bz;
  const bs = new Float64Array(p);
  // x̃, r and v live in the kernels' buffer (x̃ at 0, r at RO, v at VO) for the SIMD dot/axpy.
  const K = kernels();
  // r, v, η (EO), ones (OO), gradients of a screening scan (GO, G2), b, xv (p each), x̃ and r as floats.
  const { RO, VO, EO, OO, GO, G2, BO, XO, X32D, R32D } = layout(n, p);
  glmnetWorkspace(n, p);
  const F = K.f64;
  const F32 = K.f32;
  const X32 = 2 * X32D;
  const R32 = 2 * R32D;
  const LIST = K.list; // columns of a screening scan [0, p), strong set, active set
  const b = F.subarray(BO, BO + p).fill(0);
  const xv = F.subarray(XO, XO + p).fill(0);
  if (xs.buffer !== F.buffer || xs.byteOffset !== 0) F.set(xs.subarray(0, n * p), 0);
  // Screening in floats first (exact decisions: doubles only where the float bound cannot tell);
  // |fl₃₂(x̃ⱼᵀr) − x̃ⱼᵀr| ≤ ((n + 3)u₃₂/(1 − (n + 3)u₃₂) + n·u₆₄)·‖x̃ⱼ‖‖r‖ (1 % margin) + a
  // subnormal term, for the rounding of x̃, r to floats, the float products and sums in any order.
  const use32 = n < 1_000_000;
  const c32 = use32 ? 1.01 * (((n + 3) * 2 ** -24) / (1 - (n + 3) * 2 ** -24) + n * 2 ** -52) : 0;
  if (use32) { for (let i = 0, e = n * p; i < e; i++) F32[X32 + i] = F[i]; }
  const r = F.subarray(RO, RO + n);
  const v = F.subarray(VO, VO + n);
  const eta = F.subarray(EO, EO + n);
  F.fill(1, OO, OO + n);
  v.fill(vi * w);
  for (let i = 0; i < n; i++) r[i] = w * (y[i] - q0);
  const q = new Float64Array(n).fill(q0);
  let xmz = vi;
  const dev1 = -(bz * q0 + Math.log(1 - q0));
  let dev0 = dev1;
  for (let i = 0; i < n; i++) {
    if (y[i] > 0) dev0 += w * y[i] * Math.log(y[i]);
    if (y[i] < 1) dev0 += w * (1 - y[i]) * Math.log(1 - y[i]);
  }
  const shr = set.thresh * dev0;
  const ixx = new Uint8Array(p);
  // Usable features outside the strong set, in index order (the scans' list).
  const outside = new Int32Array(p);
  let nOut = 0;
  for (let j = 0; j < p; j++) if (usable[j]) outside[nOut++] = j;
  const strong = LIST.subarray(p, 2 * p); // in the kernels' list: cd passes read it there
  let nStrong = 0;
  const mm = new Uint8Array(p);
  const order = LIST.subarray(2 * p, 3 * p); // active set in entry order
  let nin = 0;
  let nlp = 0;

  // Lazy gradients: ga[j] = |x̃ⱼᵀ r_e| at snapshot e = epoch[j]; with Δ = r − r_e and μ its mean,
  // x̃ⱼᵀr = x̃ⱼᵀr_e + x̃ⱼᵀ(Δ − μ) + μΣᵢx̃ᵢⱼ, so |x̃ⱼᵀr| ≤ ga[j] + dist[e]·‖x̃ⱼ‖ + |mu[e]|·|Σᵢx̃ᵢⱼ|
  // (Cauchy–Schwarz; dist[e] = ‖Δ − μ‖, μ = 0 without intercept: columns are centred with one).
  const ga = new Float64Array(p);
  const epoch = new Int32Array(p);
  const xnorm = new Float64Array(p);
  const xsum = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const s2 = K.wsq(OO, j * n, n); // Σᵢ x̃ᵢⱼ²
    const s1 = K.dot(j * n, OO, n); // Σᵢ x̃ᵢⱼ
    xnorm[j] = Math.sqrt(s2) * (1 + 1e-12);
    xsum[j] = Math.abs(s1) + 1e-12 * Math.sqrt(s2);
  }
  const snaps = new Float64Array(N_SNAPSHOTS * n);
  const dist = new Float64Array(N_SNAPSHOTS);
  const mu = new Float64Array(N_SNAPSHOTS);
  let nSnap = 0;
  /** Start a check at the current r: a new snapshot, distances of the older ones. */
  const snapshot = () => {
    if (nSnap === N_SNAPSHOTS) {
      // Restart: exact values for every feature outside S at the current r.
      for (let q = 0; q < nOut; q++) ga[outside[q]] = Math.abs(K.dot(outside[q] * n, RO, n));
      epoch.fill(0);
      nSnap = 0;
    }
    const off = nSnap * n;
    for (let e = 0; e < nSnap; e++) {
      const oe = e * n;
      let s = 0;
      let t = 0;
      for (let i = 0; i < n; i++) {
        const d = r[i] - snaps[oe + i];
        s += d * d;
        t += d;
      }
      const m = intercept ? t / n : 0;
      // ‖Δ − μ‖² = Σd² − nμ², with a margin for the rounding of the difference.
      dist[e] = Math.sqrt(Math.max(0, s - n * m * m) + 1e-12 * s);
      mu[e] = Math.abs(m);
    }
    snaps.set(r, off);
    dist[nSnap] = 0;
    mu[nSnap] = 0;
    nSnap++;
  };
  /**
   * Features outside S with |x̃ⱼᵀ r| > t at the current snapshot join S (in index order); exact
   * decisions, gradients computed (in one kernel call) only where the bound cannot tell.
   * Returns whether any joined.
   */
  const cand = new Int32Array(p);
  const scan = (t: number): boolean => {
    const tt = t * (1 - 1e-12);
    let m = 0;
    for (let q = 0; q < nOut; q++) {
      const k = outside[q];
      const e = epoch[k];
      if (ga[k] + dist[e] * xnorm[k] + mu[e] * xsum[k] <= tt) continue;
      cand[m++] = k;
    }
    if (m === 0) return false;
    const cur = nSnap - 1;
    let added = false;
    if (use32) {
      // Float dots decide where |g₃₂| ± ε is clear of t; ga keeps an upper bound (|g₃₂| + ε) there.
      for (let i = 0; i < n; i++) F32[R32 + i] = r[i];
      const rn = Math.sqrt(K.dot(RO, RO, n)) * (1 + 1e-10);
      for (let q = 0; q < m; q++) LIST[q] = X32 + cand[q] * n;
      K.dots32(m, R32, n, G2);
      let m2 = 0;
      for (let q = 0; q < m; q++) {
        const k = cand[q];
        const g = Math.abs(F[G2 + q]);
        const e = c32 * xnorm[k] * rn + n * (xnorm[k] + rn + 1) * 1e-44;
        if (g + e <= tt) {
          ga[k] = g + e;
          epoch[k] = cur;
        } else if (g - e > t && g < Infinity) {
          // (an infinite or NaN g₃₂, from x̃ beyond the float range, falls through to doubles)
          addStrong(k);
          added = true;
        } else {
          cand[m2] = k;
          LIST[m2] = k * n;
          m2++;
        }
      }
      m = m2;
    } else {
      for (let q = 0; q < m; q++) LIST[q] = cand[q] * n;
    }
    K.dots(m, RO, n, GO);
    for (let q = 0; q < m; q++) {
      const k = cand[q];
      const g = Math.abs(F[GO + q]);
      ga[k] = g;
      epoch[k] = cur;
      if (g > t) {
        addStrong(k);
        added = true;
      }
    }
    if (added) {
      // Drop the new strong features from the outside list (order kept).
      let w = 0;
      for (let q = 0; q < nOut; q++) if (!ixx[outside[q]]) outside[w++] = outside[q];
      nOut = w;
    }
    return added;
  };
  snapshot();
  for (let j = 0; j < p; j++) if (usable[j]) ga[j] = Math.abs(K.dot(j * n, RO, n));

  const addStrong = (j: number) => {
    ixx[j] = 1;
    let k = nStrong++;
    while (k > 0 && strong[k - 1] > j) {
      strong[k] = strong[k - 1];
      k--;
    }
    strong[k] = j;
  };

  const a0Out = new Float64Array(nlam);
  const betaStart = new Int32Array(nlam + 1);
  const betaIndex: number[] = [];
  const betaValue: number[] = [];
  const sorted = new Int32Array(p);
  const devOut = new Float64Array(nlam);
  const mnl = Math.min(5, nlam);
  let al = 0;
  let nfit = 0;
  const tooMany = (ilm: number) =>
    new Error(
      `lassoPath: no convergence at lambda ${set.lambda[ilm]} (position ${
        ilm + 1
      }) after ${set.maxit} passes; raise "maxSweeps" or "thresh"`,
    );

  for (let ilm = 0; ilm < nlam; ilm++) {
    let al0 = al;
    if (!set.generated) al = set.lambda[ilm];
    else if (ilm === 0) al = BIG;
    else if (ilm === 1) {
      al0 = set.lambdaMax;
      al = set.lambda[1];
    } else al = set.lambda[ilm];
    const tlam = 2 * al - al0;
    scan(tlam);
    let stopped = false;
    outer: for (;;) {
      const bs0 = b0; // bs of a feature entering during this iteration stays 0 (its value before)
      for (let l = 0; l < nin; l++) bs[order[l]] = b[order[l]];
      K.wsqs(p, nStrong, VO, n, XO); // xv[j] = Σᵢ vᵢx̃ᵢⱼ² over the strong set
      for (;;) {
        // Full pass over the strong set (one kernel call), then the intercept.
        nlp++;
        let dlx = K.cd(p, nStrong, RO, VO, BO, XO, n, al);
        for (let s = 0; s < nStrong; s++) {
          // Features that moved for the first time (from 0: still nonzero) join the active set.
          const k = strong[s];
          if (!mm[k] && b[k] !== 0) {
            mm[k] = 1;
            order[nin++] = k;
          }
        }
        if (intercept) {
          let sr = 0;
          for (let i = 0; i < n; i++) sr += r[i];
          const d = sr / xmz;
          if (d !== 0) {
            b0 += d;
            dlx = Math.max(dlx, xmz * d * d);
            K.axpy(RO, VO, OO, d, n); // r −= (d·v)·1
          }
        }
        if (dlx < shr) break;
        if (nlp > set.maxit) throw tooMany(ilm);
        // Passes over the active set until they settle.
        for (;;) {
          nlp++;
          dlx = K.cd(2 * p, nin, RO, VO, BO, XO, n, al);
          if (intercept) {
            let sr = 0;
            for (let i = 0; i < n; i++) sr += r[i];
            const d = sr / xmz;
            if (d !== 0) {
              b0 += d;
              dlx = Math.max(dlx, xmz * d * d);
              K.axpy(RO, VO, OO, d, n); // r −= (d·v)·1
            }
          }
          if (dlx < shr) break;
          if (nlp > set.maxit) throw tooMany(ilm);
        }
      }
      // New quadratic approximation.
      eta.fill(b0);
      for (let l = 0; l < nin; l++) {
        const k = order[l];
        const bk = b[k];
        if (bk !== 0) K.axpy(EO, OO, k * n, -bk, n); // η += bₖ·x̃ₖ
      }
      xmz = 0;
      for (let i = 0; i < n; i++) {
        const fi = eta[i];
        const qi = fi < fmin ? 0 : fi > fmax ? 1 : 1 / (1 + Math.exp(-fi));
        q[i] = qi;
        v[i] = w * qi * (1 - qi);
        xmz += v[i];
      }
      if (xmz <= vmin) {
        stopped = true;
        break;
      }
      for (let i = 0; i < n; i++) r[i] = w * (y[i] - q[i]);
      if (xmz * (b0 - bs0) ** 2 >= shr) continue;
      for (let l = 0; l < nin; l++) {
        const k = order[l];
        if (xv[k] * (b[k] - bs[k]) ** 2 >= shr) continue outer;
      }
      // KKT check of the features outside the strong set.
      snapshot();
      if (!scan(al)) break;
    }
    a0Out[ilm] = b0;
    sorted.set(order.subarray(0, nin));
    const idx = sorted.subarray(0, nin).sort();
    for (let l = 0; l < nin; l++) {
      if (b[idx[l]] === 0) continue;
      betaIndex.push(idx[l]);
      betaValue.push(b[idx[l]]);
    }
    betaStart[ilm + 1] = betaIndex.length;
    let devi = 0;
    for (let i = 0; i < n; i++) {
      const qi = q[i];
      devi -= w * (y[i] * Math.log(Math.max(PMIN, qi)) + (1 - y[i]) * Math.log(Math.max(PMIN, 1 - qi)));
    }
    devOut[ilm] = (dev1 - devi) / dev0;
    nfit = ilm + 1;
    if (stopped) break;
    if (ilm + 1 < mnl || !set.generated || !set.stopEarly) continue;
    if (devOut[ilm] > 0.999 || devOut[ilm] - devOut[ilm - 1] < 1e-5) break;
  }
  return {
    nfit,
    a0: a0Out,
    betaStart,
    betaIndex: Int32Array.from(betaIndex),
    betaValue: Float64Array.from(betaValue),
    devRatio: devOut,
  };
}
