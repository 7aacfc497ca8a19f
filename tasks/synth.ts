/**
 * `deno task synth [--seed N] [--out DIR] [--images] [--generator-features]`
 *
 * Writes the synthetic twin of the study to DIR (default `studies/bi2025/`), deterministically in the seed
 * (default 20250411): same seed, same bytes. Steps:
 *   1. cohort: `cohort.csv` (306 patients, Table 1 variables, progression, PFS, latent tumour
 *      variables) from studies/bi2025/twin/cohort.ts (always);
 *   2. with --images: the twin's synthetic CT images (three phases, lesion masks, repeat
 *      segmentations of 40 patients) in `DIR/images/` with `images/manifest.csv` (about 120 MB; not
 *      committed). `deno task reproduce` makes the same images in its cache when the data folder has none;
 *   3. with --generator-features: the twin feature generator's tables (`radiomics_features.csv`,
 *      `radiomics_repeats.csv`), read by notebook 03 under `--features generator`.
 */
import { join } from "node:path";
import { parseTaskArgs } from "../lib/io/args.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { type SynthCohort, synthCohort, twinCsv } from "../studies/bi2025/twin/mod.ts";
import { writeTwinFeatures } from "../studies/bi2025/twin/mod.ts";
import { readCohortLatents, writeTwinImages } from "../studies/bi2025/twin/mod.ts";
import { progress } from "../lib/notebook/progress.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseTaskArgs(Deno.args, {
  name: "synth",
  description:
    "Writes the synthetic twin of the study (cohort.csv; optionally images and generator features) " +
    "deterministically in the seed.",
  options: {
    seed: { type: "number", integer: true, default: 20250411, help: "seed" },
    out: { type: "string", metavar: "DIR", help: "output folder (default studies/bi2025/)" },
    images: { type: "boolean", help: "also write the synthetic CT images (about 120 MB)" },
    "generator-features": { type: "boolean", help: "also write the twin feature generator's tables" },
  },
});
const seed = values.seed as number;
const outDir = values.out ?? join(root, "studies", "bi2025");

/** Step 1: the cohort table. */
async function writeCohort(): Promise<SynthCohort> {
  const cohort = synthCohort({ seed });
  const path = join(outDir, "cohort.csv");
  await writeFileAtomic(path, twinCsv(cohort));
  const nTrain = cohort.patients.filter((p) => p.split === "train").length;
  const events = cohort.patients.filter((p) => p.progression === 1).length;
  console.error(
    `synth: ${path}: ${cohort.patients.length} patients (${nTrain} train), ${events} progressions, seed ${seed}`,
  );
  return cohort;
}

const cohort = await writeCohort();
if (values.images) {
  // Step 2: the twin's synthetic CT images from the cohort's latent columns (studies/bi2025/twin/images.ts).
  const dir = join(outDir, "images");
  const report = progress("synth images");
  const rows = await writeTwinImages(readCohortLatents(join(outDir, "cohort.csv")), dir, seed, {
    nRepeat: 40,
    onProgress: report,
  });
  console.error(`synth: ${dir}: ${rows.length} image × mask cases, manifest ${join(dir, "manifest.csv")}`);
}
if (values["generator-features"]) {
  // Step 3: twin radiomics features from the generator (studies/bi2025/twin/features_io.ts).
  const rad = await writeTwinFeatures(cohort.patients, outDir, seed);
  console.error(
    `synth: ${rad.features}: ${rad.nPatients} patients x ${rad.nFeatures} features; ${rad.repeats}: ${rad.nRepeat} repeat patients`,
  );
}
