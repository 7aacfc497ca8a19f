/**
 * Features of one case over several image types (original, wavelet sub-bands, LoG), as one flat
 * record `{ "<imageType>_<family>_<Feature>": value }` (e.g. `wavelet-LHL_glcm_JointEntropy`,
 * `original_morphology_VolumeMesh`), pyradiomics' naming with this library's family keys.
 *
 * Order of operations (pyradiomics `featureextractor.execute`): optional resampling of image and
 * mask (`resampleForFilters`) → filters on the ROI crop (`filterCase`) → per image type:
 * preprocessing without interpolation (re-segmentation, discretisation; `preprocess.ts`) → families.
 * Morphology, local intensity and IVH are computed on the original image only (as pyradiomics
 * computes shape on the original only); intensity statistics, intensity histogram and the texture
 * families on every image type. Texture aggregation: GLCM/GLRLM "3D averaged" (ITBB, pyradiomics'
 * default per-direction averaging), the zone/neighbourhood families 3D (KOBO).
 */
import type { Image } from "../image.ts";
import { checkImageMask } from "../checks.ts";
import {
  type DiscretisationSettings,
  type Interpolator,
  preprocess,
  type PreprocessedRoi,
  preprocessLike,
  type RoiGrid,
  roiGrid,
} from "../preprocess.ts";
import { FAMILY_FUNCTIONS, featureKey } from "../registry.ts";
import { defaultIvh } from "../extract.ts";
import { FEATURE_FAMILIES, type FeatureFamily, INTENSITY_FAMILIES, TEXTURE_FAMILIES } from "../feature.ts";
import { computeTextureFeatures } from "../texture/mod.ts";
import { filterCase, filterMargin, type FilterSpec, resampleForFilters } from "./mod.ts";

/** Settings of a multi-image-type extraction (defaults in brackets). */
export interface CaseSettings {
  /** Resample to this spacing (mm) first [none]. */
  readonly resampledSpacing?: readonly number[] | null;
  /** Interpolator for resampling ["bspline", as pyradiomics' sitkBSpline]. */
  readonly interpolator?: Interpolator;
  /** Round intensities after resampling [false, as pyradiomics]. */
  readonly roundIntensities?: boolean;
  /** Discretisation [fixed bin size 25]. */
  readonly discretisation?: DiscretisationSettings;
  /** Re-segmentation range of the original image [none]; filtered images are never re-segmented by range. */
  readonly resegmentRange?: readonly [number, number] | null;
  /** Image types [original only]. */
  readonly filters?: FilterSpec;
  /** Families [all]. */
  readonly families?: readonly FeatureFamily[];
  /** Mask label [1]. */
  readonly label?: number;
}

const ORIGINAL_ONLY = new Set<FeatureFamily>(["morphology", "local_intensity", "intensity_volume_histogram"]);

/** Features of one preprocessed ROI as `<family>_<Feature>` → value. */
export function roiFeatures(
  roi: PreprocessedRoi,
  families: readonly FeatureFamily[],
  ivhFrom: Parameters<typeof defaultIvh>[0],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of INTENSITY_FAMILIES) {
    if (!families.includes(f)) continue;
    for (const r of FAMILY_FUNCTIONS[f](roi, defaultIvh(ivhFrom))) {
      out[featureKey(r.family, r.name)] = r.value;
    }
  }
  const tex = TEXTURE_FAMILIES.filter((f) => families.includes(f));
  if (tex.length) {
    for (const r of computeTextureFeatures(roi, { families: tex, aggregations: ["ITBB", "KOBO"] })) {
      out[r.key] = r.value;
    }
  }
  return out;
}

/**
 * Why features of a ROI are undefined (NaN): one voxel, a single grey level, zero intensity variance.
 * Returns "" when none of these holds.
 */
export function undefinedReason(roi: PreprocessedRoi): string {
  if (roi.nVoxels === 1) return "the ROI has one voxel";
  let lo = Infinity, hi = -Infinity, first = NaN, same = true;
  for (let i = 0; i < roi.levels.length; i++) {
    if (!roi.intensityMask[i]) continue;
    const l = roi.levels[i];
    if (l < lo) lo = l;
    if (l > hi) hi = l;
    const v = roi.intensity[i];
    if (Number.isNaN(first)) first = v;
    else if (v !== first) same = false;
  }
  if (same) return "the ROI intensities have zero variance";
  if (lo === hi) return "the ROI has a single grey level after discretisation (zero variance)";
  return "";
}

/**
 * Warnings for NaN features of one image type, one per family: "<imageType> glcm: 3 features undefined
 * (NaN), e.g. Correlation: <reason>".
 */
