/**
 * Grey level co-occurrence matrix (GLCM, IBSI LFYI) and its 25 features.
 *
 * Matrix: for a direction Δ = δ·(dx, dy, dz), M_Δ(i, j) counts pairs of ROI voxels (k, k + Δ) with grey
 * levels i and j; the matrix is made symmetric, M = M_Δ + M_−Δ (IBSI). Voxels outside the ROI (intensity
 * mask) take no part. 2D matrices use the 4 in-plane directions per slice, 3D matrices the 13 directions
 * (see directions.ts); aggregation as in aggregate.ts (BTW3, SUJT, JJUI, ZW7Z, ITBB, IAZD).
 *
 * Notation: p_ij = M_ij / Σ M (joint probability), N_g the number of grey levels of the discretisation,
 * p_i. = Σ_j p_ij and p_.j = Σ_i p_ij the margins with means μ_i., μ_.j and standard deviations σ_i., σ_.j,
 * p_{i−j}(k) = Σ_{|i−j|=k} p_ij (k = 0..N_g−1) and p_{i+j}(k) = Σ_{i+j=k} p_ij (k = 2..2N_g). Logarithms
 * are base 2. Grey levels i, j are the discretised levels (1..N_g), not their compact indices.
 *
 * Settings: distance δ (default 1, Chebyshev norm), N_g from the ROI (for the normalised inverse
 * differences). The matrix is sized by the G grey levels present in the ROI.
 *
 * References: Haralick, Shanmugam, Dinstein, IEEE Trans SMC 1973; IBSI reference manual, section
 * "Grey level co-occurrence based features" (Zwanenburg et al., Radiology 2020); pyradiomics glcm.py.
 */
import { type CompactRoi, paddedGrid } from "./levels.ts";
import type { Offset } from "./directions.ts";
import type { FeatureDef, MatrixOps } from "./aggregate.ts";

/** A symmetric co-occurrence count matrix over the G grey levels present. */
export interface CoMatrix {
  /** Grey level of each row/column, ascending. */
  readonly levels: Float64Array;
  /** Counts, G × G row-major, symmetric. */
  readonly counts: Float64Array;
  /** N_g of the discretisation. */
  readonly nG: number;
}

/**
 * Count co-occurrences along `dir` (already scaled by δ) for the slices z0 ≤ z < z1 of `roi` (for 2D: one
 * slice with an in-plane direction). One pass over the voxels, no allocation besides the result.
 */
export function glcmMatrix(roi: CompactRoi, dir: Offset, z0 = 0, z1 = roi.nz): CoMatrix {
  const { G } = roi;
  const counts = new Float64Array(G * G);
  const [dx, dy, dz] = dir;
  const pad = Math.max(Math.abs(dx), Math.abs(dy), Math.abs(dz), 1);
  const pg = paddedGrid(roi, pad);
  const P = pg.index, vox = pg.voxels;
  const step = dx + pg.px * (dy + pg.py * dz);
  // a 2D direction (dz = 0) keeps pairs within the slice; a 3D one may cross slices only for z0..z1 = all
  const lo = pg.sliceStart[z0], hi = pg.sliceStart[z1];
  for (let v = lo; v < hi; v++) {
    const k = vox[v];
    const b = P[k + step];
    if (b < 0) continue;
    const a = P[k];
    counts[a * G + b]++;
    counts[b * G + a]++;
  }
  return { levels: roi.values, counts, nG: roi.nG };
}

/**
 * The co-occurrence matrices of several directions over the whole volume (z0 = 0, z1 = nz), the same
 * matrices as {@link glcmMatrix} per direction: one pass over the ROI voxels reads each voxel's level once
 * and counts the ordered pair (i, j) of every direction in integer arrays; M = C + Cᵀ at the end (the
 * symmetric count of both orders). Directions are taken in chunks whose integer counts stay ≤ 16 MiB.
 */
