/**
 * Advisory lock files: one run at a time per results folder and per cache.
 *
 * A lock is a small JSON file `{pid, started, procStart, host, purpose}` created with `O_CREAT|O_EXCL`
 * (`Deno.open(..., {createNew: true})`), so exactly one process creates it. A lock whose holder is dead
 * (no such pid on this host, or the pid now belongs to a process started at another time) is stale and
 * is taken over; the take-over itself is serialised by a second exclusive file (`<lock>.takeover`), so
 * two processes finding the same stale lock never both "win". A second run either waits (polling) or
 * stops at once with a {@link LockBusyError} naming the holder's pid and start time.
 */
import { dirname, join } from "node:path";

/** What a lock file holds. */
export interface LockInfo {
  readonly pid: number;
  /** ISO time the lock was taken. */
  readonly started: string;
  /** The holder's process start time (Linux: field 22 of /proc/<pid>/stat), "" when unknown. */
  readonly procStart: string;
  readonly host: string;
  /** What the holder is doing, e.g. "reproduce → results/". */
  readonly purpose: string;
}

/** A held lock; {@link Lock.release} removes the file (only while it is still ours). */
export interface Lock {
  readonly path: string;
  readonly info: LockInfo;
  release(): void;
}

/** The lock is held by a live process. */
export class LockBusyError extends Error {
  constructor(message: string, readonly holder: LockInfo | null) {
    super(message);
    this.name = "LockBusyError";
  }
}

/** Start time of process `pid` as the kernel records it ("" when unknown). */
export function processStartTime(pid: number): string {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // comm (field 2) may hold spaces and parentheses: split after the last ")"
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    return "";
  }
}

/**
 * Whether process `pid` is alive (and, when `procStart` is given, is the same process: same start time).
 * Without /proc (not Linux) a process is assumed alive, so nothing is ever taken from a live run.
 */
export function processAlive(pid: number, procStart = ""): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === Deno.pid) return true;
  try {
    if (!Deno.statSync(`/proc/${pid}`).isDirectory) return false;
  } catch {
    if (Deno.build.os !== "linux") return true;
    return false;
  }
  if (procStart) {
    const now = processStartTime(pid);
    if (now && now !== procStart) return false;
  }
  return true;
}

function hostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return "";
  }
}

/** Read a lock file; null when missing, "partial" while its writer is still writing it. */
export function readLock(path: string): LockInfo | null | "partial" {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  try {
    const o = JSON.parse(text) as LockInfo;
    if (typeof o.pid === "number") return o;
  } catch { /* fall through */ }
  return "partial";
}

/** Whether the holder of `info` is gone (dead pid on this host). A lock of another host is never stale. */
function isStale(info: LockInfo): boolean {
  if (info.host && info.host !== hostName()) return false;
  return !processAlive(info.pid, info.procStart);
}

function tryCreate(path: string, info: LockInfo): boolean {
  let f: Deno.FsFile;
  try {
    f = Deno.openSync(path, { write: true, createNew: true });
  } catch (e) {
    if (e instanceof Deno.errors.AlreadyExists) return false;
    throw e;
  }
  try {
    f.writeSync(new TextEncoder().encode(JSON.stringify(info) + "\n"));
  } finally {
    f.close();
  }
  return true;
}

/** Describe a holder for messages: "pid 1234 (reproduce → results/), started 2026-12-01T21:40:00Z". */
export function describeHolder(h: LockInfo): string {
  return `pid ${h.pid}${h.purpose ? ` (${h.purpose})` : ""}, started ${h.started}${
    h.host && h.host !== hostName() ? ` on ${h.host}` : ""
  }`;
}

/** Remove a stale lock, serialised by `<path>.takeover`; true when the caller may retry creating it. */
function takeOverStale(path: string): boolean {
  const tk = `${path}.takeover`;
  const me: LockInfo = {
    pid: Deno.pid,
    started: new Date().toISOString(),
    procStart: processStartTime(Deno.pid),
    host: hostName(),
    purpose: "lock take-over",
  };
  if (!tryCreate(tk, me)) {
    const other = readLock(tk);
    if (other && other !== "partial" && isStale(other)) Deno.removeSync(tk);
    else if (other === "partial") {
      // a take-over file that stays unreadable for 10 s belongs to a writer killed mid-write
      try {
        if (Date.now() - (Deno.statSync(tk).mtime?.getTime() ?? 0) > 10_000) Deno.removeSync(tk);
      } catch { /* gone meanwhile */ }
    }
    return false;
  }
  try {
    const cur = readLock(path);
    if (cur && cur !== "partial" && isStale(cur)) Deno.removeSync(path);
    return true;
  } finally {
    Deno.removeSync(tk);
  }
}

