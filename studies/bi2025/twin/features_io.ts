/**
 * Files of the twin radiomics features, written by `deno task synth` and read by notebook 03:
 * - `radiomics_features.csv`: `id`, then the 2,553 features (reader A, first reading), 6
 *   significant digits, one row per cohort patient in cohort order;
 * - `radiomics_repeats.csv`: `id`, `reader` ("A1", "A2", "B"), then the features, for the 40
 *   repeat patients (reader A twice two weeks apart, reader B once).
 */
import { join } from "node:path";
import { writeFileAtomic } from "../../../lib/io/mod.ts";
import { DataError } from "../../../lib/data/mod.ts";
import { type FeatureTable, featureTableCsv, parseFeatureCsv } from "../../../lib/features/mod.ts";
import type { RepeatReadings } from "../../../lib/features/mod.ts";
import { type LatentRow, synthFeatures, type TwinFeatures } from "./features.ts";

export const TWIN_FEATURES_FILE = "radiomics_features.csv";
export const TWIN_REPEATS_FILE = "radiomics_repeats.csv";
/** Latent columns read from the cohort, in this order. */
export const LATENT_COLUMNS = [
  "latent_aggressiveness",
  "latent_heterogeneity",
  "latent_vascularity",
] as const;

/** Latent rows from cohort rows (objects with `id` and the latent columns, numbers or numeric text). */
export function latentRowsFromCohort(rows: readonly object[], source = "cohort"): LatentRow[] {
  return rows.map((row, i) => {
    const r = row as Readonly<Record<string, unknown>>;
    const id = r.id;
    if (typeof id !== "string" || id === "") {
      throw new DataError(
        `${source} row ${i + 2}, column "id": expected a patient id, got ${JSON.stringify(id)}`,
        source,
        i + 2,
        "id",
      );
    }
    const latent = LATENT_COLUMNS.map((c) => {
      const v = typeof r[c] === "number" ? (r[c] as number) : Number(r[c]);
      if (!Number.isFinite(v)) {
        throw new DataError(
          `${source} row ${i + 2}, column "${c}": expected a number, got ${JSON.stringify(r[c])}`,
          source,
          i + 2,
          c,
        );
      }
      return v;
    });
    return { id, latent };
  });
}

/** CSV texts of generated twin features. */
export function twinFeatureCsvs(tw: TwinFeatures): { features: string; repeats: string } {
  const main: FeatureTable = {
    ids: tw.ids,
    names: tw.names,
    values: tw.values,
    metadata: {},
    source: "twin",
  };
  const r = tw.repeats;
  const reps: FeatureTable = {
    ids: [...r.ids, ...r.ids, ...r.ids],
    names: tw.names,
    values: [...r.readerA1, ...r.readerA2, ...r.readerB],
    metadata: { reader: [...r.ids.map(() => "A1"), ...r.ids.map(() => "A2"), ...r.ids.map(() => "B")] },
    source: "twin repeats",
  };
  return { features: featureTableCsv(main), repeats: featureTableCsv(reps, { meta: ["reader"] }) };
}

/**
 * Generate the twin features from the cohort's latent variables and write both files to `outDir`
 * (atomic writes). Deterministic in `seed`. Returns the paths and sizes.
 */
export async function writeTwinFeatures(
  cohortRows: readonly object[],
  outDir: string,
  seed: number,
): Promise<{ features: string; repeats: string; nPatients: number; nFeatures: number; nRepeat: number }> {
  const tw = synthFeatures(latentRowsFromCohort(cohortRows), { seed });
  const csv = twinFeatureCsvs(tw);
  const features = join(outDir, TWIN_FEATURES_FILE);
  const repeats = join(outDir, TWIN_REPEATS_FILE);
  await writeFileAtomic(features, csv.features);
  await writeFileAtomic(repeats, csv.repeats);
  return {
    features,
    repeats,
    nPatients: tw.ids.length,
    nFeatures: tw.names.length,
    nRepeat: tw.repeats.ids.length,
  };
}

/** The twin feature table and repeat readings read back from `dataDir`. */
export async function loadTwinFeatures(
  dataDir: string,
): Promise<{ table: FeatureTable; repeats: RepeatReadings & { ids: string[] } }> {
  const fPath = join(dataDir, TWIN_FEATURES_FILE);
  const rPath = join(dataDir, TWIN_REPEATS_FILE);
  return parseTwinFeatureCsvs(await Deno.readTextFile(fPath), await Deno.readTextFile(rPath), fPath, rPath);
}

/** Parse the two twin CSV texts (features, repeats); sources name the files in errors. */
export function parseTwinFeatureCsvs(
  featuresText: string,
  repeatsText: string,
  fPath: string,
  rPath: string,
): { table: FeatureTable; repeats: RepeatReadings & { ids: string[] } } {
  const table = parseFeatureCsv(featuresText, { source: fPath });
  const rep = parseFeatureCsv(repeatsText, { source: rPath });
  const reader = rep.metadata.reader;
  if (!reader) throw new DataError(`${rPath}: no "reader" column`, rPath);
  const pick = (code: string) => rep.values.filter((_, i) => reader[i] === code);
  const ids = rep.ids.filter((_, i) => reader[i] === "A1");
  const idsA2 = rep.ids.filter((_, i) => reader[i] === "A2");
  const idsB = rep.ids.filter((_, i) => reader[i] === "B");
  if (ids.join() !== idsA2.join() || ids.join() !== idsB.join()) {
    throw new DataError(
      `${rPath}: readers A1, A2 and B must list the same patients in the same order`,
      rPath,
    );
  }
  return {
    table,
    repeats: { ids, names: rep.names, readerA1: pick("A1"), readerA2: pick("A2"), readerB: pick("B") },
  };
}

/**
 * The twin features for a data folder: read from its CSV files when present, otherwise generated
 * in memory from the cohort's latent columns with `seed` (the same numbers `deno task synth` writes).
 * @param cohort the cohort table (cells as text) with `id` and the latent columns
 */
export async function twinFeaturesFor(
  dataDir: string,
  cohort: {
    readonly header: readonly string[];
    readonly rows: readonly (readonly string[])[];
    readonly source: string;
  },
  seed: number,
): Promise<
  { table: FeatureTable; repeats: RepeatReadings & { ids: string[] }; origin: "file" | "generated" }
> {
  try {
    await Deno.stat(join(dataDir, TWIN_FEATURES_FILE));
    return { ...(await loadTwinFeatures(dataDir)), origin: "file" };
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const rows = cohort.rows.map((r) => Object.fromEntries(cohort.header.map((h, j) => [h, r[j]])));
  // Go through the CSV text `deno task synth` writes, so generated and file-read features are the same numbers.
  const csv = twinFeatureCsvs(synthFeatures(latentRowsFromCohort(rows, cohort.source), { seed }));
  const source = `twin features (seed ${seed})`;
  return {
    ...parseTwinFeatureCsvs(csv.features, csv.repeats, source, `${source}, repeats`),
    origin: "generated",
  };
}
