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
  // LP 1: max Σ aᵢᵀβ, aᵢᵀβ ≥ 0, β = u − v, 0 ≤ u, v ≤ 1.
  const A1: number[][] = [];
  for (const r of rows) A1.push([...r.map((v) => -v), ...r]);
  const box = (extra: number) =>
    Array.from({ length: 2 * p + extra }, (_, k) => {
      const r = new Array<number>(2 * p + extra).fill(0);
      r[k] = 1;
      return r;
    });
  const c1 = new Array<number>(2 * p).fill(0);
  for (let j = 0; j < p; j++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += rows[i][j];
    c1[j] = c;
    c1[p + j] = -c;
  }
  const z1 = simplexMax(c1, [...A1, ...box(0)], [
    ...new Array<number>(n).fill(0),
    ...new Array<number>(2 * p).fill(1),
  ]);
  let beta = Array.from({ length: p }, (_, j) => z1[j] - z1[p + j]);
  let fitted = rows.map((r) => r.reduce((s, v, j) => s + v * beta[j], 0));
  const optimum = fitted.reduce((s, v) => s + v, 0);
  const tolOpt = 1e-7;
  if (!(optimum > tolOpt)) {
    return {
      separated: false,
      kind: "none",
      terms: [],
      directions: [],
      perfectlyPredicted: [],
      message: "no separation",
    };
  }
  // LP 2: max t, aᵢᵀβ ≥ t, t ≤ 1: complete separation iff t* > 0; its β predicts every row.
  const A2 = A1.map((r) => [...r, 1]);
  const c2 = [...new Array<number>(2 * p).fill(0), 1];
  const z2 = simplexMax(c2, [...A2, ...box(1)], [
    ...new Array<number>(n).fill(0),
    ...new Array<number>(2 * p + 1).fill(1),
  ]);
  if (z2[2 * p] > tolOpt) {
    beta = Array.from({ length: p }, (_, j) => z2[j] - z2[p + j]);
    fitted = rows.map((r) => r.reduce((s, v, j) => s + v * beta[j], 0));
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
  const message =
    `${kind} separation: ${perfect.length} of ${n} observations are perfectly predicted along a direction in ` +
    `${
      sepTerms.map((t, k) => `${t} (${dirs[k] > 0 ? "+" : "−"}∞)`).join(", ")
    }; the maximum-likelihood estimates do not exist ` +
    `(they diverge and their standard errors are meaningless). Remedy: Firth's penalised likelihood ` +
    `(method "firth"), merging sparse factor levels, or dropping the term.`;
  return { separated: true, kind, terms: sepTerms, directions: dirs, perfectlyPredicted: perfect, message };
}

/**
 * Dense tableau simplex for max cᵀz subject to Az ≤ b, z ≥ 0 with b ≥ 0 (the origin is feasible), with
 * Bland's rule against cycling on the degenerate vertices these problems have. Returns z at the optimum.
 */
export function simplexMax(
  c: readonly number[],
  A: readonly (readonly number[])[],
  b: readonly number[],
): number[] {
  const m = A.length;
  const nv = c.length;
  const N = nv + m;
  const T: Float64Array[] = A.map((row, i) => {
    const r = new Float64Array(N + 1);
    for (let j = 0; j < nv; j++) r[j] = row[j];
    r[nv + i] = 1;
    r[N] = b[i];
    return r;
  });
  const obj = new Float64Array(N + 1);
  for (let j = 0; j < nv; j++) obj[j] = c[j];
  const basis = Array.from({ length: m }, (_, i) => nv + i);
  const eps = 1e-10;
  for (let it = 0; it < 50 * (m + N); it++) {
    let enter = -1;
    for (let j = 0; j < N; j++) {
      if (obj[j] > eps) {
        enter = j;
        break;
      }
    }
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
    if (leave < 0) break;
    const pr = T[leave];
    const pv = pr[enter];
    for (let j = 0; j <= N; j++) pr[j] /= pv;
    for (let i = 0; i < m; i++) {
      if (i === leave) continue;
      const f = T[i][enter];
      if (f !== 0) { for (let j = 0; j <= N; j++) T[i][j] -= f * pr[j]; }
    }
    const f = obj[enter];
    for (let j = 0; j <= N; j++) obj[j] -= f * pr[j];
    basis[leave] = enter;
  }
  const z = new Array<number>(nv).fill(0);
  basis.forEach((bi, i) => {
    if (bi < nv) z[bi] = T[i][N];
  });
  return z;
}
