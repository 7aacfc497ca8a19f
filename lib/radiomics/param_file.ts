/**
 * One parameter file format for single-case and batch extraction: pyradiomics' own parameter files
 * (YAML or JSON; https://pyradiomics.readthedocs.io/en/latest/customization.html), plus this
 * library's IBSI settings. Two engines read the same file:
 *
 * - `names: "ibsi"` (default): IBSI definitions (`filters/features.ts`), output names
 *   `<imageType>_<family>_<Feature>` with this library's families (`original_intensity_statistics_Mean`,
 *   `wavelet-LLH_glcm_JointEntropy`).
 * - `names: "pyradiomics"`: pyradiomics' definitions and names (`pyradiomics_compat.ts`):
 *   `original_glcm_JointEntropy`, `wavelet-LLH_firstorder_Mean`, `log-sigma-1-0-mm-3D_gldm_…`.
 *
 * Top-level keys: `imageType` (Original, LoG with `sigma`, Wavelet with `wavelet`, `start_level`,
 * `level`; default Original only), `featureClass` (pyradiomics classes firstorder, shape, glcm,
 * glrlm, glszm, gldm, ngtdm, each null = all its features or a list of pyradiomics feature names;
 * with IBSI names also this library's families; default all), `setting`. Every key is checked;
 * a key an engine cannot honour is an error naming the file, the key and the reason (the table
 * {@link SETTING_RULES} says which engine honours what). Keys that do not change values
 * (`additionalInfo`, `enableCExtensions`, `preCrop`) are accepted. `correctMask`: image and mask
 * grids are always checked to match (`checks.ts`); a mismatching mask is an error, not resampled.
 * `minimumROIDimensions` (default 2 as pyradiomics: the ROI's bounding box must span at least that
 * many axes with more than one voxel) and `minimumROISize` (voxels) are checked on the input mask.
 */
import { parse as parseYaml } from "yaml";
import type { Image } from "./image.ts";
import { maskBoundingBox } from "./preprocess.ts";
import type { FeatureFamily } from "./feature.ts";
import type { DiscretisationSettings } from "./preprocess.ts";
import { type CaseSettings, extractCaseFeatures } from "./filters/features.ts";
import type { FilterSpec, WaveletName } from "./filters/mod.ts";
import {
  normalizeImage,
  PYRADIOMICS_CLASSES,
  PYRADIOMICS_SHAPE_CODES,
  PYRADIOMICS_TEXTURE_NAMES,
  type PyradiomicsClass,
  pyradiomicsExtract,
  type PyradiomicsSettings,
} from "./pyradiomics_compat.ts";
import { FEATURES } from "./registry.ts";
import { MAX_BIN_COUNT, ParamsError, ranged } from "./params.ts";

/** Output naming (and definitions) of an extraction. */
export type FeatureNames = "ibsi" | "pyradiomics";

/** ROI size limits (pyradiomics `minimumROIDimensions`, `minimumROISize`). */
export interface RoiLimits {
  readonly minimumROIDimensions: number;
  readonly minimumROISize: number | null;
}

/** Settings of the IBSI engine: {@link CaseSettings} plus normalisation, ROI limits and feature lists. */
export interface IbsiCaseSettings extends CaseSettings {
  readonly engine?: "ibsi";
  /** Normalise the image ((x − mean)/SD · scale, pyradiomics `normalize`) first [no]. */
  readonly normalizeScale?: number | null;
  readonly limits?: RoiLimits;
  /** Keep only these `<family>_<Feature>` keys of the listed families [all]. */
  readonly keep?: Readonly<Record<string, readonly string[]>>;
}

/** Settings of the pyradiomics engine. */
export interface PyradiomicsCaseSettings {
  readonly engine: "pyradiomics";
  readonly settings: PyradiomicsSettings;
  readonly imageTypes: FilterSpec;
  readonly classes: readonly PyradiomicsClass[];
  /** Feature names (pyradiomics) per class; a class absent here keeps all its features. */
  readonly features?: Readonly<Partial<Record<PyradiomicsClass, readonly string[]>>>;
  readonly limits?: RoiLimits;
}

