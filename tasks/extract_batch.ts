/**
 * `deno task extract --manifest M.csv [--out features.csv] [--cache DIR] [--workers N] [--memory-limit SIZE]
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
 * Memory: each case is estimated from its NIfTI headers before it is read (lib/radiomics/memory_budget.ts)
 * and fails with a message naming the file, the estimate and the limit when over `--memory-limit`.
 * One batch at a time per cache folder (a lock; a second run waits). The table is written only when at
 * least one case succeeded (a previous table is kept beside it as <name>.previous.csv when some failed).
 * Exit code 0 when every case succeeded, 1 when some failed, 2 on bad arguments.
 */
import { dirname, join, resolve } from "node:path";
import { ArgError, parseTaskArgs, usageError } from "../lib/io/args.ts";
import { acquireLock, describeHolder } from "../lib/io/lock.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import {
  type BatchCase,
  type BatchResult,
  caseId,
  formatProgress,
  formatSummary,
  readManifest,
  runBatch,
  settingsHash,
  writeBatchTable,
} from "../lib/radiomics/batch.ts";
import type { CaseSettings } from "../lib/radiomics/filters/features.ts";
import { type BatchSettings, type FeatureNames, readParamFile } from "../lib/radiomics/param_file.ts";
import { parseByteSize } from "../lib/radiomics/memory_budget.ts";
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

/** The batch form of `deno task extract` (options and help). */
export const BATCH_TASK = {
  name: "extract",
  description:
    "Batch extraction: every case of the manifest (columns patient, phase, image, mask, reader) in worker " +
    "threads, one feature table row per patient x reader. Finished cases are cached by the sha256 of image and mask " +
    "plus the settings. The table is written only when at least one case succeeded (a previous table is kept beside " +
    "it as <name>.previous.csv when some cases failed). Sharding: --shards N --shard K, then --merge; Slurm: --slurm " +
    "(submit, wait, merge) or --slurm-script (write the sbatch array script only). Exit 0 when every case succeeded, " +
    "1 when some failed, 2 on bad arguments.",
  options: {
    manifest: { type: "string", metavar: "M.csv", help: "case manifest (required for the batch form)" },
    out: { type: "string", metavar: "F.csv", help: "feature table (default <manifest folder>/features.csv)" },
    cache: {
      type: "string",
      metavar: "DIR",
      help: "per-case cache (default <manifest folder>/.extract_cache)",
    },
    workers: { type: "number", integer: true, min: 1, help: "worker threads (default: all cores)" },
    "memory-limit": {
      type: "string",
      metavar: "SIZE",
      help:
        "memory budget of one case, e.g. 2GiB; a case estimated above it from its headers fails unread (default NOMOGRAM_MEMORY_LIMIT, else min(4 GiB, 50 % of available memory) / workers)",
    },
    params: {
      type: "string",
      metavar: "P.yaml|P.json",
      help: "parameter file in pyradiomics' format (lib/radiomics/param_file.ts), instead of the preset",
    },
    names: {
      type: "string",
      default: "ibsi",
      choices: ["ibsi", "pyradiomics"],
      help: "feature definitions and names (pyradiomics needs --params)",
    },
    preset: { type: "string", default: "twin", choices: Object.keys(PRESETS), help: "extraction preset" },
    quiet: { type: "boolean", help: "no progress line" },
    shards: { type: "number", integer: true, min: 1, help: "number of shards" },
    shard: { type: "number", integer: true, min: 0, help: "this shard, 0 <= K < N" },
    merge: { type: "boolean", help: "assemble the table of all shards from the cache" },
    slurm: { type: "boolean", help: "run the shards as a Slurm array job, wait, merge" },
    "slurm-script": { type: "boolean", help: "only write the sbatch array script" },
    partition: { type: "string", metavar: "P", help: "Slurm partition" },
    "cpus-per-task": { type: "number", integer: true, min: 1, help: "Slurm cpus per task" },
    mem: { type: "string", metavar: "M", help: "Slurm memory per task (e.g. 4G)" },
    time: { type: "string", metavar: "T", help: "Slurm time limit (e.g. 30 or 1:00:00)" },
    poll: { type: "number", default: 3, min: 0.01, help: "seconds between Slurm status polls" },
  },
} as const;

