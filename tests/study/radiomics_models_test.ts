/**
 * The radiomics steps of the generic study notebooks on a study folder built from the bi2025 twin: its
 * cohort and codebook, and a feature table from the twin feature generator (main reading plus repeat
 * readings in a `reader` column), with `radiomics.features`, the venous phase only and models
 * [clinical, radiomics, nomogram].
 */
import { join } from "node:path";
import { parseCsv } from "../../lib/data/mod.ts";
import { type FeatureTable, featureTableCsv } from "../../lib/features/mod.ts";
import { aucMannWhitney } from "../../lib/models/mod.ts";
import { reproduce } from "../../lib/notebook/reproduce.ts";
import { loadStudy, readStudyFeatures, type StudyPredictions, studyRadiomics } from "../../lib/study/mod.ts";
import { latentRowsFromCohort, synthFeatures } from "../../studies/bi2025/twin/mod.ts";
import { assert, assertEquals, assertRejects } from "../assert.ts";

const root = new URL("../../", import.meta.url).pathname;
const paper = join(root, "studies", "bi2025");

/** The twin's features of `rows` as one wide table: `id`, `reader` (A1 every patient; A2, B the repeats). */
function featureCsv(rows: readonly Record<string, string>[], seed: number, change?: string): string {
  const tw = synthFeatures(latentRowsFromCohort(rows), { seed });
  const r = tw.repeats;
  const main = tw.values.map((v, i) => (tw.ids[i] === change ? v.map((x) => x * 3 + 1) : v));
  const t: FeatureTable = {
    ids: [...tw.ids, ...r.ids, ...r.ids],
    names: tw.names,
    values: [...main, ...r.readerA2, ...r.readerB],
    metadata: { reader: [...tw.ids.map(() => "A1"), ...r.ids.map(() => "A2"), ...r.ids.map(() => "B")] },
    source: "twin",
  };
  return featureTableCsv(t, { meta: ["reader"] });
}

/** A study folder from the twin: cohort, codebook, features.csv (and features_changed.csv), study.yaml. */
async function twinStudy(): Promise<{ dir: string; changed: string }> {
  const dir = await Deno.makeTempDir({ prefix: "h13-radiomics-study-" });
  const cohortText = await Deno.readTextFile(join(paper, "cohort.csv"));
  await Deno.writeTextFile(join(dir, "cohort.csv"), cohortText);
  await Deno.copyFile(join(paper, "codebook.csv"), join(dir, "codebook.csv"));
  const c = parseCsv(cohortText, "cohort.csv");
  const rows = c.rows.map((r) => Object.fromEntries(c.header.map((h, j) => [h, r[j]])));
  const changed = rows.find((r) => r.split === "test")!.id;
  await Deno.writeTextFile(join(dir, "features.csv"), featureCsv(rows, 7));
  await Deno.writeTextFile(join(dir, "features_changed.csv"), featureCsv(rows, 7, changed));
  const spec = (await Deno.readTextFile(join(paper, "study.yaml")))
    .replace(/^notebooks:[\s\S]*$/m, "notebooks: null\n")
    .replace(/^evaluation:.*$/m, "evaluation: { hl_groups: 10, bootstrap: 20, calibration_resamples: 20 }")
    .replace(
      /^models:.*$/m,
      `models: [clinical, radiomics, nomogram]
model_labels: { clinical: "Clinical model", radiomics: "Radiomics signature", nomogram: "Radiomics nomogram" }
radiomics: { features: features.csv, phases: [venous], icc_threshold: 0.75, mrmr_k: 10, lasso_folds: 5, smote: "off", lasso_rule: min }`,
    );
  await Deno.writeTextFile(join(dir, "study.yaml"), spec);
  return { dir, changed };
}

const built = twinStudy();

Deno.test("the Radscore is fitted on the training rows only: changing a test patient's features changes no coefficient", async () => {
  const { dir, changed } = await built;
  const study = await loadStudy(dir);
  const features = await readStudyFeatures(study);
  assert(
    features.table.names.every((n) => n.startsWith("venous_")),
    "phases filter keeps venous features only",
  );
  assert(features.repeats !== null && features.repeats.ids.length > 0, "repeat readings found");
  const rad = studyRadiomics(study, features);
  assert(
    rad.screen !== null && rad.candidates.length < features.table.names.length,
    "ICC screening dropped features",
  );
  assert(rad.fit.selectedNames_.length > 0, "LASSO kept at least one feature");
  assertEquals(rad.train.ids.length, study.train.length);
  const other = await loadStudy(dir, { overrides: ["radiomics.features=features_changed.csv"] });
  const rad2 = studyRadiomics(other, await readStudyFeatures(other));
  assertEquals(rad2.fit.radscore_.formula(12), rad.fit.radscore_.formula(12));
  assertEquals(rad2.train.radscore, rad.train.radscore);
  const k = rad.test.ids.indexOf(changed);
  assert(
    k >= 0 && rad2.test.radscore[k] !== rad.test.radscore[k],
    "the changed test patient's Radscore moves",
  );
});

