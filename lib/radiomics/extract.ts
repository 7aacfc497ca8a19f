/**
 * One case: image + mask + settings → feature rows, each with the settings record that produced it.
 * Pipeline (IBSI 1, chapter 2): grid checks → crop → interpolation → rounding → mask threshold →
 * re-segmentation → discretisation → feature families (morphology, local intensity, intensity
 * statistics, intensity histogram, intensity–volume histogram, and the texture families when
 * `lib/radiomics/texture/mod.ts` provides `computeTextureFeatures`, see `roi.ts`).
 */
import type { Image } from "./image.ts";
import { checkImageMask, type CheckOptions } from "./checks.ts";
import { preprocess, type PreprocessedRoi, type PreprocessOptions } from "./preprocess.ts";
import type { IvhSettings } from "./ivh.ts";
import {
  FEATURE_FAMILIES,
  type FeatureFamily,
  type FeatureValue,
  type IntensityFamily,
  TEXTURE_FAMILIES,
} from "./feature.ts";
import { FAMILY_FUNCTIONS, featureKey } from "./registry.ts";
import type { ComputeTextureFeatures, TextureSettings } from "./roi.ts";

/** Everything that defines an extraction. */
export interface ExtractionSettings {
  /** Preprocessing (interpolation, re-segmentation, discretisation). */
  readonly preprocess: PreprocessOptions;
  /** IVH discretisation (default: values as they are, step 1, range = re-segmentation range if finite). */
  readonly ivh?: IvhSettings;
  /** Families to compute (default all available). */
  readonly families?: readonly FeatureFamily[];
  /** Texture settings (default 3D, distance 1, α 0). */
  readonly texture?: Partial<TextureSettings>;
  /** Grid check tolerances. */
  readonly checks?: CheckOptions;
}

/** The settings record printed beside every feature row. */
export interface SettingsRecord {
  readonly resampled: string;
  readonly interpolator: string;
  readonly spacing: string;
  readonly roundIntensities: boolean;
  readonly maskThreshold: number;
  readonly resegmentation: string;
  readonly discretisation: string;
  readonly ivh: string;
  readonly textureAggregation: string;
}

/** One output row. */
export interface FeatureRow extends FeatureValue {
  /** Output name `<family>_<Key>` (texture: `<family>_<code>_<aggregation>`). */
  readonly key: string;
  readonly settings: SettingsRecord;
}

/** Result of {@link extractFeatures}. */
export interface ExtractionResult {
  readonly rows: FeatureRow[];
  readonly settings: SettingsRecord;
  /** Families asked for but not available (e.g. texture when its module is absent). */
  readonly notAvailable: FeatureFamily[];
  /** ROI voxel counts. */
  readonly diagnostics: { morphVoxels: number; intensityVoxels: number; grid: readonly number[] };
}

const TEXTURE = new Set<FeatureFamily>(TEXTURE_FAMILIES);

let textureFn: ComputeTextureFeatures | null | undefined;

/** Load `computeTextureFeatures` from `./texture/mod.ts` if that module exists (null otherwise). */
export async function loadTexture(): Promise<ComputeTextureFeatures | null> {
  if (textureFn !== undefined) return textureFn;
  const url = new URL("./texture/mod.ts", import.meta.url);
  try {
    Deno.statSync(url);
  } catch {
    return (textureFn = null);
  }
  const mod = await import(url.href) as { computeTextureFeatures?: ComputeTextureFeatures };
  return (textureFn = typeof mod.computeTextureFeatures === "function" ? mod.computeTextureFeatures : null);
}

/** Default IVH settings for a preprocessing: step 1 over the re-segmentation range when finite. */
export function defaultIvh(p: PreprocessOptions): IvhSettings {
  const r = p.resegmentRange;
  return {
    method: "none",
    step: 1,
    lower: r && Number.isFinite(r[0]) ? r[0] : undefined,
    upper: r && Number.isFinite(r[1]) ? r[1] : undefined,
  };
}