/** Options of {@link acquireLock}. */
export interface AcquireOptions {
  /** What the holder does (shown to a second run). */
  readonly purpose: string;
  /** How long to wait for a live holder (ms); 0 (default) stops at once with a {@link LockBusyError}. */
  readonly waitMs?: number;
  /** Poll interval while waiting (default 500 ms). */
  readonly pollMs?: number;
  /** Called once when the caller starts waiting, with the holder. */
  readonly onWait?: (holder: LockInfo) => void;
}

/**
 * Take the lock file `path` (creating its folder). A stale lock (dead holder) is taken over; a live
 * holder makes the call wait up to `waitMs`, then throw a {@link LockBusyError} naming the holder.
 */
export async function acquireLock(path: string, options: AcquireOptions): Promise<Lock> {
  Deno.mkdirSync(dirname(path), { recursive: true });
  const info: LockInfo = {
    pid: Deno.pid,
    started: new Date().toISOString(),
    procStart: processStartTime(Deno.pid),
    host: hostName(),
    purpose: options.purpose,
  };
  const deadline = Date.now() + (options.waitMs ?? 0);
  let told = false;
  for (;;) {
    if (tryCreate(path, info)) break;
    const cur = readLock(path);
    if (cur === null) continue; // released meanwhile
    if (cur !== "partial" && isStale(cur)) {
      takeOverStale(path);
      continue;
    }
    if (cur === "partial") {
      try {
        if (Date.now() - (Deno.statSync(path).mtime?.getTime() ?? 0) > 10_000) {
          // unreadable for 10 s: its writer was killed while writing it
          takeOverPartial(path);
          continue;
        }
      } catch { /* gone meanwhile */ }
    }
    if (Date.now() >= deadline) {
      const who = cur === "partial" ? "another process (lock being written)" : describeHolder(cur);
      throw new LockBusyError(
        `${path}: in use by ${who}; wait for it to finish or stop it (a lock of a dead process is taken over automatically)`,
        cur === "partial" ? null : cur,
      );
    }
    if (!told && cur !== "partial") options.onWait?.(cur), told = true;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  let released = false;
  return {
    path,
    info,
    release() {
      if (released) return;
      released = true;
      const cur = readLock(path);
      if (cur && cur !== "partial" && cur.pid === info.pid && cur.started === info.started) {
        try {
          Deno.removeSync(path);
        } catch { /* already gone */ }
      }
    },
  };
}

function takeOverPartial(path: string): void {
  const tk = `${path}.takeover`;
  const me: LockInfo = {
    pid: Deno.pid,
    started: new Date().toISOString(),
    procStart: processStartTime(Deno.pid),
    host: hostName(),
    purpose: "lock take-over",
  };
  if (!tryCreate(tk, me)) return;
  try {
    if (readLock(path) === "partial") Deno.removeSync(path);
  } catch {
    /* gone */
  } finally {
    Deno.removeSync(tk);
  }
}

/** Run `fn` holding the lock `path`; the lock is released however `fn` ends. */
export async function withLock<T>(path: string, options: AcquireOptions, fn: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(path, options);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

/**
 * Lock a cache folder (`<cacheDir>/.lock`) for one run: a second run waits (default up to 2 h) and says
 * whose lock it waits for through `log`; a stale lock (dead holder) is taken over.
 */
export async function lockCache(
  cacheDir: string,
  purpose: string,
  log: (m: string) => void = () => {},
  waitMs = 2 * 3600_000,
): Promise<Lock> {
  return await acquireLock(join(cacheDir, ".lock"), {
    purpose,
    waitMs,
    onWait: (h) => log(`waiting for the cache ${cacheDir}: in use by ${describeHolder(h)}`),
  });
}