/** Settings of one case of a single-case or batch extraction. */
export type BatchSettings = IbsiCaseSettings | PyradiomicsCaseSettings;

/** Whether settings select the pyradiomics engine. */
export function isPyradiomics(s: BatchSettings): s is PyradiomicsCaseSettings {
  return (s as PyradiomicsCaseSettings).engine === "pyradiomics";
}

const FIRSTORDER_NAMES = [
  "Energy",
  "TotalEnergy",
  "Entropy",
  "Minimum",
  "10Percentile",
  "90Percentile",
  "Maximum",
  "Mean",
  "Median",
  "InterquartileRange",
  "Range",
  "MeanAbsoluteDeviation",
  "RobustMeanAbsoluteDeviation",
  "RootMeanSquared",
  "StandardDeviation",
  "Skewness",
  "Kurtosis",
  "Variance",
  "Uniformity",
];
const SHAPE_NAMES = [
  ...Object.keys(PYRADIOMICS_SHAPE_CODES),
  "Maximum2DDiameterSlice",
  "Maximum2DDiameterColumn",
  "Maximum2DDiameterRow",
];

/** pyradiomics feature names of each class (as `pyradiomics_compat.ts` computes them). */
export const PYRADIOMICS_FEATURE_NAMES: Readonly<Record<PyradiomicsClass, readonly string[]>> = {
  firstorder: FIRSTORDER_NAMES,
  shape: SHAPE_NAMES,
  glcm: [...Object.keys(PYRADIOMICS_TEXTURE_NAMES.glcm), "MCC"],
  glrlm: Object.keys(PYRADIOMICS_TEXTURE_NAMES.glrlm),
  glszm: Object.keys(PYRADIOMICS_TEXTURE_NAMES.glszm),
  gldm: Object.keys(PYRADIOMICS_TEXTURE_NAMES.gldm),
  ngtdm: Object.keys(PYRADIOMICS_TEXTURE_NAMES.ngtdm),
};

/**
 * Features pyradiomics marks deprecated: left out when their class is enabled without a feature
 * list, computed when listed by name (pyradiomics `featureextractor.enableFeatureClassByName`).
 */
export const PYRADIOMICS_DEPRECATED: Readonly<Partial<Record<PyradiomicsClass, readonly string[]>>> = {
  firstorder: ["StandardDeviation"],
  shape: ["Compactness1", "Compactness2", "SphericalDisproportion"],
  gldm: ["GrayLevelNonUniformityNormalized"],
};

/** pyradiomics class → this library's family (IBSI engine). */
const CLASS_FAMILY: Readonly<Record<string, FeatureFamily>> = {
  shape: "morphology",
  firstorder: "intensity_statistics",
  glcm: "glcm",
  glrlm: "glrlm",
  glszm: "glszm",
  gldm: "ngldm",
  ngtdm: "ngtdm",
};
const IBSI_FAMILIES: Readonly<Record<string, FeatureFamily>> = {
  morphology: "morphology",
  intensity_statistics: "intensity_statistics",
  local_intensity: "local_intensity",
  intensity_histogram: "intensity_histogram",
  intensity_volume_histogram: "intensity_volume_histogram",
  ivh: "intensity_volume_histogram",
  gldzm: "gldzm",
  ngldm: "ngldm",
};

const IMAGE_TYPES_NOT_IMPLEMENTED = [
  "Square",
  "SquareRoot",
  "Logarithm",
  "Exponential",
  "Gradient",
  "LBP2D",
  "LBP3D",
];

/** Parsed `setting` values shared by both engines (before engine checks). */
type Settings = Record<string, unknown>;

/**
 * Which engine honours each `setting` key: `true` = honoured (values checked by the converter),
 * a string = the reason it cannot be honoured (the error text), a function = honoured only for
 * some values (returns the reason for a value it cannot honour, or null).
 */
type Rule = true | string | ((v: unknown) => string | null);
const eq = (ok: unknown, why: string): Rule => (v) => (v === ok || v == null ? null : why);

