/**
 * The twin's radiomics from images: synthetic CT crops of the three phases with lesion masks (and the
 * repeat segmentations of 40 patients), generated from the cohort's latent tumour variables, then
 * batch-extracted (1 mm B-spline resampling, fixed bin width 25, original + eight coif1 wavelet
 * bands, all IBSI families) into one feature table. Both steps are cached in a folder keyed by the
 * cohort's sha256 (the images are a function of the cohort and the seed), the seed and the extraction
 * settings, so a rerun reuses them; any change of the three regenerates everything. A data folder's own
 * images are keyed by the sha256 of every image and mask. One run at a time per cache ({@link lockCache}).
 */
import { join, resolve as resolvePath } from "node:path";
import { writeFileAtomic } from "../../../lib/io/mod.ts";
import { sha256Hex } from "../../../lib/io/mod.ts";
import { readCohortLatents, writeTwinImages } from "./images.ts";
import {
  batchTableCsv,
  formatSummary,
  readManifest,
  runBatch,
  settingsHash,
} from "../../../lib/radiomics/mod.ts";
export { lockCache } from "../../../lib/io/mod.ts";
import type { CaseSettings } from "../../../lib/radiomics/mod.ts";
import { synthCohort, twinCsv } from "./cohort.ts";
import {
  type ImageProvenance,
  imageProvenance,
  type PrepareOptions,
  type PrepareRunInputs,
  type RunInputs,
} from "../../../lib/study/mod.ts";

export type { RunInputs };

/** The extraction settings of the twin (the paper: 1 mm resampling, gray-level discretisation, wavelets). */
export const TWIN_EXTRACTION: CaseSettings = {
  resampledSpacing: [1, 1, 1],
  interpolator: "bspline",
  discretisation: { method: "fbs", binWidth: 25 },
  filters: { original: true, wavelet: { wavelet: "coif1" } },
};

/** Options of {@link twinImageFeatures}. */
export interface TwinImageFeatureOptions {
  /** The cohort CSV with id and latent columns. */
  readonly cohortCsv: string;
  /** Cache folder (images, per-case results, feature table). */
  readonly cacheDir: string;
  readonly seed: number;
  /** Worker threads (default: all cores). */
  readonly workers?: number;
  readonly settings?: CaseSettings;
  /** Patients with repeat segmentations (default 40; 0 for none). */
  readonly nRepeat?: number;
  /** Progress messages. */
  readonly log?: (message: string) => void;
}

/** Where the feature table is and what the run did. */
export interface TwinImageFeatures {
  readonly featuresCsv: string;
  readonly manifest: string;
  readonly key: string;
  readonly reused: boolean;
  readonly summary: string;
}

/**
 * Generate (or reuse) the twin's images and extract their features; returns the path of the feature
 * table (batch format: patient, reader, features). Throws when any case fails.
 */
export async function twinImageFeatures(options: TwinImageFeatureOptions): Promise<TwinImageFeatures> {
  const log = options.log ?? (() => {});
  const settings = options.settings ?? TWIN_EXTRACTION;
  const cohortHash = (await sha256Hex(await Deno.readFile(options.cohortCsv))).slice(0, 12);
  const nRepeat = options.nRepeat ?? 40;
  const key = `${cohortHash}-${options.seed}-${nRepeat}-${settingsHash(settings)}`;
  const dir = join(options.cacheDir, `twin-${key}`);
  const featuresCsv = join(dir, "features.csv");
  const manifest = join(dir, "images", "manifest.csv");
  try {
    Deno.statSync(featuresCsv);
    return {
      featuresCsv,
      manifest,
      key,
      reused: true,
      summary: `twin features reused from the cache (key ${key})`,
    };
  } catch { /* build */ }
  try {
    Deno.statSync(manifest);
  } catch {
    const latents = readCohortLatents(options.cohortCsv);
    let last = 0;
    await writeTwinImages(latents, join(dir, "images"), options.seed, {
      nRepeat,
      onProgress: (done, total) => {
        if (done === total || performance.now() - last > 2000) {
          last = performance.now();
          log(`twin images: ${done}/${total} patients`);
        }
      },
    });
  }
  let last = 0;
  const res = await runBatch(readManifest(manifest), {
    settings,
    cacheDir: join(dir, "cases"),
    workers: options.workers,
    onProgress: (p) => {
      if (p.done === p.total || performance.now() - last > 3000) {
        last = performance.now();
        const left = Number.isFinite(p.etaMs) ? `, about ${Math.ceil(p.etaMs / 1000)} s left` : "";
        log(`extraction: ${p.done}/${p.total} cases (${p.failed} failed, ${p.skipped} cached)${left}`);
      }
    },
  });
  const summary = formatSummary(res);
  if (res.summary.failed.length) {
    throw new Error(`twin feature extraction: ${res.summary.failed.length} case(s) failed\n${summary}`);
  }
  await writeFileAtomic(featuresCsv, batchTableCsv(res));
  return { featuresCsv, manifest, key, reused: false, summary };
}

/** Options of {@link resolveFeatures}. */
/** Options of the feature resolution: those of every preparation step (lib/study/prepare.ts). */
export type ResolveFeaturesOptions = PrepareOptions;

/**
 * The `features` parameter of a run: "generator" stays; "images" becomes the path of a feature table
 * extracted from `<data>/images/manifest.csv` when present, else from the twin's synthetic images of
 * `<data>/cohort.csv` (both cached); any other value is a table path, checked to exist.
 */
