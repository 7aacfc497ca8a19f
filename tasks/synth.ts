/**
 * `deno task synth [--seed N] [--out DIR]`
 *
 * Writes the synthetic twin of the study to DIR (default `data/`), deterministically in the seed
 * (default 20250411): same seed, same bytes. Steps, each in its own function below:
 *   1. cohort: `cohort.csv` (306 patients, Table 1 variables, progression, PFS, latent tumour
 *      variables) from lib/data/synth_cohort.ts;
 *   2. (radiomics features: added by the radiomics generator, reading the cohort's latent columns).
 */
import { join } from "node:path";
import { parseArgs } from "../lib/io/args.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { synthCohort, twinCsv, type SynthCohort } from "../lib/data/synth_cohort.ts";
import { writeTwinFeatures } from "../lib/features/twin_io.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseArgs(Deno.args, {
  seed: { type: "number", default: 20250411 },
  out: { type: "string" },
});
const seed = values.seed as number;
if (!Number.isSafeInteger(seed)) {
  console.error(`option --seed: expected an integer, got ${seed}`);
  Deno.exit(2);
}
const outDir = values.out ?? join(root, "data");

/** Step 1: the cohort table. */
async function writeCohort(): Promise<SynthCohort> {
  const cohort = synthCohort({ seed });
  const path = join(outDir, "cohort.csv");
  await writeFileAtomic(path, twinCsv(cohort));
  const nTrain = cohort.patients.filter((p) => p.split === "train").length;
  const events = cohort.patients.filter((p) => p.progression === 1).length;
  console.error(`synth: ${path}: ${cohort.patients.length} patients (${nTrain} train), ${events} progressions, seed ${seed}`);
  return cohort;
}

const cohort = await writeCohort();
// Step 2: twin radiomics features from the cohort's latent columns (lib/features/twin_io.ts).
const rad = await writeTwinFeatures(cohort.patients, outDir, seed);
console.error(`synth: ${rad.features}: ${rad.nPatients} patients x ${rad.nFeatures} features; ${rad.repeats}: ${rad.nRepeat} repeat patients`);
