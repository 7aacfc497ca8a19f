/**
 * The results folder of `reproduce`: which folders may be replaced, the per-folder lock, staging
 * folders and the final swap.
 *
 * - A results folder is replaced only when it is missing, empty, or a previous results folder of this
 *   workspace: it holds a `manifest.json` whose `workspace` is "nomogram-workspace" (written by
 *   {@link ./reproduce.ts}). Anything else (`--out .`, a folder of the user's files) is refused before
 *   any work, so nothing the run did not write is ever deleted; a folder that holds the workspace itself
 *   (its deno.json, notebooks or data) is refused too.
 * - One run at a time per results folder: the lock `<parent>/.<name>.lock` (lib/io/lock.ts) names the
 *   holder's pid and start time; a second run stops with that message.
 * - Staging folders `.<name>-staging-<pid>` and set-aside folders `.<name>-previous-<pid>` carry their
 *   owner's pid and are cleaned (or restored) only when that owner is dead.
 */
import { basename, dirname, join, relative, resolve } from "node:path";
import { acquireLock, type Lock, processAlive } from "../io/lock.ts";

/** The `workspace` field of a manifest written by this workspace. */
export const WORKSPACE_ID = "nomogram-workspace";

/** A results folder that cannot be used; the message names the folder and what to do. */
export class OutDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutDirError";
  }
}

function statOrNull(p: string): Deno.FileInfo | null {
  try {
    return Deno.statSync(p);
  } catch {
    return null;
  }
}

/** Whether `dir` holds a manifest.json written by reproduce of this workspace. */
export function isResultsFolder(dir: string): boolean {
  try {
    const m = JSON.parse(Deno.readTextFileSync(join(dir, "manifest.json")));
    return m !== null && typeof m === "object" && m.workspace === WORKSPACE_ID && Array.isArray(m.outputs);
  } catch {
    return false;
  }
}

/** Whether `a` is `b` or a folder above it. */
function contains(a: string, b: string): boolean {
  const r = relative(a, b);
  return r === "" || (!r.startsWith("..") && !r.startsWith("/"));
}

/**
 * Check that `outDir` may be replaced by a run (see the module documentation); throws an
 * {@link OutDirError} otherwise. `protect` are folders of the workspace (root, notebooks, data) the
 * results folder must not contain.
 */
export function checkOutDir(outDir: string, protect: readonly string[] = []): void {
  const out = resolve(outDir);
  for (const p of protect) {
    if (contains(out, resolve(p))) {
      throw new OutDirError(
        `option --out: ${outDir} holds ${p}, which a results folder must not; choose a new folder such as results-run/`,
      );
    }
  }
  const st = statOrNull(out);
  if (!st) return;
  if (!st.isDirectory) throw new OutDirError(`option --out: ${outDir} exists and is not a folder`);
  let empty = true;
  for (const _ of Deno.readDirSync(out)) {
    empty = false;
    break;
  }
  if (empty || isResultsFolder(out)) return;
  throw new OutDirError(
    `option --out: ${outDir} is not empty and is not a results folder of this workspace (no manifest.json written by reproduce); ` +
      `nothing was changed: choose a new or empty folder`,
  );
}

/** Path of the lock of a results folder: `<parent>/.<name>.lock` (beside it, as the folder itself is swapped). */
export function outLockPath(outDir: string): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}.lock`);
}

/** Take the lock of a results folder (stops at once with a message naming the holder when busy). */
export async function lockOutDir(outDir: string, purpose = "reproduce"): Promise<Lock> {
  const out = resolve(outDir);
  return await acquireLock(outLockPath(out), { purpose: `${purpose} → ${basename(out)}/`, waitMs: 0 });
}

/** The staging folder of this process: `<parent>/.<name>-staging-<pid>`. */
export function stagingPath(outDir: string, pid = Deno.pid): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}-staging-${pid}`);
}

/** The folder the old results are set aside in during the swap: `<parent>/.<name>-previous-<pid>`. */
export function previousPath(outDir: string, pid = Deno.pid): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}-previous-${pid}`);
}

/**
 * Clean up after killed runs: staging folders of dead owners are removed; results set aside by a
 * dead owner's interrupted swap are restored when the results folder is missing (else removed).
 * Folders of live owners (another run) are never touched.
 */
export async function recoverOutDir(outDir: string, log: (m: string) => void = () => {}): Promise<void> {
  const out = resolve(outDir);
  const parent = dirname(out), base = basename(out);
  if (!statOrNull(parent)) return;
  const re = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(staging|previous)-(\\d+)$`);
  for await (const e of Deno.readDir(parent)) {
    const m = e.name.match(re);
    if (!m || !e.isDirectory) continue;
    const pid = Number(m[2]);
    if (pid === Deno.pid || processAlive(pid)) continue;
    const p = join(parent, e.name);
    if (m[1] === "staging") {
      await Deno.remove(p, { recursive: true }).catch(() => {});
      log(`removed the staging folder of an interrupted run (${e.name})`);
    } else if (!statOrNull(out)) {
      await Deno.rename(p, out);
      log(`restored ${base}/ set aside by an interrupted run`);
    } else if (isResultsFolder(p)) {
      await Deno.remove(p, { recursive: true }).catch(() => {});
    }
  }
}

/**
 * Replace `outDir` by the finished `staging` folder: the old folder (re-checked with
 * {@link checkOutDir}) is set aside, staging renamed into place, the old one removed. A crash between
 * the renames is repaired by {@link recoverOutDir}.
 */
export async function swapInto(staging: string, outDir: string): Promise<void> {
  const out = resolve(outDir);
  checkOutDir(out);
  const prev = previousPath(out);
  const hadOld = statOrNull(out) !== null;
  if (hadOld) await Deno.rename(out, prev);
  try {
    await Deno.rename(staging, out);
  } catch (e) {
    if (hadOld) await Deno.rename(prev, out).catch(() => {});
    throw e;
  }
  if (hadOld) await Deno.remove(prev, { recursive: true });
}
