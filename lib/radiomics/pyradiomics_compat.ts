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
 *   sharing the same z (Slice, axial plane), the same y (Column: the x–z plane) or the same x (Row:
 *   the y–z plane), in mm (pyradiomics `cshape.c`, vertices grouped by equal coordinate).
 * - Texture: IBSI matrices from `texture/mod.ts`; pyradiomics' default per-direction averaging is
 *   IBSI "3D averaged" (ITBB) for GLCM/GLRLM and 3D (KOBO) for the others; `weightingNorm:
 *   "no_weighting"` merges the direction matrices ("3D merged", IAZD); `force2D` builds in-plane
 *   matrices per slice summed over slices, features per direction then averaged ("2.5D direction
 *   merged", JJUI) for GLCM/GLRLM and "2.5D" (62GR) for the others. GLDM = IBSI NGLDM (α = `gldm_a`).
 *   With a single grey level, where IBSI leaves them undefined (NaN), GLCM Correlation is 1 and
 *   Imc1 is 0, as pyradiomics sets them.
 * - Normalisation (`normalize`): (x − mean)/SD · `normalizeScale` over the whole image (SimpleITK
 *   NormalizeImageFilter, SD with denominator N − 1).
 * - Re-segmentation: `resegmentMode` "absolute" (range; one value = lower bound only) or "sigma"
 *   (mean ± k·SD of the ROI). Resampling (`resampledPixelSpacing`): pyradiomics' own grid (corner
 *   aligned, cropped to the ROI ± padDistance) with B-spline image and nearest-neighbour mask
 *   interpolation ({@link pyradiomicsResample}), not IBSI's centred grid and 0.5-threshold mask.
 *
 * - GLCM MCC (maximal correlation coefficient, pyradiomics only): √ of the second largest
 *   eigenvalue of Q(i, j) = Σ_k p(i,k) p(j,k) / (p_x(i) p_y(k)), per direction matrix then averaged
 *   (1 for a single grey level), see {@link maximalCorrelationCoefficient}.
 *
 * Not computed: shape2D.
 *
 * References: pyradiomics documentation "Radiomic Features" and `radiomics/*.py` (van Griethuysen
 * et al., Cancer Res 2017;77:e104–e107); IBSI reference manual for the shared definitions.
 */
import { type Image, makeImage } from "./image.ts";
import { checkImageMask } from "./checks.ts";
import { discretise, maskBoundingBox, preprocess, type PreprocessedRoi } from "./preprocess.ts";
import { morphology } from "./morphology.ts";
import { marchingCubes } from "./mesh.ts";
import type { DiscretisedRoi } from "./roi.ts";
import { compactRoi, computeTextureFeatures, type TextureFamily } from "./texture/mod.ts";
import { type CoMatrix, glcmMatrix, mergeCoMatrices } from "./texture/glcm.ts";
import { DIRECTIONS_2D, DIRECTIONS_3D } from "./texture/directions.ts";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { filterCase, type FilterSpec } from "./filters/mod.ts";

/** pyradiomics feature classes. */
export type PyradiomicsClass = "firstorder" | "shape" | "glcm" | "glrlm" | "glszm" | "gldm" | "ngtdm";
export const PYRADIOMICS_CLASSES: readonly PyradiomicsClass[] = [
  "firstorder",
  "shape",
  "glcm",
  "glrlm",
  "glszm",
  "gldm",
  "ngtdm",
];

/** pyradiomics settings (names as in its parameter files). */
export interface PyradiomicsSettings {
  /** Fixed bin width (default 25). */ readonly binWidth?: number;
  /** Fixed bin count; when set, used instead of binWidth (default unset). */ readonly binCount?:
    | number
    | null;
  /** Added to intensities for Energy, TotalEnergy, RMS (default 0). */ readonly voxelArrayShift?: number;
  /** In-plane texture per slice (default false). */ readonly force2D?: boolean;
  /** "no_weighting" merges direction matrices (default null: average per direction). */ readonly weightingNorm?:
    | string
    | null;
  /** Re-segmentation range (default null); one value = lower bound only. */ readonly resegmentRange?:
    | readonly number[]
    | null;
  /** "absolute" (default) or "sigma". */ readonly resegmentMode?: "absolute" | "sigma";
  /** Normalise the image (default false). */ readonly normalize?: boolean;
  /** Scale after normalisation (default 1). */ readonly normalizeScale?: number;
  /** Resample to this spacing (mm; default null). */ readonly resampledPixelSpacing?:
    | readonly number[]
    | null;
  /** Interpolator for resampling (default "bspline" = sitkBSpline). */ readonly interpolator?:
    | "bspline"
    | "linear";
  /** ROI label (default 1). */ readonly label?: number;
  /** GLDM coarseness α (default 0). */ readonly gldm_a?: number;
  /** Voxels (mm) kept around the ROI when resampling (default 5). */ readonly padDistance?: number;
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
  padDistance: 5,
};

