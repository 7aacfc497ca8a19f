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
 * Exit code 0 when every case succeeded, 1 when some failed, 2 on bad arguments.
 */
import { dirname, join } from "node:path";
import { parseArgs } from "../lib/io/args.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { batchTableCsv, formatProgress, formatSummary, readManifest, runBatch } from "../lib/radiomics/batch.ts";
import type { CaseSettings } from "../lib/radiomics/filters/features.ts";

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

/** Run the task with command-line `args`; returns the exit code. */
export async function runExtractBatch(args: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs(args, {
      manifest: { type: "string" },
      out: { type: "string" },
      cache: { type: "string" },
      workers: { type: "number" },
      params: { type: "string" },
      preset: { type: "string", default: "twin" },
      quiet: { type: "boolean" },
    }).values;
    if (!values.manifest) throw new Error("option --manifest is required");
    if (!(values.preset! in PRESETS)) throw new Error(`option --preset: expected one of ${Object.keys(PRESETS).join(", ")}, got "${values.preset}"`);
  } catch (e) {
    console.error(`extract: ${(e as Error).message}`);
    return 2;
  }
  const manifest = values.manifest!;
  let settings: CaseSettings = PRESETS[values.preset!];
  if (values.params) settings = { ...settings, ...JSON.parse(await Deno.readTextFile(values.params)) as CaseSettings };
  const cases = readManifest(manifest);
  const out = values.out ?? join(dirname(manifest), "features.csv");
  const cacheDir = values.cache ?? join(dirname(manifest), ".extract_cache");
  let lastPrint = 0;
  const enc = new TextEncoder();
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
  });
  await writeFileAtomic(out, batchTableCsv(res));
  console.error(formatSummary(res));
  console.error(`extract: table written to ${out}`);
  return res.summary.failed.length ? 1 : 0;
}

if (import.meta.main) Deno.exit(await runExtractBatch(Deno.args));
