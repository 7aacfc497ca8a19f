/**
 * `deno task reproduce [--engine default|jupyter] [--data DIR] [--seed N] [--only 03 ...] [--out DIR]`
 *
 * Executes every study notebook headless on the bundled cohort (or on --data) and replaces
 * `results/` atomically when all pass. Exit code 1 (and results untouched) when a notebook fails.
 */
import { parseArgs } from "../lib/io/args.ts";
import { DEFAULT_SEED, type EngineName, reproduce } from "../lib/notebook/reproduce.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseArgs(Deno.args, {
  engine: { type: "string", default: "default" },
  data: { type: "string" },
  seed: { type: "number", default: DEFAULT_SEED },
  only: { type: "string", multiple: true },
  out: { type: "string" },
  notebooks: { type: "string" },
});
if (values.engine !== "default" && values.engine !== "jupyter") {
  console.error(`option --engine: expected "default" or "jupyter", got "${values.engine}"`);
  Deno.exit(2);
}
const t0 = performance.now();
const res = await reproduce({
  root,
  engine: values.engine as EngineName,
  dataDir: values.data,
  seed: values.seed,
  only: values.only.flatMap((o) => o.split(",")),
  outDir: values.out,
  notebooksDir: values.notebooks,
  onProgress: (m) => console.error(m),
}).catch((e: Error) => ({ ok: false as const, error: e.message, notebooks: [] }));
if (!res.ok) {
  console.error(`reproduce failed: ${res.error}`);
  Deno.exit(1);
}
console.error(`reproduce: ${res.notebooks.length} notebooks passed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
