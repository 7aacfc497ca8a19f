/**
 * `deno task reproduce [--engine default|jupyter] [--data DIR] [--seed N] [--only 03 ...] [--out DIR]
 *   [--features images|generator|TABLE.csv] [--cache DIR] [--workers N]`
 * `deno task reproduce --study DIR [--set key=value ...] [--out DIR] [--engine …] [--only …]`
 *
 * With --study, runs the study folder's notebooks (the spec's `notebooks` list, default the generic set
 * in notebooks/study/) on it; `--set` overrides spec keys (checked before any notebook runs); notebooks
 * that need parts the study lacks (published tables, radiomics, the twin) are skipped with the reason.
 * Without --study (or with --study studies/bi2025), runs the bundled paper: the notebooks listed in
 * studies/bi2025/study.yaml, with its twin's run inputs (studies/bi2025/twin), into results/.
 *
 * Executes every study notebook headless on the bundled cohort (or on --data) and replaces
 * `results/` atomically when all pass. Exit code 1 (and results untouched) when a notebook fails.
 * Before the notebooks, the radiomics features are prepared: by default extracted from images
 * (`<data>/images/manifest.csv` when the data folder has one, else the twin's synthetic CTs generated
 * from the cohort), cached in --cache (default .cache/); `generator` uses the twin feature generator;
 * a path uses that batch extraction table.
 */
import { parseTaskArgs } from "../lib/io/args.ts";
import { join, resolve } from "node:path";
import { checkNotebookInputs, type EngineName, reproduce } from "../lib/notebook/reproduce.ts";
import { checkOutDir, lockOutDir } from "../lib/notebook/output_dir.ts";
import { type Lock, lockCache } from "../lib/io/lock.ts";
import { loadStudy } from "../lib/study/load.ts";
import { readStudySpec, type StudySpec } from "../lib/study/spec.ts";
import { loadPrepareStep, NO_RUN_INPUTS, type RunInputs } from "../lib/study/prepare.ts";

const root = new URL("..", import.meta.url).pathname;
/** The bundled paper, Bi et al. (2025), on its synthetic twin: what `deno task reproduce` runs by default. */
const PAPER_DIR = join(root, "studies", "bi2025");
const { values } = parseTaskArgs(Deno.args, {
  name: "reproduce",
  description:
    "Runs every study notebook headless and replaces the results folder atomically when all pass " +
    "(exit 1, results untouched, when one fails). --out must be a new or empty folder or a previous results " +
    "folder of this workspace (one with its manifest.json); one run at a time per results folder and per cache.",
  options: {
    engine: { type: "string", default: "default", choices: ["default", "jupyter"], help: "notebook engine" },
    data: { type: "string", metavar: "DIR", help: "cohort/data folder (default studies/bi2025/)" },
    seed: {
      type: "number",
      integer: true,
      metavar: "N",
      help: "seed of every random step (default: the spec's seed)",
    },
    only: {
      type: "string",
      multiple: true,
      metavar: "PREFIX",
      help: "run only notebooks starting with PREFIX (e.g. 03)",
    },
    out: { type: "string", metavar: "DIR", help: "results folder (default results/)" },
    notebooks: { type: "string", metavar: "DIR", help: "notebook folder (default: the study's notebooks/)" },
    features: {
      type: "string",
      default: "images",
      metavar: "images|generator|TABLE.csv",
      help: "radiomics feature source",
    },
    cache: { type: "string", metavar: "DIR", help: "image/feature cache (default .cache/)" },
    workers: { type: "number", integer: true, min: 1, help: "extraction workers (default: all cores)" },
    study: { type: "string", metavar: "DIR", help: "a study folder (study.yaml, cohort.csv, codebook.csv)" },
    set: {
      type: "string",
      multiple: true,
      metavar: "KEY=VALUE",
      help: "override a study.yaml key (with --study), e.g. --set evaluation.hl_groups=8",
    },
  },
});
const t0 = performance.now();
const cacheDir = values.cache ?? join(root, ".cache");

/**
 * The study's preparation step (spec `prepare` of the folder `specDir`) on `dataDir`, run under the cache
 * lock; a spec without one: the folder alone.
 */
async function prepareInputs(
  specDir: string,
  spec: StudySpec,
  dataDir: string,
  seed: number,
): Promise<RunInputs> {
  const prepare = await loadPrepareStep(specDir, spec);
  if (!prepare) return NO_RUN_INPUTS;
  const cacheLock = await lockCache(cacheDir, "reproduce", (m) => console.error(m));
  try {
    return await prepare(values.features!, { root, dataDir, seed, cacheDir, workers: values.workers });
  } finally {
    cacheLock.release();
  }
}
/** What differs between a study run and the paper's run; the steps are the same. */
interface RunPlan {
  readonly outDir: string;
  /** Folders --out must not be (or be inside of). */
  readonly protect: readonly string[];
  readonly notebooksDir: string;
  readonly notebooks?: readonly string[];
  /** Folder of the spec whose `prepare` step runs, the spec, and the data folder it runs on. */
  readonly specDir: string;
  readonly spec: StudySpec;
  readonly dataDir: string;
  readonly seed: number;
  readonly parts?: Readonly<Record<string, string | true>>;
  readonly params?: Readonly<Record<string, string>>;
}