/** pyradiomics texture names → this library's keys (`<family>_<Key>` from texture/mod.ts). */
export const PYRADIOMICS_TEXTURE_NAMES: Readonly<
  Record<Exclude<PyradiomicsClass, "firstorder" | "shape">, Readonly<Record<string, string>>>
> = {
  glcm: {
    Autocorrelation: "glcm_Autocorrelation",
    JointAverage: "glcm_JointAverage",
    ClusterProminence: "glcm_ClusterProminence",
    ClusterShade: "glcm_ClusterShade",
    ClusterTendency: "glcm_ClusterTendency",
    Contrast: "glcm_Contrast",
    Correlation: "glcm_Correlation",
    DifferenceAverage: "glcm_DifferenceAverage",
    DifferenceEntropy: "glcm_DifferenceEntropy",
    DifferenceVariance: "glcm_DifferenceVariance",
    JointEnergy: "glcm_AngularSecondMoment",
    JointEntropy: "glcm_JointEntropy",
    Imc1: "glcm_InformationCorrelation1",
    Imc2: "glcm_InformationCorrelation2",
    Idm: "glcm_InverseDifferenceMoment",
    Idmn: "glcm_NormalisedInverseDifferenceMoment",
    Id: "glcm_InverseDifference",
    Idn: "glcm_NormalisedInverseDifference",
    InverseVariance: "glcm_InverseVariance",
    MaximumProbability: "glcm_JointMaximum",
    SumAverage: "glcm_SumAverage",
    SumEntropy: "glcm_SumEntropy",
    SumSquares: "glcm_JointVariance",
  },
  glrlm: {
    ShortRunEmphasis: "glrlm_ShortRunsEmphasis",
    LongRunEmphasis: "glrlm_LongRunsEmphasis",
    GrayLevelNonUniformity: "glrlm_GreyLevelNonUniformity",
    GrayLevelNonUniformityNormalized: "glrlm_NormalisedGreyLevelNonUniformity",
    RunLengthNonUniformity: "glrlm_RunLengthNonUniformity",
    RunLengthNonUniformityNormalized: "glrlm_NormalisedRunLengthNonUniformity",
    RunPercentage: "glrlm_RunPercentage",
    GrayLevelVariance: "glrlm_GreyLevelVariance",
    RunVariance: "glrlm_RunLengthVariance",
    RunEntropy: "glrlm_RunEntropy",
    LowGrayLevelRunEmphasis: "glrlm_LowGreyLevelRunEmphasis",
    HighGrayLevelRunEmphasis: "glrlm_HighGreyLevelRunEmphasis",
    ShortRunLowGrayLevelEmphasis: "glrlm_ShortRunLowGreyLevelEmphasis",
    ShortRunHighGrayLevelEmphasis: "glrlm_ShortRunHighGreyLevelEmphasis",
    LongRunLowGrayLevelEmphasis: "glrlm_LongRunLowGreyLevelEmphasis",
    LongRunHighGrayLevelEmphasis: "glrlm_LongRunHighGreyLevelEmphasis",
  },
  glszm: {
    SmallAreaEmphasis: "glszm_SmallZoneEmphasis",
    LargeAreaEmphasis: "glszm_LargeZoneEmphasis",
    GrayLevelNonUniformity: "glszm_GreyLevelNonUniformity",
    GrayLevelNonUniformityNormalized: "glszm_NormalisedGreyLevelNonUniformity",
    SizeZoneNonUniformity: "glszm_ZoneSizeNonUniformity",
    SizeZoneNonUniformityNormalized: "glszm_NormalisedZoneSizeNonUniformity",
    ZonePercentage: "glszm_ZonePercentage",
    GrayLevelVariance: "glszm_GreyLevelVariance",
    ZoneVariance: "glszm_ZoneSizeVariance",
    ZoneEntropy: "glszm_ZoneSizeEntropy",
    LowGrayLevelZoneEmphasis: "glszm_LowGreyLevelZoneEmphasis",
    HighGrayLevelZoneEmphasis: "glszm_HighGreyLevelZoneEmphasis",
    SmallAreaLowGrayLevelEmphasis: "glszm_SmallZoneLowGreyLevelEmphasis",
    SmallAreaHighGrayLevelEmphasis: "glszm_SmallZoneHighGreyLevelEmphasis",
    LargeAreaLowGrayLevelEmphasis: "glszm_LargeZoneLowGreyLevelEmphasis",
    LargeAreaHighGrayLevelEmphasis: "glszm_LargeZoneHighGreyLevelEmphasis",
  },
  gldm: {
    SmallDependenceEmphasis: "ngldm_LowDependenceEmphasis",
    LargeDependenceEmphasis: "ngldm_HighDependenceEmphasis",
    GrayLevelNonUniformity: "ngldm_GreyLevelNonUniformity",
    GrayLevelNonUniformityNormalized: "ngldm_NormalisedGreyLevelNonUniformity",
    DependenceNonUniformity: "ngldm_DependenceCountNonUniformity",
    DependenceNonUniformityNormalized: "ngldm_NormalisedDependenceCountNonUniformity",
    GrayLevelVariance: "ngldm_GreyLevelVariance",
    DependenceVariance: "ngldm_DependenceCountVariance",
    DependenceEntropy: "ngldm_DependenceCountEntropy",
    LowGrayLevelEmphasis: "ngldm_LowGreyLevelCountEmphasis",
    HighGrayLevelEmphasis: "ngldm_HighGreyLevelCountEmphasis",
    SmallDependenceLowGrayLevelEmphasis: "ngldm_LowDependenceLowGreyLevelEmphasis",
    SmallDependenceHighGrayLevelEmphasis: "ngldm_LowDependenceHighGreyLevelEmphasis",
    LargeDependenceLowGrayLevelEmphasis: "ngldm_HighDependenceLowGreyLevelEmphasis",
    LargeDependenceHighGrayLevelEmphasis: "ngldm_HighDependenceHighGreyLevelEmphasis",
  },
  ngtdm: {
    Coarseness: "ngtdm_Coarseness",
    Contrast: "ngtdm_Contrast",
    Busyness: "ngtdm_Busyness",
    Complexity: "ngtdm_Complexity",
    Strength: "ngtdm_Strength",
  },
};