/** Human-readable settings record. */
export function settingsRecord(
  roi: PreprocessedRoi,
  s: ExtractionSettings,
  tex: TextureSettings,
): SettingsRecord {
  const st = roi.settings;
  const d = roi.discretisation;
  const ivh = s.ivh ?? defaultIvh(s.preprocess);
  const reseg: string[] = [];
  if (st.resegmentRange) reseg.push(`range [${st.resegmentRange[0]}, ${st.resegmentRange[1]}]`);
  if (st.resegmentOutliers) reseg.push(`outliers mean ± ${st.resegmentOutliers} SD`);
  return {
    resampled: st.resampledSpacing
      ? `yes, to [${st.resampledSpacing.join(", ")}] mm (0 = axis kept), align grid centres`
      : "no",
    interpolator: st.resampledSpacing ? st.interpolator : "none",
    spacing: roi.spacing.map((v) => +v.toPrecision(6)).join(" × "),
    roundIntensities: st.resampledSpacing ? st.roundIntensities : false,
    maskThreshold: st.maskThreshold,
    resegmentation: reseg.length
      ? reseg.join(" + ") + ` → [${roi.resegmentInterval.map((v) => +v.toPrecision(8)).join(", ")}]`
      : "none",
    discretisation: d.method === "fbs"
      ? `FBS width ${d.binWidth} from ${d.lowerBound}`
      : d.method === "fbn"
      ? `FBN ${d.binCount} bins`
      : "none",
    ivh: ivh.method === "fbs"
      ? `FBS width ${ivh.binWidth} from ${ivh.lower}`
      : ivh.method === "fbn"
      ? `FBN ${ivh.binCount} bins`
      : `step ${ivh.step ?? 1}${ivh.lower !== undefined ? ` over [${ivh.lower}, ${ivh.upper}]` : ""}`,
    textureAggregation: tex.dimensions.join("+"),
  };
}

/** Extract features from an already preprocessed ROI. */
export async function extractFromRoi(
  roi: PreprocessedRoi,
  settings: ExtractionSettings,
): Promise<ExtractionResult> {
  const fams = settings.families ?? FEATURE_FAMILIES;
  const tex: TextureSettings = {
    dimensions: settings.texture?.dimensions ?? ["3D"],
    distance: settings.texture?.distance ?? 1,
    ngldmAlpha: settings.texture?.ngldmAlpha ?? 0,
  };
  const rec = settingsRecord(roi, settings, tex);
  const out: FeatureValue[] = [];
  const notAvailable: FeatureFamily[] = [];
  const ivh = settings.ivh ?? defaultIvh(settings.preprocess);
  for (
    const [fam, fn] of Object.entries(FAMILY_FUNCTIONS) as [
      IntensityFamily,
      (typeof FAMILY_FUNCTIONS)[IntensityFamily],
    ][]
  ) {
    if (fams.includes(fam)) out.push(...fn(roi, ivh));
  }
  const texFams = fams.filter((f) => TEXTURE.has(f));
  if (texFams.length) {
    const fn = await loadTexture();
    if (!fn) notAvailable.push(...texFams);
    else {
      for (const t of fn(roi, { ...tex, families: texFams as TextureSettings["families"] })) {
        out.push({
          family: t.family,
          name: t.name,
          ibsiCode: t.ibsiCode,
          aggregation: t.aggregation,
          value: t.value,
        });
      }
    }
  }
  return {
    rows: out.map((f) => ({
      ...f,
      key: f.aggregation
        ? `${f.family}_${f.name.replace(/[^A-Za-z0-9]+/g, "")}_${f.aggregation}`
        : featureKey(f.family, f.name),
      settings: rec,
    })),
    settings: rec,
    notAvailable,
    diagnostics: { morphVoxels: roi.nMorphVoxels, intensityVoxels: roi.nVoxels, grid: roi.dims },
  };
}

/**
 * Extract every requested feature family for one image and mask. The image and mask are checked
 * for a common grid first (`checks.ts`), then preprocessed (`preprocess.ts`).
 */
export async function extractFeatures(
  image: Image,
  mask: Image,
  settings: ExtractionSettings,
): Promise<ExtractionResult> {
  checkImageMask(image, mask, { label: settings.preprocess.label ?? 1, ...settings.checks });
  const roi = preprocess(image, mask, settings.preprocess);
  return await extractFromRoi(roi, settings);
}