/** Run the task with command-line `args`; returns the exit code. */
export async function runExtractBatch(args: readonly string[]): Promise<number> {
  let values!: ReturnType<typeof parseTaskArgs<typeof BATCH_TASK.options>>["values"];
  let settings: BatchSettings;
  let cases: BatchCase[];
  let memoryLimit: number | undefined;
  try {
    values = parseTaskArgs(args, BATCH_TASK).values;
    if (!values.manifest) throw new ArgError("option --manifest: expected the path of a case manifest CSV");
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
    if (values["memory-limit"] !== undefined) memoryLimit = parseByteSize(values["memory-limit"]);
    checkSlurmOptions({
      partition: values.partition,
      cpusPerTask: values["cpus-per-task"],
      mem: values.mem,
      time: values.time,
    });
  } catch (e) {
    usageError("extract", e instanceof ArgError ? e : new ArgError((e as Error).message));
  }
  try {
    settings = values.params
      ? readParamFile(values.params, values.names as FeatureNames)
      : PRESETS[values.preset!];
    cases = readManifest(values.manifest);
  } catch (e) {
    console.error(`extract: ${(e as Error).message}`);
    return 1;
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
    console.error(formatSummary(res));
    const w = await writeBatchTable(out, res);
    console.error(`extract: ${w.message}`);
    return res.summary.failed.length || !w.written ? 1 : 0;
  };

  if (values.slurm || values["slurm-script"]) {
    const n = values.shards ?? Math.max(1, Math.min(cases.length, 8));
    const slurmDir = resolve(cacheDir, "slurm");
    const script = join(slurmDir, "extract.sbatch");
    const taskArgs = ["--manifest", resolve(manifest), "--cache", resolve(cacheDir), "--out", resolve(out)];
    if (values.params) taskArgs.push("--params", resolve(values.params), "--names", values.names!);
    else taskArgs.push("--preset", values.preset!);
    if (values["memory-limit"] !== undefined) taskArgs.push("--memory-limit", values["memory-limit"]);
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

  // one local batch or shard at a time per cache folder: a second one waits, then reuses its cases
  const lock = await acquireLock(join(cacheDir, ".lock"), {
    purpose: "extract",
    waitMs: 2 * 3600_000,
    onWait: (h) =>
      console.error(`extract: waiting for the cache ${cacheDir}: in use by ${describeHolder(h)}`),
  });
  try {
    return await runLocked();
  } finally {
    lock.release();
  }

  async function runLocked(): Promise<number> {
    if (values.merge) {
      return await finish(await mergeShards(cases, { settings, cacheDir, shards: values.shards! }));
    }

    if (values.shards !== undefined) {
      const n = values.shards, k = values.shard!;
      const res = await runShard(cases, {
        settings,
        cacheDir,
        workers: values.workers,
        memoryLimit,
        onProgress,
        shards: n,
        shard: k,
      });
      console.error(formatSummary(res).replace(/^extract:/, `extract (shard ${k} of ${n}):`));
      const hash = settingsHash(settings);
      if (!unfinishedShards(cacheDir, n, hash).length) {
        const merged = await mergeShards(cases, { settings, cacheDir, shards: n });
        const w = await writeBatchTable(out, merged);
        console.error(`extract: all ${n} shards finished; ${w.message}`);
      }
      return res.summary.failed.length ? 1 : 0;
    }

    const res = await runBatch(cases, {
      settings,
      cacheDir,
      workers: values.workers,
      onProgress,
      memoryLimit,
    });
    return await finish(res);
  }
}

if (import.meta.main) Deno.exit(await runExtractBatch(Deno.args));