export function glcmMatrices(roi: CompactRoi, dirs: readonly Offset[]): CoMatrix[] {
  const { G } = roi, GG = G * G;
  let pad = 1;
  for (const [dx, dy, dz] of dirs) pad = Math.max(pad, Math.abs(dx), Math.abs(dy), Math.abs(dz));
  const pg = paddedGrid(roi, pad);
  const P = pg.index, vox = pg.voxels, nv = pg.sliceStart[roi.nz];
  const out: CoMatrix[] = [];
  const chunk = Math.max(1, Math.min(dirs.length, Math.floor((1 << 22) / Math.max(1, GG))));
  for (let d0 = 0; d0 < dirs.length; d0 += chunk) {
    const nd = Math.min(chunk, dirs.length - d0);
    const steps = Int32Array.from(dirs.slice(d0, d0 + nd), ([dx, dy, dz]) => dx + pg.px * (dy + pg.py * dz));
    const c = new Int32Array(nd * GG);
    for (let v = 0; v < nv; v++) {
      const k = vox[v];
      const row = P[k] * G;
      for (let d = 0, o = row; d < nd; d++, o += GG) {
        const b = P[k + steps[d]];
        if (b >= 0) c[o + b]++;
      }
    }
    for (let d = 0; d < nd; d++) {
      const counts = new Float64Array(GG), o = d * GG;
      for (let a = 0; a < G; a++) {
        for (let b = 0; b < G; b++) counts[a * G + b] = c[o + a * G + b] + c[o + b * G + a];
      }
      out.push({ levels: roi.values, counts, nG: roi.nG });
    }
  }
  return out;
}

/** Sum of co-occurrence matrices of the same ROI. */
export function mergeCoMatrices(ms: readonly CoMatrix[]): CoMatrix {
  if (ms.length === 1) return ms[0];
  const counts = new Float64Array(ms[0].counts.length);
  for (const m of ms) for (let k = 0; k < counts.length; k++) counts[k] += m.counts[k];
  return { levels: ms[0].levels, counts, nG: ms[0].nG };
}

/** Probabilities and margins of a GLCM, computed once per matrix and shared by the features. */
export interface GlcmStats {
  readonly levels: Float64Array;
  readonly G: number;
  readonly nG: number;
  /** p_ij, G × G. */
  readonly p: Float64Array;
  /** p_i. and p_.j. */
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly muX: number;
  readonly muY: number;
  readonly sdX: number;
  readonly sdY: number;
  /** p_{i−j}(k), k = 0..max level. */
  readonly pDiff: Float64Array;
  /** p_{i+j}(k), k = 0..2·max level. */
  readonly pSum: Float64Array;
}

/** Normalise `m` and compute its margins and diagonal sums. */
export function glcmStats(m: CoMatrix): GlcmStats {
  const G = m.levels.length, v = m.levels;
  let total = 0;
  for (const c of m.counts) total += c;
  const p = new Float64Array(G * G);
  const px = new Float64Array(G), py = new Float64Array(G);
  const maxV = G ? v[G - 1] : 0;
  const pDiff = new Float64Array(maxV + 1), pSum = new Float64Array(2 * maxV + 1);
  for (let i = 0; i < G; i++) {
    for (let j = 0; j < G; j++) {
      const q = m.counts[i * G + j] / total;
      p[i * G + j] = q;
      px[i] += q;
      py[j] += q;
      pDiff[Math.abs(v[i] - v[j])] += q;
      pSum[v[i] + v[j]] += q;
    }
  }
  let muX = 0, muY = 0;
  for (let i = 0; i < G; i++) {
    muX += v[i] * px[i];
    muY += v[i] * py[i];
  }
  let vx = 0, vy = 0;
  for (let i = 0; i < G; i++) {
    vx += (v[i] - muX) ** 2 * px[i];
    vy += (v[i] - muY) ** 2 * py[i];
  }
  return { levels: v, G, nG: m.nG, p, px, py, muX, muY, sdX: Math.sqrt(vx), sdY: Math.sqrt(vy), pDiff, pSum };
}

