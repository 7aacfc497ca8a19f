/**
 * `deno task reproduce [--engine default|jupyter] [--data DIR] [--seed N] [--only 03 ...] [--out DIR]
 *   [--features images|generator|TABLE.csv] [--cache DIR] [--workers N]`
 *
 * Executes every study notebook headless on the bundled cohort (or on --data) and replaces
 * `results/` atomically when all pass. Exit code 1 (and results untouched) when a notebook fails.
 * Before the notebooks, the radiomics features are prepared: by default extracted from images
 * (`<data>/images/manifest.csv` when the data folder has one, else the twin's synthetic CTs generated
 * from the cohort), cached in --cache (default .cache/); `generator` uses the twin feature generator;
 * a path uses that batch extraction table.
 */
import { parseArgs } from "../lib/io/args.ts";
import { join } from "node:path";
import { DEFAULT_SEED, type EngineName, reproduce } from "../lib/notebook/reproduce.ts";
import { prepareRunInputs, type RunInputs } from "../lib/study/twin_images.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseArgs(Deno.args, {
  engine: { type: "string", default: "default" },
  data: { type: "string" },
  seed: { type: "number", default: DEFAULT_SEED },
  only: { type: "string", multiple: true },
  out: { type: "string" },
  notebooks: { type: "string" },
  features: { type: "string", default: "images" },
  cache: { type: "string" },
  workers: { type: "number" },
});
if (values.engine !== "default" && values.engine !== "jupyter") {
  console.error(`option --engine: expected "default" or "jupyter", got "${values.engine}"`);
  Deno.exit(2);
}
const t0 = performance.now();
// Radiomics features: extracted from the twin's synthetic images (default; cached), the generator, or a table.
let inputs: RunInputs;
try {
  inputs = await prepareRunInputs(values.features!, {
    root,
    dataDir: values.data ?? join(root, "data"),
    seed: values.seed ?? DEFAULT_SEED,
    cacheDir: values.cache ?? join(root, ".cache"),
    workers: values.workers,
  });
} catch (e) {
  console.error(`reproduce failed: ${(e as Error).message}`);
  Deno.exit(1);
}
const res = await reproduce({
  root,
  engine: values.engine as EngineName,
  dataDir: values.data,
  seed: values.seed,
  only: values.only.flatMap((o) => o.split(",")),
  outDir: values.out,
  notebooksDir: values.notebooks,
  params: inputs.params,
  extraInputs: inputs.extraInputs,
  images: inputs.images,
  onProgress: (m) => console.error(m),
}).catch((e: Error) => ({ ok: false as const, error: e.message, notebooks: [] }));
if (!res.ok) {
  console.error(`reproduce failed: ${res.error}`);
  Deno.exit(1);
}
console.error(`reproduce: ${res.notebooks.length} notebooks passed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
