import { assert, assertEquals, assertThrows } from "../assert.ts";
import { readManifest, runBatch, writeBatchTable } from "../../lib/radiomics/batch.ts";
import { writeTwinImages } from "../../studies/bi2025/twin/mod.ts";
import { paramFileSettings } from "../../lib/radiomics/param_file.ts";
import { paramsToSettings } from "../../lib/radiomics/params.ts";
import type { CaseSettings } from "../../lib/radiomics/filters/features.ts";

const cohort = [
  { id: "P001", latent_aggressiveness: 0.5, latent_heterogeneity: -0.2, latent_vascularity: 1.0 },
  { id: "P002", latent_aggressiveness: -1.0, latent_heterogeneity: 0.3, latent_vascularity: -0.5 },
];
const settings: CaseSettings = { families: ["intensity_statistics"], filters: { original: true } };

Deno.test({
  name:
    "runBatch cache is keyed by content: an image replaced under the same name is recomputed; a failed batch keeps the table",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "batch_content_" });
    const rows = await writeTwinImages(cohort, dir, 3, { size: [20, 20, 12], nRepeat: 0 });
    const cases = readManifest(`${dir}/manifest.csv`);
    const cache = `${dir}/cache`;
    const r1 = await runBatch(cases, { settings, cacheDir: cache, workers: 1 });
    assertEquals(r1.summary.failed.length, 0);
    const out = `${dir}/features.csv`;
    assert((await writeBatchTable(out, r1)).written);
    const good = await Deno.readTextFile(out);
    const r2 = await runBatch(cases, { settings, cacheDir: cache, workers: 1 });
    assertEquals(r2.summary.skipped, cases.length);
    // replace P001's arterial image by P002's (same name, other content)
    const a = cases.find((c) => c.patient === "P001" && c.phase === cases[0].phase)!;
    const b = cases.find((c) => c.patient === "P002" && c.phase === cases[0].phase)!;
    await Deno.copyFile(b.image, a.image);
    const r3 = await runBatch(cases, { settings, cacheDir: cache, workers: 1 });
    assertEquals(r3.summary.skipped, cases.length - 1);
    assertEquals(r3.summary.computed, 1);
    const k = `${a.phase}_original_intensity_statistics_MaximumIntensity`;
    const before = r1.rows.find((r) => r.patient === "P001")![k];
    const after = r3.rows.find((r) => r.patient === "P001")![k];
    assert(before !== after, `the replaced image's features changed (${before} → ${after})`);
    // every case fails: the table is not replaced
    for (const c of cases) await Deno.writeFile(c.image, new Uint8Array(10));
    const r4 = await runBatch(cases, { settings, cacheDir: cache, workers: 1 });
    assertEquals(r4.summary.failed.length, cases.length);
    const w = await writeBatchTable(out, r4);
    assert(!w.written && w.message.includes("kept"), w.message);
    assertEquals(await Deno.readTextFile(out), good);
    assertEquals(rows.length, cases.length);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("batch settings and parameter files: unknown keys and out-of-range values are errors naming the key", () => {
  // the batch's --params file (param_file.ts): unknown keys and bad values name file and key
  assertThrows(() => paramFileSettings({ binWidth: 25 }, "ibsi", "s.yaml"), /s\.yaml.*"binWidth"/);
  assertThrows(
    () => paramFileSettings({ setting: { binWidth: 0 } }, "ibsi", "s.yaml"),
    /^s\.yaml setting "binWidth": expected a number/,
  );
  assertThrows(
    () => paramFileSettings({ setting: { resampledPixelSpacing: [1, -1, 1] } }, "ibsi", "s.yaml"),
    /^s\.yaml setting "resampledPixelSpacing": expected a number in \[0, 100\], got -1/,
  );
  assertThrows(
    () => paramFileSettings({ imageType: { Wavelets: {} } }, "ibsi", "s.yaml"),
    /^s\.yaml imageType "Wavelets": unknown image type \(available: Original, LoG, Wavelet\)/,
  );
  assertEquals(
    (paramFileSettings({ setting: { label: 2 } }, "ibsi", "s.yaml") as { label?: number }).label,
    2,
  );
  assertThrows(
    () => paramsToSettings({ setting: { distance: 1000000 } }, "p.yaml"),
    /p.yaml setting "distance": expected an integer in \[1, 16\]/,
  );
  assertThrows(() => paramsToSettings({ setting: { binWidth: -5 } }, "p.yaml"), /"binWidth"/);
  assertThrows(
    () => paramsToSettings({ setting: { resampledPixelSpacing: [1e9, 1, 1] } }, "p.yaml"),
    /"resampledPixelSpacing"/,
  );
  assertThrows(() => paramsToSettings({ setting: { binCount: 2.5 } }, "p.yaml"), /"binCount"/);
});

Deno.test("readManifest: rows are CSV lines (header = 1); a 301-character patient id is a clean error", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(
    `${dir}/m.csv`,
    `patient,phase,image,mask,reader\nP1,plain,a.nii,b.nii,A1\n${"x".repeat(301)},plain,a.nii,b.nii,A1\n`,
  );
  assertThrows(
    () => readManifest(`${dir}/m.csv`),
    /m\.csv row 3, column "patient": 301 characters, more than 64/,
  );
  await Deno.writeTextFile(`${dir}/m.csv`, `patient,phase,image,mask,reader\nP1,plain,,b.nii,A1\n`);
  assertThrows(() => readManifest(`${dir}/m.csv`), /m\.csv row 2, column "image": empty cell/);
  await Deno.remove(dir, { recursive: true });
});
