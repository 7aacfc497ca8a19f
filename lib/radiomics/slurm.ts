/**
 * Batch extraction on a Slurm cluster: one `sbatch` job array, one array task per shard
 * (`shard.ts`), each task running `tasks/extract.ts --shards N --shard $SLURM_ARRAY_TASK_ID` on
 * the shared cache folder; the submitting process waits (polling `squeue`), then merges.
 *
 * What the nodes must share with the submitting machine (same absolute paths): the repository
 * (tasks/ and lib/), the Deno executable, the images and masks of the manifest, the manifest, the
 * parameter file and the cache/output folder. Slurm sources `#SBATCH` lines only before the first
 * command, so every option is written there.
 *
 * References: Slurm `sbatch(1)` (`--array`, `--parsable`, `%A`/`%a` file patterns,
 * `SLURM_ARRAY_TASK_ID`), `squeue(1)` (`-h -j <job> -o "%i %T"`), `sacct(1)`.
 */
import { join } from "node:path";

/** Options of {@link slurmScript}. */
export interface SlurmScriptOptions {
  readonly shards: number;
  /** Job name (default "extract"). */
  readonly jobName?: string;
  readonly partition?: string;
  /** CPUs per array task (default 1); also the worker count of each shard. */
  readonly cpusPerTask?: number;
  /** Memory per array task, Slurm syntax ("4G", "2000M"). */
  readonly mem?: string;
  /** Time limit per array task, Slurm syntax ("01:00:00", "30"). */
  readonly time?: string;
  /** Folder of the tasks' log files `shard-<K>.out`. */
  readonly logDir: string;
  /** Working directory of the tasks (the repository). */
  readonly workDir: string;
  /** Absolute path of the Deno executable on the nodes. */
  readonly deno: string;
  /** Absolute path of `tasks/extract.ts`. */
  readonly extractTask: string;
  /**
   * Arguments of every task besides `--shards`, `--shard` and `--workers` (absolute paths),
   * e.g. `["--manifest", "/data/m.csv", "--cache", "/data/cache", "--out", "/data/features.csv"]`.
   */
  readonly args: readonly string[];
}

/** Quote a word for bash (single quotes unless it is plain). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const SLURM_VALUE = /^[A-Za-z0-9_.:+-]+$/;

/** Check the Slurm options (one line naming the option on a bad value). */
export function checkSlurmOptions(
  o: Pick<SlurmScriptOptions, "partition" | "cpusPerTask" | "mem" | "time" | "jobName">,
): void {
  if (o.cpusPerTask !== undefined && (!Number.isInteger(o.cpusPerTask) || o.cpusPerTask < 1)) {
    throw new RangeError(`option --cpus-per-task: expected a whole number ≥ 1, got ${o.cpusPerTask}`);
  }
  if (o.mem !== undefined && !/^\d+[KMGT]?$/i.test(o.mem)) {
    throw new RangeError(`option --mem: expected a size such as 4G or 2000M, got "${o.mem}"`);
  }
  if (o.time !== undefined && !/^(\d+-)?\d+(:\d{1,2}){0,2}$/.test(o.time)) {
    throw new RangeError(`option --time: expected minutes, MM:SS, HH:MM:SS or D-HH:MM:SS, got "${o.time}"`);
  }
  if (o.partition !== undefined && !SLURM_VALUE.test(o.partition)) {
    throw new RangeError(`option --partition: unexpected characters in "${o.partition}"`);
  }
  if (o.jobName !== undefined && !SLURM_VALUE.test(o.jobName)) {
    throw new RangeError(`job name: unexpected characters in "${o.jobName}"`);
  }
}

/** The sbatch array script (see the module documentation). */
export function slurmScript(o: SlurmScriptOptions): string {
  checkSlurmOptions(o);
  if (!Number.isInteger(o.shards) || o.shards < 1) {
    throw new RangeError(`option --shards: expected a whole number ≥ 1, got ${o.shards}`);
  }
  const cpus = o.cpusPerTask ?? 1;
  const lines = [
    "#!/bin/bash",
    `#SBATCH --job-name=${o.jobName ?? "extract"}`,
    `#SBATCH --array=0-${o.shards - 1}`,
    `#SBATCH --ntasks=1`,
    `#SBATCH --cpus-per-task=${cpus}`,
    ...(o.partition ? [`#SBATCH --partition=${o.partition}`] : []),
    ...(o.mem ? [`#SBATCH --mem=${o.mem}`] : []),
    ...(o.time ? [`#SBATCH --time=${o.time}`] : []),
    `#SBATCH --output=${join(o.logDir, "shard-%a.out")}`,
    `#SBATCH --chdir=${o.workDir}`,
    "# One array task per shard: extracts the cases of shard $SLURM_ARRAY_TASK_ID into the shared",
    "# cache; the last shard to finish writes the table. Written by `deno task extract --slurm`.",
    "set -euo pipefail",
    "export NO_COLOR=1",
    [
      shellQuote(o.deno),
      "run",
      "-A",
      shellQuote(o.extractTask),
      ...o.args.map(shellQuote),
      "--shards",
      String(o.shards),
      "--shard",
      '"$SLURM_ARRAY_TASK_ID"',
      "--workers",
      '"${SLURM_CPUS_PER_TASK:-' + cpus + '}"',
      "--quiet",
    ].join(" "),
    "",
  ];
  return lines.join("\n");
}

