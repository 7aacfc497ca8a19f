/**
 * Sharded batch extraction: the cases of a manifest split into N shards that run independently
 * (separate processes, machines or Slurm array tasks, see `slurm.ts`) and share one cache folder.
 *
 * - Assignment: case → shard ⌊h(key)⌋ mod N, h = FNV-1a (32 bit) of the case key
 *   `<patient>__<phase>__<reader>` ({@link caseId}) followed by the murmur3 finaliser (to spread
 *   near-identical keys). It depends on the key only, not on the manifest's row order, so reordering
 *   or appending rows never moves a case to another shard.
 * - A shard runs {@link runBatch} on its cases (per-case results in the cache as for a local batch,
 *   so a rerun skips finished cases) and then writes its status file
 *   `<cache>/shards/<N>/shard-<K>.json` atomically: its case ids, failures with their errors, counts.
 * - Merge ({@link mergeShards}): the feature table of every case of the manifest, from the cache
 *   only, written atomically (temporary file + rename, `lib/io/atomic.ts`); cases without a cached
 *   result are failures carrying the error their shard reported, or "shard K of N did not finish".
 *   The shard that finds all N status files present after writing its own merges (the last shard
 *   to finish); two shards finishing together both write the same table, each atomically.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import {
  type BatchCase,
  type BatchOptions,
  type BatchResult,
  type CaseFailure,
  caseId,
  runBatch,
  settingsHash,
} from "./batch.ts";

/** Status of one finished shard (its status file). */
export interface ShardStatus {
  readonly shard: number;
  readonly shards: number;
  /** {@link settingsHash} of the settings the shard ran with. */
  readonly settings: string;
  readonly cases: readonly string[];
  readonly failed: readonly CaseFailure[];
  readonly computed: number;
  readonly skipped: number;
  readonly seconds: number;
  readonly workers: number;
}

/**
 * Shard (0 … n − 1) of a case key: FNV-1a 32-bit of the key's UTF-16 code units, murmur3 fmix32,
 * modulo n (see the module documentation).
 */
export function shardOfKey(key: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % n;
}

/** Check a shard count and index (`--shards N --shard K`, 0 ≤ K < N); throws naming the option. */
export function checkShard(n: number, k?: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`option --shards: expected a whole number ≥ 1, got ${n}`);
  }
  if (k !== undefined && (!Number.isInteger(k) || k < 0 || k >= n)) {
    throw new RangeError(
      `option --shard: expected a whole number from 0 to ${n - 1} (--shards ${n}), got ${k}`,
    );
  }
}

/** The cases of shard `k` of `n`, in manifest order. */
export function shardCases(cases: readonly BatchCase[], n: number, k: number): BatchCase[] {
  checkShard(n, k);
  return cases.filter((c) => shardOfKey(caseId(c), n) === k);
}

/** Folder of the status files of an N-shard run. */
export function shardDir(cacheDir: string, n: number): string {
  return join(cacheDir, "shards", String(n));
}

/** Path of shard `k`'s status file. */
export function shardStatusPath(cacheDir: string, n: number, k: number): string {
  return join(shardDir(cacheDir, n), `shard-${k}.json`);
}

/** Read the status of shard `k` of `n` run with settings hash `hash` (null when absent or for other settings). */
export function readShardStatus(cacheDir: string, n: number, k: number, hash: string): ShardStatus | null {
  try {
    const s = JSON.parse(Deno.readTextFileSync(shardStatusPath(cacheDir, n, k))) as ShardStatus;
    return s && s.settings === hash && s.shards === n && s.shard === k ? s : null;
  } catch {
    return null;
  }
}

/** Options of {@link runShard}. */
export interface ShardOptions extends BatchOptions {
  readonly shards: number;
  readonly shard: number;
}

/**
 * Run shard `options.shard` of `options.shards`: extract its cases ({@link runBatch}, cached per
 * case), then write its status file. Returns the shard's own batch result.
 */
export async function runShard(cases: readonly BatchCase[], options: ShardOptions): Promise<BatchResult> {
  const mine = shardCases(cases, options.shards, options.shard);
  const res = await runBatch(mine, options);
  const status: ShardStatus = {
    shard: options.shard,
    shards: options.shards,
    settings: settingsHash(options.settings),
    cases: mine.map(caseId),
    failed: res.summary.failed,
    computed: res.summary.computed,
    skipped: res.summary.skipped,
    seconds: res.summary.seconds,
    workers: res.summary.workers,
  };
  await Deno.mkdir(shardDir(options.cacheDir, options.shards), { recursive: true });
  await writeFileAtomic(
    shardStatusPath(options.cacheDir, options.shards, options.shard),
    JSON.stringify(status, null, 1) + "\n",
  );
  return res;
}

/** Shards (0 … n − 1) without a status file for these settings. */
export function unfinishedShards(cacheDir: string, n: number, hash: string): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (!readShardStatus(cacheDir, n, k, hash)) out.push(k);
  return out;
}

/** Options of {@link mergeShards}. */
export interface MergeOptions
  extends Omit<BatchOptions, "computeMissing" | "missingError" | "workers" | "onProgress"> {
  readonly shards: number;
}

/**
 * The feature table of all `cases` from the cache (nothing is computed), as {@link runBatch} would
 * assemble it. Failures: the errors the shards reported for their cases, and "shard K of N did not
 * finish" for cases of shards without a status file. Summary counts add up the shards' counts.
 */
export async function mergeShards(cases: readonly BatchCase[], options: MergeOptions): Promise<BatchResult> {
  checkShard(options.shards);
  const hash = settingsHash(options.settings);
  const statuses: (ShardStatus | null)[] = [];
  for (let k = 0; k < options.shards; k++) {
    statuses.push(readShardStatus(options.cacheDir, options.shards, k, hash));
  }
  const errors = new Map<string, string>();
  for (const s of statuses) for (const f of s?.failed ?? []) errors.set(f.id, f.error);
  const res = await runBatch(cases, {
    settings: options.settings,
    cacheDir: options.cacheDir,
    computeMissing: false,
    missingError: (c) => {
      const id = caseId(c);
      const k = shardOfKey(id, options.shards);
      return errors.get(id) ??
        (statuses[k]
          ? `no cached result (shard ${k} of ${options.shards} finished without it)`
          : `shard ${k} of ${options.shards} did not finish`);
    },
  });
  const done = statuses.filter((s): s is ShardStatus => s !== null);
  const computed = done.reduce((a, s) => a + s.computed, 0);
  const missing = res.summary.failed.filter((f) => !errors.has(f.id)).length;
  return {
    ...res,
    summary: {
      ...res.summary,
      computed: computed + missing,
      skipped: Math.max(0, res.summary.total - computed - missing),
      seconds: done.reduce((a, s) => Math.max(a, s.seconds), 0),
      workers: done.reduce((a, s) => a + s.workers, 0),
    },
  };
}