/** pyradiomics and IBSI setting keys with the engines that honour them (see the module documentation). */
export const SETTING_RULES: Readonly<Record<string, { readonly ibsi: Rule; readonly pyradiomics: Rule }>> = {
  binWidth: { ibsi: true, pyradiomics: true },
  binCount: { ibsi: true, pyradiomics: true },
  resampledPixelSpacing: { ibsi: true, pyradiomics: true },
  interpolator: { ibsi: true, pyradiomics: true },
  padDistance: { ibsi: true, pyradiomics: true },
  normalize: { ibsi: true, pyradiomics: true },
  normalizeScale: { ibsi: true, pyradiomics: true },
  removeOutliers: {
    ibsi: eq(null, "outlier clipping after normalisation is not implemented"),
    pyradiomics: eq(null, "outlier clipping after normalisation is not implemented"),
  },
  label: { ibsi: true, pyradiomics: true },
  label_channel: {
    ibsi: eq(0, "only label_channel 0 (a single-channel mask) is read"),
    pyradiomics: eq(0, "only label_channel 0 (a single-channel mask) is read"),
  },
  resegmentRange: { ibsi: true, pyradiomics: true },
  resegmentMode: {
    ibsi: eq(
      "absolute",
      'with IBSI names only resegmentMode "absolute" is implemented; use --names pyradiomics for "sigma"',
    ),
    pyradiomics: true,
  },
  resegmentShape: {
    ibsi: eq(false, "re-segmenting the shape mask is not implemented"),
    pyradiomics: eq(false, "re-segmenting the shape mask is not implemented"),
  },
  voxelArrayShift: {
    ibsi: (v) =>
      v == null || v === 0
        ? null
        : "it shifts pyradiomics' Energy, TotalEnergy and RootMeanSquared, which IBSI defines on unshifted intensities; extract with --names pyradiomics (pyradiomics definitions and names) or drop the key",
    pyradiomics: true,
  },
  force2D: {
    ibsi: eq(
      false,
      "with IBSI names textures are 3D (averaged GLCM/GLRLM, 3D zones); use --names pyradiomics for force2D",
    ),
    pyradiomics: true,
  },
  force2Ddimension: {
    ibsi: eq(0, "only force2Ddimension 0 (axial slices) is implemented"),
    pyradiomics: eq(0, "only force2Ddimension 0 (axial slices) is implemented"),
  },
  weightingNorm: {
    ibsi: eq(
      null,
      "with IBSI names GLCM/GLRLM are averaged over directions; use --names pyradiomics for weightingNorm",
    ),
    pyradiomics: (v) =>
      v == null || v === "no_weighting"
        ? null
        : `only null and "no_weighting" are implemented (distance weights "manhattan", "euclidean", "infinity" are not), got ${
          JSON.stringify(v)
        }`,
  },
  distances: {
    ibsi: (v) =>
      v == null || (Array.isArray(v) && v.length === 1 && v[0] === 1)
        ? null
        : "only distances [1] are implemented",
    pyradiomics: (v) =>
      v == null || (Array.isArray(v) && v.length === 1 && v[0] === 1)
        ? null
        : "only distances [1] are implemented",
  },
  symmetricalGLCM: {
    ibsi: eq(true, "only symmetrical GLCMs are implemented"),
    pyradiomics: eq(true, "only symmetrical GLCMs are implemented"),
  },
  gldm_a: { ibsi: eq(0, "the IBSI engine uses NGLDM α = 0"), pyradiomics: true },
  sigma: { ibsi: true, pyradiomics: true },
  wavelet: { ibsi: true, pyradiomics: true },
  start_level: {
    ibsi: eq(0, "only start_level 0 is implemented"),
    pyradiomics: eq(0, "only start_level 0 is implemented"),
  },
  level: {
    ibsi: eq(1, "only one wavelet level is implemented"),
    pyradiomics: eq(1, "only one wavelet level is implemented"),
  },
  minimumROIDimensions: { ibsi: true, pyradiomics: true },
  minimumROISize: { ibsi: true, pyradiomics: true },
  correctMask: { ibsi: true, pyradiomics: true },
  geometryTolerance: {
    ibsi: eq(null, "image and mask grids are compared with the fixed relative tolerance 1e-4 of checks.ts"),
    pyradiomics: eq(
      null,
      "image and mask grids are compared with the fixed relative tolerance 1e-4 of checks.ts",
    ),
  },
  preCrop: { ibsi: true, pyradiomics: true },
  additionalInfo: { ibsi: true, pyradiomics: true },
  enableCExtensions: { ibsi: true, pyradiomics: true },
  roundIntensities: {
    ibsi: true,
    pyradiomics: eq(false, "pyradiomics does not round intensities after resampling; use --names ibsi"),
  },
  ...Object.fromEntries(
    ["maskThreshold", "resegmentOutliers", "ivh", "textureDimensions", "distance", "ngldmAlpha", "marginMm"]
      .map((k) => [k, {
        ibsi:
          "an IBSI setting of the single-case extraction of the original image (params.ts: deno task extract --image, no LoG/Wavelet); the multi-image-type engine does not take it",
        pyradiomics:
          "an IBSI setting with no pyradiomics counterpart; use --names ibsi with deno task extract --image",
      }]),
  ),
};

