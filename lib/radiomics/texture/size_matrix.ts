/**
 * Grey level × size matrices shared by GLRLM (run length), GLSZM (zone size), GLDZM (zone distance) and
 * NGLDM (dependence count), and the sums their features are made of.
 *
 * Notation (IBSI): m_ij is the count for grey level i (row) and size j (column), N_s = Σ m_ij the number of
 * runs / zones / voxels, N_v the number of voxels, p_ij = m_ij / N_s, r_i = Σ_j m_ij (row margin),
 * c_j = Σ_i m_ij (column margin). Rows are the grey levels present in the ROI; columns are the sizes that
 * occur, both stored by value, so the matrix never has empty columns.
 */

/** A compact grey level × size count matrix. */
export interface SizeMatrix {
  /** Grey level of each row, ascending. */
  readonly rows: Float64Array;
  /** Size (run length, zone size, distance, dependence count) of each column, ascending. */
  readonly cols: Float64Array;
  /** Counts, row-major rows.length × cols.length. */
  readonly counts: Float64Array;
  /** N_v: voxels the matrix was built from (summed when matrices are merged). */
  readonly nV: number;
}

/**
 * Accumulates counts for sizes 1, 2, … into a dense block that grows by doubling; `finish` drops empty
 * columns. Allocation happens only when the largest size so far is exceeded, never per voxel.
 */
