/**
 * LOWESS scatterplot smoother exactly as R's `stats::lowess` (Cleveland's clowess algorithm).
 *
 * Points are sorted by x (stable). For each fitted point xᵢ a weighted linear fit uses the
 * ns = max(2, min(n, ⌊f·n + 1e-7⌋)) nearest neighbours with tricube weights (1 − (|xⱼ − xᵢ|/h)³)³,
 * h the distance to the farthest of them (weights 1 within 0.001·h, 0 beyond 0.999·h; the local slope
 * is dropped when the weighted spread of x is ≤ 0.001 × range(x)). Points within `delta` of the last
 * fitted point are not fitted but linearly interpolated. `iter` robustness steps reweight by the
 * bisquare of residuals / (6 × median |residual|).
 * Reference: Cleveland WS (1979) JASA 74:829–836; R: stats::lowess (src/library/stats/src/lowess.c).
 */

/** Options of {@link lowess}. */
export interface LowessOptions {
  /** Smoother span, fraction of points in each local fit (default 2/3). */
  readonly f?: number;
  /** Robustifying iterations (default 3, as R; rms val.prob uses 0). */
  readonly iter?: number;
  /** Interpolation distance (default 0.01 × range(x)). */
  readonly delta?: number;
}

/** Smoothed curve: x sorted increasingly (ties kept) and the fitted values. */
export interface LowessResult {
  readonly x: number[];
  readonly y: number[];
}

function lowest(
  x: Float64Array,
  y: Float64Array,
  n: number,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  userw: boolean,
  rw: Float64Array,
): number | null {
  // 1-based indices into x, y, w, rw (index 0 unused), as in the C code.
  const range = x[n] - x[1];
  const h = Math.max(xs - x[nleft], x[nright] - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j <= n) {
    w[j] = 0;
    const r = Math.abs(x[j] - xs);
    if (r <= h9) {
      if (r <= h1) w[j] = 1;
      else w[j] = (1 - (r / h) ** 3) ** 3;
      if (userw) w[j] *= rw[j];
      a += w[j];
    } else if (x[j] > xs) break;
    j++;
  }
  const nrt = j - 1;
  if (a <= 0) return null;
  for (j = nleft; j <= nrt; j++) w[j] /= a;
  if (h > 0) {
    a = 0;
    for (j = nleft; j <= nrt; j++) a += w[j] * x[j];
    let b = xs - a;
    let c = 0;
    for (j = nleft; j <= nrt; j++) c += w[j] * (x[j] - a) * (x[j] - a);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (j = nleft; j <= nrt; j++) w[j] *= b * (x[j] - a) + 1;
    }
  }
  let ys = 0;
  for (j = nleft; j <= nrt; j++) ys += w[j] * y[j];
  return ys;
}

/** R's lowess(x, y, f, iter, delta). Inputs are not modified. */
export function lowess(
  xIn: ArrayLike<number>,
  yIn: ArrayLike<number>,
  options: LowessOptions = {},
): LowessResult {
  const n = xIn.length;
  if (yIn.length !== n) throw new Error(`lowess: x has ${n} values, y has ${yIn.length}`);
  if (n === 0) throw new Error("lowess: no data");
  const f = options.f ?? 2 / 3;
  const nsteps = options.iter ?? 3;
  if (!(f > 0)) throw new Error(`lowess: option "f": must be > 0, got ${f}`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xIn[a] - xIn[b] || a - b);
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  order.forEach((o, k) => {
    x[k + 1] = xIn[o];
    y[k + 1] = yIn[o];
  });
  for (let i = 1; i <= n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new Error(`lowess: non-finite value at sorted position ${i}`);
    }
  }
  const delta = options.delta ?? 0.01 * (x[n] - x[1]);
  const ys = new Float64Array(n + 1);
  if (n < 2) return { x: [x[1]], y: [y[1]] };
  const rw = new Float64Array(n + 1);
  const res = new Float64Array(n + 1);
  const w = new Float64Array(n + 1);
  let ns = Math.trunc(f * n + 1e-7);
  ns = Math.max(2, Math.min(n, ns));
  for (let iter = 1; iter <= nsteps + 1; iter++) {
    let nleft = 1;
    let nright = ns;
    let last = 0;
    let i = 1;
    for (;;) {
      if (nright < n) {
        const d1 = x[i] - x[nleft];
        const d2 = x[nright + 1] - x[i];
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const v = lowest(x, y, n, x[i], nleft, nright, w, iter > 1, rw);
      ys[i] = v === null ? y[i] : v;
      if (last < i - 1) {
        const denom = x[i] - x[last];
        for (let j = last + 1; j < i; j++) {
          const alpha = (x[j] - x[last]) / denom;
          ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
        }
      }
      last = i;
      const cut = x[last] + delta;
      for (i = last + 1; i <= n; i++) {
        if (x[i] > cut) break;
        if (x[i] === x[last]) {
          ys[i] = ys[last];
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n) break;
    }
    for (let k = 1; k <= n; k++) res[k] = y[k] - ys[k];
    let sc = 0;
    for (let k = 1; k <= n; k++) sc += Math.abs(res[k]);
    sc /= n;
    if (iter > nsteps) break;
    const ar = Array.from({ length: n }, (_, k) => Math.abs(res[k + 1])).sort((a, b) => a - b);
    const m1 = Math.floor(n / 2);
    const cmad = n % 2 === 0 ? 3 * (ar[m1] + ar[n - m1 - 1]) : 6 * ar[m1];
    if (cmad < 1e-7 * sc) break;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    for (let k = 1; k <= n; k++) {
      const r = Math.abs(res[k]);
      rw[k] = r <= c1 ? 1 : r <= c9 ? (1 - (r / cmad) ** 2) ** 2 : 0;
    }
  }
  return { x: Array.from(x.subarray(1)), y: Array.from(ys.subarray(1)) };
}

/**
 * Linear interpolation of a curve at `xout` as R's approx(x, y, xout, ties = mean, rule = 1): tied x
 * values are first collapsed to the mean of their y; outside the range gives NaN.
 */
export function approxTiesMean(
  x: readonly number[],
  y: readonly number[],
  xout: ArrayLike<number>,
): number[] {
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const ux: number[] = [];
  const uy: number[] = [];
  for (let k = 0; k < order.length;) {
    const v = x[order[k]];
    let s = 0;
    let c = 0;
    while (k < order.length && x[order[k]] === v) {
      s += y[order[k]];
      c++;
      k++;
    }
    ux.push(v);
    uy.push(s / c);
  }
  const out = new Array<number>(xout.length);
  for (let i = 0; i < xout.length; i++) {
    const v = xout[i];
    if (!(v >= ux[0] && v <= ux[ux.length - 1])) {
      out[i] = NaN;
      continue;
    }
    let lo = 0;
    let hi = ux.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ux[mid] <= v) lo = mid;
      else hi = mid;
    }
    if (v === ux[lo]) out[i] = uy[lo];
    else if (v === ux[hi]) out[i] = uy[hi];
    else out[i] = uy[lo] + (uy[hi] - uy[lo]) * ((v - ux[lo]) / (ux[hi] - ux[lo]));
  }
  return out;
}
