/**
 * pyradiomics-compatible extraction: pyradiomics' defaults, its feature definitions where they
 * differ from IBSI, and its names (`original_<class>_<Feature>`, classes firstorder, shape, glcm,
 * glrlm, glszm, gldm, ngtdm).
 *
 * ## What differs from this library's IBSI path (and is done here)
 *
 * - Fixed bin width (default 25) counts bins from 0, not from the ROI minimum or re-segmentation
 *   bound: level = ⌊x/W⌋ − ⌊min/W⌋ + 1 (pyradiomics `imageoperations.binImage`; numpy.digitize on
 *   edges W·⌊min/W⌋ + kW). Fixed bin count (`binCount`): IBSI FBN (numpy.histogram edges).
 * - First order (`firstorder`): Energy = Σ(x + c)², c = `voxelArrayShift` (default 0);
 *   TotalEnergy = V_voxel · Energy; RootMeanSquared = √(Energy/N_p); Kurtosis = μ₄/σ⁴ (not excess);
 *   Entropy and Uniformity over the discretised levels (log₂, +eps); percentiles by numpy's linear
 *   rule (index p·(N−1)); RobustMeanAbsoluteDeviation over the voxels within [P10, P90];
 *   StandardDeviation and Variance with denominator N.
 * - Shape (`shape`): IBSI mesh features from `morphology.ts` under pyradiomics' names, plus the
 *   pyradiomics-only Maximum2DDiameterSlice/Column/Row: the largest distance between mesh vertices
 *   sharing the same z (slice, axial plane), the same x (column: the y–z plane) or the same y (row:
 *   the x–z plane), in mm (pyradiomics `cshape.c`, vertices grouped by equal coordinate).
 * - Texture: IBSI matrices from `texture/mod.ts`; pyradiomics' default per-direction averaging is
 *   IBSI "3D averaged" (ITBB) for GLCM/GLRLM and 3D (KOBO) for the others; `weightingNorm:
 *   "no_weighting"` merges the direction matrices ("3D merged", IAZD); `force2D` builds in-plane
 *   matrices per slice summed over slices, features per direction then averaged ("2.5D direction
 *   merged", JJUI) for GLCM/GLRLM and "2.5D" (62GR) for the others. GLDM = IBSI NGLDM (α = `gldm_a`).
 * - Normalisation (`normalize`): (x − mean)/SD · `normalizeScale` over the whole image (SimpleITK
 *   NormalizeImageFilter, SD with denominator N − 1).
 * - Re-segmentation: `resegmentMode` "absolute" (range; one value = lower bound only) or "sigma"
 *   (mean ± k·SD of the ROI). Resampling: `resampledPixelSpacing` with B-spline interpolation of
 *   the image via `preprocess.ts` (IBSI grid alignment; pyradiomics aligns its grid on the ROI's
 *   bounding box and resamples the mask by nearest neighbour: a known source of small differences).
 *
 * Not computed: glcm MCC (maximal correlation coefficient; no IBSI counterpart), shape2D.
 *
 * References: pyradiomics documentation "Radiomic Features" and `radiomics/*.py` (van Griethuysen
 * et al., Cancer Res 2017;77:e104–e107); IBSI reference manual for the shared definitions.
 */
import { type Image, makeImage } from "./image.ts";
import { checkImageMask } from "./checks.ts";
import { discretise, preprocess, type PreprocessedRoi } from "./preprocess.ts";
import { morphology } from "./morphology.ts";
import { marchingCubes } from "./mesh.ts";
import type { DiscretisedRoi } from "./roi.ts";
import { computeTextureFeatures, type TextureFamily } from "./texture/mod.ts";

/** pyradiomics feature classes. */
export type PyradiomicsClass = "firstorder" | "shape" | "glcm" | "glrlm" | "glszm" | "gldm" | "ngtdm";
export const PYRADIOMICS_CLASSES: readonly PyradiomicsClass[] = ["firstorder", "shape", "glcm", "glrlm", "glszm", "gldm", "ngtdm"];

