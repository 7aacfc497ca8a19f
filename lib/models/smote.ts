/**
 * SMOTE: synthetic minority over-sampling (Chawla et al. 2002), training rows only.
 *
 * Variant implemented (stated because SMOTE implementations differ):
 * - Neighbours: the `k` (default 5) nearest other minority rows by Euclidean distance on the
 *   features as given (pass z-scored features, as the paper did), ties broken by row order.
 * - Amount: G = round(ratio · n_majority) − n_minority synthetic rows (default ratio 1: classes
 *   balanced 1:1; G = 0 when already balanced).
 * - Allocation (Chawla's per-sample scheme): every minority row seeds ⌊G/m⌋ synthetic rows and
 *   G mod m distinct minority rows, drawn at random, seed one more.
 * - Each synthetic row = x + u·(x_nn − x), x_nn one of x's k neighbours drawn uniformly,
 *   u ~ U(0, 1) (one u per synthetic row, as imbalanced-learn; Chawla drew one gap per feature).
 * All draws come from one seeded `Rng`; the same seed gives the same rows.
 * SMOTE has no `transform`: test rows are never oversampled, only training rows are ever passed.
 * References: Chawla NV et al. (2002) J Artif Intell Res 16:321–357; imbalanced-learn SMOTE.
 */
import { createRng, type Rng } from "../random/rng.ts";
import { checkBinary, checkMatrix, type Matrix, type Vec } from "./matrix_types.ts";
import { checkInteger, optionError } from "../io/options.ts";

/** Options of {@link Smote}. */
export interface SmoteOptions {
  /** Nearest minority neighbours (default 5; reduced to m − 1 when the minority has m ≤ k rows). */
  readonly k?: number;
  /** Minority/majority ratio after oversampling (default 1 = balanced). */
  readonly ratio?: number;
  /** Random stream of the draws (default `createRng(1)`); fork one from the caller's generator. */
  readonly rng?: Rng;
  /** Class to oversample (default: the less frequent one; ties: 1). */
  readonly minorityClass?: 0 | 1;
}

/** Result of {@link Smote.fitResample}: the original rows first, then the synthetic rows. */
export interface SmoteResult {
  readonly X_: readonly (readonly number[])[];
  readonly y_: readonly number[];
  readonly nOriginal_: number;
  readonly nSynthetic_: number;
  readonly minorityClass_: 0 | 1;
  readonly k_: number;
  /** For each synthetic row: seed row, neighbour row (indices into the input) and gap u. */
  readonly origin_: readonly { readonly row: number; readonly neighbour: number; readonly gap: number }[];
}

/** SMOTE over-sampler (stores options; `fitResample` oversamples the rows it is given). */
export class Smote {
  readonly options: SmoteOptions;
  constructor(options: SmoteOptions = {}) {
    const k = options.k ?? 5;
    checkInteger("Smote", "k", k, 1);
    const ratio = options.ratio ?? 1;
    if (!(ratio > 0 && ratio <= 1)) optionError("Smote", "ratio", "in (0, 1]", ratio);
    this.options = { ...options };
  }

  /** Oversample the minority class of (X, y); inputs are not mutated. */
  fitResample(X: Matrix, y: Vec): SmoteResult {
    checkMatrix(X, "Smote X", { minRows: 2 });
    checkBinary(y, X.length, "Smote y");
    const rng = this.options.rng ?? createRng(1);
    const n1 = y.filter((v) => v === 1).length;
    const n0 = y.length - n1;
    const minority: 0 | 1 = this.options.minorityClass ?? (n1 <= n0 ? 1 : 0);
    const mIdx = y.flatMap((v, i) => (v === minority ? [i] : []));
    const m = mIdx.length;
    const nMaj = y.length - m;
    const G = Math.max(0, Math.round((this.options.ratio ?? 1) * nMaj) - m);
    const X_ = X.map((r) => r.slice());
    const y_ = [...y];
    const origin: { row: number; neighbour: number; gap: number }[] = [];
    if (G === 0) {
      return { X_, y_, nOriginal_: X.length, nSynthetic_: 0, minorityClass_: minority, k_: 0, origin_: [] };
    }
    if (m < 2) throw new Error(`Smote: the minority class (${minority}) has ${m} row(s); need at least 2`);
    const k = Math.min(this.options.k ?? 5, m - 1);
    const nn = minorityNeighbours(X, mIdx, k);
    // Allocation: ⌊G/m⌋ per minority row, the remainder to distinct random rows.
    const count = new Array<number>(m).fill(Math.floor(G / m));
    for (const q of rng.shuffle(mIdx.map((_, q) => q)).slice(0, G % m)) count[q]++;
    for (let q = 0; q < m; q++) {
      const xi = X[mIdx[q]];
      for (let c = 0; c < count[q]; c++) {
        const nb = nn[q][rng.int(0, k - 1)];
        const xn = X[mIdx[nb]];
        const u = rng.uniform();
        X_.push(xi.map((v, j) => v + u * (xn[j] - v)));
        y_.push(minority);
        origin.push({ row: mIdx[q], neighbour: mIdx[nb], gap: u });
      }
    }
    return { X_, y_, nOriginal_: X.length, nSynthetic_: G, minorityClass_: minority, k_: k, origin_: origin };
  }
}

/** For each minority row q, the positions (into mIdx) of its k nearest other minority rows. */
function minorityNeighbours(X: Matrix, mIdx: readonly number[], k: number): number[][] {
  const m = mIdx.length;
  const d = Array.from({ length: m }, () => new Float64Array(m));
  for (let a = 0; a < m; a++) {
    const xa = X[mIdx[a]];
    for (let b = a + 1; b < m; b++) {
      const xb = X[mIdx[b]];
      let s = 0;
      for (let j = 0; j < xa.length; j++) s += (xa[j] - xb[j]) ** 2;
      d[a][b] = s;
      d[b][a] = s;
    }
  }
  return d.map((row, a) =>
    Array.from({ length: m }, (_, b) => b).filter((b) => b !== a).sort((u, v) => row[u] - row[v] || u - v)
      .slice(0, k)
  );
}
