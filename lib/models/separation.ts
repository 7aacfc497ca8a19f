/**
 * Detection of complete and quasi-complete separation in binary regression by linear programming
 * (Konis 2007; R: detectseparation::detect_separation, safeBinaryRegression).
 *
 * With sᵢ = 2yᵢ − 1 and aᵢ = sᵢ xᵢ, the maximum-likelihood estimate is infinite iff some β ≠ 0 has
 * aᵢᵀβ ≥ 0 for every observation (with at least one > 0, or all = 0 for a non-identified direction).
 * We solve  max Σᵢ aᵢᵀβ  subject to aᵢᵀβ ≥ 0, −1 ≤ βⱼ ≤ 1  (columns scaled to max |x| = 1) by the
 * simplex method with Bland's rule. A positive optimum means separation; the terms with βⱼ ≠ 0 at the
 * optimum are those whose estimates diverge, and observations with aᵢᵀβ > 0 are perfectly predicted.
 * Separation is complete when every observation is perfectly predicted, quasi-complete otherwise.
 * Reference: Albert & Anderson (1984) Biometrika 71:1–10; Konis K. (2007) Linear programming
 * algorithms for detecting separated data in binary logistic regression models, DPhil thesis, Oxford.
 */

/** Outcome of a separation check. */
export interface SeparationReport {
  readonly separated: boolean;
  /** "complete", "quasi-complete" or "none". */
  readonly kind: "complete" | "quasi-complete" | "none";
  /** Terms whose maximum-likelihood estimates are infinite (the recession direction). */
  readonly terms: readonly string[];
  /** Sign of the direction per listed term (+1: estimate → +∞, −1: → −∞). */
  readonly directions: readonly number[];
  /** 0-based indices of observations perfectly predicted along the direction. */
  readonly perfectlyPredicted: readonly number[];
  /** One-sentence description with cause and remedy. */
  readonly message: string;
}

/**
 * Check a design matrix and 0/1 outcome for separation (observations with zero weight are ignored).
 */
export function detectSeparation(
  X: readonly (readonly number[])[],
  y: readonly number[],
  terms: readonly string[],
  weights?: readonly number[],
): SeparationReport {
  const p = terms.length;
  const rows: number[][] = [];
  const idx: number[] = [];
  const scale = new Array<number>(p).fill(0);
  for (const xi of X) for (let j = 0; j < p; j++) scale[j] = Math.max(scale[j], Math.abs(xi[j]));
  for (let i = 0; i < X.length; i++) {
    if (weights && !(weights[i] > 0)) continue;
    const s = y[i] === 1 ? 1 : -1;
    rows.push(X[i].map((v, j) => (scale[j] > 0 ? (s * v) / scale[j] : 0)));
    idx.push(i);
  }
  const n = rows.length;
  // Variables z = (u, v), β = u − v, 0 ≤ u, v ≤ 1. Constraints: −aᵢᵀ(u − v) ≤ 0 (n rows), u ≤ 1, v ≤ 1.
  const nv = 2 * p;
  const m = n + nv;
  const N = nv + m;
  const T: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const r = new Float64Array(N + 1);
    for (let j = 0; j < p; j++) {
      r[j] = -rows[i][j];
      r[p + j] = rows[i][j];
    }
    r[nv + i] = 1;
    T.push(r);
  }
  for (let k = 0; k < nv; k++) {
    const r = new Float64Array(N + 1);
    r[k] = 1;
    r[nv + n + k] = 1;
    r[N] = 1;
    T.push(r);
  }
  // Objective row: reduced costs (maximise c'z): store c_j − z_j.
  const obj = new Float64Array(N + 1);
  for (let j = 0; j < p; j++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += rows[i][j];
    obj[j] = c;
    obj[p + j] = -c;
  }
  const basis = Array.from({ length: m }, (_, i) => nv + i);
  const eps = 1e-10;
  for (let it = 0; it < 50 * (m + N); it++) {
    let enter = -1;
    for (let j = 0; j < N; j++) if (obj[j] > eps) { enter = j; break; }
    if (enter < 0) break;
    let leave = -1;
    let best = Infinity;
    for (let i = 0; i < m; i++) {
      const a = T[i][enter];
      if (a > eps) {
        const ratio = T[i][N] / a;
        if (ratio < best - 1e-12 || (Math.abs(ratio - best) <= 1e-12 && basis[i] < basis[leave])) {
          best = ratio;
          leave = i;
        }
      }
    }
    if (leave < 0) break; // unbounded cannot happen (box constraints)
    const pr = T[leave];
    const pv = pr[enter];
    for (let j = 0; j <= N; j++) pr[j] /= pv;
    for (let i = 0; i < m; i++) {
      if (i === leave) continue;
      const f = T[i][enter];
      if (f !== 0) for (let j = 0; j <= N; j++) T[i][j] -= f * pr[j];
    }
    const f = obj[enter];
    for (let j = 0; j <= N; j++) obj[j] -= f * pr[j];
    basis[leave] = enter;
  }
  const z = new Array<number>(N).fill(0);
  basis.forEach((b, i) => { z[b] = T[i][N]; });
  const beta = Array.from({ length: p }, (_, j) => z[j] - z[p + j]);
  const fitted = rows.map((r) => r.reduce((s, v, j) => s + v * beta[j], 0));
  const optimum = fitted.reduce((s, v) => s + v, 0);
  const tolOpt = 1e-7;
  if (!(optimum > tolOpt)) {
    return { separated: false, kind: "none", terms: [], directions: [], perfectlyPredicted: [], message: "no separation" };
  }
  const sepTerms: string[] = [];
  const dirs: number[] = [];
  beta.forEach((b, j) => {
    if (Math.abs(b) > 1e-7) {
      sepTerms.push(terms[j]);
      dirs.push(Math.sign(b));
    }
  });
  const perfect = idx.filter((_, k) => fitted[k] > 1e-7);
  const kind = perfect.length === n ? "complete" : "quasi-complete";
  const message = `${kind} separation: ${perfect.length} of ${n} observations are perfectly predicted along a direction in ` +
    `${sepTerms.map((t, k) => `${t} (${dirs[k] > 0 ? "+" : "−"}∞)`).join(", ")}; the maximum-likelihood estimates do not exist ` +
    `(they diverge and their standard errors are meaningless). Remedy: Firth's penalised likelihood ` +
    `(method "firth"), merging sparse factor levels, or dropping the term.`;
  return { separated: true, kind, terms: sepTerms, directions: dirs, perfectlyPredicted: perfect, message };
}
