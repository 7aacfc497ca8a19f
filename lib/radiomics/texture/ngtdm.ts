/**
 * Neighbourhood grey tone difference matrix (NGTDM, IBSI IPET) and its 5 features.
 *
 * Matrix: for each ROI voxel of grey level i, Ā is the mean grey level of the ROI voxels in its
 * neighbourhood (Chebyshev distance ≤ δ, centre excluded: 26 voxels in 3D, 8 in a slice for 2D); voxels
 * outside the ROI are not part of the neighbourhood, and a voxel with no ROI neighbour is not counted.
 * n_i is the number of counted voxels of grey level i and s_i = Σ |i − Ā| over them. 2D matrices per
 * slice, 3D over the volume; aggregation 8QNN, 62GR (n_i and s_i summed), KOBO.
 *
 * Notation: N_v,c = Σ n_i, p_i = n_i / N_v,c, N_g,p the number of grey levels with p_i > 0; sums over
 * i, j run over levels with p_i > 0, p_j > 0.
 *
 * Settings: distance δ (default 1). Edge values defined by IBSI: coarseness 10⁶ when Σ p_i s_i = 0;
 * busyness 0 when its denominator is 0; strength 0 when Σ s_i = 0; contrast 0 when N_g,p = 1.
 *
 * References: Amadasun & King, IEEE Trans SMC 1989; IBSI reference manual, section "Neighbourhood grey tone
 * difference based features"; pyradiomics ngtdm.py.
 */
import { ScratchSlot } from "../scratch.ts";
import { type CompactRoi, flatSteps, paddedGrid } from "./levels.ts";
import type { FeatureDef, MatrixOps } from "./aggregate.ts";
import { chebyshevNeighbourhood } from "./directions.ts";

/** An NGTDM: per grey level present, the count n_i and the sum of differences s_i. */
export interface ToneMatrix {
  readonly levels: Float64Array;
  readonly n: Float64Array;
  readonly s: Float64Array;
}

/**
 * NGTDMs of `roi`: one per slice of the box when `dim` is "2D", else one for the volume (a one-element
 * array). The neighbourhood sums are box sums: with a_v = (grey level)·M + 1 at ROI voxels (0 elsewhere,
 * M a power of two above the neighbourhood size) summed over the (2δ + 1)^d box by separable passes
 * along x, y (and z), each ROI voxel reads Σ grey levels and the ROI neighbour count from one number,
 * less its own term. All terms are integers far below 2⁵³, so the sums, and then n_i and s_i
 * (accumulated in box order as by a loop over the neighbour offsets), are exactly those of that loop.
 */
export function ngtdmMatrices(roi: CompactRoi, dim: "2D" | "3D", delta = 1): ToneMatrix[] {
  const { nz, values, G } = roi;
  const pg = paddedGrid(roi, delta);
  const P = pg.index, vox = pg.voxels, { px, py, pz } = pg;
  const S = dim === "2D" ? nz : 1;
  const n = Array.from({ length: S }, () => new Float64Array(G));
  const s = Array.from({ length: S }, () => new Float64Array(G));
  const w = 2 * delta + 1;
  const M = 2 ** Math.ceil(Math.log2(w ** (dim === "2D" ? 2 : 3) + 1));
  const vmax = G ? values[G - 1] : 0, invM = 1 / M;
  if (!(vmax * M * w ** 3 < 2 ** 52)) return ngtdmByOffsets(roi, dim, delta);
  let [a, b] = boxScratch(P.length);
  for (let v = 0; v < vox.length; v++) a[vox[v]] = values[P[vox[v]]] * M + 1;
  // dst[o] = Σ_{|d| ≤ δ} src[o + d·stride] for the positions at least δ from both ends of the axis
  // (the ROI voxels lie there; the rest stays 0, as the padding of src is 0 too)
  const pass = (src: Float64Array, dst: Float64Array, stride: number, n: number) => {
    const block = stride * n;
    for (let base = 0; base < src.length; base += block) {
      for (let o = base + delta * stride, e = base + block - delta * stride; o < e; o++) {
        let acc = src[o - delta * stride];
        for (let t = 1 - delta; t <= delta; t++) acc += src[o + t * stride];
        dst[o] = acc;
      }
    }
  };
  // along x (each row), y (each z plane), z; ping-pong between a and b
  for (let r = 0; r < P.length; r += px) {
    for (let o = r + delta, e = r + px - delta; o < e; o++) {
      let acc = a[o - delta];
      for (let t = 1 - delta; t <= delta; t++) acc += a[o + t];
      b[o] = acc;
    }
  }
  pass(b, a, px, py);
  if (dim === "3D") {
    pass(a, b, px * py, pz);
    [a, b] = [b, a];
  }
  const box = a;
  for (let z = 0; z < nz; z++) {
    const t = dim === "2D" ? z : 0;
    const nt = n[t], st = s[t];
    for (let v = pg.sliceStart[z], e = pg.sliceStart[z + 1]; v < e; v++) {
      const k = vox[v];
      const g = P[k];
      // tot = (Σ levels)·M + count with count < M: q = ⌊tot / M⌋ is exact (M a power of two), no fmod
      const tot = box[k];
      const q = Math.floor(tot * invM);
      const cnt = tot - q * M - 1;
      if (cnt === 0) continue;
      const sum = q - values[g];
      nt[g]++;
      st[g] += Math.abs(values[g] - sum / cnt);
    }
  }
  return n.map((nn, i) => ({ levels: values, n: nn, s: s[i] }));
}

