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
import { parseTaskArgs } from "../lib/io/args.ts";
import { join } from "node:path";
import { DEFAULT_SEED, type EngineName, reproduce } from "../lib/notebook/reproduce.ts";
import { checkOutDir, lockOutDir } from "../lib/notebook/output_dir.ts";
import { lockCache } from "../lib/study/twin_images.ts";
import type { Lock } from "../lib/io/lock.ts";
import { prepareRunInputs, type RunInputs } from "../lib/study/twin_images.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseTaskArgs(Deno.args, {
  name: "reproduce",
  description:
    "Runs every study notebook headless and replaces the results folder atomically when all pass " +
    "(exit 1, results untouched, when one fails). --out must be a new or empty folder or a previous results " +
    "folder of this workspace (one with its manifest.json); one run at a time per results folder and per cache.",
  options: {
    engine: { type: "string", default: "default", choices: ["default", "jupyter"], help: "notebook engine" },
    data: { type: "string", metavar: "DIR", help: "cohort/data folder (default data/)" },
    seed: { type: "number", integer: true, default: DEFAULT_SEED, help: "seed of every random step" },
    only: {
      type: "string",
      multiple: true,
      metavar: "PREFIX",
      help: "run only notebooks starting with PREFIX (e.g. 03)",
    },
    out: { type: "string", metavar: "DIR", help: "results folder (default results/)" },
    notebooks: { type: "string", metavar: "DIR", help: "notebook folder (default notebooks/)" },
    features: {
      type: "string",
      default: "images",
      metavar: "images|generator|TABLE.csv",
      help: "radiomics feature source",
    },
    cache: { type: "string", metavar: "DIR", help: "image/feature cache (default .cache/)" },
    workers: { type: "number", integer: true, min: 1, help: "extraction workers (default: all cores)" },
  },
});
const t0 = performance.now();
const outDir = values.out ?? join(root, "results");
// Before any long work: the results folder may be replaced (new, empty or a previous results folder), and is ours.
let outLock: Lock;
try {
  checkOutDir(outDir, [root, values.notebooks ?? join(root, "notebooks"), values.data ?? join(root, "data")]);
  outLock = await lockOutDir(outDir);
} catch (e) {
  console.error(`reproduce: ${(e as Error).message}`);
  Deno.exit(1);
}
// Radiomics features: extracted from the twin's synthetic images (default; cached), the generator, or a table.
let inputs: RunInputs;
const cacheDir = values.cache ?? join(root, ".cache");
try {
  const cacheLock = await lockCache(cacheDir, "reproduce", (m) => console.error(m));
  try {
    inputs = await prepareRunInputs(values.features!, {
      root,
      dataDir: values.data ?? join(root, "data"),
      seed: values.seed ?? DEFAULT_SEED,
      cacheDir,
      workers: values.workers,
    });
  } finally {
    cacheLock.release();
  }
} catch (e) {
  outLock.release();
  console.error(`reproduce failed: ${(e as Error).message}`);
  Deno.exit(1);
}
const res = await reproduce({
  root,
  engine: values.engine as EngineName,
  dataDir: values.data,
  seed: values.seed,
  only: values.only.flatMap((o) => o.split(",")),
  outDir,
  outLock,
  notebooksDir: values.notebooks,
  params: inputs.params,
  extraInputs: inputs.extraInputs,
  images: inputs.images,
  onProgress: (m) => console.error(m),
}).catch((e: Error) => ({ ok: false as const, error: e.message, notebooks: [] }));
outLock.release();
if (!res.ok) {
  console.error(`reproduce failed: ${res.error}`);
  Deno.exit(1);
}
console.error(
  `reproduce: ${res.notebooks.length} notebooks passed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
