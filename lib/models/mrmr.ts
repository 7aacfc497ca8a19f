/**
 * Minimum-redundancy maximum-relevance (mRMR) feature selection, greedy forward (Peng et al. 2005).
 *
 * Relevance of feature f: I(f; y). Redundancy with the selected set S: (1/|S|) Σ_{s∈S} I(f; s).
 * The first feature maximises relevance; each next one maximises
 *   MID: I(f; y) − mean_{s∈S} I(f; s)      or      MIQ: I(f; y) / (mean_{s∈S} I(f; s) + 1e-12).
 * Ties are broken by column order (the earlier column wins), so the selection is deterministic.
 *
 * Mutual-information estimators (nats):
 * - "correlation" (mRMRe's estimate for continuous variables, De Jay et al. 2013):
 *   I = −½ log(1 − ρ²), ρ = Pearson correlation (with y coded 0/1, the point-biserial
 *   correlation); ρ² is capped at 1 − 1e-15 so exact duplicates give a large finite value.
 * - "discrete": plug-in estimate Σ p(a,b) log[p(a,b)/(p(a)p(b))] after equal-frequency
 *   discretisation of each feature into `bins` (default 5) bins (bin of xᵢ = ⌊bins·(r−1)/n⌋ with r
 *   the smallest rank of xᵢ's tie group, so tied values share a bin); y keeps its two classes.
 * References: Peng H, Long F, Ding C (2005) IEEE TPAMI 27:1226–1238; De Jay N et al. (2013)
 * Bioinformatics 29:2365–2368 (R mRMRe).
 */
import { checkBinary, checkMatrix, type Matrix, type Vec } from "./matrix_types.ts";
import { meanOnePass } from "../stats/quantile.ts";
import { checkInteger } from "../io/options.ts";

/** Options of {@link Mrmr}. */
export interface MrmrOptions {
  /** Number of features to keep (default 20, as the paper). */
  readonly k?: number;
  /** Criterion: "MID" (difference, default) or "MIQ" (quotient). */
  readonly method?: "MID" | "MIQ";
  /** Mutual-information estimator (default "correlation"). */
  readonly estimator?: "correlation" | "discrete";
  /** Bins of the discrete estimator (default 5). */
  readonly bins?: number;
  /** Feature names (for reporting). */
  readonly names?: readonly string[];
}

/** mRMR selector (stores options; `fit` selects on the training rows). */
export class Mrmr {
  readonly options: MrmrOptions;
  constructor(options: MrmrOptions = {}) {
    const k = options.k ?? 20;
    checkInteger("Mrmr", "k", k, 1);
    const method = options.method ?? "MID";
    if (method !== "MID" && method !== "MIQ") {
      throw new Error(`Mrmr option "method": expected "MID" or "MIQ", got ${JSON.stringify(method)}`);
    }
    const est = options.estimator ?? "correlation";
    if (est !== "correlation" && est !== "discrete") {
      throw new Error(
        `Mrmr option "estimator": expected "correlation" or "discrete", got ${JSON.stringify(est)}`,
      );
    }
    const bins = options.bins ?? 5;
    checkInteger("Mrmr", "bins", bins, 2);
    this.options = { ...options };
  }

  /** Select features on (X, y). */
  fit(X: Matrix, y: Vec): FittedMrmr {
    const p = checkMatrix(X, "Mrmr.fit X", { minRows: 3 });
    checkBinary(y, X.length, "Mrmr.fit y");
    const k = Math.min(this.options.k ?? 20, p);
    const method = this.options.method ?? "MID";
    const mi = this.options.estimator === "discrete"
      ? discreteMi(X, y, this.options.bins ?? 5)
      : correlationMi(X, y);
    const relevance = Array.from({ length: p }, (_, j) => mi.withY(j));
    const redSum = new Float64Array(p);
    const chosen = new Uint8Array(p);
    const selected: number[] = [];
    const scores: number[] = [];
    for (let step = 0; step < k; step++) {
      let best = -1;
      let bestScore = -Infinity;
      for (let j = 0; j < p; j++) {
        if (chosen[j]) continue;
        let score: number;
        if (step === 0) score = relevance[j];
        else {
          const red = redSum[j] / step;
          score = method === "MID" ? relevance[j] - red : relevance[j] / (red + 1e-12);
        }
        if (score > bestScore) {
          bestScore = score;
          best = j;
        }
      }
      chosen[best] = 1;
      selected.push(best);
      scores.push(bestScore);
      for (let j = 0; j < p; j++) if (!chosen[j]) redSum[j] += mi.between(j, best);
    }
    return new FittedMrmr(selected, scores, relevance, this.options.names);
  }
}