/** Σ_ij f(i, j) p_ij over the grey level values. */
function sumP(s: GlcmStats, f: (i: number, j: number) => number): number {
  const { G, levels: v, p } = s;
  let acc = 0;
  for (let a = 0; a < G; a++) {
    for (let b = 0; b < G; b++) {
      const q = p[a * G + b];
      if (q !== 0) acc += f(v[a], v[b]) * q;
    }
  }
  return acc;
}

function entropyOf(q: Float64Array): number {
  let acc = 0;
  for (const x of q) if (x > 0) acc -= x * Math.log2(x);
  return acc;
}

/** Joint maximum (IBSI GYBY): max_ij p_ij. */
export function jointMaximum(s: GlcmStats): number {
  let m = 0;
  for (const q of s.p) if (q > m) m = q;
  return m;
}

/** Joint average (IBSI 60VM): μ = Σ_ij i p_ij. */
export function jointAverage(s: GlcmStats): number {
  return sumP(s, (i) => i);
}

/** Joint variance (IBSI UR99): Σ_ij (i − μ)² p_ij, μ the joint average. */
export function jointVariance(s: GlcmStats): number {
  const mu = jointAverage(s);
  return sumP(s, (i) => (i - mu) * (i - mu));
}

/** Joint entropy (IBSI TU9B): −Σ_ij p_ij log₂ p_ij over p_ij > 0. */
export function jointEntropy(s: GlcmStats): number {
  return entropyOf(s.p);
}

/** Difference average (IBSI TF7R): μ_d = Σ_k k p_{i−j}(k). */
export function differenceAverage(s: GlcmStats): number {
  let acc = 0;
  for (let k = 0; k < s.pDiff.length; k++) acc += k * s.pDiff[k];
  return acc;
}

/** Difference variance (IBSI D3YU): Σ_k (k − μ_d)² p_{i−j}(k). */
export function differenceVariance(s: GlcmStats): number {
  const mu = differenceAverage(s);
  let acc = 0;
  for (let k = 0; k < s.pDiff.length; k++) acc += (k - mu) * (k - mu) * s.pDiff[k];
  return acc;
}

/** Difference entropy (IBSI NTRS): −Σ_k p_{i−j}(k) log₂ p_{i−j}(k). */
export function differenceEntropy(s: GlcmStats): number {
  return entropyOf(s.pDiff);
}

/** Sum average (IBSI ZGXS): μ_s = Σ_k k p_{i+j}(k). */
export function sumAverage(s: GlcmStats): number {
  let acc = 0;
  for (let k = 0; k < s.pSum.length; k++) acc += k * s.pSum[k];
  return acc;
}

/** Sum variance (IBSI OEEB): Σ_k (k − μ_s)² p_{i+j}(k). */
export function sumVariance(s: GlcmStats): number {
  const mu = sumAverage(s);
  let acc = 0;
  for (let k = 0; k < s.pSum.length; k++) acc += (k - mu) * (k - mu) * s.pSum[k];
  return acc;
}

/** Sum entropy (IBSI P6QZ): −Σ_k p_{i+j}(k) log₂ p_{i+j}(k). */
export function sumEntropy(s: GlcmStats): number {
  return entropyOf(s.pSum);
}

/** Angular second moment (energy, IBSI 8ZQL): Σ_ij p_ij². */
export function angularSecondMoment(s: GlcmStats): number {
  let acc = 0;
  for (const q of s.p) acc += q * q;
  return acc;
}

/** Contrast (IBSI ACUI): Σ_ij (i − j)² p_ij. */
export function contrast(s: GlcmStats): number {
  return sumP(s, (i, j) => (i - j) * (i - j));
}

/** Dissimilarity (IBSI 8S9J): Σ_ij |i − j| p_ij. */
export function dissimilarity(s: GlcmStats): number {
  return sumP(s, (i, j) => Math.abs(i - j));
}

/** Inverse difference (IBSI IB1Z): Σ_ij p_ij / (1 + |i − j|). */
export function inverseDifference(s: GlcmStats): number {
  return sumP(s, (i, j) => 1 / (1 + Math.abs(i - j)));
}

