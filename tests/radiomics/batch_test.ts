import { assert, assertEquals, assertThrows } from "../assert.ts";
import { batchTableCsv, caseId, readManifest, runBatch } from "../../lib/radiomics/batch.ts";
import { writeTwinImages } from "../../studies/bi2025/twin/mod.ts";
import type { CaseSettings } from "../../lib/radiomics/filters/features.ts";

const cohort = [
  { id: "P001", latent_aggressiveness: 0.5, latent_heterogeneity: -0.2, latent_vascularity: 1.0 },
  { id: "P002", latent_aggressiveness: -1.0, latent_heterogeneity: 0.3, latent_vascularity: -0.5 },
  { id: "P003", latent_aggressiveness: 1.5, latent_heterogeneity: 1.2, latent_vascularity: 0.2 },
];
const settings: CaseSettings = {
  families: ["intensity_statistics", "glcm"],
  filters: { original: true, wavelet: { wavelet: "haar", bands: ["HHH"] } },
};

Deno.test({
  name:
    "runBatch: a corrupted image yields one reported failure and a complete table for the rest; a rerun skips finished cases",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "batch_test_" });
    try {
      const rows = await writeTwinImages(cohort, dir, 3, { size: [24, 24, 16], nRepeat: 1 });
      const cases = readManifest(`${dir}/manifest.csv`);
      assertEquals(cases.length, rows.length);
      // 3 patients × 3 phases (A1) + 1 repeat patient × 3 phases × 2 readers
      assertEquals(cases.length, 15);
      // corrupt P002's venous image: truncated gzip
      const bad = `${dir}/P002/venous.nii.gz`;
      const bytes = await Deno.readFile(bad);
      await Deno.writeFile(bad, bytes.subarray(0, 200));
      const cache = `${dir}/cache`;
      const progress: number[] = [];
      const r1 = await runBatch(cases, {
        settings,
        cacheDir: cache,
        workers: 2,
        onProgress: (p) => progress.push(p.done),
      });
      assertEquals(r1.summary.failed.length, 1);
      assertEquals(r1.summary.failed[0].id, "P002__venous__A1");
      assert(r1.summary.failed[0].error.length > 0, "error message reported");
      assertEquals(r1.summary.computed, 15);
      assertEquals(progress.length, 15);
      assertEquals(progress[14], 15);
      // P002 / A1 left out; every other patient × reader row present and complete
      assertEquals(r1.summary.incomplete, ["P002 / A1"]);
      // rows: 3 patients × A1 + the repeat patient × (A2, B) − P002/A1
      assertEquals(r1.rows.length, 4);
      const nFeat = r1.columns.length - 2;
      assert(nFeat > 3 * 2 * 20, `feature columns ${nFeat}`);
      for (const row of r1.rows) {
        for (const col of r1.columns) {
          assert(row[col] !== undefined, `${row.patient}/${row.reader} lacks ${col}`);
        }
      }
      assert(
        r1.columns.includes("arterial_wavelet-HHH_glcm_JointEntropy"),
        "phase_filter_family_feature column name",
      );
      assert(batchTableCsv(r1).split("\n")[0].startsWith("patient,reader,plain_original_"), "CSV header");
      // rerun: the 14 finished cases come from the cache, the failed one is retried
      const r2 = await runBatch(cases, { settings, cacheDir: cache, workers: 2 });
      assertEquals(r2.summary.skipped, 14);
      assertEquals(r2.summary.computed, 1);
      assertEquals(r2.summary.failed.length, 1);
      assertEquals(r2.rows.length, r1.rows.length);
      for (const [i, row] of r1.rows.entries()) {
        for (const k of r1.columns) {
          assert(Object.is(row[k], r2.rows[i][k]), `cached ${k}: ${row[k]} vs ${r2.rows[i][k]}`);
        }
      }
      // other settings invalidate the cache
      const r3 = await runBatch(cases.slice(0, 1), {
        settings: { ...settings, families: ["intensity_statistics"] },
        cacheDir: cache,
        workers: 1,
      });
      assertEquals(r3.summary.skipped, 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("readManifest names the file, row and column of a problem", async () => {
  const dir = await Deno.makeTempDir({ prefix: "manifest_test_" });
  try {
    await Deno.writeTextFile(`${dir}/m.csv`, "patient,phase,image,mask\nP1,plain,a.nii,b.nii\n");
    assertThrows(() => readManifest(`${dir}/m.csv`), /m\.csv.*"reader".*missing column/);
    await Deno.writeTextFile(
      `${dir}/m.csv`,
      "patient,phase,image,mask,reader\nP1,plain,a.nii,b.nii,A1\nP1,plain,c.nii,d.nii,A1\n",
    );
    assertThrows(() => readManifest(`${dir}/m.csv`), /row 3.*duplicate case P1/);
    await Deno.writeTextFile(`${dir}/m.csv`, "patient,phase,image,mask,reader\nP1,plain,a.nii,b.nii,A1\n");
    const cs = readManifest(`${dir}/m.csv`);
    assertEquals(cs[0].image, `${dir}/a.nii`);
    assertEquals(caseId(cs[0]), "P1__plain__A1");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