/** A fitted mRMR selection: `selected_` column indices in order of selection. */
export class FittedMrmr {
  readonly selectedNames_?: readonly string[];
  constructor(
    readonly selected_: readonly number[],
    readonly scores_: readonly number[],
    readonly relevance_: readonly number[],
    names?: readonly string[],
  ) {
    if (names) this.selectedNames_ = selected_.map((j) => names[j]);
  }

  /** The selected columns of X, in order of selection. */
  transform(X: Matrix): number[][] {
    return X.map((r) => this.selected_.map((j) => r[j]));
  }
}

interface MiOracle {
  withY(j: number): number;
  between(a: number, b: number): number;
}

/** −½ log(1 − ρ²) from Pearson correlations of centred, unit-norm columns. */
function correlationMi(X: Matrix, y: Vec): MiOracle {
  const n = X.length;
  const p = X[0].length;
  const cols = Array.from({ length: p }, (_, j) => unitColumn(X.map((r) => r[j])));
  const yc = unitColumn([...y]);
  const dot = (a: Float64Array | null, b: Float64Array | null) => {
    if (!a || !b) return 0;
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * b[i];
    return s;
  };
  const f = (rho: number) => -0.5 * Math.log(1 - Math.min(rho * rho, 1 - 1e-15));
  return { withY: (j) => f(dot(cols[j], yc)), between: (a, b) => f(dot(cols[a], cols[b])) };
}

function unitColumn(v: number[]): Float64Array | null {
  const n = v.length;
  const m = meanOnePass(v);
  const c = Float64Array.from(v, (x) => x - m);
  let ss = 0;
  for (const x of c) ss += x * x;
  if (!(ss > 0)) return null; // constant column: correlation 0, MI 0
  const s = Math.sqrt(ss);
  for (let i = 0; i < n; i++) c[i] /= s;
  return c;
}

/** Equal-frequency bins of a column (tied values share the bin of their smallest rank). */
export function equalFrequencyBins(v: readonly number[], bins: number): Int32Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
  const out = new Int32Array(n);
  let minRank = 0;
  for (let q = 0; q < n; q++) {
    if (q > 0 && v[order[q]] !== v[order[q - 1]]) minRank = q;
    out[order[q]] = Math.min(bins - 1, Math.floor((bins * minRank) / n));
  }
  return out;
}

function discreteMi(X: Matrix, y: Vec, bins: number): MiOracle {
  const n = X.length;
  const p = X[0].length;
  const codes = Array.from({ length: p }, (_, j) => equalFrequencyBins(X.map((r) => r[j]), bins));
  const yc = Int32Array.from(y);
  const mi = (a: Int32Array, ka: number, b: Int32Array, kb: number) => {
    const joint = new Float64Array(ka * kb);
    const pa = new Float64Array(ka);
    const pb = new Float64Array(kb);
    for (let i = 0; i < n; i++) {
      joint[a[i] * kb + b[i]]++;
      pa[a[i]]++;
      pb[b[i]]++;
    }
    let s = 0;
    for (let u = 0; u < ka; u++) {
      for (let v = 0; v < kb; v++) {
        const c = joint[u * kb + v];
        if (c > 0) s += (c / n) * Math.log((c * n) / (pa[u] * pb[v]));
      }
    }
    return s;
  };
  return { withY: (j) => mi(codes[j], bins, yc, 2), between: (a, b) => mi(codes[a], bins, codes[b], bins) };
}