Deno.test("without repeat readings the ICC screening is skipped with a note; an absent phase is a one-line spec error", async () => {
  const { dir } = await built;
  const text = await Deno.readTextFile(join(dir, "features.csv"));
  const lines = text.split("\n").filter((l) => l !== "");
  // drop the reader column and the A2/B rows: a plain wide table keyed by id
  const main = lines.filter((l, i) => i === 0 || l.split(",")[1] === "A1").map((l) => {
    const cells = l.split(",");
    cells.splice(1, 1);
    return cells.join(",");
  });
  await Deno.writeTextFile(join(dir, "features_norep.csv"), main.join("\n") + "\n");
  const study = await loadStudy(dir, { overrides: ["radiomics.features=features_norep.csv"] });
  const features = await readStudyFeatures(study);
  assertEquals(features.repeats, null);
  const rad = studyRadiomics(study, features);
  assertEquals(rad.screen, null);
  assertEquals(rad.candidates.length, features.table.names.length);
  assert(rad.notes.some((n) => n.includes("ICC screening skipped")), rad.notes.join("\n"));
  const portal = await loadStudy(dir, { overrides: ["radiomics.phases=[portal]"] });
  await assertRejects(
    () => readStudyFeatures(portal),
    /study\.yaml: radiomics\.phases: no feature of phase portal in .*features\.csv \(phases in the table: arterial, plain, venous\)$/,
  );
});

Deno.test("reproduce runs 02, 02b and 03 on a radiomics study: Table 3 evaluates the three models", async () => {
  const { dir } = await built;
  const out = await Deno.makeTempDir({ prefix: "h13-radiomics-out-" });
  const log: string[] = [];
  try {
    const res = await reproduce({
      root,
      notebooksDir: join(root, "notebooks", "study"),
      outDir: join(out, "r"),
      dataDir: dir,
      seed: 20250411,
      only: ["02", "03"],
      parts: { radiomics: true, published: "no published/ folder", twin: "not a synthetic twin" },
      params: { study: dir, set: "[]" },
      onProgress: (m) => log.push(m),
    });
    assert(res.ok, `${res.error}\n${log.join("\n")}`);
    assertEquals(res.notebooks.map((n) => n.name), [
      "02_logistic_table2.ipynb",
      "02b_radiomics_nomogram.ipynb",
      "03_table3_calibration_dca.ipynb",
    ]);
    const r = join(out, "r");
    const rs = JSON.parse(await Deno.readTextFile(join(r, "data", "radscore.json")));
    assert(/^Radscore = /.test(rs.formula) && rs.frozen.features.length > 0, rs.formula);
    const sp: StudyPredictions = JSON.parse(
      await Deno.readTextFile(join(r, "data", "model_predictions.json")),
    );
    assertEquals(Object.keys(sp.models), ["clinical", "radiomics", "nomogram"]);
    for (const m of Object.values(sp.models)) {
      assertEquals(m.sets.test.id, sp.models.clinical.sets.test.id);
      const auc = aucMannWhitney(m.sets.test.y, m.sets.test.p);
      assert(auc > 0.5 && auc < 1, `${m.label}: test AUC ${auc}`);
    }
    const t3 = parseCsv(await Deno.readTextFile(join(r, "tables", "table3.csv")), "table3.csv");
    const models = [...new Set(t3.rows.map((row) => row[0]))];
    assertEquals(models, ["Clinical model", "Radiomics signature", "Radiomics nomogram"]);
    const jAuc = t3.header.indexOf("AUC");
    for (const row of t3.rows) {
      const auc = Number(row[jAuc]);
      assert(auc > 0.5 && auc < 1, `table3 ${row[0]} ${row[1]}: AUC ${row[jAuc]}`);
    }
  } finally {
    await Deno.remove(out, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
});