export class SizeAccumulator {
  #G: number;
  #cap: number;
  #dense: Float64Array;
  #maxSize = 0;
  constructor(G: number, capacity = 16) {
    this.#G = G;
    this.#cap = Math.max(1, capacity);
    this.#dense = new Float64Array(G * (this.#cap + 1));
  }
  /** Add `w` (default 1) to row `row` (compact grey-level index), size `size` (>= 1). */
  add(row: number, size: number, w = 1): void {
    if (size > this.#cap) this.#grow(size);
    if (size > this.#maxSize) this.#maxSize = size;
    this.#dense[row * (this.#cap + 1) + size] += w;
  }
  #grow(size: number): void {
    let cap = this.#cap;
    while (cap < size) cap *= 2;
    const G = this.#G, w0 = this.#cap + 1, w1 = cap + 1;
    const next = new Float64Array(G * w1);
    for (let r = 0; r < G; r++) next.set(this.#dense.subarray(r * w0, r * w0 + w0), r * w1);
    this.#dense = next;
    this.#cap = cap;
  }
  /** The compact matrix, rows labelled by `values`, with N_v = `nV`. */
  finish(values: Float64Array, nV: number): SizeMatrix {
    const G = this.#G, w = this.#cap + 1, maxS = this.#maxSize;
    const used: number[] = [];
    for (let s = 1; s <= maxS; s++) {
      for (let r = 0; r < G; r++) {
        if (this.#dense[r * w + s] !== 0) {
          used.push(s);
          break;
        }
      }
    }
    const C = used.length;
    const counts = new Float64Array(G * C);
    for (let r = 0; r < G; r++) for (let c = 0; c < C; c++) counts[r * C + c] = this.#dense[r * w + used[c]];
    return { rows: values, cols: Float64Array.from(used), counts, nV };
  }
}

/** Sum of matrices with the same rows (columns are united); N_v is summed. */
export function mergeSizeMatrices(ms: readonly SizeMatrix[]): SizeMatrix {
  if (ms.length === 1) return ms[0];
  const rows = ms[0].rows;
  const G = rows.length;
  const colSet = new Set<number>();
  for (const m of ms) for (const c of m.cols) colSet.add(c);
  const cols = Float64Array.from([...colSet].sort((a, b) => a - b));
  const pos = new Map<number, number>();
  cols.forEach((c, i) => pos.set(c, i));
  const C = cols.length;
  const counts = new Float64Array(G * C);
  let nV = 0;
  for (const m of ms) {
    nV += m.nV;
    const mc = m.cols.length;
    for (let j = 0; j < mc; j++) {
      const t = pos.get(m.cols[j])!;
      for (let r = 0; r < G; r++) counts[r * C + t] += m.counts[r * mc + j];
    }
  }
  return { rows, cols, counts, nV };
}

/** Margins and total of a size matrix, computed once and shared by the features. */
export interface SizeStats {
  readonly m: SizeMatrix;
  /** N_s = Σ m_ij. */
  readonly n: number;
  /** Row margins r_i. */
  readonly rowSum: Float64Array;
  /** Column margins c_j. */
  readonly colSum: Float64Array;
}

/** Margins and N_s of `m`. */
export function sizeStats(m: SizeMatrix): SizeStats {
  const G = m.rows.length, C = m.cols.length;
  const rowSum = new Float64Array(G), colSum = new Float64Array(C);
  let n = 0;
  for (let r = 0; r < G; r++) {
    for (let c = 0; c < C; c++) {
      const v = m.counts[r * C + c];
      rowSum[r] += v;
      colSum[c] += v;
      n += v;
    }
  }
  return { m, n, rowSum, colSum };
}

/** True when the matrix holds no counts. */
export function sizeMatrixEmpty(m: SizeMatrix): boolean {
  for (const v of m.counts) if (v !== 0) return false;
  return true;
}

/** Σ_ij i^a j^b m_ij / N_s (the emphasis features: a, b ∈ {−2, 0, 2}). */
export function emphasis(s: SizeStats, a: number, b: number): number {
  const { rows, cols, counts } = s.m;
  const C = cols.length;
  let acc = 0;
  for (let r = 0; r < rows.length; r++) {
    const wi = a === 0 ? 1 : Math.pow(rows[r], a);
    for (let c = 0; c < C; c++) {
      const v = counts[r * C + c];
      if (v !== 0) acc += v * wi * (b === 0 ? 1 : Math.pow(cols[c], b));
    }
  }
  return acc / s.n;
}

/** Σ_i r_i² / N_s, or Σ_i r_i² / N_s² when `normalised`. */
export function rowNonUniformity(s: SizeStats, normalised: boolean): number {
  let acc = 0;
  for (const v of s.rowSum) acc += v * v;
  return normalised ? acc / (s.n * s.n) : acc / s.n;
}

/** Σ_j c_j² / N_s, or Σ_j c_j² / N_s² when `normalised`. */
export function colNonUniformity(s: SizeStats, normalised: boolean): number {
  let acc = 0;
  for (const v of s.colSum) acc += v * v;
  return normalised ? acc / (s.n * s.n) : acc / s.n;
}

/** Variance of the row value under p_ij: Σ (i − μ)² p_ij with μ = Σ i p_ij. */
export function rowVariance(s: SizeStats): number {
  return marginVariance(s.m.rows, s.rowSum, s.n);
}

/** Variance of the column value under p_ij: Σ (j − μ)² p_ij with μ = Σ j p_ij. */
export function colVariance(s: SizeStats): number {
  return marginVariance(s.m.cols, s.colSum, s.n);
}

function marginVariance(v: Float64Array, w: Float64Array, n: number): number {
  let mu = 0;
  for (let k = 0; k < v.length; k++) mu += v[k] * w[k];
  mu /= n;
  let acc = 0;
  for (let k = 0; k < v.length; k++) acc += (v[k] - mu) * (v[k] - mu) * w[k];
  return acc / n;
}

/** Entropy −Σ p_ij log₂ p_ij over p_ij > 0. */
export function matrixEntropy(s: SizeStats): number {
  let acc = 0;
  for (const v of s.m.counts) {
    if (v > 0) {
      const p = v / s.n;
      acc -= p * Math.log2(p);
    }
  }
  return acc;
}

/** Energy Σ p_ij². */
export function matrixEnergy(s: SizeStats): number {
  let acc = 0;
  for (const v of s.m.counts) acc += v * v;
  return acc / (s.n * s.n);
}
