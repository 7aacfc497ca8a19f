/**
 * `deno task extract --manifest M.csv [--out features.csv] [--cache DIR] [--workers N]
 *   [--params P.yaml|P.json] [--names ibsi|pyradiomics] [--preset twin|original]
 *   [--shards N --shard K | --shards N --merge | --slurm | --slurm-script]
 *   [--partition P] [--cpus-per-task C] [--mem M] [--time T] [--poll SECONDS]`
 * (or `deno run -A tasks/extract_batch.ts …`)
 *
 * Batch extraction (lib/radiomics/batch.ts): every case of the manifest (columns patient, phase,
 * image, mask, reader) in worker threads, one feature table row per patient × reader with columns
 * `<phase>_<imageType>_<family>_<Feature>`. Prints a progress line with the time left, and a summary
 * (failures with their errors) at the end. Finished cases are cached in `--cache` (default
 * `<manifest folder>/.extract_cache`) and skipped on a rerun with the same settings.
 *
 * Settings: `--params`, a parameter file (pyradiomics' format, YAML or JSON;
 * lib/radiomics/param_file.ts), with `--names ibsi` (default; IBSI definitions and names) or
 * `--names pyradiomics` (pyradiomics' definitions and names); without `--params` a preset: `twin`
 * (default): resample to 1 mm (B-spline), fixed bin width 25, original + eight coif1 wavelet
 * sub-bands, all families; `original`: no resampling, original image only.
 *
 * Sharding (lib/radiomics/shard.ts): `--shards N --shard K` (0 ≤ K < N) extracts the cases whose
 * key hashes to K; the last shard to finish writes the table; `--shards N --merge` writes it from
 * the cache. Slurm (lib/radiomics/slurm.ts): `--slurm` writes an sbatch array script (one task per
 * shard, default N = min(cases, 8)), submits it, waits with progress, merges and reports;
 * `--slurm-script` only writes the script.
 * Exit code 0 when every case succeeded, 1 when some failed, 2 on bad arguments.
 */
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "../lib/io/args.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import {
  type BatchCase,
  type BatchResult,
  batchTableCsv,
  caseId,
  formatProgress,
  formatSummary,
  readManifest,
  runBatch,
  settingsHash,
} from "../lib/radiomics/batch.ts";
import type { CaseSettings } from "../lib/radiomics/filters/features.ts";
import { type BatchSettings, type FeatureNames, readParamFile } from "../lib/radiomics/param_file.ts";
import {
  checkShard,
  mergeShards,
  readShardStatus,
  runShard,
  shardCases,
  shardDir,
  unfinishedShards,
} from "../lib/radiomics/shard.ts";
import {
  accountedStates,
  checkSlurmOptions,
  formatSlurmProgress,
  slurmScript,
  submitScript,
  waitForArray,
} from "../lib/radiomics/slurm.ts";

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

const SPEC = {
  manifest: { type: "string" },
  out: { type: "string" },
  cache: { type: "string" },
  workers: { type: "number" },
  params: { type: "string" },
  names: { type: "string", default: "ibsi" },
  preset: { type: "string", default: "twin" },
  quiet: { type: "boolean" },
  shards: { type: "number" },
  shard: { type: "number" },
  merge: { type: "boolean" },
  slurm: { type: "boolean" },
  "slurm-script": { type: "boolean" },
  partition: { type: "string" },
  "cpus-per-task": { type: "number" },
  mem: { type: "string" },
  time: { type: "string" },
  poll: { type: "number", default: 3 },
} as const;