// the two box-sum buffers (zeroed per call; only used within one ngtdmMatrices call)
const boxA = new ScratchSlot((n) => new Float64Array(n)), boxB = new ScratchSlot((n) => new Float64Array(n));

/** Two zeroed buffers of length n, reused across calls. */
function boxScratch(n: number): [Float64Array, Float64Array] {
  return [boxA.get(n, true), boxB.get(n, true)];
}

/** {@link ngtdmMatrices} by a loop over the neighbour offsets (grey levels too large to pack). */
function ngtdmByOffsets(roi: CompactRoi, dim: "2D" | "3D", delta: number): ToneMatrix[] {
  const { nz, values, G } = roi;
  const offs = chebyshevNeighbourhood(dim, delta);
  const K = offs.length;
  const pg = paddedGrid(roi, delta);
  const step = flatSteps(offs, pg), P = pg.index, vox = pg.voxels;
  const S = dim === "2D" ? nz : 1;
  const n = Array.from({ length: S }, () => new Float64Array(G));
  const s = Array.from({ length: S }, () => new Float64Array(G));
  for (let z = 0; z < nz; z++) {
    const t = dim === "2D" ? z : 0;
    const nt = n[t], st = s[t];
    for (let v = pg.sliceStart[z], e = pg.sliceStart[z + 1]; v < e; v++) {
      const k = vox[v];
      const g = P[k];
      let sum = 0, cnt = 0;
      for (let q = 0; q < K; q++) {
        const h = P[k + step[q]];
        if (h < 0) continue;
        sum += values[h];
        cnt++;
      }
      if (cnt === 0) continue;
      nt[g]++;
      st[g] += Math.abs(values[g] - sum / cnt);
    }
  }
  return n.map((nn, i) => ({ levels: values, n: nn, s: s[i] }));
}

/** Sum of NGTDMs (n_i and s_i summed). */
export function mergeToneMatrices(ms: readonly ToneMatrix[]): ToneMatrix {
  if (ms.length === 1) return ms[0];
  const G = ms[0].levels.length;
  const n = new Float64Array(G), s = new Float64Array(G);
  for (const m of ms) {
    for (let i = 0; i < G; i++) {
      n[i] += m.n[i];
      s[i] += m.s[i];
    }
  }
  return { levels: ms[0].levels, n, s };
}

/** Probabilities of an NGTDM restricted to the levels with p_i > 0. */
export interface ToneStats {
  /** Grey levels with n_i > 0. */
  readonly v: Float64Array;
  readonly p: Float64Array;
  readonly s: Float64Array;
  /** N_v,c. */
  readonly nvc: number;
  /** Σ_i s_i (over all levels). */
  readonly sumS: number;
}