function nanWarnings(
  source: string,
  imageType: string,
  feats: Record<string, number>,
  roi: PreprocessedRoi,
): string[] {
  const byFamily = new Map<string, string[]>();
  for (const [k, v] of Object.entries(feats)) {
    if (!Number.isNaN(v)) continue;
    const fam = k.slice(0, k.lastIndexOf("_"));
    if (!byFamily.has(fam)) byFamily.set(fam, []);
    byFamily.get(fam)!.push(k.slice(k.lastIndexOf("_") + 1));
  }
  if (!byFamily.size) return [];
  const reason = undefinedReason(roi) || "undefined for this ROI";
  return [...byFamily].map(([fam, names]) =>
    `${source}: ${imageType} ${fam}: ${names.length} feature(s) undefined (NaN), e.g. ${names[0]}: ${reason}`
  );
}

/** Image and mask resampled per `settings` (cropped to the ROI ± the filters' reach), or as given. */
function resampled(
  image: Image,
  mask: Image,
  settings: CaseSettings,
  spec: FilterSpec,
  label: number,
): [Image, Image] {
  if (!settings.resampledSpacing) return [image, mask];
  const sp = settings.resampledSpacing.map((v, a) => (v && v > 0 ? v : image.spacing[a]));
  const margin = filterMargin(spec, sp);
  const marginMm = Math.max(...margin.map((m, a) => (m + 2) * sp[a]), 8);
  const r = resampleForFilters(image, mask, {
    resampledSpacing: settings.resampledSpacing,
    interpolator: settings.interpolator ?? "bspline",
    roundIntensities: settings.roundIntensities ?? false,
    label,
    marginMm,
    filters: spec,
  });
  return [r.image, r.mask];
}

/** Whether `roi` (preprocessed without interpolation) covers exactly the grid of `image`. */
function sameGrid(roi: RoiGrid, image: Image): boolean {
  const A = image.affine;
  return roi.settings.resampledSpacing === null && roi.dims.every((n, a) => n === image.dims[a]) &&
    roi.origin[0] === A[3] && roi.origin[1] === A[7] && roi.origin[2] === A[11];
}

/**
 * Features of `image` within `mask` for every image type of `settings.filters` (see the module
 * documentation). Image and mask must share the grid (checked). Keys `<imageType>_<family>_<Feature>`.
 * Features undefined for the ROI (one voxel, zero variance, a single grey level) are NaN, each family
 * with NaN values reported through `onWarning` naming the family and the reason.
 */
export function extractCaseFeatures(
  image: Image,
  mask: Image,
  settings: CaseSettings = {},
  onWarning?: (message: string) => void,
): Record<string, number> {
  const label = settings.label ?? 1;
  checkImageMask(image, mask, { label });
  const spec: FilterSpec = settings.filters ?? { original: true };
  const families = settings.families ?? FEATURE_FAMILIES;
  // bands as computed (LLL right after LLH: no band held back), put in pyradiomics' order below
  const fc = filterCase(...resampled(image, mask, settings, spec, label), spec, {
    label: settings.resampledSpacing ? 1 : label,
    recycle: true,
    bandOrder: "shared",
  });
  const byType = new Map<string, { feats: Record<string, number>; warnings: string[] }>();
  // the original's mask and grid (its intensity arrays are dropped after its features), and the last
  // filtered type's ROI, whose arrays the next one overwrites
  let grid: RoiGrid | undefined, previous: PreprocessedRoi | undefined;
  for (const fi of fc.images()) {
    const original = fi.name === "original";
    const fams = original ? families : families.filter((f) => !ORIGINAL_ONLY.has(f));
    const opts = {
      discretisation: settings.discretisation ?? { method: "fbs", binWidth: 25 } as DiscretisationSettings,
      resegmentRange: original ? settings.resegmentRange ?? null : null,
      roundIntensities: false,
      marginMm: 8,
    };
    // the filtered types share the original's crop and mask arrays (same grid, no re-segmentation); a
    // filtered image is not needed after its features (and local intensity, the one family reading
    // outside the ROI, is the original's only), so its array becomes the intensity array
    const roi = grid && !opts.resegmentRange && sameGrid(grid, fi.image)
      ? preprocessLike(fi.image, grid, opts.discretisation, previous, {
        consume: !original && !fams.includes("local_intensity"),
      })
      : preprocess(fi.image, fc.mask, opts);
    const feats = roiFeatures(roi, fams, opts);
    byType.set(fi.name, { feats, warnings: onWarning ? nanWarnings(image.source, fi.name, feats, roi) : [] });
    // its arrays are reused by the next image type (the features above are plain numbers)
    if (grid) previous = roi;
    else grid = roiGrid(roi);
  }
  const out: Record<string, number> = {};
  for (const name of fc.names) {
    const t = byType.get(name)!;
    if (onWarning) { for (const w of t.warnings) onWarning(w); }
    for (const [k, v] of Object.entries(t.feats)) out[`${name}_${k}`] = v;
  }
  return out;
}
