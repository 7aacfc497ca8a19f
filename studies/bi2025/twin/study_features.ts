/**
 * The radiomics features a study run uses, by source: "generator" (the twin feature generator,
 * studies/bi2025/twin/features.ts, from the cohort's latent variables) or the path of a batch
 * extraction table (features extracted from images: the twin's synthetic CTs or real ones).
 */
import type { CsvTable } from "../../../lib/data/mod.ts";
import type { FeatureTable } from "../../../lib/features/mod.ts";
import type { RepeatReadings } from "../../../lib/features/mod.ts";
import { twinFeaturesFor } from "./features_io.ts";
import { splitExtractedFeatures } from "../../../lib/features/mod.ts";
import { lockCache, resolveFeatureSource } from "./run_inputs.ts";

/** Features for the selection step. */
export interface StudyFeatures {
  readonly table: FeatureTable;
  readonly repeats: RepeatReadings & { readonly ids: readonly string[] };
  /** "generator", or "images" for an extraction table. */
  readonly origin: "generator" | "images";
  /** A sentence saying where the features come from (no file paths). */
  readonly description: string;
  readonly dropped: readonly { readonly name: string; readonly reason: string }[];
}

/** The workspace's cache folder (images, extraction results): `<repo>/.cache`. */
export const DEFAULT_CACHE_DIR: string = new URL("../../../.cache", import.meta.url).pathname;

/**
 * Load the study's features. `source` is "generator", "images" (the twin's images, or
 * `<data>/images/manifest.csv`, extracted into the cache on first use, as `deno task reproduce` does,
 * so an interactive session sees the same numbers) or the path of a batch extraction table;
 * `dataDir`, `cohort` and `seed` serve the generator and the twin's images.
 */
export async function loadStudyFeatures(
  source: string,
  dataDir: string,
  cohort: CsvTable,
  seed: number,
): Promise<StudyFeatures> {
  if (source === "images") {
    const lock = await lockCache(DEFAULT_CACHE_DIR, "study features", (m) => console.error(m));
    try {
      source =
        (await resolveFeatureSource("images", { root: "", dataDir, seed, cacheDir: DEFAULT_CACHE_DIR }))
          .features;
    } finally {
      lock.release();
    }
  }
  if (source === "generator") {
    const { table, repeats, origin } = await twinFeaturesFor(dataDir, cohort, seed);
    return {
      table,
      repeats,
      origin: "generator",
      description: `twin feature generator (${
        origin === "file" ? "read from the data folder" : `seed ${seed}`
      }): ${table.names.length} features`,
      dropped: [],
    };
  }
  let text: string;
  try {
    text = await Deno.readTextFile(source);
  } catch (e) {
    throw new Error(
      `features table ${source}: ${
        (e as Error).message
      } (run \`deno task reproduce\`, which extracts the twin's features from its images, or pass --features generator)`,
    );
  }
  const x = splitExtractedFeatures(text, source);
  return {
    ...x,
    origin: "images",
    description: `extracted from images: ${x.table.ids.length} patients, ${
      x.table.names.length + x.dropped.length
    } features of which ${x.dropped.length} left out (constant or not finite), repeat segmentations of ${x.repeats.ids.length} patients`,
  };
}

/**
 * The feature table and image manifest a notebook works on: `features` "images" resolves (extracting
 * into the cache on first use) to the table and the manifest of the twin's images (or of
 * `<data>/images/`); other values pass through with the given `images` manifest.
 */
export async function resolveStudySources(
  p: { features: string; images: string; data: string; seed: number },
): Promise<{ features: string; images: string }> {
  if (p.features !== "images") return { features: p.features, images: p.images };
  const lock = await lockCache(DEFAULT_CACHE_DIR, "study sources", (m) => console.error(m));
  try {
    return await resolveFeatureSource("images", {
      root: "",
      dataDir: p.data,
      seed: p.seed,
      cacheDir: DEFAULT_CACHE_DIR,
    });
  } finally {
    lock.release();
  }
}
