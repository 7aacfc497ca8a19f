/**
 * `deno bench -A bench/validate_bench.ts`
 *
 * Speed of the optimism bootstrap (lib/eval/validate.ts) on the study's training set: n = 215 patients
 * of the bundled twin cohort, the Table 2 candidates, and the twin generator's radiomics features after
 * ICC screening (studies/bi2025/twin/features.ts, seed 20250411), B = 200 resamples, every selection
 * step repeated in each resample:
 * - clinical model: univariable screening + multivariable selection + final logistic fit;
 * - radiomics nomogram: the same plus z-score → SMOTE → mRMR 20 → LASSO 10-fold CV → Radscore.
 * The nomogram bench uses B = 20 by default (VALIDATE_BENCH_NOMOGRAM_B=200 for the full run): the time
 * is linear in B (one selection per resample), and Deno runs each bench at least twice.
 */
import { readCsv } from "../lib/data/csv.ts";
import { cohortSplit, loadCohort, readCodebook } from "../lib/data/mod.ts";
import { iccScreening, radiomicsSets } from "../lib/features/mod.ts";
import { loadStudyFeatures } from "../studies/bi2025/twin/mod.ts";
import { table2Candidates } from "../lib/models/screening.ts";
import { studyRecipes, studyValidationData } from "../lib/study/internal_validation.ts";
import { readStudySpec } from "../lib/study/spec.ts";
import { validate } from "../lib/eval/validate.ts";

const dir = new URL("../studies/bi2025", import.meta.url).pathname;
const seed = 20250411;
const cohortCsv = await readCsv(`${dir}/cohort.csv`);
const codebook = await readCodebook(`${dir}/codebook.csv`);
const cohort = await loadCohort(`${dir}/cohort.csv`, codebook);
const spec = await readStudySpec(dir);
const { table, repeats } = await loadStudyFeatures("generator", dir, cohortCsv, seed);
const icc = iccScreening(repeats, { threshold: 0.8 });
const { train, names } = radiomicsSets(table, cohortCsv, {
  outcome: spec.endpoint.status,
  features: icc.kept,
});
const data = studyValidationData(cohortSplit(cohort, "train").rows, train, names);
const recipesFor = () =>
  studyRecipes({
    outcome: spec.endpoint.status,
    labels: spec.model_labels,
    candidates: table2Candidates(codebook),
    pipeline: { seed, order: "paper", mrmr: { k: 20 }, lasso: { nfolds: 10 } },
  });
const B = 200;
/** Resamples of the nomogram bench (default 20: Deno runs a bench at least twice, and 200 take minutes). */
const bNomogram = Number(Deno.env.get("VALIDATE_BENCH_NOMOGRAM_B") ?? 20);
const label = `n = ${data.rows.length}, ${names.length} features`;

function run(key: "clinical" | "nomogram", b: number): void {
  const t0 = performance.now();
  const v = validate(recipesFor()[key], data, { B: b, seed });
  const s = (performance.now() - t0) / 1000;
  console.log(
    `validate ${key} (${label}, B = ${b}, selection repeated): ${s.toFixed(1)} s, ${
      (s / (b + 1)).toFixed(2)
    } s per fit; ` +
      `AUC apparent ${v.index.AUC.apparent.toFixed(3)}, corrected ${
        v.index.AUC.corrected.toFixed(3)
      }, ${v.nFailed} failed`,
  );
}

Deno.bench(
  { name: `validate clinical model (${label}, B = ${B}, screening repeated)`, n: 1, warmup: 0 },
  () => run("clinical", B),
);
Deno.bench(
  {
    name: `validate radiomics nomogram (${label}, B = ${bNomogram}, all selection repeated)`,
    n: 1,
    warmup: 0,
  },
  () => run("nomogram", bNomogram),
);