function num(v: unknown, key: string, src: string, min = -Infinity): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min) {
    throw new ParamsError(
      `${src} setting "${key}": expected a number${min > -Infinity ? ` ≥ ${min}` : ""}, got ${
        JSON.stringify(v)
      }`,
    );
  }
  return v;
}

function mapping(v: unknown, where: string, src: string): Record<string, unknown> {
  if (v == null) return {};
  if (typeof v !== "object" || Array.isArray(v)) {
    throw new ParamsError(`${src} ${where}: expected a mapping, got ${JSON.stringify(v)}`);
  }
  return v as Record<string, unknown>;
}

/** Read a parameter file (.yaml, .yml or .json) for the given engine (see the module documentation). */
export function readParamFile(path: string, names: FeatureNames = "ibsi"): BatchSettings {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    throw new ParamsError(`${path}: cannot read (${(e as Error).message})`);
  }
  let obj: unknown;
  const json = path.endsWith(".json");
  try {
    obj = json ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ParamsError(
      `${path}: not valid ${json ? "JSON" : "YAML"} (${(e as Error).message.split("\n")[0]})`,
    );
  }
  return paramFileSettings(obj ?? {}, names, path);
}

/** Convert a parsed parameter object (see the module documentation) to {@link BatchSettings}. */
export function paramFileSettings(
  obj: unknown,
  names: FeatureNames = "ibsi",
  src = "<params>",
): BatchSettings {
  const o = mapping(obj, "top level", src);
  for (const k of Object.keys(o)) {
    if (k === "voxelSetting") {
      throw new ParamsError(
        `${src}: "voxelSetting": voxel-based (feature map) extraction is not implemented`,
      );
    }
    if (!["setting", "featureClass", "imageType"].includes(k)) {
      throw new ParamsError(`${src}: unknown top-level key "${k}" (known: imageType, featureClass, setting)`);
    }
  }
  const s: Settings = { ...mapping(o.setting, "setting", src) };
  for (const [k, v] of Object.entries(s)) {
    const rule = SETTING_RULES[k];
    if (!rule) {
      throw new ParamsError(
        `${src} setting "${k}": unknown key (known: ${Object.keys(SETTING_RULES).join(", ")})`,
      );
    }
    const r = rule[names];
    const why = typeof r === "string" ? r : typeof r === "function" ? r(v) : null;
    if (why) throw new ParamsError(`${src} setting "${k}": cannot be honoured: ${why}`);
  }
  // image types
  const it = o.imageType === undefined ? { Original: {} } : mapping(o.imageType, "imageType", src);
  let original = false, logSigmas: number[] | null = null;
  let wavelet: { wavelet: WaveletName } | null = null;
  for (const [kind, optsRaw] of Object.entries(it)) {
    const opts = mapping(optsRaw, `imageType "${kind}"`, src);
    const allowed = kind === "LoG"
      ? ["sigma"]
      : kind === "Wavelet"
      ? ["wavelet", "start_level", "level"]
      : [];
    if (IMAGE_TYPES_NOT_IMPLEMENTED.includes(kind)) {
      throw new ParamsError(
        `${src} imageType "${kind}": not implemented (available: Original, LoG, Wavelet)`,
      );
    }
    if (!["Original", "LoG", "Wavelet"].includes(kind)) {
      throw new ParamsError(
        `${src} imageType "${kind}": unknown image type (available: Original, LoG, Wavelet)`,
      );
    }
    for (const k of Object.keys(opts)) {
      if (!allowed.includes(k)) {
        throw new ParamsError(
          `${src} imageType "${kind}" key "${k}": per-image-type settings are not implemented${
            k in SETTING_RULES ? `; put "${k}" under setting` : ""
          }`,
        );
      }
    }
    const merged = { ...s, ...opts };
    if (kind === "Original") original = true;
    else if (kind === "LoG") {
      const sg = merged.sigma;
      if (!Array.isArray(sg) || !sg.length) {
        throw new ParamsError(
          `${src} imageType "LoG": needs "sigma", a list of σ values in mm, got ${JSON.stringify(sg)}`,
        );
      }
      logSigmas = sg.map((x) => ranged(x, "sigma", src, 0, 20, { openLo: true }));
    } else {
      for (
        const [k, ok, why] of [["start_level", 0, "only start_level 0 is implemented"], [
          "level",
          1,
          "only one wavelet level is implemented",
        ]] as const
      ) {
        if (merged[k] != null && merged[k] !== ok) {
          throw new ParamsError(`${src} imageType "Wavelet" key "${k}": cannot be honoured: ${why}`);
        }
      }
      const w = String(merged.wavelet ?? "coif1");
      if (w !== "coif1" && w !== "haar") {
        throw new ParamsError(
          `${src} imageType "Wavelet" key "wavelet": "${w}" is not implemented (available: coif1, haar)`,
        );
      }
      wavelet = { wavelet: w };
    }
  }
  const imageTypes: FilterSpec = {
    original,
    ...(wavelet ? { wavelet } : {}),
    ...(logSigmas ? { logSigmas } : {}),
  };
  // settings common to both engines
  let resampled: number[] | null = null;
  if (s.resampledPixelSpacing != null) {
    const r = s.resampledPixelSpacing;
    if (!Array.isArray(r) || r.length !== 3) {
      throw new ParamsError(
        `${src} setting "resampledPixelSpacing": expected 3 numbers, got ${JSON.stringify(r)}`,
      );
    }
    resampled = r.map((v) => ranged(v, "resampledPixelSpacing", src, 0, 100));
  }
  const interpolators: Record<string, "linear" | "bspline"> = {
    sitkLinear: "linear",
    linear: "linear",
    sitkBSpline: "bspline",
    bspline: "bspline",
  };
  const interpolator = s.interpolator == null ? "bspline" : interpolators[String(s.interpolator)];
  if (!interpolator) {
    throw new ParamsError(
      `${src} setting "interpolator": ${
        JSON.stringify(s.interpolator)
      } is not implemented (available: sitkBSpline, sitkLinear)`,
    );
  }
  if (s.binWidth != null && s.binCount != null) {
    throw new ParamsError(`${src} setting: give binWidth or binCount, not both`);
  }
  const binWidth = s.binWidth == null ? 25 : ranged(s.binWidth, "binWidth", src, 0, 1e6, { openLo: true });
  const binCount = s.binCount == null
    ? null
    : ranged(s.binCount, "binCount", src, 1, MAX_BIN_COUNT, { integer: true });
  const label = s.label == null ? 1 : ranged(s.label, "label", src, 1, 65535, { integer: true });
  const normalize = s.normalize == null ? false : Boolean(s.normalize);
  const normalizeScale = s.normalizeScale == null
    ? 1
    : num(s.normalizeScale, "normalizeScale", src, Number.MIN_VALUE);
  let resegmentRange: number[] | null = null;
  if (s.resegmentRange != null) {
    const r = s.resegmentRange;
    if (!Array.isArray(r) || r.length < 1 || r.length > 2) {
      throw new ParamsError(
        `${src} setting "resegmentRange": expected [lo] or [lo, hi], got ${JSON.stringify(r)}`,
      );
    }
    resegmentRange = r.map((v) => num(v, "resegmentRange", src));
  }
  const resegmentMode = String(s.resegmentMode ?? "absolute");
  if (resegmentMode !== "absolute" && resegmentMode !== "sigma") {
    throw new ParamsError(
      `${src} setting "resegmentMode": expected absolute or sigma, got ${JSON.stringify(s.resegmentMode)}`,
    );
  }
  const minDims = s.minimumROIDimensions == null
    ? 2
    : num(s.minimumROIDimensions, "minimumROIDimensions", src, 1);
  if (![1, 2, 3].includes(minDims)) {
    throw new ParamsError(`${src} setting "minimumROIDimensions": expected 1, 2 or 3, got ${minDims}`);
  }
  const limits: RoiLimits = {
    minimumROIDimensions: minDims,
    minimumROISize: s.minimumROISize == null ? null : num(s.minimumROISize, "minimumROISize", src, 1),
  };
  if (s.padDistance != null) num(s.padDistance, "padDistance", src, 0);
  // feature classes
  const fc = o.featureClass === undefined ? null : mapping(o.featureClass, "featureClass", src);
  const lists = new Map<string, string[] | null>();
  for (const [k, v] of Object.entries(fc ?? {})) {
    if (k === "shape2D") {
      throw new ParamsError(
        `${src} featureClass "shape2D": not implemented (2D shape features of force2D extractions)`,
      );
    }
    const known = names === "pyradiomics"
      ? k in PYRADIOMICS_FEATURE_NAMES
      : k in CLASS_FAMILY || k in IBSI_FAMILIES || Object.values(CLASS_FAMILY).includes(k as FeatureFamily);
    if (!known) {
      throw new ParamsError(
        `${src} featureClass "${k}": unknown ${
          names === "pyradiomics" ? "pyradiomics class" : "family"
        } (known: ${
          names === "pyradiomics"
            ? PYRADIOMICS_CLASSES.join(", ")
            : [...Object.keys(CLASS_FAMILY), ...Object.keys(IBSI_FAMILIES)].join(", ")
        })`,
      );
    }
    if (v == null) lists.set(k, null);
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) {
      const avail = PYRADIOMICS_FEATURE_NAMES[k as PyradiomicsClass];
      if (!avail) {
        throw new ParamsError(
          `${src} featureClass "${k}": feature lists are given in pyradiomics names, for pyradiomics classes only`,
        );
      }
      for (const f of v) {
        if (!avail.includes(f)) {
          throw new ParamsError(
            `${src} featureClass "${k}": unknown feature "${f}" (known: ${avail.join(", ")})`,
          );
        }
      }
      lists.set(k, v as string[]);
    } else {throw new ParamsError(
        `${src} featureClass "${k}": expected null or a list of feature names, got ${JSON.stringify(v)}`,
      );}
  }

  if (names === "pyradiomics") {
    const classes = fc ? [...lists.keys()] as PyradiomicsClass[] : [...PYRADIOMICS_CLASSES];
    const features: Partial<Record<PyradiomicsClass, string[]>> = {};
    for (const [k, v] of lists) if (v) features[k as PyradiomicsClass] = v;
    const settings: PyradiomicsSettings = {
      binWidth,
      binCount,
      voxelArrayShift: s.voxelArrayShift == null ? 0 : num(s.voxelArrayShift, "voxelArrayShift", src),
      force2D: Boolean(s.force2D ?? false),
      weightingNorm: (s.weightingNorm as string | null | undefined) ?? null,
      resegmentRange,
      resegmentMode: resegmentMode as "absolute" | "sigma",
      normalize,
      normalizeScale,
      resampledPixelSpacing: resampled,
      interpolator,
      label,
      gldm_a: s.gldm_a == null ? 0 : num(s.gldm_a, "gldm_a", src, 0),
      padDistance: s.padDistance == null ? 5 : (s.padDistance as number),
    };
    return {
      engine: "pyradiomics",
      settings,
      imageTypes,
      classes,
      ...(Object.keys(features).length ? { features } : {}),
      limits,
    };
  }
  // IBSI engine
  const families: FeatureFamily[] = [];
  const keep: Record<string, string[]> = {};
  for (const [k, v] of lists) {
    const fam = CLASS_FAMILY[k] ?? IBSI_FAMILIES[k] ?? (k as FeatureFamily);
    if (!families.includes(fam)) families.push(fam);
    if (!v) continue;
    keep[fam] = v.map((f) => ibsiKey(k as PyradiomicsClass, f, src));
  }
  if (resegmentRange && resegmentRange.length === 1) resegmentRange = [resegmentRange[0], Infinity];
  const discretisation: DiscretisationSettings = binCount != null
    ? { method: "fbn", binCount }
    : { method: "fbs", binWidth };
  return {
    engine: "ibsi",
    resampledSpacing: resampled,
    interpolator,
    roundIntensities: Boolean(s.roundIntensities ?? false),
    discretisation,
    resegmentRange: resegmentRange as [number, number] | null,
    filters: imageTypes,
    ...(fc ? { families } : {}),
    label,
    normalizeScale: normalize ? normalizeScale : null,
    limits,
    ...(Object.keys(keep).length ? { keep } : {}),
  };
}

