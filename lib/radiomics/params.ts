/**
 * Extraction parameter files (YAML or JSON), modelled on pyradiomics parameter files
 * (https://pyradiomics.readthedocs.io/en/latest/customization.html):
 *
 * ```yaml
 * setting:
 *   resampledPixelSpacing: [2, 2, 2]   # mm; 0 keeps an axis; omit for no resampling
 *   interpolator: sitkLinear           # sitkLinear | linear | sitkBSpline | bspline
 *   roundIntensities: true             # after interpolation (default true)
 *   maskThreshold: 0.5                 # partial-volume threshold of the interpolated mask
 *   resegmentRange: [-1000, 400]       # closed range; a single value = lower bound only
 *   resegmentMode: absolute            # absolute (range in HU) | sigma (range in SD multiples, e.g. [-3, 3])
 *   resegmentOutliers: 3               # extra μ ± kσ filter (combined with a range, IBSI config E)
 *   binWidth: 25                       # fixed bin size (default 25) ...
 *   binCount: 32                       # ... or fixed bin number
 *   label: 1
 *   ivh: {binWidth: 2.5, lower: -1000, upper: 400}   # or {binCount: 1000} or {step: 1}
 *   textureDimensions: [3D]            # any of 2D, 2.5D, 3D (force2D: true ≙ [2D, 2.5D])
 *   distance: 1
 *   ngldmAlpha: 0
 * featureClass:                        # families to compute (default all); pyradiomics names accepted
 *   shape:                             # = morphology
 *   firstorder:                        # = intensity_statistics
 *   glcm:
 * ```
 * Unknown keys are errors naming the key and the file.
 */
import { parse as parseYaml } from "yaml";
import type { ExtractionSettings } from "./extract.ts";
import type { FeatureFamily } from "./feature.ts";
import type { DiscretisationSettings, PreprocessOptions } from "./preprocess.ts";
import type { IvhSettings } from "./ivh.ts";
import type { TextureSettings } from "./roi.ts";

/** Error in a parameter file: names the file and key. */
export class ParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParamsError";
  }
}

const FAMILY_ALIASES: Record<string, FeatureFamily> = {
  shape: "morphology",
  morphology: "morphology",
  firstorder: "intensity_statistics",
  intensity_statistics: "intensity_statistics",
  local_intensity: "local_intensity",
  intensity_histogram: "intensity_histogram",
  intensity_volume_histogram: "intensity_volume_histogram",
  ivh: "intensity_volume_histogram",
  glcm: "glcm",
  glrlm: "glrlm",
  glszm: "glszm",
  gldzm: "gldzm",
  ngtdm: "ngtdm",
  ngldm: "ngldm",
};

const SETTING_KEYS = new Set([
  "resampledPixelSpacing",
  "interpolator",
  "roundIntensities",
  "maskThreshold",
  "resegmentRange",
  "resegmentMode",
  "resegmentOutliers",
  "binWidth",
  "binCount",
  "label",
  "ivh",
  "textureDimensions",
  "force2D",
  "distance",
  "ngldmAlpha",
  "marginMm",
]);

/** Read a parameter file (.yaml, .yml or .json). */
export function readParams(path: string): ExtractionSettings {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    throw new ParamsError(`${path}: cannot read (${(e as Error).message})`);
  }
  let obj: unknown;
  try {
    obj = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ParamsError(
      `${path}: not valid ${path.endsWith(".json") ? "JSON" : "YAML"} (${(e as Error).message})`,
    );
  }
  return paramsToSettings(obj ?? {}, path);
}