/** pyradiomics settings (names as in its parameter files). */
export interface PyradiomicsSettings {
  /** Fixed bin width (default 25). */ readonly binWidth?: number;
  /** Fixed bin count; when set, used instead of binWidth (default unset). */ readonly binCount?: number | null;
  /** Added to intensities for Energy, TotalEnergy, RMS (default 0). */ readonly voxelArrayShift?: number;
  /** In-plane texture per slice (default false). */ readonly force2D?: boolean;
  /** "no_weighting" merges direction matrices (default null: average per direction). */ readonly weightingNorm?: string | null;
  /** Re-segmentation range (default null); one value = lower bound only. */ readonly resegmentRange?: readonly number[] | null;
  /** "absolute" (default) or "sigma". */ readonly resegmentMode?: "absolute" | "sigma";
  /** Normalise the image (default false). */ readonly normalize?: boolean;
  /** Scale after normalisation (default 1). */ readonly normalizeScale?: number;
  /** Resample to this spacing (mm; default null). */ readonly resampledPixelSpacing?: readonly number[] | null;
  /** Interpolator for resampling (default "bspline" = sitkBSpline). */ readonly interpolator?: "bspline" | "linear";
  /** ROI label (default 1). */ readonly label?: number;
  /** GLDM coarseness α (default 0). */ readonly gldm_a?: number;
}

/** pyradiomics' defaults. */
export const PYRADIOMICS_DEFAULTS: Required<PyradiomicsSettings> = {
  binWidth: 25,
  binCount: null,
  voxelArrayShift: 0,
  force2D: false,
  weightingNorm: null,
  resegmentRange: null,
  resegmentMode: "absolute",
  normalize: false,
  normalizeScale: 1,
  resampledPixelSpacing: null,
  interpolator: "bspline",
  label: 1,
  gldm_a: 0,
};