/** This library's `<family>_<Key>` of a pyradiomics feature name (IBSI engine); throws when it has none. */
function ibsiKey(cls: PyradiomicsClass, name: string, src: string): string {
  if (cls === "shape") {
    const code = PYRADIOMICS_SHAPE_CODES[name];
    const f = code && FEATURES.find((r) => r.ibsiCode === code);
    if (f) return `${f.family}_${f.key}`;
  } else if (cls !== "firstorder") {
    const k = (PYRADIOMICS_TEXTURE_NAMES as Record<string, Record<string, string>>)[cls][name];
    if (k) return k;
  }
  throw new ParamsError(
    `${src} featureClass "${cls}": feature "${name}" has no IBSI counterpart mapped here; list the class without features, or extract with --names pyradiomics`,
  );
}

/** Check the ROI limits on `mask` (pyradiomics `checkMask`); throws a one-line error naming the setting. */
export function checkRoiLimits(mask: Image, label: number, limits: RoiLimits): void {
  const bb = maskBoundingBox(mask, label);
  if (!bb) throw new RangeError(`${mask.source}: the mask has no voxel with label ${label} (empty ROI)`);
  const dims = [0, 1, 2].filter((a) => bb.hi[a] > bb.lo[a]).length;
  if (dims < limits.minimumROIDimensions) {
    throw new RangeError(
      `${mask.source}: the ROI spans ${dims} dimension(s), setting "minimumROIDimensions" asks for ${limits.minimumROIDimensions}`,
    );
  }
  if (limits.minimumROISize != null && bb.count < limits.minimumROISize) {
    throw new RangeError(
      `${mask.source}: the ROI has ${bb.count} voxels, setting "minimumROISize" asks for ${limits.minimumROISize}`,
    );
  }
}