/**
 * One run, before any long work: the results folder is checked and locked, and what the --only notebooks
 * read from notebooks not run is checked (exit 2); then the preparation step and the notebooks.
 */
async function run(plan: RunPlan): Promise<never> {
  const only = values.only.flatMap((o) => o.split(","));
  let outLock: Lock;
  try {
    checkOutDir(plan.outDir, plan.protect);
    outLock = await lockOutDir(plan.outDir);
  } catch (e) {
    console.error(`reproduce: ${(e as Error).message}`);
    Deno.exit(1);
  }
  try {
    await checkNotebookInputs({
      root,
      notebooksDir: plan.notebooksDir,
      notebooks: plan.notebooks,
      only,
      outDir: plan.outDir,
    });
  } catch (e) {
    outLock.release();
    console.error(`reproduce: ${(e as Error).message}`);
    Deno.exit(2);
  }
  let inputs: RunInputs;
  try {
    inputs = await prepareInputs(plan.specDir, plan.spec, plan.dataDir, plan.seed);
  } catch (e) {
    outLock.release();
    console.error(`reproduce failed: ${(e as Error).message}`);
    Deno.exit(1);
  }
  const res = await reproduce({
    root,
    engine: values.engine as EngineName,
    dataDir: plan.dataDir,
    seed: plan.seed,
    only,
    outDir: plan.outDir,
    outLock,
    notebooksDir: plan.notebooksDir,
    notebooks: plan.notebooks,
    parts: plan.parts,
    params: { ...inputs.params, ...plan.params },
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
    `reproduce: ${res.notebooks.length} notebooks passed in ${
      ((performance.now() - t0) / 1000).toFixed(1)
    } s`,
  );
  Deno.exit(0);
}

// The bundled paper: no --study, or --study studies/bi2025 without overrides (with --set it runs as any study).
const paperRun = !values.study || (resolve(values.study) === resolve(PAPER_DIR) && values.set.length === 0);
if (!paperRun && values.study) {
  // A study folder: validate spec, overrides and cohort before any notebook runs.
  const dir = values.study;
  let study;
  try {
    study = await loadStudy(dir, { overrides: values.set });
  } catch (e) {
    console.error(`reproduce failed: ${(e as Error).message}`);
    Deno.exit(1);
  }
  await run({
    outDir: values.out ?? join(dir, "results"),
    protect: [root, dir, values.notebooks ?? join(root, "notebooks")],
    // the spec's own notebook list lives in the study folder; else the generic set
    notebooksDir: values.notebooks ??
      (study.spec.notebooks ? join(dir, "notebooks") : join(root, "notebooks", "study")),
    notebooks: study.spec.notebooks ?? undefined,
    specDir: dir,
    spec: study.spec,
    dataDir: dir,
    seed: study.spec.seed,
    parts: {
      published: study.publishedDir ? true : "no published/ folder",
      // the generic radiomics notebook (02b) reads a feature table; images are extracted into one first
      radiomics: study.featuresPath !== null
        ? true
        : study.spec.radiomics.images !== null
        ? "radiomics.images without radiomics.features (extract them with deno task extract --manifest and name the table in radiomics.features)"
        : "no features or images in study.yaml radiomics:",
      twin: "not a synthetic twin",
    },
    params: {
      study: study.dir.startsWith("/") ? study.dir : join(Deno.cwd(), study.dir),
      set: JSON.stringify(values.set),
    },
  });
}
if (values.set.length > 0) {
  console.error(
    "option --set: needs --study DIR of another study (the bundled paper's notebooks take --data and --seed)",
  );
  Deno.exit(2);
}
// The paper's notebook list (studies/bi2025/study.yaml), so a notebook of one's own in its notebooks/ is not run.
let paperSpec: StudySpec;
try {
  paperSpec = await readStudySpec(PAPER_DIR);
} catch (e) {
  console.error(`reproduce failed: ${(e as Error).message}`);
  Deno.exit(1);
}
// The paper's preparation step makes its twin's synthetic CTs, extracted and cached.
await run({
  outDir: values.out ?? join(root, "results"),
  protect: [root, values.notebooks ?? join(PAPER_DIR, "notebooks"), values.data ?? PAPER_DIR],
  notebooksDir: values.notebooks ?? join(PAPER_DIR, "notebooks"),
  notebooks: values.notebooks ? undefined : paperSpec.notebooks ?? undefined,
  specDir: PAPER_DIR,
  spec: paperSpec,
  dataDir: values.data ?? PAPER_DIR,
  seed: values.seed ?? paperSpec.seed,
});