/** pyradiomics texture names → this library's keys (`<family>_<Key>` from texture/mod.ts). */
export const PYRADIOMICS_TEXTURE_NAMES: Readonly<Record<Exclude<PyradiomicsClass, "firstorder" | "shape">, Readonly<Record<string, string>>>> = {
  glcm: {
    Autocorrelation: "glcm_Autocorrelation", JointAverage: "glcm_JointAverage", ClusterProminence: "glcm_ClusterProminence",
    ClusterShade: "glcm_ClusterShade", ClusterTendency: "glcm_ClusterTendency", Contrast: "glcm_Contrast", Correlation: "glcm_Correlation",
    DifferenceAverage: "glcm_DifferenceAverage", DifferenceEntropy: "glcm_DifferenceEntropy", DifferenceVariance: "glcm_DifferenceVariance",
    JointEnergy: "glcm_AngularSecondMoment", JointEntropy: "glcm_JointEntropy", Imc1: "glcm_InformationCorrelation1",
    Imc2: "glcm_InformationCorrelation2", Idm: "glcm_InverseDifferenceMoment", Idmn: "glcm_NormalisedInverseDifferenceMoment",
    Id: "glcm_InverseDifference", Idn: "glcm_NormalisedInverseDifference", InverseVariance: "glcm_InverseVariance",
    MaximumProbability: "glcm_JointMaximum", SumAverage: "glcm_SumAverage", SumEntropy: "glcm_SumEntropy", SumSquares: "glcm_JointVariance",
  },
  glrlm: {
    ShortRunEmphasis: "glrlm_ShortRunsEmphasis", LongRunEmphasis: "glrlm_LongRunsEmphasis", GrayLevelNonUniformity: "glrlm_GreyLevelNonUniformity",
    GrayLevelNonUniformityNormalized: "glrlm_NormalisedGreyLevelNonUniformity", RunLengthNonUniformity: "glrlm_RunLengthNonUniformity",
    RunLengthNonUniformityNormalized: "glrlm_NormalisedRunLengthNonUniformity", RunPercentage: "glrlm_RunPercentage",
    GrayLevelVariance: "glrlm_GreyLevelVariance", RunVariance: "glrlm_RunLengthVariance", RunEntropy: "glrlm_RunEntropy",
    LowGrayLevelRunEmphasis: "glrlm_LowGreyLevelRunEmphasis", HighGrayLevelRunEmphasis: "glrlm_HighGreyLevelRunEmphasis",
    ShortRunLowGrayLevelEmphasis: "glrlm_ShortRunLowGreyLevelEmphasis", ShortRunHighGrayLevelEmphasis: "glrlm_ShortRunHighGreyLevelEmphasis",
    LongRunLowGrayLevelEmphasis: "glrlm_LongRunLowGreyLevelEmphasis", LongRunHighGrayLevelEmphasis: "glrlm_LongRunHighGreyLevelEmphasis",
  },
  glszm: {
    SmallAreaEmphasis: "glszm_SmallZoneEmphasis", LargeAreaEmphasis: "glszm_LargeZoneEmphasis", GrayLevelNonUniformity: "glszm_GreyLevelNonUniformity",
    GrayLevelNonUniformityNormalized: "glszm_NormalisedGreyLevelNonUniformity", SizeZoneNonUniformity: "glszm_ZoneSizeNonUniformity",
    SizeZoneNonUniformityNormalized: "glszm_NormalisedZoneSizeNonUniformity", ZonePercentage: "glszm_ZonePercentage",
    GrayLevelVariance: "glszm_GreyLevelVariance", ZoneVariance: "glszm_ZoneSizeVariance", ZoneEntropy: "glszm_ZoneSizeEntropy",
    LowGrayLevelZoneEmphasis: "glszm_LowGreyLevelZoneEmphasis", HighGrayLevelZoneEmphasis: "glszm_HighGreyLevelZoneEmphasis",
    SmallAreaLowGrayLevelEmphasis: "glszm_SmallZoneLowGreyLevelEmphasis", SmallAreaHighGrayLevelEmphasis: "glszm_SmallZoneHighGreyLevelEmphasis",
    LargeAreaLowGrayLevelEmphasis: "glszm_LargeZoneLowGreyLevelEmphasis", LargeAreaHighGrayLevelEmphasis: "glszm_LargeZoneHighGreyLevelEmphasis",
  },
  gldm: {
    SmallDependenceEmphasis: "ngldm_LowDependenceEmphasis", LargeDependenceEmphasis: "ngldm_HighDependenceEmphasis",
    GrayLevelNonUniformity: "ngldm_GreyLevelNonUniformity", GrayLevelNonUniformityNormalized: "ngldm_NormalisedGreyLevelNonUniformity",
    DependenceNonUniformity: "ngldm_DependenceCountNonUniformity", DependenceNonUniformityNormalized: "ngldm_NormalisedDependenceCountNonUniformity",
    GrayLevelVariance: "ngldm_GreyLevelVariance", DependenceVariance: "ngldm_DependenceCountVariance", DependenceEntropy: "ngldm_DependenceCountEntropy",
    LowGrayLevelEmphasis: "ngldm_LowGreyLevelCountEmphasis", HighGrayLevelEmphasis: "ngldm_HighGreyLevelCountEmphasis",
    SmallDependenceLowGrayLevelEmphasis: "ngldm_LowDependenceLowGreyLevelEmphasis", SmallDependenceHighGrayLevelEmphasis: "ngldm_LowDependenceHighGreyLevelEmphasis",
    LargeDependenceLowGrayLevelEmphasis: "ngldm_HighDependenceLowGreyLevelEmphasis", LargeDependenceHighGrayLevelEmphasis: "ngldm_HighDependenceHighGreyLevelEmphasis",
  },
  ngtdm: { Coarseness: "ngtdm_Coarseness", Contrast: "ngtdm_Contrast", Busyness: "ngtdm_Busyness", Complexity: "ngtdm_Complexity", Strength: "ngtdm_Strength" },
};

/** pyradiomics shape names → IBSI codes (morphology.ts). */
export const PYRADIOMICS_SHAPE_CODES: Readonly<Record<string, string>> = {
  MeshVolume: "RNU0", VoxelVolume: "YEKZ", SurfaceArea: "C0JK", SurfaceVolumeRatio: "2PR5", Sphericity: "QCFX",
  Compactness1: "SKGS", Compactness2: "BQWJ", SphericalDisproportion: "KRCK", Maximum3DDiameter: "L0JK",
  MajorAxisLength: "TDIC", MinorAxisLength: "P9VJ", LeastAxisLength: "7J51", Elongation: "Q3CK", Flatness: "N17B",
};

const TEXTURE_OF: Record<string, TextureFamily> = { glcm: "glcm", glrlm: "glrlm", glszm: "glszm", gldm: "ngldm", ngtdm: "ngtdm" };

/** numpy.percentile, linear rule: value at index p/100·(N − 1) of the sorted values. */
export function numpyPercentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (p / 100) * (n - 1), lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * pyradiomics first-order features of the ROI intensities x (N_p voxels), levels the discretised
 * grey levels (same voxels), voxel volume V (mm³), shift c = voxelArrayShift. See the module
 * documentation for the definitions.
 */