/** p_i, s_i and N_v,c of an NGTDM. */
export function toneStats(m: ToneMatrix): ToneStats {
  let nvc = 0, sumS = 0;
  const v: number[] = [], nn: number[] = [], ss: number[] = [];
  for (let i = 0; i < m.levels.length; i++) {
    nvc += m.n[i];
    sumS += m.s[i];
    if (m.n[i] > 0) {
      v.push(m.levels[i]);
      nn.push(m.n[i]);
      ss.push(m.s[i]);
    }
  }
  return {
    v: Float64Array.from(v),
    p: Float64Array.from(nn, (x) => x / nvc),
    s: Float64Array.from(ss),
    nvc,
    sumS,
  };
}

/** Coarseness (IBSI QCDE): 1 / Σ_i p_i s_i; 10⁶ when the sum is 0 (IBSI cap). */
export function coarseness(t: ToneStats): number {
  let acc = 0;
  for (let i = 0; i < t.v.length; i++) acc += t.p[i] * t.s[i];
  return acc === 0 ? 1e6 : 1 / acc;
}

/**
 * Contrast (IBSI 65HE): [Σ_i Σ_j p_i p_j (i − j)² / (N_g,p (N_g,p − 1))] · [Σ_i s_i / N_v,c]; 0 when
 * N_g,p = 1.
 */
export function contrast(t: ToneStats): number {
  const N = t.v.length;
  if (N < 2) return 0;
  let acc = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) acc += t.p[i] * t.p[j] * (t.v[i] - t.v[j]) ** 2;
  return (acc / (N * (N - 1))) * (t.sumS / t.nvc);
}

/** Busyness (IBSI NQ30): Σ_i p_i s_i / Σ_i Σ_j |i p_i − j p_j|; 0 when the denominator is 0. */
export function busyness(t: ToneStats): number {
  const N = t.v.length;
  let num = 0, den = 0;
  for (let i = 0; i < N; i++) {
    num += t.p[i] * t.s[i];
    for (let j = 0; j < N; j++) den += Math.abs(t.v[i] * t.p[i] - t.v[j] * t.p[j]);
  }
  return den === 0 ? 0 : num / den;
}

/** Complexity (IBSI HDEZ): Σ_i Σ_j |i − j| (p_i s_i + p_j s_j) / (p_i + p_j) / N_v,c. */
export function complexity(t: ToneStats): number {
  const N = t.v.length;
  let acc = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      acc += (Math.abs(t.v[i] - t.v[j]) * (t.p[i] * t.s[i] + t.p[j] * t.s[j])) / (t.p[i] + t.p[j]);
    }
  }
  return acc / t.nvc;
}

/** Strength (IBSI 1X9X): Σ_i Σ_j (p_i + p_j)(i − j)² / Σ_i s_i; 0 when Σ_i s_i = 0. */
export function strength(t: ToneStats): number {
  if (t.sumS === 0) return 0;
  const N = t.v.length;
  let acc = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) acc += (t.p[i] + t.p[j]) * (t.v[i] - t.v[j]) ** 2;
  return acc / t.sumS;
}

/** The NGTDM features in IBSI order. */
export const NGTDM_FEATURES: readonly FeatureDef<ToneStats>[] = [
  { name: "Coarseness", key: "Coarseness", code: "QCDE", fn: coarseness },
  { name: "Contrast", key: "Contrast", code: "65HE", fn: contrast },
  { name: "Busyness", key: "Busyness", code: "NQ30", fn: busyness },
  { name: "Complexity", key: "Complexity", code: "HDEZ", fn: complexity },
  { name: "Strength", key: "Strength", code: "1X9X", fn: strength },
];

/** Aggregation operations of the NGTDM. */
export const NGTDM_OPS: MatrixOps<ToneMatrix, ToneStats> = {
  merge: mergeToneMatrices,
  isEmpty: (m) => !m.n.some((c) => c !== 0),
  stats: toneStats,
  emptyReason: "no ROI voxel has a neighbour in the ROI (e.g. a single-voxel ROI or slice)",
};
