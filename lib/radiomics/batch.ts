/**
 * Batch extraction: a manifest of cases (CSV columns `patient, phase, image, mask, reader`) → one
 * feature table with one row per patient × reader and one column per `<phase>_<imageType>_<family>_<Feature>`
 * (e.g. `arterial_wavelet-LHL_glcm_JointEntropy`).
 *
 * - Parallel: cases run in Web Workers (`batch_worker.ts`), by default one per core
 *   (`navigator.hardwareConcurrency`).
 * - Resumable and content-keyed: each finished case is written atomically to `<cacheDir>/<case>.json`
 *   with the sha256 of its image and mask files and a hash of the settings; on a rerun a case is read
 *   back only when all three match, so an image replaced under the same name is recomputed.
 * - Robust: a failing case (unreadable image, grid mismatch, empty mask …) is reported with its
 *   error and the batch continues; failures are not cached, so a rerun retries them.
 * - Progress: `onProgress` after every case with counts, elapsed time and an estimate of the time
 *   left (remaining cases × mean wall time per computed case so far, which accounts for the workers
 *   running in parallel).
 * - Table: a patient × reader row is kept only when all its phases succeeded; incomplete rows are
 *   listed in the summary (`incomplete`), never half-filled.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { DataError, readCsvSync, textColumn, toCsv, where } from "../data/csv.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import type { BatchSettings } from "./param_file.ts";
import { sha256File, sha256Hex } from "../io/hash.ts";
import type { WorkerJob, WorkerResult } from "./batch_worker.ts";
import { defaultMemoryLimit, splitByMemoryBudget } from "./memory_budget.ts";

/** One manifest row with resolved paths. */
export interface BatchCase {
  readonly patient: string;
  readonly phase: string;
  readonly reader: string;
  /** Absolute image path. */
  readonly image: string;
  /** Absolute mask path. */
  readonly mask: string;
}

/** Identifier of a case (also its cache file name): `<patient>__<phase>__<reader>`. */
export function caseId(c: Pick<BatchCase, "patient" | "phase" | "reader">): string {
  return `${c.patient}__${c.phase}__${c.reader}`.replace(/[^A-Za-z0-9_.-]/g, "_");
}

/** Longest patient, phase or reader id of a manifest (the case id names a cache file; file names are ≤ 255 bytes). */
export const MAX_ID_LENGTH = 64;

/**
 * Read a manifest CSV (columns patient, phase, image, mask, reader; image/mask relative to the
 * manifest's folder unless absolute). Errors name the file, row (the CSV line, header = 1) and column; duplicate
 * patient × phase × reader rows are errors.
 */
export function readManifest(path: string): BatchCase[] {
  const t = readCsvSync(path);
  for (const col of ["patient", "phase", "image", "mask", "reader"]) {
    if (!t.header.includes(col)) {
      throw new DataError(
        `${where(path, undefined, col)}: missing column (expected patient, phase, image, mask, reader; got ${
          t.header.join(", ")
        })`,
      );
    }
  }
  const base = dirname(resolve(path));
  const p = textColumn(t, "patient"),
    ph = textColumn(t, "phase"),
    im = textColumn(t, "image"),
    mk = textColumn(t, "mask"),
    rd = textColumn(t, "reader");
  const seen = new Set<string>();
  return p.map((patient, i) => {
    for (
      const [col, v] of [["patient", patient], ["phase", ph[i]], ["image", im[i]], ["mask", mk[i]], [
        "reader",
        rd[i],
      ]]
    ) {
      if (!v) throw new DataError(`${where(path, i + 2, col)}: empty cell`);
      if (col !== "image" && col !== "mask" && v.length > MAX_ID_LENGTH) {
        throw new DataError(
          `${
            where(path, i + 2, col)
          }: ${v.length} characters, more than ${MAX_ID_LENGTH} (ids name cache files)`,
        );
      }
    }
    const c: BatchCase = {
      patient,
      phase: ph[i],
      reader: rd[i],
      image: isAbsolute(im[i]) ? im[i] : join(base, im[i]),
      mask: isAbsolute(mk[i]) ? mk[i] : join(base, mk[i]),
    };
    const id = caseId(c);
    if (seen.has(id)) {
      throw new DataError(`${where(path, i + 2)}: duplicate case ${patient} / ${ph[i]} / ${rd[i]}`);
    }
    seen.add(id);
    return c;
  });
}

/** Progress of a batch. */
export interface BatchProgress {
  readonly done: number;
  readonly total: number;
  /** Computed in this run (ok or failed). */
  readonly computed: number;
  /** Read from the cache. */
  readonly skipped: number;
  readonly failed: number;
  readonly elapsedMs: number;
  /** Estimated time left (NaN before the first computed case). */
  readonly etaMs: number;
  /** The case just finished. */
  readonly last: string;
}