/**
 * Features of one case with either engine: `{ "<imageType>_<family>_<Feature>": value }` (IBSI
 * engine, `filters/features.ts`) or pyradiomics' names (`pyradiomicsExtract`), feature lists applied.
 */
export function extractCase(
  image: Image,
  mask: Image,
  s: BatchSettings,
  onWarning?: (message: string) => void,
): Record<string, number> {
  if (isPyradiomics(s)) {
    if (s.limits) checkRoiLimits(mask, s.settings.label ?? 1, s.limits);
    const all = pyradiomicsExtract(image, mask, s.settings, s.imageTypes, s.classes);
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(all)) {
      const [, cls, name] = k.match(/^[^_]+_([^_]+)_(.+)$/) ?? [];
      const list = s.features?.[cls as PyradiomicsClass];
      if (list ? list.includes(name) : !PYRADIOMICS_DEPRECATED[cls as PyradiomicsClass]?.includes(name)) {
        out[k] = v;
      }
    }
    return out;
  }
  if (s.limits) checkRoiLimits(mask, s.label ?? 1, s.limits);
  const img = s.normalizeScale != null ? normalizeImage(image, s.normalizeScale) : image;
  const all = extractCaseFeatures(img, mask, s, onWarning);
  if (!s.keep) return all;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(all)) {
    const rest = k.slice(k.indexOf("_") + 1);
    const fam = Object.keys(s.keep).find((f) => rest.startsWith(f + "_"));
    if (!fam || s.keep[fam].includes(rest)) out[k] = v;
  }
  return out;
}
