/**
 * Grey level size zone matrix (GLSZM, IBSI 9SAK) and its 16 features.
 *
 * Matrix: s_ij counts zones (see zones.ts: voxels of one grey level connected at Chebyshev distance 1,
 * 26-connected in 3D, 8-connected in a slice) of grey level i and size j voxels. No directions: 2D matrices
 * are built per slice, the 3D matrix over the volume; aggregation 8QNN (2D, averaged over slices), 62GR
 * (2.5D, slice matrices summed) and KOBO (3D).
 *
 * Notation: N_s = Σ s_ij the number of zones, N_v the number of ROI voxels, s_i. and s_.j the margins,
 * p_ij = s_ij / N_s; i is the grey level, j the zone size.
 *
 * References: Thibault et al., Proc. PRIP 2009 and IEEE TBME 2013; IBSI reference manual, section
 * "Grey level size zone based features"; pyradiomics glszm.py.
 */
import type { CompactRoi } from "./levels.ts";
import type { FeatureDef, MatrixOps } from "./aggregate.ts";
import type { Zones } from "./zones.ts";
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

/**
 * Zone matrices with columns taken from `column` of each zone ("size" for GLSZM, "distance" for GLDZM):
 * one per slice of the box when `perSlice`, else one for the volume (as a one-element array).
 * Built sparsely: the columns are the distinct sizes present (ascending), found by sorting, so a
 * zone of 500,000 voxels costs one column, not a dense row of 500,000 (the same matrix as a dense
 * accumulator restricted to its non-zero columns, counts exact).
 */
export function zoneMatrices(
  roi: CompactRoi,
  zones: Zones,
  column: "size" | "distance",
  perSlice: boolean,
): SizeMatrix[] {
  const S = perSlice ? roi.nz : 1;
  const G = roi.G, n = zones.count;
  const col = column === "size" ? zones.size : zones.distance;
  // zones grouped by slice (counting sort; one group for the volume)
  const start = new Int32Array(S + 1);
  for (let z = 0; z < n; z++) start[(perSlice ? zones.slice[z] : 0) + 1]++;
  for (let s = 0; s < S; s++) start[s + 1] += start[s];
  const order = new Int32Array(n), fill = start.slice(0, S);
  for (let z = 0; z < n; z++) order[fill[perSlice ? zones.slice[z] : 0]++] = z;
  const out: SizeMatrix[] = [];
  for (let s = 0; s < S; s++) {
    const a = start[s], b = start[s + 1];
    const sizes = new Int32Array(b - a);
    let m = 0;
    for (let k = a; k < b; k++) if (col[order[k]] >= 1) sizes[m++] = col[order[k]];
    const sorted = sizes.subarray(0, m).sort();
    let C = 0;
    for (let k = 0; k < m; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[C++] = sorted[k];
    const cols = Float64Array.from(sorted.subarray(0, C));
    const colOf = new Map<number, number>();
    for (let c = 0; c < C; c++) colOf.set(sorted[c], c);
    const counts = new Float64Array(G * C);
    for (let k = a; k < b; k++) {
      const z = order[k], v = col[z];
      if (v >= 1) counts[zones.level[z] * C + colOf.get(v)!] += 1;
    }
    out.push({ rows: roi.values, cols, counts, nV: perSlice ? roi.sliceVoxels[s] : roi.nVoxels });
  }
  return out;
}

/** Small zone emphasis (IBSI 5QRC): Σ_ij s_ij / j² / N_s. */
export function smallZoneEmphasis(s: SizeStats): number {
  return emphasis(s, 0, -2);
}
/** Large zone emphasis (IBSI 48P8): Σ_ij j² s_ij / N_s. */
export function largeZoneEmphasis(s: SizeStats): number {
  return emphasis(s, 0, 2);
}
/** Low grey level zone emphasis (IBSI XMSY): Σ_ij s_ij / i² / N_s. */
export function lowGreyLevelZoneEmphasis(s: SizeStats): number {
  return emphasis(s, -2, 0);
}
/** High grey level zone emphasis (IBSI 5GN9): Σ_ij i² s_ij / N_s. */
export function highGreyLevelZoneEmphasis(s: SizeStats): number {
  return emphasis(s, 2, 0);
}
/** Small zone low grey level emphasis (IBSI 5RAI): Σ_ij s_ij / (i² j²) / N_s. */
export function smallZoneLowGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, -2, -2);
}
/** Small zone high grey level emphasis (IBSI HW1V): Σ_ij i² s_ij / j² / N_s. */
export function smallZoneHighGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, 2, -2);
}
/** Large zone low grey level emphasis (IBSI YH51): Σ_ij j² s_ij / i² / N_s. */
export function largeZoneLowGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, -2, 2);
}
/** Large zone high grey level emphasis (IBSI J17V): Σ_ij i² j² s_ij / N_s. */
export function largeZoneHighGreyLevelEmphasis(s: SizeStats): number {
  return emphasis(s, 2, 2);
}
/** Grey level non-uniformity (IBSI JNSA): Σ_i s_i.² / N_s. */
export function greyLevelNonUniformity(s: SizeStats): number {
  return rowNonUniformity(s, false);
}
/** Normalised grey level non-uniformity (IBSI Y1RO): Σ_i s_i.² / N_s². */
export function normalisedGreyLevelNonUniformity(s: SizeStats): number {
  return rowNonUniformity(s, true);
}
/** Zone size non-uniformity (IBSI 4JP3): Σ_j s_.j² / N_s. */
export function zoneSizeNonUniformity(s: SizeStats): number {
  return colNonUniformity(s, false);
}
/** Normalised zone size non-uniformity (IBSI VB3A): Σ_j s_.j² / N_s². */
export function normalisedZoneSizeNonUniformity(s: SizeStats): number {
  return colNonUniformity(s, true);
}
/** Zone percentage (IBSI P30P): N_s / N_v. */
export function zonePercentage(s: SizeStats): number {
  return s.n / s.m.nV;
}
/** Grey level variance (IBSI BYLV): Σ_ij (i − μ)² p_ij, μ = Σ_ij i p_ij. */
export function greyLevelVariance(s: SizeStats): number {
  return rowVariance(s);
}
/** Zone size variance (IBSI 3NSA): Σ_ij (j − μ)² p_ij, μ = Σ_ij j p_ij. */
export function zoneSizeVariance(s: SizeStats): number {
  return colVariance(s);
}
/** Zone size entropy (IBSI GU8N): −Σ_ij p_ij log₂ p_ij. */
export function zoneSizeEntropy(s: SizeStats): number {
  return matrixEntropy(s);
}

