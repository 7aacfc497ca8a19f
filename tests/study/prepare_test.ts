import { assert, assertEquals, assertRejects } from "../assert.ts";
import { join } from "node:path";
import { loadPrepareStep, NO_RUN_INPUTS } from "../../lib/study/prepare.ts";
import { DEFAULT_SPEC, readStudySpec } from "../../lib/study/spec.ts";

const root = new URL("../../", import.meta.url).pathname;

Deno.test("a study's preparation step: none, the paper's module, a module without the export, a missing one", async () => {
  assertEquals(await loadPrepareStep("/nowhere", { ...DEFAULT_SPEC, prepare: null }), null);
  assertEquals(NO_RUN_INPUTS, { params: {}, extraInputs: [], images: [] });
  const paper = await readStudySpec(join(root, "studies", "bi2025"));
  assertEquals(paper.prepare, "twin/run_inputs.ts");
  const f = await loadPrepareStep(join(root, "studies", "bi2025"), paper);
  assert(typeof f === "function");
  // the generator source needs no images: parameters and inputs of the paper's run without extraction
  const r = await f!("generator", {
    root,
    dataDir: join(root, "studies", "bi2025"),
    seed: paper.seed,
    cacheDir: await Deno.makeTempDir(),
  });
  assertEquals(r.params.features, "generator");
  assertEquals(r.images, []);

  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "prep.ts"), "export const other = 1;\n");
  await assertRejects(
    () => loadPrepareStep(dir, { ...DEFAULT_SPEC, prepare: "prep.ts" }),
    `${join(dir, "study.yaml")}: prepare: ${
      join(dir, "prep.ts")
    } does not export a function prepareRunInputs`,
  );
  await assertRejects(
    () => loadPrepareStep(dir, { ...DEFAULT_SPEC, prepare: "missing.ts" }),
    `${join(dir, "study.yaml")}: prepare: cannot load ${join(dir, "missing.ts")}`,
  );
  await Deno.remove(dir, { recursive: true });
});
