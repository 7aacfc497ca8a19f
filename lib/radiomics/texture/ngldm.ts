/**
 * Neighbouring grey level dependence matrix (NGLDM, IBSI REK0; pyradiomics: GLDM) and its 17 features.
 *
 * Matrix: for each ROI voxel of grey level i, its dependence count j is 1 + the number of ROI voxels in its
 * neighbourhood (Chebyshev distance ≤ δ, centre excluded) whose grey level differs from i by at most α
 * (coarseness). s_ij counts voxels of grey level i with dependence count j. 2D matrices per slice
 * (in-slice neighbourhood), 3D over the volume; aggregation 8QNN, 62GR, KOBO.
 *
 * Notation: N_s = Σ s_ij (the number of neighbourhoods = ROI voxels), N_v the number of ROI voxels,
 * s_i. and s_.j the margins, p_ij = s_ij / N_s; i is the grey level, j the dependence count.
 *
 * Settings: distance δ (default 1), coarseness α (default 0).
 *
 * References: Sun & Wee, Comput Vision Graph Image Process 1983; IBSI reference manual, section
 * "Neighbouring grey level dependence based features"; pyradiomics gldm.py.
 */
import { ScratchSlot } from "../scratch.ts";
import { type CompactRoi, flatSteps, paddedGrid } from "./levels.ts";
import type { FeatureDef, MatrixOps } from "./aggregate.ts";
import { chebyshevNeighbourhood } from "./directions.ts";
import { sizeOps } from "./glrlm.ts";
import {
  colNonUniformity,
  colVariance,
  emphasis,
  matrixEnergy,
  matrixEntropy,
  rowNonUniformity,
  rowVariance,
  SizeAccumulator,
  type SizeMatrix,
  type SizeStats,
} from "./size_matrix.ts";

/**
 * NGLDMs of `roi`: one per slice of the box for "2D", else one for the volume (one-element array).
 */
export function ngldmMatrices(roi: CompactRoi, dim: "2D" | "3D", delta = 1, alpha = 0): SizeMatrix[] {
  if (!(alpha >= 0)) throw new RangeError(`option "alpha": must be >= 0, got ${alpha}`);
  const { nz, values, G } = roi;
  const offs = chebyshevNeighbourhood(dim, delta);
  const K = offs.length;
  const pg = paddedGrid(roi, delta);
  const step = flatSteps(offs, pg), P = pg.index, vox = pg.voxels;
  const S = dim === "2D" ? nz : 1;
  const accs = Array.from({ length: S }, () => new SizeAccumulator(G, K + 1));
  // α = 0: "differs by at most 0" is the same compact index (levels are distinct)
  const exact = alpha === 0;
  if (exact) {
    // neighbour relations are symmetric: one pass per direction pair (offset and its opposite)
    // counts both ends of every equal pair; then the (level, dependence) counts go in per bin
    const dep = depBuffer.get(P.length, true);
    const half = step.filter((_, q) => q < K / 2);
    for (const st of half) {
      for (let v = 0; v < vox.length; v++) {
        const k = vox[v];
        if (P[k + st] === P[k]) dep[k]++, dep[k + st]++;
      }
    }
    const W = K + 2, bins = new Int32Array(G * W);
    for (let z = 0; z < nz; z++) {
      bins.fill(0);
      for (let v = pg.sliceStart[z], e = pg.sliceStart[z + 1]; v < e; v++) {
        const k = vox[v];
        bins[P[k] * W + dep[k] + 1]++;
      }
      const acc = accs[dim === "2D" ? z : 0];
      for (let g = 0; g < G; g++) {
        for (let d = 1; d < W; d++) if (bins[g * W + d]) acc.add(g, d, bins[g * W + d]);
      }
    }
    return accs.map((a, s) => a.finish(values, dim === "2D" ? roi.sliceVoxels[s] : roi.nVoxels));
  }
  for (let z = 0; z < nz; z++) {
    const acc = accs[dim === "2D" ? z : 0];
    for (let v = pg.sliceStart[z], e = pg.sliceStart[z + 1]; v < e; v++) {
      const k = vox[v];
      const g = P[k];
      let dep = 1;
      if (exact) {
        for (let q = 0; q < K; q++) if (P[k + step[q]] === g) dep++;
      } else {
        const vg = values[g];
        for (let q = 0; q < K; q++) {
          const h = P[k + step[q]];
          if (h >= 0 && Math.abs(values[h] - vg) <= alpha) dep++;
        }
      }
      acc.add(g, dep);
    }
  }
  return accs.map((a, s) => a.finish(values, dim === "2D" ? roi.sliceVoxels[s] : roi.nVoxels));
}

// the dependence-count buffer (zeroed per call; only used within one ngldmMatrices call)
const depBuffer = new ScratchSlot((n) => new Int32Array(n));

