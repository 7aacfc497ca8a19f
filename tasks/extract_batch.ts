/**
 * `deno task extract --manifest M.csv [--out features.csv] [--cache DIR] [--workers N]
 *   [--params settings.json] [--preset twin|original]`
 * (or `deno run -A tasks/extract_batch.ts …`)
 *
 * Batch extraction (lib/radiomics/batch.ts): every case of the manifest (columns patient, phase,
 * image, mask, reader) in worker threads, one feature table row per patient × reader with columns
 * `<phase>_<imageType>_<family>_<Feature>`. Prints a progress line with the time left, and a summary
 * (failures with their errors) at the end. Finished cases are cached in `--cache` (default
 * `<manifest folder>/.extract_cache`) and skipped on a rerun with the same settings.
 *
 * Presets: `twin` (default): resample to 1 mm (B-spline), fixed bin width 25, original + eight coif1
 * wavelet sub-bands, all families; `original`: no resampling, original image only. `--params`: a JSON
 * file holding `CaseSettings` (lib/radiomics/filters/features.ts), overriding the preset.
 * The table is written only when at least one case succeeded. Exit code 0 when every case succeeded,
 * 1 when some failed, 2 on bad arguments.
 */
import { dirname, join } from "node:path";
import { ArgError, parseTaskArgs, usageError } from "../lib/io/args.ts";
import { acquireLock, describeHolder } from "../lib/io/lock.ts";
import {
  formatProgress,
  formatSummary,
  readManifest,
  runBatch,
  writeBatchTable,
} from "../lib/radiomics/batch.ts";
import type { CaseSettings } from "../lib/radiomics/filters/features.ts";
import { readCaseSettings } from "../lib/radiomics/case_settings.ts";

/** Extraction presets. */
export const PRESETS: Readonly<Record<string, CaseSettings>> = {
  twin: {
    resampledSpacing: [1, 1, 1],
    interpolator: "bspline",
    discretisation: { method: "fbs", binWidth: 25 },
    filters: { original: true, wavelet: { wavelet: "coif1" } },
  },
  original: { discretisation: { method: "fbs", binWidth: 25 }, filters: { original: true } },
};

/** The batch form of `deno task extract` (options and help). */
export const BATCH_TASK = {
  name: "extract",
  description:
    "Batch extraction: every case of the manifest (columns patient, phase, image, mask, reader) in worker " +
    "threads, one feature table row per patient x reader. Finished cases are cached by the sha256 of image and mask " +
    "plus the settings. The table is written only when at least one case succeeded (a previous table is kept beside " +
    "it as <name>.previous.csv when some cases failed). Exit 0 when every case succeeded, 1 when some failed, 2 on " +
    "bad arguments.",
  options: {
    manifest: { type: "string", metavar: "M.csv", help: "case manifest (required for the batch form)" },
    out: { type: "string", metavar: "F.csv", help: "feature table (default <manifest folder>/features.csv)" },
    cache: {
      type: "string",
      metavar: "DIR",
      help: "per-case cache (default <manifest folder>/.extract_cache)",
    },
    workers: { type: "number", integer: true, min: 1, help: "worker threads (default: all cores)" },
    params: {
      type: "string",
      metavar: "settings.json",
      help: "CaseSettings JSON overriding the preset (keys checked)",
    },
    preset: { type: "string", default: "twin", choices: Object.keys(PRESETS), help: "extraction preset" },
    quiet: { type: "boolean", help: "no progress line" },
  },
} as const;

/** Run the task with command-line `args`; returns the exit code. */
export async function runExtractBatch(args: readonly string[]): Promise<number> {
  const { values } = parseTaskArgs(args, BATCH_TASK);
  if (!values.manifest) {
    usageError("extract", new ArgError("option --manifest: expected the path of a case manifest CSV"));
  }
  const manifest = values.manifest!;
  let settings: CaseSettings = PRESETS[values.preset!];
  let cases;
  try {
    if (values.params) settings = { ...settings, ...readCaseSettings(values.params) };
    cases = readManifest(manifest);
  } catch (e) {
    console.error(`extract: ${(e as Error).message}`);
    return 1;
  }
  const out = values.out ?? join(dirname(manifest), "features.csv");
  const cacheDir = values.cache ?? join(dirname(manifest), ".extract_cache");
  let lastPrint = 0;
  const enc = new TextEncoder();
  // one batch at a time per cache folder: a second one waits for the first, then reuses its cases
  const lock = await acquireLock(join(cacheDir, ".lock"), {
    purpose: "extract",
    waitMs: 2 * 3600_000,
    onWait: (h) =>
      console.error(`extract: waiting for the cache ${cacheDir}: in use by ${describeHolder(h)}`),
  });
  const res = await runBatch(cases, {
    settings,
    cacheDir,
    workers: values.workers,
    onProgress: (p) => {
      if (values.quiet) return;
      const now = performance.now();
      if (now - lastPrint < 500 && p.done < p.total) return;
      lastPrint = now;
      Deno.stderr.writeSync(enc.encode(`\r${formatProgress(p)}   ${p.done === p.total ? "\n" : ""}`));
    },
  }).finally(() => lock.release());
  console.error(formatSummary(res));
  const w = await writeBatchTable(out, res);
  console.error(`extract: ${w.message}`);
  return res.summary.failed.length || !w.written ? 1 : 0;
}

if (import.meta.main) Deno.exit(await runExtractBatch(Deno.args));
