/**
 * Grey level distance zone matrix (GLDZM, IBSI VMDZ) and its 16 features.
 *
 * Matrix: d_ij counts zones (as in the GLSZM: voxels of one grey level connected at Chebyshev distance 1,
 * taken from the intensity mask) of grey level i whose distance to the ROI border is j. The distance of a
 * voxel is the number of face steps (6-connectivity in 3D, 4 in a slice) to leave the morphological mask,
 * 1 for border voxels; the zone's distance is the minimum over its voxels (see zones.ts). 2D matrices per
 * slice (in-slice zones and distances), 3D over the volume; aggregation 8QNN, 62GR, KOBO.
 *
 * Notation: N_s = Σ d_ij the number of zones, N_v the number of ROI voxels, d_i. and d_.j the margins,
 * p_ij = d_ij / N_s; i is the grey level, j the distance.
 *
 * References: Thibault et al., IEEE TBME 2013 (GLDZM); IBSI reference manual, section "Grey level
 * distance zone based features".
 */
import type { FeatureDef, MatrixOps } from "./aggregate.ts";
import { sizeOps } from "./glrlm.ts";
import {
  colNonUniformity,
  colVariance,
  emphasis,
  matrixEntropy,
  rowNonUniformity,
  rowVariance,
  type SizeMatrix,
  type SizeStats,
} from "./size_matrix.ts";

export { zoneMatrices } from "./glszm.ts";

/** Small distance emphasis (IBSI 0GBI): Σ_ij d_ij / j² / N_s. */
export function smallDistanceEmphasis(s: SizeStats): number {
  return emphasis(s, 0, -2);
}
/** Large distance emphasis (IBSI MB4I): Σ_ij j² d_ij / N_s. */
export function largeDistanceEmphasis(s: SizeStats): number {
  return emphasis(s, 0, 2);
}
/** Low grey level zone emphasis (IBSI S1RA): Σ_ij d_ij / i² / N_s. */
export function lowGreyLevelZoneEmphasis(s: SizeStats): number {
  return emphasis(s, -2, 0);
}
/** High grey level zone emphasis (IBSI K26C): Σ_ij i² d_ij / N_s. */
export function highGreyLevelZoneEmphasis(s: SizeStats): number {
  return emphasis(s, 2, 0);
}
/** Small distance low grey level emphasis (IBSI RUVG): Σ_ij d_ij / (i² j²) / N_s. */
export function smallDistanceLowGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, -2, -2);
}
/** Small distance high grey level emphasis (IBSI DKNJ): Σ_ij i² d_ij / j² / N_s. */
export function smallDistanceHighGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, 2, -2);
}
/** Large distance low grey level emphasis (IBSI A7WM): Σ_ij j² d_ij / i² / N_s. */
export function largeDistanceLowGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, -2, 2);
}
/** Large distance high grey level emphasis (IBSI KLTH): Σ_ij i² j² d_ij / N_s. */
export function largeDistanceHighGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, 2, 2);
}
/** Grey level non-uniformity (IBSI VFT7): Σ_i d_i.² / N_s. */
export function greyLevelNonUniformity(s: SizeStats): number {
  return rowNonUniformity(s, false);
}
/** Normalised grey level non-uniformity (IBSI 7HP3): Σ_i d_i.² / N_s². */
export function normalisedGreyLevelNonUniformity(s: SizeStats): number {
  return rowNonUniformity(s, true);
}
/** Zone distance non-uniformity (IBSI V294): Σ_j d_.j² / N_s. */
export function zoneDistanceNonUniformity(s: SizeStats): number {
  return colNonUniformity(s, false);
}
/** Normalised zone distance non-uniformity (IBSI IATH): Σ_j d_.j² / N_s². */
export function normalisedZoneDistanceNonUniformity(s: SizeStats): number {
  return colNonUniformity(s, true);
}
/** Zone percentage (IBSI VIWW): N_s / N_v. */
export function zonePercentage(s: SizeStats): number {
  return s.n / s.m.nV;
}
/** Grey level variance (IBSI QK93): Σ_ij (i − μ)² p_ij, μ = Σ_ij i p_ij. */
export function greyLevelVariance(s: SizeStats): number {
  return rowVariance(s);
}
/** Zone distance variance (IBSI 7WT1): Σ_ij (j − μ)² p_ij, μ = Σ_ij j p_ij. */
export function zoneDistanceVariance(s: SizeStats): number {
  return colVariance(s);
}
/** Zone distance entropy (IBSI GBDU): −Σ_ij p_ij log₂ p_ij. */
export function zoneDistanceEntropy(s: SizeStats): number {
  return matrixEntropy(s);
}

/** The GLDZM features in IBSI order. */
export const GLDZM_FEATURES: readonly FeatureDef<SizeStats>[] = [
  { name: "Small distance emphasis", key: "SmallDistanceEmphasis", code: "0GBI", fn: smallDistanceEmphasis },
  { name: "Large distance emphasis", key: "LargeDistanceEmphasis", code: "MB4I", fn: largeDistanceEmphasis },
  {
    name: "Low grey level zone emphasis",
    key: "LowGreyLevelZoneEmphasis",
    code: "S1RA",
    fn: lowGreyLevelZoneEmphasis,
  },
  {
    name: "High grey level zone emphasis",
    key: "HighGreyLevelZoneEmphasis",
    code: "K26C",
    fn: highGreyLevelZoneEmphasis,
  },
  {
    name: "Small distance low grey level emphasis",
    key: "SmallDistanceLowGreyLevelEmphasis",
    code: "RUVG",
    fn: smallDistanceLowGreyLevelEmphasis,
  },
  {
    name: "Small distance high grey level emphasis",
    key: "SmallDistanceHighGreyLevelEmphasis",
    code: "DKNJ",
    fn: smallDistanceHighGreyLevelEmphasis,
  },
  {
    name: "Large distance low grey level emphasis",
    key: "LargeDistanceLowGreyLevelEmphasis",
    code: "A7WM",
    fn: largeDistanceLowGreyLevelEmphasis,
  },
  {
    name: "Large distance high grey level emphasis",
    key: "LargeDistanceHighGreyLevelEmphasis",
    code: "KLTH",
    fn: largeDistanceHighGreyLevelEmphasis,
  },
  {
    name: "Grey level non-uniformity",
    key: "GreyLevelNonUniformity",
    code: "VFT7",
    fn: greyLevelNonUniformity,
  },
  {
    name: "Normalised grey level non-uniformity",
    key: "NormalisedGreyLevelNonUniformity",
    code: "7HP3",
    fn: normalisedGreyLevelNonUniformity,
  },
  {
    name: "Zone distance non-uniformity",
    key: "ZoneDistanceNonUniformity",
    code: "V294",
    fn: zoneDistanceNonUniformity,
  },
  {
    name: "Normalised zone distance non-uniformity",
    key: "NormalisedZoneDistanceNonUniformity",
    code: "IATH",
    fn: normalisedZoneDistanceNonUniformity,
  },
  { name: "Zone percentage", key: "ZonePercentage", code: "VIWW", fn: zonePercentage },
  { name: "Grey level variance", key: "GreyLevelVariance", code: "QK93", fn: greyLevelVariance },
  { name: "Zone distance variance", key: "ZoneDistanceVariance", code: "7WT1", fn: zoneDistanceVariance },
  { name: "Zone distance entropy", key: "ZoneDistanceEntropy", code: "GBDU", fn: zoneDistanceEntropy },
];

/** Aggregation operations of the GLDZM. */
export const GLDZM_OPS: MatrixOps<SizeMatrix, SizeStats> = sizeOps("no ROI voxel in the slice or volume");