/** Output of a command run to completion. */
interface CommandOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(cmd: string, args: readonly string[]): Promise<CommandOutput> {
  let out;
  try {
    out = await new Deno.Command(cmd, { args: [...args], stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    throw new Error(`${cmd}: cannot run (${(e as Error).message}); is Slurm's client installed and on PATH?`);
  }
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Submit a script with `sbatch --parsable`; returns the job id. */
export async function submitScript(scriptPath: string): Promise<string> {
  const r = await run("sbatch", ["--parsable", scriptPath]);
  const id = r.stdout.trim().split(";")[0];
  if (r.code !== 0 || !/^\d+$/.test(id)) {
    throw new Error(`sbatch ${scriptPath}: ${(r.stderr || r.stdout).trim() || `exit ${r.code}`}`);
  }
  return id;
}

/** Array tasks of `jobId` still known to `squeue` (pending or running), as `{ task, state }`. */
export async function queuedTasks(jobId: string): Promise<{ task: string; state: string }[]> {
  const r = await run("squeue", ["-h", "-r", "-j", jobId, "-o", "%i %T"]);
  // squeue exits non-zero with "Invalid job id" once a finished job has left the queue
  if (r.code !== 0) {
    if (/invalid job id/i.test(r.stderr)) return [];
    throw new Error(`squeue -j ${jobId}: ${r.stderr.trim() || `exit ${r.code}`}`);
  }
  return r.stdout.split("\n").filter((l) => l.trim()).map((l) => {
    const [id, state] = l.trim().split(/\s+/);
    return { task: id.includes("_") ? id.slice(id.indexOf("_") + 1) : id, state: state ?? "" };
  });
}

/**
 * Final states of the array tasks from `sacct` (`<task> → state exit`), or null when accounting is
 * not available (`AccountingStorageType=accounting_storage/none`).
 */
export async function accountedStates(jobId: string): Promise<Map<string, string> | null> {
  let r: CommandOutput;
  try {
    r = await run("sacct", ["-n", "-P", "-X", "-j", jobId, "-o", "JobID,State,ExitCode"]);
  } catch {
    return null;
  }
  if (r.code !== 0) return null;
  const m = new Map<string, string>();
  for (const l of r.stdout.split("\n")) {
    const [id, state, exit] = l.trim().split("|");
    if (!id) continue;
    m.set(id.includes("_") ? id.slice(id.indexOf("_") + 1) : id, `${state} (exit ${exit})`);
  }
  return m;
}

/** Progress while waiting for the array. */
export interface SlurmProgress {
  readonly jobId: string;
  readonly shardsDone: number;
  readonly shards: number;
  readonly casesDone: number;
  readonly cases: number;
  readonly pending: number;
  readonly running: number;
  readonly elapsedMs: number;
}

/** Options of {@link waitForArray}. */
export interface WaitOptions {
  readonly shards: number;
  /** Counts finished shards and cases (from the shared cache). */
  readonly count: () => { shardsDone: number; casesDone: number; cases: number };
  /** Poll interval (ms, default 3000). */
  readonly intervalMs?: number;
  readonly onProgress?: (p: SlurmProgress) => void;
}

/** Wait until no task of `jobId` is left in `squeue`, reporting progress after every poll. */
export async function waitForArray(jobId: string, o: WaitOptions): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const q = await queuedTasks(jobId);
    const c = o.count();
    o.onProgress?.({
      jobId,
      shards: o.shards,
      ...c,
      pending: q.filter((t) => t.state === "PENDING").length,
      running: q.filter((t) => t.state === "RUNNING" || t.state === "COMPLETING").length,
      elapsedMs: performance.now() - t0,
    });
    if (!q.length) return;
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 3000));
  }
}

/** One progress line: "extract (slurm job 12): 3/4 shards, 410/520 cases, 1 running, 0 pending, 02:10". */
export function formatSlurmProgress(p: SlurmProgress): string {
  const s = Math.round(p.elapsedMs / 1000);
  const mmss = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return `extract (slurm job ${p.jobId}): ${p.shardsDone}/${p.shards} shards, ${p.casesDone}/${p.cases} cases, ${p.running} running, ${p.pending} pending, ${mmss}`;
}