export async function resolveFeatures(source: string, o: ResolveFeaturesOptions): Promise<string> {
  return (await resolveFeatureSource(source, o)).features;
}

/** Like {@link resolveFeatures}, also giving the image manifest the table came from ("" when none). */
export async function resolveFeatureSource(
  source: string,
  o: ResolveFeaturesOptions,
): Promise<{ features: string; images: string }> {
  const log = o.log ?? ((m: string) => console.error(m));
  if (source === "generator") return { features: source, images: "" };
  if (source !== "images") {
    const path = resolvePath(source);
    try {
      Deno.statSync(path);
    } catch {
      throw new Error(
        `option --features: table ${source} not found (expected "images", "generator" or a feature table)`,
      );
    }
    return { features: path, images: "" };
  }
  const own = join(o.dataDir, "images", "manifest.csv");
  let hasOwn = false;
  try {
    hasOwn = Deno.statSync(own).isFile;
  } catch { /* no images of its own */ }
  if (hasOwn) {
    // keyed by the content of every image and mask (and the settings), not only the manifest's text
    const prov = await imageProvenance("study", own, own, TWIN_EXTRACTION, o.root || Deno.cwd());
    const cases = readManifest(own);
    const out = join(o.cacheDir, `extract-${prov.digest.slice(0, 12)}-${settingsHash(TWIN_EXTRACTION)}`);
    const featuresCsv = join(out, "features.csv");
    try {
      Deno.statSync(featuresCsv);
      return { features: featuresCsv, images: own };
    } catch { /* extract */ }
    let last = 0;
    const res = await runBatch(cases, {
      settings: TWIN_EXTRACTION,
      // per-case results are checked against the sha256 of their image and mask (batch cache)
      cacheDir: join(o.cacheDir, `extract-cases-${settingsHash(TWIN_EXTRACTION)}`),
      workers: o.workers,
      onProgress: (p) => {
        if (p.done === p.total || performance.now() - last > 3000) {
          last = performance.now();
          log(`extraction: ${p.done}/${p.total} cases (${p.failed} failed, ${p.skipped} cached)`);
        }
      },
    });
    if (res.summary.failed.length) {
      throw new Error(
        `feature extraction: ${res.summary.failed.length} case(s) failed\n${formatSummary(res)}`,
      );
    }
    await writeFileAtomic(featuresCsv, batchTableCsv(res));
    return { features: featuresCsv, images: own };
  }
  const r = await twinImageFeatures({
    cohortCsv: join(o.dataDir, "cohort.csv"),
    cacheDir: o.cacheDir,
    seed: o.seed,
    workers: o.workers,
    log,
  });
  log(r.reused ? r.summary : r.summary.split("\n")[0]);
  return { features: r.featuresCsv, images: r.manifest };
}

/**
 * A synthetic external cohort with radiomics from images: a twin cohort drawn with `seed` (all its
 * patients), written as CSV into the cache, and its synthetic CTs (no repeat segmentations)
 * extracted like the study's. Returns the cohort CSV and the feature table paths (both cached).
 */
export async function externalTwinFeatures(
  o: { seed: number; cacheDir: string; workers?: number; log?: (m: string) => void },
): Promise<{ cohort: string; features: string; images: string }> {
  const dir = join(o.cacheDir, `external-${o.seed}`);
  const cohort = join(dir, "cohort.csv");
  await writeFileAtomic(cohort, twinCsv(synthCohort({ seed: o.seed })));
  const r = await twinImageFeatures({
    cohortCsv: cohort,
    cacheDir: o.cacheDir,
    seed: o.seed,
    workers: o.workers,
    nRepeat: 0,
    log: o.log,
  });
  (o.log ?? ((m: string) => console.error(m)))(
    `external cohort: ${r.reused ? r.summary : r.summary.split("\n")[0]}`,
  );
  return { cohort, features: r.featuresCsv, images: r.manifest };
}

/** Seed of the synthetic external cohort (notebook 08). */
export const EXTERNAL_SEED = 20250412;

/**
 * Prepare what the notebooks read besides the data folder: the radiomics feature table (by `source`:
 * "images", "generator" or a table path; see {@link resolveFeatureSource}) and, with image features,
 * the synthetic external cohort with its extracted features. Returns the notebook parameters
 * (features, images, features_source, external_cohort, external_features) and the files to hash into
 * the manifest.
 */
export const prepareRunInputs: PrepareRunInputs = async (source, o) => {
  const { features, images } = await resolveFeatureSource(source, o);
  let external = { cohort: "", features: "", images: "" };
  if (features !== "generator") {
    external = await externalTwinFeatures({
      seed: EXTERNAL_SEED,
      cacheDir: o.cacheDir,
      workers: o.workers,
      log: o.log,
    });
  }
  const provenance: ImageProvenance[] = [];
  if (images) provenance.push(await imageProvenance("study", images, features, TWIN_EXTRACTION, o.root));
  if (external.images) {
    provenance.push(
      await imageProvenance("external", external.images, external.features, TWIN_EXTRACTION, o.root),
    );
  }
  return {
    params: {
      features,
      images,
      features_source: source,
      external_cohort: external.cohort,
      external_features: external.features,
    },
    extraInputs: [features, external.cohort, external.features].filter((f) => f && f !== "generator"),
    images: provenance,
  };
};
