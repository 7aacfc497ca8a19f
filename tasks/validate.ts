/**
 * `deno task validate --model results/models/study_model.json --cohort C.csv --features F.csv
 *   [--codebook studies/bi2025/codebook.csv] [--out DIR] [--seed N] [--B 2000]`
 *
 * External validation: applies the frozen study model (Radscore definition and the three logistic
 * models) to another cohort's table and radiomics features (pyradiomics/3D Slicer CSV or the twin's
 * feature CSV, one row per patient, matched by id) without refitting, and writes the discrimination and
 * calibration tables and the ROC, calibration and decision-curve figures to DIR (default
 * results-external/).
 */
import { join, resolve } from "node:path";
import { ArgError, parseTaskArgs, usageError } from "../lib/io/args.ts";
import { readCodebook } from "../lib/data/codebook.ts";
import { loadCohort } from "../lib/data/cohort.ts";
import { parseFeatureCsv } from "../lib/features/feature_table.ts";
import { checkFrozenStudyModel } from "../lib/study/frozen.ts";
import { externalValidation } from "../lib/study/validation.ts";
import { toMarkdown } from "../lib/report/table.ts";
import { writeFigureFiles, writeTableFiles } from "../lib/report/write.ts";
import { progress } from "../lib/notebook/progress.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseTaskArgs(Deno.args, {
  name: "validate",
  description: "External validation: applies the frozen study model to another cohort and its radiomics " +
    "features without refitting; writes discrimination and calibration tables and figures.",
  options: {
    model: {
      type: "string",
      default: join(root, "results/models/study_model.json"),
      metavar: "M.json",
      help: "frozen study model",
    },
    cohort: { type: "string", metavar: "C.csv", help: "external cohort (required)" },
    features: { type: "string", metavar: "F.csv", help: "its radiomics features (required)" },
    codebook: {
      type: "string",
      default: join(root, "studies/bi2025/codebook.csv"),
      metavar: "CODEBOOK.csv",
      help: "codebook",
    },
    out: { type: "string", default: "results-external", metavar: "DIR", help: "output folder" },
    seed: { type: "number", integer: true, default: 20250411, help: "bootstrap seed" },
    B: { type: "number", integer: true, min: 1, default: 2000, help: "bootstrap resamples" },
  },
});
if (!values.cohort || !values.features) {
  usageError("validate", new ArgError("options --cohort C.csv and --features F.csv are required"));
}
try {
  const model = JSON.parse(await Deno.readTextFile(values.model!));
  checkFrozenStudyModel(model, values.model);
  const codebook = await readCodebook(values.codebook!);
  const cohort = await loadCohort(values.cohort!, codebook);
  const features = parseFeatureCsv(await Deno.readTextFile(values.features!), { source: values.features });
  const res = externalValidation(model, { rows: cohort.rows, features, source: values.cohort }, {
    B: values.B ?? 2000,
    seed: values.seed ?? 20250411,
    onProgress: progress("bootstrap"),
  });
  const out = resolve(values.out!);
  await writeTableFiles(out, "external_discrimination", res.tables.discrimination);
  await writeTableFiles(out, "external_calibration", res.tables.calibration);
  for (const [k, f] of Object.entries(res.figures)) await writeFigureFiles(out, `external_${k}`, f);
  console.log(toMarkdown(res.tables.discrimination));
  console.log(toMarkdown(res.tables.calibration));
  console.error(`validate: tables and figures written to ${out}`);
} catch (e) {
  console.error(`validate: ${(e as Error).message}`);
  Deno.exit(1);
}