export function pyradiomicsFirstOrder(x: Float64Array, levels: Int32Array, voxelVolume: number, shift = 0): Record<string, number> {
  const n = x.length;
  const s = Float64Array.from(x).sort();
  let sum = 0, energy = 0;
  for (const v of s) sum += v, energy += (v + shift) ** 2;
  const mean = sum / n;
  let m2 = 0, m3 = 0, m4 = 0, mad = 0;
  for (const v of s) {
    const d = v - mean;
    m2 += d * d, m3 += d * d * d, m4 += d * d * d * d, mad += Math.abs(d);
  }
  m2 /= n, m3 /= n, m4 /= n;
  const p10 = numpyPercentile(s, 10), p90 = numpyPercentile(s, 90);
  const inner = s.filter((v) => v >= p10 && v <= p90);
  const im = inner.reduce((a, b) => a + b, 0) / inner.length;
  const rmad = inner.reduce((a, b) => a + Math.abs(b - im), 0) / inner.length;
  const counts = new Map<number, number>();
  for (const l of levels) counts.set(l, (counts.get(l) ?? 0) + 1);
  let entropy = 0, uniformity = 0;
  for (const c of counts.values()) {
    const p = c / n;
    entropy -= p * Math.log2(p + 2.220446049250313e-16);
    uniformity += p * p;
  }
  return {
    Energy: energy,
    TotalEnergy: voxelVolume * energy,
    Entropy: entropy,
    Minimum: s[0],
    "10Percentile": p10,
    "90Percentile": p90,
    Maximum: s[n - 1],
    Mean: mean,
    Median: numpyPercentile(s, 50),
    InterquartileRange: numpyPercentile(s, 75) - numpyPercentile(s, 25),
    Range: s[n - 1] - s[0],
    MeanAbsoluteDeviation: mad / n,
    RobustMeanAbsoluteDeviation: rmad,
    RootMeanSquared: Math.sqrt(energy / n),
    StandardDeviation: Math.sqrt(m2),
    Skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0,
    Kurtosis: m2 > 0 ? m4 / (m2 * m2) : 0,
    Variance: m2,
    Uniformity: uniformity,
  };
}

/**
 * pyradiomics' maximum 2D diameters (mm) from the surface mesh: largest distance between vertices
 * with equal z (Slice), equal x (Column) and equal y (Row).
 */
export function maximum2DDiameters(vertices: Float64Array): { Slice: number; Column: number; Row: number } {
  const key = (v: number) => Math.round(v * 1e6);
  const res = { Slice: 0, Column: 0, Row: 0 };
  const groupMax = (axis: number, a: number, b: number): number => {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < vertices.length; i += 3) {
      const k = key(vertices[i + axis]);
      let g = groups.get(k);
      if (!g) groups.set(k, g = []);
      g.push(vertices[i + a], vertices[i + b]);
    }
    let best = 0;
    for (const g of groups.values()) {
      for (let i = 0; i < g.length; i += 2) {
        for (let j = i + 2; j < g.length; j += 2) {
          const d = (g[i] - g[j]) ** 2 + (g[i + 1] - g[j + 1]) ** 2;
          if (d > best) best = d;
        }
      }
    }
    return Math.sqrt(best);
  };
  res.Slice = groupMax(2, 0, 1);
  res.Column = groupMax(0, 1, 2);
  res.Row = groupMax(1, 0, 2);
  return res;
}