/** Low dependence emphasis (IBSI SODN): Σ_ij s_ij / j² / N_s. */
export function lowDependenceEmphasis(s: SizeStats): number {
  return emphasis(s, 0, -2);
}
/** High dependence emphasis (IBSI IMOQ): Σ_ij j² s_ij / N_s. */
export function highDependenceEmphasis(s: SizeStats): number {
  return emphasis(s, 0, 2);
}
/** Low grey level count emphasis (IBSI TL9H): Σ_ij s_ij / i² / N_s. */
export function lowGreyLevelCountEmphasis(s: SizeStats): number {
  return emphasis(s, -2, 0);
}
/** High grey level count emphasis (IBSI OAE7): Σ_ij i² s_ij / N_s. */
export function highGreyLevelCountEmphasis(s: SizeStats): number {
  return emphasis(s, 2, 0);
}
/** Low dependence low grey level emphasis (IBSI EQ3F): Σ_ij s_ij / (i² j²) / N_s. */
export function lowDependenceLowGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, -2, -2);
}
/** Low dependence high grey level emphasis (IBSI JA6D): Σ_ij i² s_ij / j² / N_s. */
export function lowDependenceHighGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, 2, -2);
}
/** High dependence low grey level emphasis (IBSI NBZI): Σ_ij j² s_ij / i² / N_s. */
export function highDependenceLowGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, -2, 2);
}
/** High dependence high grey level emphasis (IBSI 9QMG): Σ_ij i² j² s_ij / N_s. */
export function highDependenceHighGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, 2, 2);
}
/** Grey level non-uniformity (IBSI FP8K): Σ_i s_i.² / N_s. */
export function greyLevelNonUniformity(s: SizeStats): number {
  return rowNonUniformity(s, false);
}
/** Normalised grey level non-uniformity (IBSI 5SPA): Σ_i s_i.² / N_s². */
export function normalisedGreyLevelNonUniformity(s: SizeStats): number {
  return rowNonUniformity(s, true);
}
/** Dependence count non-uniformity (IBSI Z87G): Σ_j s_.j² / N_s. */
export function dependenceCountNonUniformity(s: SizeStats): number {
  return colNonUniformity(s, false);
}
/** Normalised dependence count non-uniformity (IBSI OKJI): Σ_j s_.j² / N_s². */
export function normalisedDependenceCountNonUniformity(s: SizeStats): number {
  return colNonUniformity(s, true);
}
/** Dependence count percentage (IBSI 6XV8): N_s / N_v (1 when every ROI voxel has a neighbourhood). */
export function dependenceCountPercentage(s: SizeStats): number {
  return s.n / s.m.nV;
}
/** Grey level variance (IBSI 1PFV): Σ_ij (i − μ)² p_ij, μ = Σ_ij i p_ij. */
export function greyLevelVariance(s: SizeStats): number {
  return rowVariance(s);
}
/** Dependence count variance (IBSI DNX2): Σ_ij (j − μ)² p_ij, μ = Σ_ij j p_ij. */
export function dependenceCountVariance(s: SizeStats): number {
  return colVariance(s);
}
/** Dependence count entropy (IBSI FCBV): −Σ_ij p_ij log₂ p_ij. */
export function dependenceCountEntropy(s: SizeStats): number {
  return matrixEntropy(s);
}
/** Dependence count energy (IBSI CAS9): Σ_ij p_ij². */
export function dependenceCountEnergy(s: SizeStats): number {
  return matrixEnergy(s);
}

/** The NGLDM features in IBSI order. */
export const NGLDM_FEATURES: readonly FeatureDef<SizeStats>[] = [
  { name: "Low dependence emphasis", key: "LowDependenceEmphasis", code: "SODN", fn: lowDependenceEmphasis },
  {
    name: "High dependence emphasis",
    key: "HighDependenceEmphasis",
    code: "IMOQ",
    fn: highDependenceEmphasis,
  },
  {
    name: "Low grey level count emphasis",
    key: "LowGreyLevelCountEmphasis",
    code: "TL9H",
    fn: lowGreyLevelCountEmphasis,
  },
  {
    name: "High grey level count emphasis",
    key: "HighGreyLevelCountEmphasis",
    code: "OAE7",
    fn: highGreyLevelCountEmphasis,
  },
  {
    name: "Low dependence low grey level emphasis",
    key: "LowDependenceLowGreyLevelEmphasis",
    code: "EQ3F",
    fn: lowDependenceLowGreyLevelEmphasis,
  },
  {
    name: "Low dependence high grey level emphasis",
    key: "LowDependenceHighGreyLevelEmphasis",
    code: "JA6D",
    fn: lowDependenceHighGreyLevelEmphasis,
  },
  {
    name: "High dependence low grey level emphasis",
    key: "HighDependenceLowGreyLevelEmphasis",
    code: "NBZI",
    fn: highDependenceLowGreyLevelEmphasis,
  },
  {
    name: "High dependence high grey level emphasis",
    key: "HighDependenceHighGreyLevelEmphasis",
    code: "9QMG",
    fn: highDependenceHighGreyLevelEmphasis,
  },
  {
    name: "Grey level non-uniformity",
    key: "GreyLevelNonUniformity",
    code: "FP8K",
    fn: greyLevelNonUniformity,
  },
  {
    name: "Normalised grey level non-uniformity",
    key: "NormalisedGreyLevelNonUniformity",
    code: "5SPA",
    fn: normalisedGreyLevelNonUniformity,
  },
  {
    name: "Dependence count non-uniformity",
    key: "DependenceCountNonUniformity",
    code: "Z87G",
    fn: dependenceCountNonUniformity,
  },
  {
    name: "Normalised dependence count non-uniformity",
    key: "NormalisedDependenceCountNonUniformity",
    code: "OKJI",
    fn: normalisedDependenceCountNonUniformity,
  },
  {
    name: "Dependence count percentage",
    key: "DependenceCountPercentage",
    code: "6XV8",
    fn: dependenceCountPercentage,
  },
  { name: "Grey level variance", key: "GreyLevelVariance", code: "1PFV", fn: greyLevelVariance },
  {
    name: "Dependence count variance",
    key: "DependenceCountVariance",
    code: "DNX2",
    fn: dependenceCountVariance,
  },
  {
    name: "Dependence count entropy",
    key: "DependenceCountEntropy",
    code: "FCBV",
    fn: dependenceCountEntropy,
  },
  { name: "Dependence count energy", key: "DependenceCountEnergy", code: "CAS9", fn: dependenceCountEnergy },
];

/** Aggregation operations of the NGLDM. */
export const NGLDM_OPS: MatrixOps<SizeMatrix, SizeStats> = sizeOps("no ROI voxel in the slice or volume");