/** Options of {@link runBatch}. */
export interface BatchOptions {
  /** Extraction settings (image types, discretisation, resampling). */
  readonly settings: BatchSettings;
  /** Folder of per-case results (created). */
  readonly cacheDir: string;
  /** Worker count (default `navigator.hardwareConcurrency`, at least 1). */
  readonly workers?: number;
  readonly onProgress?: (p: BatchProgress) => void;
  /**
   * Compute cases missing from the cache (default true). False assembles the table from the cache
   * only (the merge of a sharded run, `shard.ts`); missing cases are then failures with `missingError`.
   */
  readonly computeMissing?: boolean;
  /** Error of a case missing from the cache when `computeMissing` is false. */
  readonly missingError?: (c: BatchCase) => string;
  /**
   * Memory budget of one case, bytes (default `defaultMemoryLimit(workers)`: NOMOGRAM_MEMORY_LIMIT, else
   * min(4 GiB, 50 % of available memory) / workers); a case estimated above it from its headers fails
   * without being read (memory_budget.ts).
   */
  readonly memoryLimit?: number;
}

/** A failed case. */
export interface CaseFailure {
  readonly id: string;
  readonly image: string;
  readonly error: string;
}

/** Result of {@link runBatch}. */
export interface BatchResult {
  /** `patient`, `reader`, then the feature columns. */
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, string | number>[];
  readonly summary: {
    readonly total: number;
    readonly computed: number;
    readonly skipped: number;
    readonly failed: readonly CaseFailure[];
    /** Warnings of computed cases (features undefined for the ROI, as NaN, with family and reason). */
    readonly warnings?: readonly string[];
    /** patient × reader rows left out because a phase failed. */
    readonly incomplete: readonly string[];
    readonly seconds: number;
    readonly workers: number;
  };
}

let codeDigestMemo: string | undefined;

/**
 * FNV-1a digest of the feature code itself (the source text of every `.ts` file under lib/radiomics,
 * in path order), so a cached case or table computed by other feature code is never reused.
 */
export function featureCodeDigest(): string {
  if (codeDigestMemo !== undefined) return codeDigestMemo;
  const root = new URL(".", import.meta.url);
  const files: string[] = [];
  const walk = (dir: URL, rel: string) => {
    for (const e of Deno.readDirSync(dir)) {
      if (e.isDirectory) walk(new URL(`${e.name}/`, dir), `${rel}${e.name}/`);
      else if (e.name.endsWith(".ts")) files.push(`${rel}${e.name}`);
    }
  };
  walk(root, "");
  let h = 0x811c9dc5;
  for (const f of files.sort()) {
    const text = f + "\u0000" + Deno.readTextFileSync(new URL(f, root));
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return (codeDigestMemo = (h >>> 0).toString(16).padStart(8, "0"));
}

/**
 * FNV-1a hash (hex) of the settings' JSON and of the feature code ({@link featureCodeDigest}), stored
 * with each cached case and part of every feature cache key.
 */
export function settingsHash(s: BatchSettings): string {
  const text = JSON.stringify(s) + featureCodeDigest();
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

interface CacheEntry {
  id: string;
  settings: string;
  /** sha256 of the image and mask files the features were computed from. */
  image_sha256: string;
  mask_sha256: string;
  /** Numbers; non-finite values as the strings "NaN", "Infinity", "-Infinity". */
  features: Record<string, number | string>;
}

function readCache(path: string, hash: string, content: CaseContent): Record<string, number> | null {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(Deno.readTextFileSync(path));
  } catch {
    return null;
  }
  if (!entry || entry.settings !== hash || typeof entry.features !== "object") return null;
  if (entry.image_sha256 !== content.image || entry.mask_sha256 !== content.mask) return null;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(entry.features)) out[k] = typeof v === "number" ? v : Number(v);
  return out;
}

/** sha256 of a case's image and mask files. */
export interface CaseContent {
  readonly image: string;
  readonly mask: string;
}

/** The sha256 of every case's image and mask (files read once each; a missing file gives ""). */
export async function caseContents(cases: readonly BatchCase[]): Promise<Map<string, CaseContent>> {
  const out = new Map<string, CaseContent>();
  const h = (p: string) => sha256File(p).catch(() => "");
  for (const c of cases) out.set(caseId(c), { image: await h(c.image), mask: await h(c.mask) });
  return out;
}

/**
 * One hash of the content of a whole batch: sha256 over every case's id and the sha256 of its image and
 * mask, in manifest order. Two manifests naming the same files with the same bytes get the same key; a
 * replaced image gives a new one.
 */
