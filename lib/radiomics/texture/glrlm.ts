/**
 * Grey level run length matrix (GLRLM, IBSI TP0I) and its 16 features.
 *
 * Matrix: for a direction Δ, r_ij counts runs (maximal sequences of consecutive ROI voxels along Δ with the
 * same grey level) of grey level i and length j. A run stops at the ROI border. 2D matrices use the 4
 * in-plane directions per slice, 3D matrices the 13 directions; aggregation as in aggregate.ts.
 *
 * Notation: N_s = Σ r_ij the number of runs, N_v the number of ROI voxels (summed with the matrices when
 * merged, so a 13-direction merged matrix has N_v = 13 × voxels), r_i. = Σ_j r_ij, r_.j = Σ_i r_ij,
 * p_ij = r_ij / N_s; i is the grey level, j the run length.
 *
 * References: Galloway, Comput Graph Image Process 1975; Chu et al. 1990; Dasarathy & Holder 1991;
 * IBSI reference manual, section "Grey level run length based features"; pyradiomics glrlm.py.
 */
import { ScratchSlot } from "../scratch.ts";
import { type CompactRoi, paddedGrid } from "./levels.ts";
import type { Offset } from "./directions.ts";
import type { FeatureDef, MatrixOps } from "./aggregate.ts";
import {
  colNonUniformity,
  colVariance,
  emphasis,
  matrixEntropy,
  mergeSizeMatrices,
  rowNonUniformity,
  rowVariance,
  SizeAccumulator,
  type SizeMatrix,
  sizeMatrixEmpty,
  type SizeStats,
  sizeStats,
} from "./size_matrix.ts";

/**
 * Run length matrix along `dir` for slices z0 ≤ z < z1 (2D: one slice with an in-plane direction). A run
 * continues while the next voxel along `dir` is in the ROI with the same grey level; one raster pass
 * carries the length so far from voxel to voxel and counts each run at its last voxel, so every voxel
 * is visited once.
 */
export function glrlmMatrix(roi: CompactRoi, dir: Offset, z0 = 0, z1 = roi.nz): SizeMatrix {
  const { nx, ny, nz, G } = roi;
  const [dx, dy, dz] = dir;
  const pg = paddedGrid(roi, 1);
  const P = pg.index, vox = pg.voxels;
  const step = dx + pg.px * (dy + pg.py * dz);
  const L = Math.max(nx, ny, nz), W = L + 1;
  const acc = new SizeAccumulator(G, L);
  // integer counts per (grey level, run length), handed to the accumulator once per bin
  const bins = new Int32Array(G * W);
  // runs stop at the padding (−1); with z0..z1 a single slice, directions are in-plane (dz = 0)
  const lo = pg.sliceStart[z0], hi = pg.sliceStart[z1];
  if (dz !== 0 && (z0 !== 0 || z1 !== nz)) {
    throw new RangeError(`glrlmMatrix: a direction with dz ≠ 0 needs the whole volume (z0 = 0, z1 = nz)`);
  }
  // raster pass: runs along Δ and −Δ are the same, so take the positive flat step s; voxels come in
  // increasing padded index, so the run length at k − s is known when k is reached, and a run is
  // counted at its last voxel (sequential reads only, no walk along the run)
  const s = Math.abs(step);
  const len = runBuffer.get(P.length);
  for (let v = lo; v < hi; v++) {
    const k = vox[v];
    const g = P[k];
    const l = P[k - s] === g ? len[k - s] + 1 : 1;
    len[k] = l;
    if (P[k + s] !== g) bins[g * W + l]++;
  }
  for (let g = 0; g < G; g++) {
    for (let len = 1; len < W; len++) if (bins[g * W + len]) acc.add(g, len, bins[g * W + len]);
  }
  return acc.finish(roi.values, hi - lo);
}

// run lengths per padded voxel, weakly kept for the next call (only cells of the current call's ROI
// voxels are read, after being written)
const runBuffer = new ScratchSlot((n) => new Int32Array(n));