/** Image normalised as pyradiomics' `normalize`: (x − mean)/SD · scale over all voxels (SD with N − 1). */
export function normalizeImage(image: Image, scale = 1): Image {
  const n = image.data.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += image.data[i] * image.slope + image.inter;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (image.data[i] * image.slope + image.inter - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (image.data[i] * image.slope + image.inter - mean) / sd * scale;
  return makeImage(out, image.dims, image.affine, { source: image.source });
}

/** The ROI re-discretised with pyradiomics' fixed-bin-width rule (or FBN). */
export function pyradiomicsDiscretise(roi: PreprocessedRoi, s: Required<PyradiomicsSettings>): DiscretisedRoi {
  let vmin = Infinity, vmax = -Infinity;
  for (let i = 0; i < roi.intensityMask.length; i++) {
    if (!roi.intensityMask[i]) continue;
    const v = roi.intensity[i];
    if (v < vmin) vmin = v;
    if (v > vmax) vmax = v;
  }
  const d = s.binCount
    ? discretise(roi.intensity, roi.intensityMask, { method: "fbn", binCount: s.binCount }, vmin, vmax)
    : discretise(roi.intensity, roi.intensityMask, { method: "fbs", binWidth: s.binWidth, lowerBound: s.binWidth * Math.floor(vmin / s.binWidth) }, vmin, vmax);
  // pyradiomics' N_g is the highest level present (also for FBN)
  let maxLevel = 0;
  for (const l of d.levels) if (l > maxLevel) maxLevel = l;
  return { ...roi, levels: d.levels, nLevels: maxLevel, discretisation: d.record };
}

/**
 * pyradiomics-compatible features of one image and mask: `{ "original_<class>_<Feature>": value }`
 * for the requested classes (default all seven). See the module documentation for the definitions.
 */
export function pyradiomicsFeatures(
  image: Image,
  mask: Image,
  settings: PyradiomicsSettings = {},
  classes: readonly PyradiomicsClass[] = PYRADIOMICS_CLASSES,
): Record<string, number> {
  const s: Required<PyradiomicsSettings> = { ...PYRADIOMICS_DEFAULTS, ...settings };
  checkImageMask(image, mask, { label: s.label });
  const img = s.normalize ? normalizeImage(image, s.normalizeScale) : image;
  let range: [number, number] | null = null, outliers: number | null = null;
  if (s.resegmentRange && s.resegmentRange.length) {
    if (s.resegmentMode === "sigma") outliers = Math.max(Math.abs(s.resegmentRange[0]), Math.abs(s.resegmentRange[s.resegmentRange.length - 1]));
    else range = [s.resegmentRange[0], s.resegmentRange.length > 1 ? s.resegmentRange[1] : Infinity];
  }
  const roi = preprocess(img, mask, {
    resampledSpacing: s.resampledPixelSpacing,
    interpolator: s.interpolator,
    roundIntensities: false,
    resegmentRange: range,
    resegmentOutliers: outliers,
    discretisation: { method: "fbn", binCount: 1 },
    label: s.label,
    marginMm: 0,
  });
  const droi = pyradiomicsDiscretise(roi, s);
  const out: Record<string, number> = {};
  if (classes.includes("firstorder")) {
    const xs: number[] = [], ls: number[] = [];
    for (let i = 0; i < droi.intensityMask.length; i++) if (droi.intensityMask[i]) xs.push(droi.intensity[i]), ls.push(droi.levels[i]);
    const vv = roi.spacing[0] * roi.spacing[1] * roi.spacing[2];
    for (const [k, v] of Object.entries(pyradiomicsFirstOrder(Float64Array.from(xs), Int32Array.from(ls), vv, s.voxelArrayShift))) out[`original_firstorder_${k}`] = v;
  }
  if (classes.includes("shape")) {
    const m = morphology(droi);
    for (const [name, code] of Object.entries(PYRADIOMICS_SHAPE_CODES)) {
      const f = m.find((r) => r.ibsiCode === code);
      if (f) out[`original_shape_${name}`] = f.value;
    }
    const d2 = maximum2DDiameters(marchingCubes(droi.morphMask, droi.dims, droi.spacing).vertices);
    out.original_shape_Maximum2DDiameterSlice = d2.Slice;
    out.original_shape_Maximum2DDiameterColumn = d2.Column;
    out.original_shape_Maximum2DDiameterRow = d2.Row;
  }
  const tex = (["glcm", "glrlm", "glszm", "gldm", "ngtdm"] as const).filter((c) => classes.includes(c));
  if (tex.length) {
    const aggregations = s.force2D ? ["JJUI", "62GR"] : s.weightingNorm === "no_weighting" ? ["IAZD", "KOBO"] : ["ITBB", "KOBO"];
    const rows = computeTextureFeatures(droi, { families: tex.map((c) => TEXTURE_OF[c]), aggregations, distance: 1, ngldmAlpha: s.gldm_a });
    const byKey = new Map(rows.map((r) => [r.key, r.value]));
    for (const c of tex) {
      for (const [py, key] of Object.entries(PYRADIOMICS_TEXTURE_NAMES[c])) {
        const v = byKey.get(key);
        if (v !== undefined) out[`original_${c}_${py}`] = v;
      }
    }
  }
  return out;
}