/** Run the task with command-line `args`; returns the exit code. */
export async function runExtractBatch(args: readonly string[]): Promise<number> {
  let values;
  let settings: BatchSettings;
  let cases: BatchCase[];
  try {
    values = parseArgs(args, SPEC).values;
    if (!values.manifest) throw new Error("option --manifest is required");
    if (!(values.preset! in PRESETS)) {
      throw new Error(
        `option --preset: expected one of ${Object.keys(PRESETS).join(", ")}, got "${values.preset}"`,
      );
    }
    if (values.names !== "ibsi" && values.names !== "pyradiomics") {
      throw new Error(`option --names: expected ibsi or pyradiomics, got "${values.names}"`);
    }
    if (values.names === "pyradiomics" && !values.params) {
      throw new Error("option --names pyradiomics: needs --params (a pyradiomics parameter file)");
    }
    const slurm = values.slurm || values["slurm-script"];
    if (values.shard !== undefined && values.shards === undefined) {
      throw new Error("option --shard: needs --shards N");
    }
    if (values.merge && values.shards === undefined) throw new Error("option --merge: needs --shards N");
    if (slurm && (values.shard !== undefined || values.merge)) {
      throw new Error("option --slurm: runs every shard and merges itself; drop --shard / --merge");
    }
    if (values.shards !== undefined) checkShard(values.shards, values.shard);
    if (values.shards !== undefined && values.shard === undefined && !values.merge && !slurm) {
      throw new Error("option --shards: give --shard K, --merge, or --slurm");
    }
    if (values.workers !== undefined && (!Number.isInteger(values.workers) || values.workers < 1)) {
      throw new Error(`option --workers: expected a whole number ≥ 1, got ${values.workers}`);
    }
    checkSlurmOptions({
      partition: values.partition,
      cpusPerTask: values["cpus-per-task"],
      mem: values.mem,
      time: values.time,
    });
    if (!(values.poll! > 0)) throw new Error(`option --poll: expected seconds > 0, got ${values.poll}`);
    settings = values.params
      ? readParamFile(values.params, values.names as FeatureNames)
      : PRESETS[values.preset!];
    cases = readManifest(values.manifest);
  } catch (e) {
    console.error(`extract: ${(e as Error).message}`);
    return 2;
  }
  const manifest = values.manifest!;
  const out = values.out ?? join(dirname(manifest), "features.csv");
  const cacheDir = values.cache ?? join(dirname(manifest), ".extract_cache");
  const enc = new TextEncoder();
  let lastPrint = 0;
  const onProgress = (p: Parameters<typeof formatProgress>[0]) => {
    if (values.quiet) return;
    const now = performance.now();
    if (now - lastPrint < 500 && p.done < p.total) return;
    lastPrint = now;
    Deno.stderr.writeSync(enc.encode(`\r${formatProgress(p)}   ${p.done === p.total ? "\n" : ""}`));
  };
  const finish = async (res: BatchResult): Promise<number> => {
    await writeFileAtomic(out, batchTableCsv(res));
    console.error(formatSummary(res));
    console.error(`extract: table written to ${out}`);
    return res.summary.failed.length ? 1 : 0;
  };

  if (values.slurm || values["slurm-script"]) {
    const n = values.shards ?? Math.max(1, Math.min(cases.length, 8));
    const slurmDir = resolve(cacheDir, "slurm");
    const script = join(slurmDir, "extract.sbatch");
    const taskArgs = ["--manifest", resolve(manifest), "--cache", resolve(cacheDir), "--out", resolve(out)];
    if (values.params) taskArgs.push("--params", resolve(values.params), "--names", values.names!);
    else taskArgs.push("--preset", values.preset!);
    const text = slurmScript({
      shards: n,
      partition: values.partition,
      cpusPerTask: values["cpus-per-task"],
      mem: values.mem,
      time: values.time,
      logDir: join(slurmDir, "logs"),
      workDir: resolve(new URL("..", import.meta.url).pathname),
      deno: Deno.execPath(),
      extractTask: new URL("./extract.ts", import.meta.url).pathname,
      args: taskArgs,
    });
    await Deno.mkdir(join(slurmDir, "logs"), { recursive: true });
    await writeFileAtomic(script, text);
    if (values["slurm-script"]) {
      console.error(
        `extract: sbatch array script (${n} shards, ${cases.length} cases) written to ${script}; submit with: sbatch ${script}; then merge with: deno task extract --manifest ${manifest} --shards ${n} --merge${
          values.params ? ` --params ${values.params} --names ${values.names}` : ` --preset ${values.preset}`
        }${values.cache ? ` --cache ${values.cache}` : ""}${values.out ? ` --out ${values.out}` : ""}`,
      );
      return 0;
    }
    // fresh status files, so progress counts this job's shards only (per-case results stay cached)
    await Deno.remove(shardDir(cacheDir, n), { recursive: true }).catch(() => {});
    let jobId: string;
    try {
      jobId = await submitScript(script);
    } catch (e) {
      console.error(`extract: ${(e as Error).message}`);
      return 1;
    }
    console.error(
      `extract: submitted Slurm job ${jobId} (${n} array tasks, ${cases.length} cases; logs in ${
        join(slurmDir, "logs")
      })`,
    );
    const hash = settingsHash(settings);
    const byShard = Array.from({ length: n }, (_, k) => shardCases(cases, n, k));
    let lastLine = "";
    await waitForArray(jobId, {
      shards: n,
      intervalMs: values.poll! * 1000,
      count: () => {
        let shardsDone = 0, casesDone = 0;
        for (let k = 0; k < n; k++) {
          if (readShardStatus(cacheDir, n, k, hash)) shardsDone++, casesDone += byShard[k].length;
          else {
            for (const c of byShard[k]) {
              try {
                Deno.statSync(join(cacheDir, `${caseId(c)}.json`));
                casesDone++;
              } catch { /* not yet */ }
            }
          }
        }
        return { shardsDone, casesDone, cases: cases.length };
      },
      onProgress: (p) => {
        if (values.quiet) return;
        const line = formatSlurmProgress(p);
        if (line !== lastLine) Deno.stderr.writeSync(enc.encode(`\r${line}   `));
        lastLine = line;
      },
    });
    if (!values.quiet) Deno.stderr.writeSync(enc.encode("\n"));
    const missing = unfinishedShards(cacheDir, n, hash);
    if (missing.length) {
      const states = await accountedStates(jobId);
      for (const k of missing) {
        const state = states?.get(String(k));
        console.error(
          `extract: shard ${k} did not finish${state ? ` (${state})` : ""}; log: ${
            join(slurmDir, "logs", `shard-${k}.out`)
          }`,
        );
      }
    }
    return await finish(await mergeShards(cases, { settings, cacheDir, shards: n }));
  }

  if (values.merge) {
    return await finish(await mergeShards(cases, { settings, cacheDir, shards: values.shards! }));
  }

  if (values.shards !== undefined) {
    const n = values.shards, k = values.shard!;
    const res = await runShard(cases, {
      settings,
      cacheDir,
      workers: values.workers,
      onProgress,
      shards: n,
      shard: k,
    });
    console.error(formatSummary(res).replace(/^extract:/, `extract (shard ${k} of ${n}):`));
    const hash = settingsHash(settings);
    if (!unfinishedShards(cacheDir, n, hash).length) {
      const merged = await mergeShards(cases, { settings, cacheDir, shards: n });
      await writeFileAtomic(out, batchTableCsv(merged));
      console.error(`extract: all ${n} shards finished; table written to ${out}`);
    }
    return res.summary.failed.length ? 1 : 0;
  }

  const res = await runBatch(cases, { settings, cacheDir, workers: values.workers, onProgress });
  return await finish(res);
}

if (import.meta.main) Deno.exit(await runExtractBatch(Deno.args));
