/**
 * External validation data: another cohort's table (validated against the codebook) and its radiomics
 * features, or a synthetic external cohort drawn from the twin generators with another seed (a
 * stand-in for a second hospital's patients: same generating model, independent patients).
 */
import { parseCsv } from "../../../lib/data/mod.ts";
import type { Codebook } from "../../../lib/data/mod.ts";
import { validateCohort } from "../../../lib/data/mod.ts";
import { synthCohort, twinCsv } from "./cohort.ts";
import { synthFeatures } from "./features.ts";
import { latentRowsFromCohort, parseTwinFeatureCsvs, twinFeatureCsvs } from "./features_io.ts";
import { parseFeatureCsv } from "../../../lib/features/mod.ts";
import { splitExtractedFeatures } from "../../../lib/features/mod.ts";
import { externalTwinFeatures } from "./run_inputs.ts";
import { DEFAULT_CACHE_DIR } from "./study_features.ts";
import type { ExternalCohort } from "../../../lib/study/mod.ts";

/**
 * A synthetic external cohort: all patients of a twin cohort generated with `seed` (both of its
 * splits), validated against the codebook, with twin radiomics features for them: new patients
 * (`seed`) from the study's feature model (`modelSeed`, the seed the study's features were made with).
 */
export function syntheticExternalCohort(codebook: Codebook, seed: number, modelSeed: number): ExternalCohort {
  const cohort = synthCohort({ seed });
  const source = `synthetic external cohort (seed ${seed})`;
  const validated = validateCohort(parseCsv(twinCsv(cohort), source), codebook);
  const csv = twinFeatureCsvs(
    synthFeatures(latentRowsFromCohort(cohort.patients as unknown as object[], source), { seed, modelSeed }),
  );
  const { table } = parseTwinFeatureCsvs(
    csv.features,
    csv.repeats,
    `${source}, features`,
    `${source}, repeats`,
  );
  return { rows: validated.rows, features: table, source };
}

/**
 * An external cohort from files: a cohort CSV validated against the codebook and its radiomics
 * features (a batch extraction table, reader A1 rows, or a one-row-per-patient feature CSV).
 */
export async function externalCohortFromFiles(
  codebook: Codebook,
  cohortCsv: string,
  featuresCsv: string,
  label: string,
): Promise<ExternalCohort> {
  const validated = validateCohort(parseCsv(await Deno.readTextFile(cohortCsv), cohortCsv), codebook);
  const text = await Deno.readTextFile(featuresCsv);
  const features = text.startsWith("patient,reader,")
    ? splitExtractedFeatures(text, featuresCsv).table
    : parseFeatureCsv(text, { source: featuresCsv });
  return { rows: validated.rows, features, source: label };
}

/**
 * The external cohort of a run: from files when `cohortCsv` and `featuresCsv` are given (prepared by
 * `deno task reproduce` from the twin's images, or a real cohort); with `features` "images" and no
 * files, the twin's external cohort is imaged and extracted into the cache here; else the synthetic
 * external cohort of the twin feature generator (`externalSeed` patients, `modelSeed` feature model).
 */
export async function externalCohortFor(
  codebook: Codebook,
  o: { cohortCsv?: string; featuresCsv?: string; externalSeed: number; modelSeed: number; features?: string },
): Promise<ExternalCohort> {
  if (!(o.cohortCsv && o.featuresCsv) && o.features === "images") {
    // Interactive use: prepare the external cohort's images and features as `deno task reproduce` does.
    const r = await externalTwinFeatures({ seed: o.externalSeed, cacheDir: DEFAULT_CACHE_DIR });
    o = { ...o, cohortCsv: r.cohort, featuresCsv: r.features };
  }
  if (o.cohortCsv && o.featuresCsv) {
    return await externalCohortFromFiles(
      codebook,
      o.cohortCsv,
      o.featuresCsv,
      `synthetic external cohort (seed ${o.externalSeed}), features extracted from its images`,
    );
  }
  return syntheticExternalCohort(codebook, o.externalSeed, o.modelSeed);
}