function num(v: unknown, key: string, src: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new ParamsError(`${src} setting "${key}": expected a number, got ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * A number within [lo, hi] (or (lo, hi] with `openLo`), optionally an integer; the error names the key
 * and the allowed range (values outside them would exhaust memory or mean nothing).
 */
export function ranged(
  v: unknown,
  key: string,
  src: string,
  lo: number,
  hi: number,
  o: { integer?: boolean; openLo?: boolean } = {},
): number {
  const x = num(v, key, src);
  if (!(o.openLo ? x > lo : x >= lo) || x > hi || (o.integer && !Number.isInteger(x))) {
    throw new ParamsError(
      `${src} setting "${key}": expected ${o.integer ? "an integer" : "a number"} in ${
        o.openLo ? "(" : "["
      }${lo}, ${hi}], got ${x}`,
    );
  }
  return x;
}

/** Largest `distance` (voxels) of the texture neighbourhoods. */
export const MAX_DISTANCE = 16;
/** Largest `binCount` (grey levels). */
export const MAX_BIN_COUNT = 65536;

/**
 * Convert a parsed parameter object to {@link ExtractionSettings}. Values are range-checked, naming the
 * key: resampledPixelSpacing in [0, 100] mm, binWidth in (0, 1e6], binCount an integer in 1..65536,
 * distance an integer in 1..16, maskThreshold in [0, 1], label an integer in 1..65535, ngldmAlpha an
 * integer in 0..16, resegmentOutliers in (0, 100], marginMm in [0, 200].
 */
export function paramsToSettings(obj: unknown, src = "<params>"): ExtractionSettings {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    throw new ParamsError(`${src}: expected a mapping with "setting" and/or "featureClass"`);
  }
  const o = obj as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!["setting", "featureClass", "imageType"].includes(k)) {
      throw new ParamsError(`${src}: unknown top-level key "${k}" (known: setting, featureClass)`);
    }
  }
  if (o.imageType !== undefined) {
    const it = o.imageType as Record<string, unknown>;
    const kinds = it && typeof it === "object" ? Object.keys(it) : [];
    if (kinds.some((k) => k !== "Original")) {
      throw new ParamsError(`${src} imageType: only "Original" is supported, got ${kinds.join(", ")}`);
    }
  }
  const s = (o.setting ?? {}) as Record<string, unknown>;
  if (typeof s !== "object" || Array.isArray(s)) throw new ParamsError(`${src} setting: expected a mapping`);
  for (const k of Object.keys(s)) {
    if (!SETTING_KEYS.has(k)) {
      throw new ParamsError(`${src} setting "${k}": unknown key (known: ${[...SETTING_KEYS].join(", ")})`);
    }
  }

  let resampledSpacing: number[] | null = null;
  if (s.resampledPixelSpacing != null) {
    const r = s.resampledPixelSpacing;
    if (!Array.isArray(r) || r.length !== 3) {
      throw new ParamsError(
        `${src} setting "resampledPixelSpacing": expected 3 numbers, got ${JSON.stringify(r)}`,
      );
    }
    resampledSpacing = r.map((v) => ranged(v, "resampledPixelSpacing", src, 0, 100));
  }
  let interpolator: "linear" | "bspline" = "linear";
  if (s.interpolator != null) {
    const m: Record<string, "linear" | "bspline"> = {
      sitkLinear: "linear",
      linear: "linear",
      sitkBSpline: "bspline",
      bspline: "bspline",
    };
    const v = m[String(s.interpolator)];
    if (!v) {
      throw new ParamsError(
        `${src} setting "interpolator": expected sitkLinear, linear, sitkBSpline or bspline, got ${
          JSON.stringify(s.interpolator)
        }`,
      );
    }
    interpolator = v;
  }
  if (s.binWidth != null && s.binCount != null) {
    throw new ParamsError(`${src} setting: give binWidth or binCount, not both`);
  }
  let discretisation: DiscretisationSettings = { method: "fbs", binWidth: 25 };
  if (s.binCount != null) {
    discretisation = {
      method: "fbn",
      binCount: ranged(s.binCount, "binCount", src, 1, MAX_BIN_COUNT, { integer: true }),
    };
  } else if (s.binWidth != null) {
    discretisation = {
      method: "fbs",
      binWidth: ranged(s.binWidth, "binWidth", src, 0, 1e6, { openLo: true }),
    };
  }
  let resegmentRange: [number, number] | null = null;
  let resegmentOutliers: number | null = s.resegmentOutliers != null
    ? ranged(s.resegmentOutliers, "resegmentOutliers", src, 0, 100, { openLo: true })
    : null;
  if (s.resegmentRange != null) {
    const r = s.resegmentRange;
    if (!Array.isArray(r) || r.length < 1 || r.length > 2) {
      throw new ParamsError(
        `${src} setting "resegmentRange": expected [lo] or [lo, hi], got ${JSON.stringify(r)}`,
      );
    }
    const lo = num(r[0], "resegmentRange", src),
      hi = r.length > 1 ? num(r[1], "resegmentRange", src) : Infinity;
    const mode = String(s.resegmentMode ?? "absolute");
    if (mode === "absolute") resegmentRange = [lo, hi];
    else if (mode === "sigma") {
      if (lo !== -hi) {
        throw new ParamsError(
          `${src} setting "resegmentRange": with resegmentMode sigma only symmetric ranges [-k, k] are supported, got ${
            JSON.stringify(r)
          }`,
        );
      }
      resegmentOutliers = hi;
    } else {throw new ParamsError(
        `${src} setting "resegmentMode": expected absolute or sigma, got ${JSON.stringify(mode)}`,
      );}
  }
  const preprocess: PreprocessOptions = {
    resampledSpacing,
    interpolator,
    roundIntensities: s.roundIntensities == null ? true : Boolean(s.roundIntensities),
    maskThreshold: s.maskThreshold == null ? 0.5 : ranged(s.maskThreshold, "maskThreshold", src, 0, 1),
    resegmentRange,
    resegmentOutliers,
    discretisation,
    label: s.label == null ? 1 : ranged(s.label, "label", src, 1, 65535, { integer: true }),
    ...(s.marginMm != null ? { marginMm: ranged(s.marginMm, "marginMm", src, 0, 200) } : {}),
  };
  let ivh: IvhSettings | undefined;
  if (s.ivh != null) {
    const v = s.ivh as Record<string, unknown>;
    if (v.binCount != null) {
      ivh = {
        method: "fbn",
        binCount: ranged(v.binCount, "ivh.binCount", src, 1, MAX_BIN_COUNT, { integer: true }),
      };
    } else if (v.binWidth != null) {
      ivh = {
        method: "fbs",
        binWidth: ranged(v.binWidth, "ivh.binWidth", src, 0, 1e6, { openLo: true }),
        lower: num(v.lower ?? resegmentRange?.[0], "ivh.lower", src),
        ...(v.upper != null
          ? { upper: num(v.upper, "ivh.upper", src) }
          : resegmentRange && Number.isFinite(resegmentRange[1])
          ? { upper: resegmentRange[1] }
          : {}),
      };
    } else {ivh = {
        method: "none",
        step: v.step == null ? 1 : ranged(v.step, "ivh.step", src, 0, 1e6, { openLo: true }),
        ...(v.lower != null ? { lower: num(v.lower, "ivh.lower", src) } : {}),
        ...(v.upper != null ? { upper: num(v.upper, "ivh.upper", src) } : {}),
      };}
  }
  let dims: TextureSettings["dimensions"] = ["3D"];
  if (s.force2D) dims = ["2D", "2.5D"];
  if (s.textureDimensions != null) {
    const d = s.textureDimensions;
    if (!Array.isArray(d) || d.some((x) => !["2D", "2.5D", "3D"].includes(String(x)))) {
      throw new ParamsError(
        `${src} setting "textureDimensions": expected a list of 2D, 2.5D, 3D, got ${JSON.stringify(d)}`,
      );
    }
    dims = d.map(String) as TextureSettings["dimensions"];
  }
  let families: FeatureFamily[] | undefined;
  if (o.featureClass != null) {
    if (typeof o.featureClass !== "object" || Array.isArray(o.featureClass)) {
      throw new ParamsError(`${src} featureClass: expected a mapping of family names`);
    }
    families = Object.keys(o.featureClass as object).map((k) => {
      const f = FAMILY_ALIASES[k];
      if (!f) {
        throw new ParamsError(
          `${src} featureClass "${k}": unknown family (known: ${Object.keys(FAMILY_ALIASES).join(", ")})`,
        );
      }
      return f;
    });
  }
  return {
    preprocess,
    ...(ivh ? { ivh } : {}),
    ...(families ? { families } : {}),
    texture: {
      dimensions: dims,
      distance: s.distance == null
        ? 1
        : ranged(s.distance, "distance", src, 1, MAX_DISTANCE, { integer: true }),
      ngldmAlpha: s.ngldmAlpha == null
        ? 0
        : ranged(s.ngldmAlpha, "ngldmAlpha", src, 0, 16, { integer: true }),
    },
  };
}