/** pyradiomics shape names → IBSI codes (morphology.ts). */
export const PYRADIOMICS_SHAPE_CODES: Readonly<Record<string, string>> = {
  MeshVolume: "RNU0",
  VoxelVolume: "YEKZ",
  SurfaceArea: "C0JK",
  SurfaceVolumeRatio: "2PR5",
  Sphericity: "QCFX",
  Compactness1: "SKGS",
  Compactness2: "BQWJ",
  SphericalDisproportion: "KRCK",
  Maximum3DDiameter: "L0JK",
  MajorAxisLength: "TDIC",
  MinorAxisLength: "P9VJ",
  LeastAxisLength: "7J51",
  Elongation: "Q3CK",
  Flatness: "N17B",
};

const TEXTURE_OF: Record<string, TextureFamily> = {
  glcm: "glcm",
  glrlm: "glrlm",
  glszm: "glszm",
  gldm: "ngldm",
  ngtdm: "ngtdm",
};

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
export function pyradiomicsFirstOrder(
  x: Float64Array,
  levels: Int32Array,
  voxelVolume: number,
  shift = 0,
): Record<string, number> {
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
 * with equal z (Slice: the x–y plane), equal y (Column: the x–z plane) and equal x (Row: the y–z
 * plane), as pyradiomics' baselines show (its docs name the planes in numpy (z, y, x) terms).
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
  res.Column = groupMax(1, 0, 2);
  res.Row = groupMax(0, 1, 2);
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

/**
 * pyradiomics' resampling (`imageoperations.resampleImage`): per axis with old spacing s, new
 * spacing t, ratio r = s/t and mask bounding box [lo, lo + n):
 * new index range L = ⌊(lo − ½)·r − pad⌋ … U = ⌈(lo + n − ½)·r + pad⌉ (clamped to 0 … ⌈N·r⌉ − 1),
 * new voxel j at old continuous index ½(t − s)/s + (L + j)·t/s (the new grid's corner on the old
 * image's corner, unlike IBSI's centred grids). Image: cubic B-spline (SimpleITK sitkBSpline:
 * Unser's prefilter with mirror boundaries, tensor-product evaluation; points outside
 * [−½, N − ½] get 0); mask: nearest neighbour (index ⌊c + ½⌋). `pad` = padDistance (default 5).
 */
export function pyradiomicsResample(
  image: Image,
  mask: Image,
  spacing: readonly number[],
  options: { label?: number; padDistance?: number; interpolator?: "bspline" | "linear" } = {},
): { image: Image; mask: Image } {
  const label = options.label ?? 1, pad = options.padDistance ?? 5;
  const bb = maskBoundingBox(mask, label);
  if (!bb) throw new RangeError(`${mask.source}: the mask has no voxel with label ${label} (empty ROI)`);
  const pos: Float64Array[] = [], cropLo: number[] = [], cropN: number[] = [], newSp: number[] = [];
  for (let a = 0; a < 3; a++) {
    const s0 = image.spacing[a], t = spacing[a] > 0 ? spacing[a] : s0, r = s0 / t, N = image.dims[a];
    const L = Math.max(0, Math.floor((bb.lo[a] - 0.5) * r - pad));
    const U = Math.min(Math.ceil(N * r) - 1, Math.ceil((bb.hi[a] + 1 - 0.5) * r + pad));
    const p = new Float64Array(U - L + 1);
    for (let j = 0; j < p.length; j++) p[j] = 0.5 * (t - s0) / s0 + (L + j) * t / s0;
    const lo = Math.max(0, Math.floor(p[0]) - 12), hi = Math.min(N - 1, Math.ceil(p[p.length - 1]) + 12);
    pos.push(p), cropLo.push(lo), cropN.push(hi - lo + 1), newSp.push(t);
    void L;
  }
  // copy the crop (float) and resample axis by axis
  let dims: [number, number, number] = [cropN[0], cropN[1], cropN[2]];
  let vol: Float64Array = new Float64Array(dims[0] * dims[1] * dims[2]);
  {
    const [nx, ny] = image.dims;
    let o = 0;
    for (let z = 0; z < dims[2]; z++) {
      for (let y = 0; y < dims[1]; y++) {
        let i = cropLo[0] + nx * (cropLo[1] + y + ny * (cropLo[2] + z));
        for (let x = 0; x < dims[0]; x++, i++, o++) vol[o] = image.data[i] * image.slope + image.inter;
      }
    }
  }
  for (let a = 0; a < 3; a++) {
    const N = image.dims[a];
    const rel = pos[a].map((c) => c - cropLo[a]);
    const inside = pos[a].map((c) => (c >= -0.5 && c <= N - 0.5 ? 1 : 0));
    const r = splineAxis(vol, dims, a, rel, inside, options.interpolator ?? "bspline");
    vol = r.vol, dims = r.dims;
  }
  // nearest-neighbour mask on the same grid
  const m = new Uint8Array(vol.length);
  {
    const idx = pos.map((p, a) =>
      Int32Array.from(p, (c) => Math.min(image.dims[a] - 1, Math.max(0, Math.floor(c + 0.5))))
    );
    const [nx, ny] = mask.dims;
    let o = 0;
    for (let z = 0; z < dims[2]; z++) {
      for (let y = 0; y < dims[1]; y++) {
        for (let x = 0; x < dims[0]; x++, o++) {
          const i = idx[0][x] + nx * (idx[1][y] + ny * idx[2][z]);
          m[o] = Math.round(mask.data[i] * mask.slope + mask.inter) === label ? 1 : 0;
        }
      }
    }
  }
  const A: number[] = [];
  for (let r = 0; r < 3; r++) {
    let origin = image.affine[r * 4 + 3];
    for (let c = 0; c < 3; c++) origin += image.affine[r * 4 + c] * pos[c][0];
    for (let c = 0; c < 3; c++) A.push(image.direction[r * 3 + c] * newSp[c]);
    A.push(origin);
  }
  A.push(0, 0, 0, 1);
  return {
    image: makeImage(vol, dims, A, { source: image.source }),
    mask: makeImage(m, dims, A, { source: mask.source }),
  };
}

function mirrorIndex(k: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  k = ((k % period) + period) % period;
  return k < n ? k : period - k;
}

/** Cubic B-spline (or linear) interpolation along one axis at positions `pos` (index units); 0 where `inside` is 0. */
function splineAxis(
  vol: Float64Array,
  dims: [number, number, number],
  axis: number,
  pos: Float64Array,
  inside: Float64Array,
  interp: "bspline" | "linear",
): { vol: Float64Array; dims: [number, number, number] } {
  const n = dims[axis], m = pos.length;
  const nd: [number, number, number] = [dims[0], dims[1], dims[2]];
  nd[axis] = m;
  const out = new Float64Array(nd[0] * nd[1] * nd[2]);
  const sIn = [1, dims[0], dims[0] * dims[1]], sOut = [1, nd[0], nd[0] * nd[1]];
  const [a1, a2] = [0, 1, 2].filter((a) => a !== axis);
  const line = new Float64Array(n);
  const z = Math.sqrt(3) - 2, lambda = (1 - z) * (1 - 1 / z);
  for (let v = 0; v < dims[a2]; v++) {
    for (let u = 0; u < dims[a1]; u++) {
      const bi = u * sIn[a1] + v * sIn[a2], bo = u * sOut[a1] + v * sOut[a2];
      for (let i = 0; i < n; i++) line[i] = vol[bi + i * sIn[axis]];
      if (interp === "bspline" && n > 1) {
        // Unser's recursive prefilter, mirror boundaries
        for (let k = 0; k < n; k++) line[k] *= lambda;
        const horizon = Math.min(n, 30);
        let sum = line[0], zk = z;
        for (let k = 1; k < horizon; k++) sum += zk * line[k], zk *= z;
        line[0] = sum;
        for (let k = 1; k < n; k++) line[k] += z * line[k - 1];
        line[n - 1] = (z / (z * z - 1)) * (line[n - 1] + z * line[n - 2]);
        for (let k = n - 2; k >= 0; k--) line[k] = z * (line[k + 1] - line[k]);
      }
      for (let j = 0; j < m; j++) {
        if (!inside[j]) continue;
        const p = pos[j];
        let acc = 0;
        if (interp === "linear") {
          const i0 = Math.max(0, Math.min(n - 1, Math.floor(p))), t = p - i0;
          acc = (1 - t) * line[mirrorIndex(i0, n)] + t * line[mirrorIndex(i0 + 1, n)];
        } else {
          const i0 = Math.floor(p), t = p - i0;
          const w = [
            (1 - t) ** 3 / 6,
            (4 - 6 * t * t + 3 * t ** 3) / 6,
            (1 + 3 * t + 3 * t * t - 3 * t ** 3) / 6,
            t ** 3 / 6,
          ];
          for (let k = 0; k < 4; k++) acc += w[k] * line[mirrorIndex(i0 - 1 + k, n)];
        }
        out[bo + j * sOut[axis]] = acc;
      }
    }
  }
  return { vol: out, dims: nd };
}

/** The ROI re-discretised with pyradiomics' fixed-bin-width rule (or FBN). */
export function pyradiomicsDiscretise(
  roi: PreprocessedRoi,
  s: Required<PyradiomicsSettings>,
): DiscretisedRoi {
  let vmin = Infinity, vmax = -Infinity;
  for (let i = 0; i < roi.intensityMask.length; i++) {
    if (!roi.intensityMask[i]) continue;
    const v = roi.intensity[i];
    if (v < vmin) vmin = v;
    if (v > vmax) vmax = v;
  }
  const d = s.binCount
    ? discretise(roi.intensity, roi.intensityMask, { method: "fbn", binCount: s.binCount }, vmin, vmax)
    : discretise(
      roi.intensity,
      roi.intensityMask,
      { method: "fbs", binWidth: s.binWidth, lowerBound: s.binWidth * Math.floor(vmin / s.binWidth) },
      vmin,
      vmax,
    );
  // pyradiomics' N_g is the highest level present (also for FBN)
  let maxLevel = 0;
  for (const l of d.levels) if (l > maxLevel) maxLevel = l;
  return { ...roi, levels: d.levels, nLevels: maxLevel, discretisation: d.record };
}

/**
 * Maximal correlation coefficient of a GLCM (pyradiomics `getMCCFeatureValue`; Haralick 1973):
 * √λ₂ with λ₂ the second largest eigenvalue of Q(i, j) = Σ_k p(i,k) p(j,k) / (p_x(i) p_y(k)),
 * p the normalised symmetric matrix (so p_y = p_x). Q is similar to the symmetric
 * S = D^{1/2} Q D^{−1/2}, D = diag(p_x), whose eigenvalues are computed. One grey level: 1.
 */
export function maximalCorrelationCoefficient(m: CoMatrix): number {
  const G = m.levels.length;
  let total = 0;
  for (const c of m.counts) total += c;
  if (total === 0) return NaN;
  const px = new Float64Array(G);
  for (let i = 0; i < G; i++) for (let j = 0; j < G; j++) px[i] += m.counts[i * G + j] / total;
  const idx = [...px.keys()].filter((i) => px[i] > 0);
  const n = idx.length;
  if (n <= 1) return 1;
  const S = Matrix.zeros(n, n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let acc = 0;
      for (const k of idx) {
        acc += (m.counts[idx[a] * G + k] / total) * (m.counts[idx[b] * G + k] / total) / px[k];
      }
      const v = acc / Math.sqrt(px[idx[a]] * px[idx[b]]);
      S.set(a, b, v), S.set(b, a, v);
    }
  }
  const ev = new EigenvalueDecomposition(S, { assumeSymmetric: true }).realEigenvalues.slice().sort((x, y) =>
    x - y
  );
  return Math.sqrt(ev[n - 2]);
}