export async function batchContentKey(cases: readonly BatchCase[]): Promise<string> {
  const contents = await caseContents(cases);
  const text = cases.map((c) =>
    `${caseId(c)} ${contents.get(caseId(c))!.image} ${contents.get(caseId(c))!.mask}`
  ).join("\n");
  return await sha256Hex(new TextEncoder().encode(text));
}

/**
 * Run the extraction of every case (see the module documentation). Resolves when all cases are
 * done; failures are in `summary.failed`.
 */
export async function runBatch(cases: readonly BatchCase[], options: BatchOptions): Promise<BatchResult> {
  const t0 = performance.now();
  const hash = settingsHash(options.settings);
  await Deno.mkdir(options.cacheDir, { recursive: true });
  const results = new Map<string, Record<string, number>>();
  const failed: CaseFailure[] = [];
  const warnings: string[] = [];
  const pending: BatchCase[] = [];
  let skipped = 0, computed = 0, computeStart = 0;
  const total = cases.length;
  const contents = await caseContents(cases);
  const report = (last: string) => {
    const done = skipped + computed;
    const elapsed = performance.now() - t0;
    const perCase = computed > 0 ? (performance.now() - computeStart) / computed : NaN;
    options.onProgress?.({
      done,
      total,
      computed,
      skipped,
      failed: failed.length,
      elapsedMs: elapsed,
      etaMs: (total - done) * perCase,
      last,
    });
  };
  for (const c of cases) {
    const cached = readCache(join(options.cacheDir, `${caseId(c)}.json`), hash, contents.get(caseId(c))!);
    if (cached) {
      results.set(caseId(c), cached);
      skipped++;
      report(caseId(c));
    } else if (options.computeMissing === false) {
      failed.push({ id: caseId(c), image: c.image, error: options.missingError?.(c) ?? "not extracted" });
    } else pending.push(c);
  }
  // memory budget of every case to compute, from its headers, before a worker reads it (memory_budget.ts)
  const budget = await splitByMemoryBudget(
    pending.splice(0),
    options.settings,
    options.memoryLimit ?? defaultMemoryLimit(options.workers ?? navigator.hardwareConcurrency ?? 1),
  );
  pending.push(...budget.fit);
  for (const o of budget.over) failed.push({ id: caseId(o.case), image: o.case.image, error: o.error });

  const nWorkers = Math.max(
    1,
    Math.min(options.workers ?? navigator.hardwareConcurrency ?? 1, pending.length),
  );
  computeStart = performance.now();
  if (pending.length) {
    const url = new URL("./batch_worker.ts", import.meta.url).href;
    let next = 0;
    await new Promise<void>((resolveAll) => {
      let active = 0;
      const byId = new Map(pending.map((c) => [caseId(c), c]));
      const finish = async (res: WorkerResult) => {
        const c = byId.get(res.id)!;
        if (res.ok) {
          results.set(res.id, res.features);
          for (const w of res.warnings ?? []) warnings.push(`${res.id}: ${w}`);
          const ct = contents.get(res.id)!;
          const entry: CacheEntry = {
            id: res.id,
            settings: hash,
            image_sha256: ct.image,
            mask_sha256: ct.mask,
            features: Object.fromEntries(
              Object.entries(res.features).map(([k, v]) => [k, Number.isFinite(v) ? v : String(v)]),
            ),
          };
          await writeFileAtomic(join(options.cacheDir, `${res.id}.json`), JSON.stringify(entry));
        } else {
          failed.push({ id: res.id, image: c.image, error: res.error });
        }
        computed++;
        report(res.id);
      };
      const start = (w: Worker) => {
        if (next >= pending.length) {
          w.terminate();
          if (--active === 0) resolveAll();
          return;
        }
        const c = pending[next++];
        const job: WorkerJob = { id: caseId(c), image: c.image, mask: c.mask, settings: options.settings };
        (w as Worker & { job?: string }).job = job.id;
        w.postMessage(job);
      };
      const spawn = () => {
        const w = new Worker(url, { type: "module" });
        active++;
        w.onmessage = async (e: MessageEvent<WorkerResult>) => {
          await finish(e.data);
          start(w);
        };
        w.onerror = async (e: ErrorEvent) => {
          e.preventDefault();
          const id = (w as Worker & { job?: string }).job ?? "?";
          w.terminate();
          active--;
          await finish({ id, ok: false, error: `worker crashed: ${e.message}`, ms: 0 });
          spawn();
        };
        start(w);
      };
      for (let i = 0; i < nWorkers; i++) spawn();
    });
  }

  // assemble the table in manifest order
  const phases: string[] = [];
  for (const c of cases) if (!phases.includes(c.phase)) phases.push(c.phase);
  const groups = new Map<string, BatchCase[]>();
  for (const c of cases) {
    const k = `${c.patient}\u0000${c.reader}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(c);
  }
  const featureCols: string[] = [];
  const colSet = new Set<string>();
  for (const ph of phases) {
    for (const c of cases) {
      if (c.phase !== ph) continue;
      const r = results.get(caseId(c));
      if (!r) continue;
      for (const k of Object.keys(r)) {
        const col = `${ph}_${k}`;
        if (!colSet.has(col)) colSet.add(col), featureCols.push(col);
      }
      break;
    }
  }
  const rows: Record<string, string | number>[] = [];
  const incomplete: string[] = [];
  for (const [, cs] of groups) {
    const { patient, reader } = cs[0];
    if (cs.some((c) => !results.has(caseId(c)))) {
      incomplete.push(`${patient} / ${reader}`);
      continue;
    }
    const row: Record<string, string | number> = { patient, reader };
    for (const c of cs) {
      for (const [k, v] of Object.entries(results.get(caseId(c))!)) row[`${c.phase}_${k}`] = v;
    }
    rows.push(row);
  }
  return {
    columns: ["patient", "reader", ...featureCols],
    rows,
    summary: {
      total,
      computed,
      skipped,
      failed,
      warnings,
      incomplete,
      seconds: (performance.now() - t0) / 1000,
      workers: pending.length ? nWorkers : 0,
    },
  };
}

/** What {@link writeBatchTable} did. */
export interface TableWrite {
  readonly written: boolean;
  /** Where a previous table was set aside ("" when none). */
  readonly previous: string;
  readonly message: string;
}

/**
 * Write the batch table to `path` only when at least one case succeeded (no case succeeded: nothing is
 * written and a previous table stays as it is). When some cases failed and a previous table exists, it
 * is kept beside the new one as `<name>.previous.csv`, so a worse table never silently replaces a good one.
 */
export async function writeBatchTable(path: string, r: BatchResult): Promise<TableWrite> {
  const s = r.summary;
  const succeeded = s.total - s.failed.length;
  let exists = false;
  try {
    exists = Deno.statSync(path).isFile;
  } catch { /* none yet */ }
  if (succeeded <= 0 || r.rows.length === 0) {
    return {
      written: false,
      previous: "",
      message: `no case succeeded${
        r.rows.length === 0 && succeeded > 0 ? " for a whole patient" : ""
      }: table not written${exists ? `, the previous ${path} is kept unchanged` : ""}`,
    };
  }
  let previous = "";
  if (exists && s.failed.length) {
    previous = path.replace(/(\.csv)?$/, ".previous.csv");
    await Deno.copyFile(path, previous);
  }
  await writeFileAtomic(path, batchTableCsv(r));
  return {
    written: true,
    previous,
    message: `table written to ${path}${
      previous ? ` (${s.failed.length} case(s) failed; the previous table is kept as ${previous})` : ""
    }`,
  };
}

/** The feature table as CSV text (NaN cells written as "NA"). */
export function batchTableCsv(r: BatchResult): string {
  return toCsv(
    [...r.columns],
    r.rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === "number" && !Number.isFinite(v) ? "NA" : v]),
      )
    ),
  );
}

/** One printed progress line: "extract: 120/1158 (3 failed, 40 cached) 00:42 elapsed, ~05:10 left". */
export function formatProgress(p: BatchProgress): string {
  const mmss = (ms: number) => {
    if (!Number.isFinite(ms)) return "--:--";
    const s = Math.round(ms / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  };
  return `extract: ${p.done}/${p.total} (${p.failed} failed, ${p.skipped} cached) ${
    mmss(p.elapsedMs)
  } elapsed, ~${mmss(p.etaMs)} left`;
}

/** Summary text printed at the end of a batch. */
export function formatSummary(r: BatchResult): string {
  const s = r.summary;
  const lines = [
    `extract: ${s.total} cases: ${
      s.computed - s.failed.length
    } computed, ${s.skipped} from cache, ${s.failed.length} failed; ${r.rows.length} rows × ${
      r.columns.length - 2
    } features; ${s.seconds.toFixed(1)} s on ${s.workers} worker(s)`,
  ];
  for (const f of s.failed) lines.push(`  FAILED ${f.id} (${f.image}): ${f.error}`);
  const w = s.warnings ?? [];
  for (const m of w.slice(0, 20)) lines.push(`  warning: ${m}`);
  if (w.length > 20) lines.push(`  … ${w.length - 20} more warnings`);
  if (s.incomplete.length) lines.push(`  left out (a phase failed): ${s.incomplete.join(", ")}`);
  return lines.join("\n");
}