/** The GLSZM features in IBSI order. */
export const GLSZM_FEATURES: readonly FeatureDef<SizeStats>[] = [
  { name: "Small zone emphasis", key: "SmallZoneEmphasis", code: "5QRC", fn: smallZoneEmphasis },
  { name: "Large zone emphasis", key: "LargeZoneEmphasis", code: "48P8", fn: largeZoneEmphasis },
  {
    name: "Low grey level zone emphasis",
    key: "LowGreyLevelZoneEmphasis",
    code: "XMSY",
    fn: lowGreyLevelZoneEmphasis,
  },
  {
    name: "High grey level zone emphasis",
    key: "HighGreyLevelZoneEmphasis",
    code: "5GN9",
    fn: highGreyLevelZoneEmphasis,
  },
  {
    name: "Small zone low grey level emphasis",
    key: "SmallZoneLowGreyLevelEmphasis",
    code: "5RAI",
    fn: smallZoneLowGreyLevelEmphasis,
  },
  {
    name: "Small zone high grey level emphasis",
    key: "SmallZoneHighGreyLevelEmphasis",
    code: "HW1V",
    fn: smallZoneHighGreyLevelEmphasis,
  },
  {
    name: "Large zone low grey level emphasis",
    key: "LargeZoneLowGreyLevelEmphasis",
    code: "YH51",
    fn: largeZoneLowGreyLevelEmphasis,
  },
  {
    name: "Large zone high grey level emphasis",
    key: "LargeZoneHighGreyLevelEmphasis",
    code: "J17V",
    fn: largeZoneHighGreyLevelEmphasis,
  },
  {
    name: "Grey level non-uniformity",
    key: "GreyLevelNonUniformity",
    code: "JNSA",
    fn: greyLevelNonUniformity,
  },
  {
    name: "Normalised grey level non-uniformity",
    key: "NormalisedGreyLevelNonUniformity",
    code: "Y1RO",
    fn: normalisedGreyLevelNonUniformity,
  },
  { name: "Zone size non-uniformity", key: "ZoneSizeNonUniformity", code: "4JP3", fn: zoneSizeNonUniformity },
  {
    name: "Normalised zone size non-uniformity",
    key: "NormalisedZoneSizeNonUniformity",
    code: "VB3A",
    fn: normalisedZoneSizeNonUniformity,
  },
  { name: "Zone percentage", key: "ZonePercentage", code: "P30P", fn: zonePercentage },
  { name: "Grey level variance", key: "GreyLevelVariance", code: "BYLV", fn: greyLevelVariance },
  { name: "Zone size variance", key: "ZoneSizeVariance", code: "3NSA", fn: zoneSizeVariance },
  { name: "Zone size entropy", key: "ZoneSizeEntropy", code: "GU8N", fn: zoneSizeEntropy },
];

/** Aggregation operations of the GLSZM. */
export const GLSZM_OPS: MatrixOps<SizeMatrix, SizeStats> = sizeOps("no ROI voxel in the slice or volume");