/** Normalised inverse difference (IBSI NDRX): Σ_ij p_ij / (1 + |i − j| / N_g). */
export function normalisedInverseDifference(s: GlcmStats): number {
  const ng = s.nG;
  return sumP(s, (i, j) => 1 / (1 + Math.abs(i - j) / ng));
}

/** Inverse difference moment (IBSI WF0Z): Σ_ij p_ij / (1 + (i − j)²). */
export function inverseDifferenceMoment(s: GlcmStats): number {
  return sumP(s, (i, j) => 1 / (1 + (i - j) * (i - j)));
}

/** Normalised inverse difference moment (IBSI 1QCO): Σ_ij p_ij / (1 + (i − j)² / N_g²). */
export function normalisedInverseDifferenceMoment(s: GlcmStats): number {
  const ng2 = s.nG * s.nG;
  return sumP(s, (i, j) => 1 / (1 + ((i - j) * (i - j)) / ng2));
}

/** Inverse variance (IBSI E8JP): Σ_{i≠j} p_ij / (i − j)² = Σ_{k≥1} p_{i−j}(k) / k². */
export function inverseVariance(s: GlcmStats): number {
  let acc = 0;
  for (let k = 1; k < s.pDiff.length; k++) acc += s.pDiff[k] / (k * k);
  return acc;
}

/**
 * Correlation (IBSI NI2N): Σ_ij (i − μ_i.)(j − μ_.j) p_ij / (σ_i. σ_.j). Undefined (NaN) when a margin has
 * zero variance (one grey level).
 */
export function correlation(s: GlcmStats): number {
  if (s.sdX === 0 || s.sdY === 0) return NaN;
  return sumP(s, (i, j) => (i - s.muX) * (j - s.muY)) / (s.sdX * s.sdY);
}

/** Autocorrelation (IBSI QWB0): Σ_ij i j p_ij. */
export function autocorrelation(s: GlcmStats): number {
  return sumP(s, (i, j) => i * j);
}

/** Cluster tendency (IBSI DG8W): Σ_ij (i + j − μ_i. − μ_.j)² p_ij. */
export function clusterTendency(s: GlcmStats): number {
  const m = s.muX + s.muY;
  return sumP(s, (i, j) => (i + j - m) ** 2);
}

/** Cluster shade (IBSI 7NFM): Σ_ij (i + j − μ_i. − μ_.j)³ p_ij. */
export function clusterShade(s: GlcmStats): number {
  const m = s.muX + s.muY;
  return sumP(s, (i, j) => (i + j - m) ** 3);
}

/** Cluster prominence (IBSI AE86): Σ_ij (i + j − μ_i. − μ_.j)⁴ p_ij. */
export function clusterProminence(s: GlcmStats): number {
  const m = s.muX + s.muY;
  return sumP(s, (i, j) => (i + j - m) ** 4);
}

function marginalEntropies(s: GlcmStats): { hx: number; hxy1: number; hxy2: number } {
  const { G, p, px, py } = s;
  let hxy1 = 0, hxy2 = 0;
  for (let a = 0; a < G; a++) {
    for (let b = 0; b < G; b++) {
      const pp = px[a] * py[b];
      if (pp > 0) {
        const l = Math.log2(pp);
        hxy1 -= p[a * G + b] * l;
        hxy2 -= pp * l;
      }
    }
  }
  return { hx: entropyOf(px), hxy1, hxy2 };
}

/**
 * Information correlation 1 (IBSI R8DG): (HXY − HXY1) / HX, with HXY the joint entropy,
 * HX = −Σ_i p_i. log₂ p_i. and HXY1 = −Σ_ij p_ij log₂(p_i. p_.j). Undefined (NaN) when HX = 0 (one grey
 * level).
 */
export function informationCorrelation1(s: GlcmStats): number {
  const { hx, hxy1 } = marginalEntropies(s);
  if (hx === 0) return NaN;
  return (jointEntropy(s) - hxy1) / hx;
}