/** Short runs emphasis (IBSI 22OV): Σ_ij r_ij / j² / N_s. */
export function shortRunsEmphasis(s: SizeStats): number {
  return emphasis(s, 0, -2);
}
/** Long runs emphasis (IBSI W4KF): Σ_ij j² r_ij / N_s. */
export function longRunsEmphasis(s: SizeStats): number {
  return emphasis(s, 0, 2);
}
/** Low grey level run emphasis (IBSI V3SW): Σ_ij r_ij / i² / N_s. */
export function lowGreyLevelRunEmphasis(s: SizeStats): number {
  return emphasis(s, -2, 0);
}
/** High grey level run emphasis (IBSI G3QZ): Σ_ij i² r_ij / N_s. */
export function highGreyLevelRunEmphasis(s: SizeStats): number {
  return emphasis(s, 2, 0);
}
/** Short run low grey level emphasis (IBSI HTZT): Σ_ij r_ij / (i² j²) / N_s. */
export function shortRunLowGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, -2, -2);
}
/** Short run high grey level emphasis (IBSI GD3A): Σ_ij i² r_ij / j² / N_s. */
export function shortRunHighGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, 2, -2);
}
/** Long run low grey level emphasis (IBSI IVPO): Σ_ij j² r_ij / i² / N_s. */
export function longRunLowGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, -2, 2);
}
/** Long run high grey level emphasis (IBSI 3KUM): Σ_ij i² j² r_ij / N_s. */
export function longRunHighGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, 2, 2);
}
/** Grey level non-uniformity (IBSI R5YN): Σ_i r_i.² / N_s. */
export function greyLevelNonUniformity(s: SizeStats): number {
  return rowNonUniformity(s, false);
}
/** Normalised grey level non-uniformity (IBSI OVBL): Σ_i r_i.² / N_s². */
export function normalisedGreyLevelNonUniformity(s: SizeStats): number {
  return rowNonUniformity(s, true);
}
/** Run length non-uniformity (IBSI W92Y): Σ_j r_.j² / N_s. */
export function runLengthNonUniformity(s: SizeStats): number {
  return colNonUniformity(s, false);
}
/** Normalised run length non-uniformity (IBSI IC23): Σ_j r_.j² / N_s². */
export function normalisedRunLengthNonUniformity(s: SizeStats): number {
  return colNonUniformity(s, true);
}
/** Run percentage (IBSI 9ZK5): N_s / N_v. */
export function runPercentage(s: SizeStats): number {
  return s.n / s.m.nV;
}
/** Grey level variance (IBSI 8CE5): Σ_ij (i − μ)² p_ij, μ = Σ_ij i p_ij. */
export function greyLevelVariance(s: SizeStats): number {
  return rowVariance(s);
}
/** Run length variance (IBSI SXLW): Σ_ij (j − μ)² p_ij, μ = Σ_ij j p_ij. */
export function runLengthVariance(s: SizeStats): number {
  return colVariance(s);
}
/** Run entropy (IBSI HJ9O): −Σ_ij p_ij log₂ p_ij. */
export function runEntropy(s: SizeStats): number {
  return matrixEntropy(s);
}

/** The GLRLM features in IBSI order. */
export const GLRLM_FEATURES: readonly FeatureDef<SizeStats>[] = [
  { name: "Short runs emphasis", key: "ShortRunsEmphasis", code: "22OV", fn: shortRunsEmphasis },
  { name: "Long runs emphasis", key: "LongRunsEmphasis", code: "W4KF", fn: longRunsEmphasis },
  {
    name: "Low grey level run emphasis",
    key: "LowGreyLevelRunEmphasis",
    code: "V3SW",
    fn: lowGreyLevelRunEmphasis,
  },
  {
    name: "High grey level run emphasis",
    key: "HighGreyLevelRunEmphasis",
    code: "G3QZ",
    fn: highGreyLevelRunEmphasis,
  },
  {
    name: "Short run low grey level emphasis",
    key: "ShortRunLowGreyLevelEmphasis",
    code: "HTZT",
    fn: shortRunLowGreyLevelEmphasis,
  },
  {
    name: "Short run high grey level emphasis",
    key: "ShortRunHighGreyLevelEmphasis",
    code: "GD3A",
    fn: shortRunHighGreyLevelEmphasis,
  },
  {
    name: "Long run low grey level emphasis",
    key: "LongRunLowGreyLevelEmphasis",
    code: "IVPO",
    fn: longRunLowGreyLevelEmphasis,
  },
  {
    name: "Long run high grey level emphasis",
    key: "LongRunHighGreyLevelEmphasis",
    code: "3KUM",
    fn: longRunHighGreyLevelEmphasis,
  },
  {
    name: "Grey level non-uniformity",
    key: "GreyLevelNonUniformity",
    code: "R5YN",
    fn: greyLevelNonUniformity,
  },
  {
    name: "Normalised grey level non-uniformity",
    key: "NormalisedGreyLevelNonUniformity",
    code: "OVBL",
    fn: normalisedGreyLevelNonUniformity,
  },
  {
    name: "Run length non-uniformity",
    key: "RunLengthNonUniformity",
    code: "W92Y",
    fn: runLengthNonUniformity,
  },
  {
    name: "Normalised run length non-uniformity",
    key: "NormalisedRunLengthNonUniformity",
    code: "IC23",
    fn: normalisedRunLengthNonUniformity,
  },
  { name: "Run percentage", key: "RunPercentage", code: "9ZK5", fn: runPercentage },
  { name: "Grey level variance", key: "GreyLevelVariance", code: "8CE5", fn: greyLevelVariance },
  { name: "Run length variance", key: "RunLengthVariance", code: "SXLW", fn: runLengthVariance },
  { name: "Run entropy", key: "RunEntropy", code: "HJ9O", fn: runEntropy },
];

/** Aggregation operations of the size-type matrices (GLRLM, GLSZM, GLDZM, NGLDM). */
export function sizeOps(emptyReason: string): MatrixOps<SizeMatrix, SizeStats> {
  return { merge: mergeSizeMatrices, isEmpty: sizeMatrixEmpty, stats: sizeStats, emptyReason };
}

/** Aggregation operations of the GLRLM. */
export const GLRLM_OPS: MatrixOps<SizeMatrix, SizeStats> = sizeOps("no ROI voxel in the slice or volume");
