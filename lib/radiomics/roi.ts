/**
 * The region of interest handed to every feature family after preprocessing (IBSI 1, chapter 2):
 * a cropped voxel grid holding the morphological mask, the re-segmented intensity mask, the
 * intensities and the discretised grey levels.
 *
 * Layout: three axes x, y, z with `dims = [nx, ny, nz]`; voxel (x, y, z) sits at flat index
 * `x + nx * (y + ny * z)` (NIfTI order, x fastest). z is the slice axis: 2D and 2.5D aggregations
 * work on the planes of constant z, in-plane neighbours differ in x and y only. The grid is cropped
 * to the bounding box of the morphological mask (plus a margin), so voxels outside the ROI exist and
 * must be ignored via the masks.
 *
 * ## Interface with the texture families (`lib/radiomics/texture/mod.ts`)
 *
 * The IBSI conformance suite (`lib/conformance/suites/ibsi.ts`) and `extract.ts` look for a module
 * `lib/radiomics/texture/mod.ts` exporting
 *
 * ```ts
 * export function computeTextureFeatures(roi: DiscretisedRoi, settings: TextureSettings): TextureFeatureValue[];
 * ```
 *
 * (type {@link ComputeTextureFeatures}). It returns one row per feature × aggregation it computed,
 * with the feature's IBSI code and the aggregation's IBSI code (see {@link TextureAggregationCode}).
 * Features it does not implement are simply absent (the suite reports them "not implemented").
 * Texture matrices use `levels` (grey levels 1..nLevels, 0 outside the intensity mask); the GLDZM
 * distance map uses `morphMask` (IBSI: zones from the intensity mask, distances from the
 * morphological mask). Neither input array may be mutated.
 */
import type { TextureFamily } from "./feature.ts";
export type { TextureFamily };

/** The preprocessed ROI on its cropped grid (see the module documentation for the layout). */
export interface DiscretisedRoi {
  /** Grid size [nx, ny, nz] of the cropped (and possibly resampled) volume; z is the slice axis. */
  readonly dims: readonly [number, number, number];
  /** Voxel spacing [sx, sy, sz] in mm after resampling. */
  readonly spacing: readonly [number, number, number];
  /**
   * Morphological mask (IBSI G5KJ): 1 where the voxel is in the ROI after mask interpolation and
   * the partial-volume threshold, 0 elsewhere. Never re-segmented.
   */
  readonly morphMask: Uint8Array;
  /**
   * Intensity mask (IBSI SEFI): the morphological mask after re-segmentation (range, outliers):
   * 1 inside, 0 outside. Always a subset of `morphMask`.
   */
  readonly intensityMask: Uint8Array;
  /** Intensities (after interpolation and rounding) inside the intensity mask, NaN outside. */
  readonly intensity: Float64Array;
  /** Discretised grey levels 1..nLevels inside the intensity mask, 0 outside. */
  readonly levels: Int32Array;
  /**
   * Number of grey levels N_g: the bin count for fixed bin number; for fixed bin size the highest
   * bin index reached from the lower bound (so levels 1..nLevels, some possibly empty).
   */
  readonly nLevels: number;
  /** Number of voxels in the intensity mask (N_v). */
  readonly nVoxels: number;
  /** How `levels` were obtained. */
  readonly discretisation: DiscretisationRecord;
}

/** How grey levels were made (echoed in outputs). */
export interface DiscretisationRecord {
  /** "fbn" fixed bin number (IBSI K15C), "fbs" fixed bin size (Q3RU), "none" values used as levels. */
  readonly method: "fbn" | "fbs" | "none";
  /** Bins for "fbn". */
  readonly binCount?: number;
  /** Bin width for "fbs". */
  readonly binWidth?: number;
  /** Lower bound x_min for "fbs" (re-segmentation lower bound, else the ROI minimum). */
  readonly lowerBound?: number;
}

/** Aggregation methods, IBSI codes (configs.md, "Aggregation"). */
export type TextureAggregationCode =
  // GLCM, GLRLM
  | "BTW3" // 2D, averaged
  | "SUJT" // 2D, slice-merged
  | "JJUI" // 2.5D, direction-merged
  | "ZW7Z" // 2.5D, merged
  | "ITBB" // 3D, averaged
  | "IAZD" // 3D, merged
  // GLSZM, GLDZM, NGTDM, NGLDM
  | "8QNN" // 2D
  | "62GR" // 2.5D
  | "KOBO"; // 3D

/** Settings passed to {@link ComputeTextureFeatures}. */
export interface TextureSettings {
  /**
   * Which aggregations to compute: "2D" (BTW3, SUJT, 8QNN), "2.5D" (JJUI, ZW7Z, 62GR),
   * "3D" (ITBB, IAZD, KOBO). The phantom asks all three; configs A/B ["2D", "2.5D"]; C–E ["3D"].
   */
  readonly dimensions: readonly ("2D" | "2.5D" | "3D")[];
  /** GLCM/NGTDM/NGLDM neighbourhood Chebyshev distance (default 1). */
  readonly distance: number;
  /** NGLDM coarseness α (default 0). */
  readonly ngldmAlpha: number;
  /** Families to compute (default all six). */
  readonly families?: readonly TextureFamily[];
}

/** One texture feature value. */
export interface TextureFeatureValue {
  readonly family: TextureFamily;
  /** Feature name as the IBSI manual's section heading, e.g. "Joint maximum". */
  readonly name: string;
  /** Feature IBSI code, e.g. "GYBY". */
  readonly ibsiCode: string;
  /** Aggregation IBSI code. */
  readonly aggregation: TextureAggregationCode;
  readonly value: number;
}

/** Signature of `computeTextureFeatures` exported by `lib/radiomics/texture/mod.ts`. */
export type ComputeTextureFeatures = (
  roi: DiscretisedRoi,
  settings: TextureSettings,
) => TextureFeatureValue[];

/** Flat index of voxel (x, y, z) on a grid of size dims. */
export function voxelIndex(dims: readonly [number, number, number], x: number, y: number, z: number): number {
  return x + dims[0] * (y + dims[1] * z);
}
