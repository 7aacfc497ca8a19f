/**
 * `deno task verify [--results DIR] [--abs A] [--rel R] [--engine default|jupyter]`
 *
 * Reruns every notebook into a temporary folder with the seed and data recorded in the committed
 * `results/manifest.json`, and compares file by file with the committed results: identical, numerically
 * equal (CSV cells within tolerance), changed, missing or extra. Exit code 1 on any mismatch.
 */
import { join, resolve } from "node:path";
import { parseTaskArgs } from "../lib/io/args.ts";
import { type EngineName, reproduce } from "../lib/notebook/reproduce.ts";
import { compareResults } from "../lib/notebook/verify.ts";
import type { Manifest } from "../lib/notebook/manifest.ts";
import { lockCache } from "../lib/io/lock.ts";
import { loadPrepareStep, NO_RUN_INPUTS } from "../lib/study/prepare.ts";
import { readStudySpec } from "../lib/study/spec.ts";

const root = new URL("..", import.meta.url).pathname;
/** The bundled paper (its notebooks and their list in study.yaml). */
const PAPER_DIR = join(root, "studies", "bi2025");
const { values } = parseTaskArgs(Deno.args, {
  name: "verify",
  description:
    "Reruns every notebook into a temporary folder with the seed and data of the committed manifest " +
    "and compares file by file (exit 1 on any mismatch).",
  options: {
    results: { type: "string", metavar: "DIR", help: "committed results folder (default results/)" },
    abs: { type: "number", min: 0, default: 1e-9, help: "absolute tolerance of CSV cells" },
    rel: { type: "number", min: 0, default: 1e-9, help: "relative tolerance of CSV cells" },
    engine: { type: "string", default: "default", choices: ["default", "jupyter"], help: "notebook engine" },
    notebooks: {
      type: "string",
      metavar: "DIR",
      help: "notebook folder (default studies/bi2025/notebooks/)",
    },
  },
});
const committed = resolve(values.results ?? join(root, "results"));
let manifest: Manifest;
try {
  manifest = JSON.parse(await Deno.readTextFile(join(committed, "manifest.json")));
} catch {
  console.error(`verify: ${committed}/manifest.json not found: run \`deno task reproduce\` first`);
  Deno.exit(2);
}
const tmp = await Deno.makeTempDir({ prefix: "nomogram-verify-" });
const out = join(tmp, "results");
// Manifests written before the paper moved to studies/bi2025 name its old folder "data".
const recorded = String(manifest.params.data ?? "studies/bi2025");
const data = recorded === "data" ? "studies/bi2025" : recorded;
const dataDir = data.startsWith("/") ? data : join(root, data);
const paperSpec = await readStudySpec(PAPER_DIR);
const paperNotebooks = paperSpec.notebooks ?? undefined;
const prepare = await loadPrepareStep(PAPER_DIR, paperSpec);
const source = String(manifest.params.features_source ?? manifest.params.features ?? "generator");
const cacheLock = await lockCache(join(root, ".cache"), "verify", (m) => console.error(m));
const inputs = prepare
  ? await prepare(
    source === "generator" || source === "images" ? source : join(root, source),
    {
      root,
      dataDir,
      seed: manifest.seed,
      cacheDir: join(root, ".cache"),
    },
  ).finally(() => cacheLock.release())
  : (cacheLock.release(), NO_RUN_INPUTS);
const res = await reproduce({
  root,
  outDir: out,
  dataDir,
  params: inputs.params,
  extraInputs: inputs.extraInputs,
  images: inputs.images,
  seed: manifest.seed,
  engine: values.engine as EngineName,
  notebooksDir: values.notebooks ?? join(PAPER_DIR, "notebooks"),
  notebooks: values.notebooks ? undefined : paperNotebooks,
  onProgress: (m) => console.error(m),
});
if (!res.ok) {
  console.error(`verify: the rerun failed: ${res.error}`);
  Deno.exit(1);
}
const cmp = await compareResults(committed, out, { abs: values.abs, rel: values.rel });
const counts: Record<string, number> = {};
for (const c of cmp) {
  counts[c.status] = (counts[c.status] ?? 0) + 1;
  if (c.status !== "identical") {
    console.log(`${c.status.padEnd(17)} ${c.path}${c.detail ? `  (${c.detail})` : ""}`);
  }
}
await Deno.remove(tmp, { recursive: true }).catch(() => {});
const bad = (counts.changed ?? 0) + (counts.missing ?? 0) + (counts.extra ?? 0);
console.log(`verify: ${cmp.length} files: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
Deno.exit(bad ? 1 : 0);
