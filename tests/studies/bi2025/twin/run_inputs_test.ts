import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../../../assert.ts";
import { resolveFeatureSource, twinImageFeatures } from "../../../../studies/bi2025/twin/mod.ts";
import { splitExtractedFeatures } from "../../../../lib/features/extracted.ts";

const cohortText = await Deno.readTextFile(new URL("../../../../studies/bi2025/cohort.csv", import.meta.url));

Deno.test("twin images of a few patients are extracted into one table, then reused from the cache", async () => {
  const dir = await Deno.makeTempDir();
  const lines = cohortText.trimEnd().split("\n");
  const cohortCsv = join(dir, "cohort.csv");
  await Deno.writeTextFile(cohortCsv, lines.slice(0, 4).join("\n") + "\n"); // header + 3 patients
  const settings = { discretisation: { method: "fbs" as const, binWidth: 25 }, filters: { original: true } };
  const first = await twinImageFeatures({
    cohortCsv,
    cacheDir: join(dir, "cache"),
    seed: 5,
    nRepeat: 1,
    settings,
    workers: 1,
  });
  assert(!first.reused, "first run builds");
  const x = splitExtractedFeatures(await Deno.readTextFile(first.featuresCsv), "features.csv");
  assertEquals(x.table.ids.length, 3);
  assertEquals(x.repeats.ids.length, 1);
  assert(x.table.names.some((n) => n.startsWith("venous_original_glcm_")), "venous GLCM features present");
  const again = await twinImageFeatures({
    cohortCsv,
    cacheDir: join(dir, "cache"),
    seed: 5,
    nRepeat: 1,
    settings,
    workers: 1,
  });
  assert(again.reused, "second run reuses the cache");
  assertEquals(again.featuresCsv, first.featuresCsv);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the features source keeps 'generator' and rejects a table that does not exist", async () => {
  const o = { root: "/", dataDir: "/nonexistent", seed: 1, cacheDir: "/tmp/unused" };
  assertEquals(await resolveFeatureSource("generator", o), { features: "generator", images: "" });
  await assertRejects(
    () => resolveFeatureSource("/no/such/table.csv", o),
    "option --features: table /no/such/table.csv not found",
  );
});