function singleLevel(roi: DiscretisedRoi): boolean {
  let first = 0;
  for (let i = 0; i < roi.levels.length; i++) {
    if (!roi.intensityMask[i]) continue;
    if (first === 0) first = roi.levels[i];
    else if (roi.levels[i] !== first) return false;
  }
  return true;
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
  let img = s.normalize ? normalizeImage(image, s.normalizeScale) : image;
  let msk = mask;
  if (s.resampledPixelSpacing) {
    const r = pyradiomicsResample(img, mask, s.resampledPixelSpacing, {
      label: s.label,
      interpolator: s.interpolator,
      padDistance: s.padDistance,
    });
    img = r.image, msk = r.mask;
  }
  let range: [number, number] | null = null, outliers: number | null = null;
  if (s.resegmentRange && s.resegmentRange.length) {
    if (s.resegmentMode === "sigma") {
      outliers = Math.max(
        Math.abs(s.resegmentRange[0]),
        Math.abs(s.resegmentRange[s.resegmentRange.length - 1]),
      );
    } else range = [s.resegmentRange[0], s.resegmentRange.length > 1 ? s.resegmentRange[1] : Infinity];
  }
  const roi = preprocess(img, msk, {
    resampledSpacing: null,
    interpolator: s.interpolator,
    roundIntensities: false,
    resegmentRange: range,
    resegmentOutliers: outliers,
    discretisation: { method: "fbn", binCount: 1 },
    label: s.resampledPixelSpacing ? 1 : s.label,
    marginMm: 0,
  });
  const droi = pyradiomicsDiscretise(roi, s);
  const out: Record<string, number> = {};
  if (classes.includes("firstorder")) {
    const xs: number[] = [], ls: number[] = [];
    for (let i = 0; i < droi.intensityMask.length; i++) {
      if (droi.intensityMask[i]) xs.push(droi.intensity[i]), ls.push(droi.levels[i]);
    }
    const vv = roi.spacing[0] * roi.spacing[1] * roi.spacing[2];
    for (
      const [k, v] of Object.entries(
        pyradiomicsFirstOrder(Float64Array.from(xs), Int32Array.from(ls), vv, s.voxelArrayShift),
      )
    ) out[`original_firstorder_${k}`] = v;
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
    const aggregations = s.force2D
      ? ["JJUI", "62GR"]
      : s.weightingNorm === "no_weighting"
      ? ["IAZD", "KOBO"]
      : ["ITBB", "KOBO"];
    const rows = computeTextureFeatures(droi, {
      families: tex.map((c) => TEXTURE_OF[c]),
      aggregations,
      distance: 1,
      ngldmAlpha: s.gldm_a,
    });
    const byKey = new Map(rows.map((r) => [r.key, r.value]));
    for (const c of tex) {
      for (const [py, key] of Object.entries(PYRADIOMICS_TEXTURE_NAMES[c])) {
        const v = byKey.get(key);
        if (v !== undefined) out[`original_${c}_${py}`] = v;
      }
    }
    if (tex.includes("glcm")) {
      const c = compactRoi(droi);
      const dirs = s.force2D ? DIRECTIONS_2D : DIRECTIONS_3D;
      const ms = dirs.map((d) => glcmMatrix(c, d, 0, c.nz)).filter((m) => m.counts.some((v) => v > 0));
      const vals = s.weightingNorm === "no_weighting"
        ? [maximalCorrelationCoefficient(mergeCoMatrices(ms))]
        : ms.map(maximalCorrelationCoefficient);
      const ok = vals.filter((v) => !Number.isNaN(v));
      out.original_glcm_MCC = ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
    }
    // pyradiomics' values where IBSI leaves a feature undefined (one grey level: σ = 0, H_X = 0)
    if (tex.includes("glcm") && singleLevel(droi)) {
      if (Number.isNaN(out.original_glcm_Correlation)) out.original_glcm_Correlation = 1;
      if (Number.isNaN(out.original_glcm_Imc1)) out.original_glcm_Imc1 = 0;
    }
  }
  return out;
}