/**
 * Information correlation 2 (IBSI JN9H): √(1 − exp(−2 (HXY2 − HXY))), with
 * HXY2 = −Σ_ij p_i. p_.j log₂(p_i. p_.j) (entropies in bits, as in the IBSI manual).
 */
export function informationCorrelation2(s: GlcmStats): number {
  const { hxy2 } = marginalEntropies(s);
  const d = Math.max(0, hxy2 - jointEntropy(s));
  return Math.sqrt(1 - Math.exp(-2 * d));
}

const ONE_LEVEL = "zero variance of the GLCM margins (one grey level in the matrix)";

/** The GLCM features in IBSI order. */
export const GLCM_FEATURES: readonly FeatureDef<GlcmStats>[] = [
  { name: "Joint maximum", key: "JointMaximum", code: "GYBY", fn: jointMaximum },
  { name: "Joint average", key: "JointAverage", code: "60VM", fn: jointAverage },
  { name: "Joint variance", key: "JointVariance", code: "UR99", fn: jointVariance },
  { name: "Joint entropy", key: "JointEntropy", code: "TU9B", fn: jointEntropy },
  { name: "Difference average", key: "DifferenceAverage", code: "TF7R", fn: differenceAverage },
  { name: "Difference variance", key: "DifferenceVariance", code: "D3YU", fn: differenceVariance },
  { name: "Difference entropy", key: "DifferenceEntropy", code: "NTRS", fn: differenceEntropy },
  { name: "Sum average", key: "SumAverage", code: "ZGXS", fn: sumAverage },
  { name: "Sum variance", key: "SumVariance", code: "OEEB", fn: sumVariance },
  { name: "Sum entropy", key: "SumEntropy", code: "P6QZ", fn: sumEntropy },
  { name: "Angular second moment", key: "AngularSecondMoment", code: "8ZQL", fn: angularSecondMoment },
  { name: "Contrast", key: "Contrast", code: "ACUI", fn: contrast },
  { name: "Dissimilarity", key: "Dissimilarity", code: "8S9J", fn: dissimilarity },
  { name: "Inverse difference", key: "InverseDifference", code: "IB1Z", fn: inverseDifference },
  {
    name: "Normalised inverse difference",
    key: "NormalisedInverseDifference",
    code: "NDRX",
    fn: normalisedInverseDifference,
  },
  {
    name: "Inverse difference moment",
    key: "InverseDifferenceMoment",
    code: "WF0Z",
    fn: inverseDifferenceMoment,
  },
  {
    name: "Normalised inverse difference moment",
    key: "NormalisedInverseDifferenceMoment",
    code: "1QCO",
    fn: normalisedInverseDifferenceMoment,
  },
  { name: "Inverse variance", key: "InverseVariance", code: "E8JP", fn: inverseVariance },
  { name: "Correlation", key: "Correlation", code: "NI2N", fn: correlation, undefinedWhen: ONE_LEVEL },
  { name: "Autocorrelation", key: "Autocorrelation", code: "QWB0", fn: autocorrelation },
  { name: "Cluster tendency", key: "ClusterTendency", code: "DG8W", fn: clusterTendency },
  { name: "Cluster shade", key: "ClusterShade", code: "7NFM", fn: clusterShade },
  { name: "Cluster prominence", key: "ClusterProminence", code: "AE86", fn: clusterProminence },
  {
    name: "Information correlation 1",
    key: "InformationCorrelation1",
    code: "R8DG",
    fn: informationCorrelation1,
    undefinedWhen: "HX = 0 (one grey level in the matrix)",
  },
  {
    name: "Information correlation 2",
    key: "InformationCorrelation2",
    code: "JN9H",
    fn: informationCorrelation2,
  },
];

/** Aggregation operations of the GLCM. */
export const GLCM_OPS: MatrixOps<CoMatrix, GlcmStats> = {
  merge: mergeCoMatrices,
  isEmpty: (m) => !m.counts.some((c) => c !== 0),
  stats: glcmStats,
  emptyReason: "no pair of ROI voxels at the GLCM distance (e.g. a single-voxel ROI or slice)",
};