/**
 * pyradiomics-style extraction over several image types (pyradiomics `enableImageTypes`): resample
 * (pyradiomics' grid) and normalise first, then the filters of `imageTypes` (`filters/mod.ts`:
 * wavelet sub-bands exactly as pyradiomics' `_swt3`, LoG as documented in `filters/log.ts`) on a crop
 * around the ROI, then {@link pyradiomicsFeatures} per image type. Keys as pyradiomics names them:
 * `original_shape_Sphericity`, `wavelet-LHL_glcm_Contrast`, `log-sigma-1-0-mm-3D_firstorder_Mean`;
 * shape on the original image only, as pyradiomics.
 */
export function pyradiomicsExtract(
  image: Image,
  mask: Image,
  settings: PyradiomicsSettings = {},
  imageTypes: FilterSpec = { original: true },
  classes: readonly PyradiomicsClass[] = PYRADIOMICS_CLASSES,
): Record<string, number> {
  const s: Required<PyradiomicsSettings> = { ...PYRADIOMICS_DEFAULTS, ...settings };
  checkImageMask(image, mask, { label: s.label });
  let img = s.normalize ? normalizeImage(image, s.normalizeScale) : image;
  let msk = mask, label = s.label;
  if (s.resampledPixelSpacing) {
    const r = pyradiomicsResample(img, mask, s.resampledPixelSpacing, {
      label: s.label,
      interpolator: s.interpolator,
      padDistance: s.padDistance,
    });
    img = r.image, msk = r.mask, label = 1;
  }
  const fc = filterCase(img, msk, imageTypes, { label });
  const inner: PyradiomicsSettings = { ...s, normalize: false, resampledPixelSpacing: null, label: 1 };
  // pyradiomics re-segments once, on the original image, and uses that mask for every image type
  let resegMask = fc.mask;
  const out: Record<string, number> = {};
  for (const fi of fc.images()) {
    const original = fi.name === "original";
    if (original && s.resegmentRange && s.resegmentRange.length) {
      resegMask = resegmentedMask(fi.image, fc.mask, s);
    }
    const cls = original ? classes : classes.filter((c) => c !== "shape");
    const feats = original
      ? pyradiomicsFeatures(fi.image, fc.mask, inner, cls)
      : pyradiomicsFeatures(fi.image, resegMask, { ...inner, resegmentRange: null }, cls);
    for (const [k, v] of Object.entries(feats)) out[fi.name + k.slice("original".length)] = v;
  }
  return out;
}

/** The ROI mask after pyradiomics' re-segmentation (absolute range, or mean ± k·SD for "sigma"). */
function resegmentedMask(image: Image, mask: Image, s: Required<PyradiomicsSettings>): Image {
  const r = s.resegmentRange!;
  const n = mask.data.length, val = (i: number) => image.data[i] * image.slope + image.inter;
  let lo = r[0], hi = r.length > 1 ? r[1] : Infinity;
  if (s.resegmentMode === "sigma") {
    let s1 = 0, c = 0;
    for (let i = 0; i < n; i++) if (mask.data[i]) s1 += val(i), c++;
    const mu = s1 / c;
    let s2 = 0;
    for (let i = 0; i < n; i++) if (mask.data[i]) s2 += (val(i) - mu) ** 2;
    const sd = Math.sqrt(s2 / c);
    lo = mu + r[0] * sd, hi = mu + (r.length > 1 ? r[1] : Infinity) * sd;
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (mask.data[i] && val(i) >= lo && val(i) <= hi) out[i] = 1;
  return makeImage(out, mask.dims, mask.affine, { source: mask.source });
}
