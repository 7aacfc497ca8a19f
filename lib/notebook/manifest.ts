/**
 * The provenance manifest `results/manifest.json`: every output with its sha256 and the notebook that
 * wrote it; every input (data files, notebooks) with its sha256; every image and mask behind the feature
 * tables with its sha256 and the extraction settings (`images`); seed and parameters; Deno and package
 * versions; git commit; wall time per notebook. Only `run` (commit, wall times, engine) varies between
 * two runs of the same inputs; `deno task verify` ignores it.
 */
import { join, relative } from "node:path";
import { sha256Hex } from "../io/hash.ts";

export interface FileHash {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}
export interface OutputEntry extends FileHash {
  /** Notebook that wrote the file, or "(engine)" for executed notebooks and their HTML pages. */
  readonly notebook: string;
}
export interface Manifest {
  readonly workspace: "nomogram-workspace";
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly seed: number;
  readonly notebooks: readonly FileHash[];
  readonly inputs: readonly FileHash[];
  readonly outputs: readonly OutputEntry[];
  /**
   * The images behind the run's feature tables: per table its image manifest, every image and mask
   * with sha256, the extraction settings and a digest (`lib/study/image_provenance.ts`).
   */
  readonly images?: readonly object[];
  readonly software: {
    readonly deno: string;
    readonly v8: string;
    readonly typescript: string;
    readonly packages: Readonly<Record<string, string>>;
  };
  readonly run: {
    readonly engine: string;
    readonly git_commit: string | null;
    readonly git_dirty: boolean | null;
    readonly wall_seconds: Readonly<Record<string, number>>;
  };
}

/** Lower-case hex sha256 of bytes (lib/io/hash.ts). */
export { sha256Hex };

/** Hash one file; `path` in the entry is relative to `base`. */
export async function hashFile(path: string, base: string): Promise<FileHash> {
  const data = await Deno.readFile(path);
  return { path: relative(base, path), sha256: await sha256Hex(data), bytes: data.length };
}

/** Every file below `dir` (recursive, sorted, hidden files and folders skipped). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string) {
    const entries: Deno.DirEntry[] = [];
    for await (const e of Deno.readDir(d)) entries.push(e);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p);
      else if (e.isFile) out.push(p);
    }
  }
  try {
    await walk(dir);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out;
}

/** Versions of the npm packages pinned in deno.json's import map. */
export function packageVersions(denoJsonPath: string): Record<string, string> {
  const cfg = JSON.parse(Deno.readTextFileSync(denoJsonPath)) as { imports?: Record<string, string> };
  const out: Record<string, string> = {};
  for (const spec of Object.values(cfg.imports ?? {})) {
    const m = spec.match(/^npm:\/?((?:@[^/]+\/)?[^@/]+)@([^/]+)/);
    if (m) out[m[1]] = m[2];
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Current git commit of the workspace and whether the tree has changes (null outside git). */
export async function gitState(cwd: string): Promise<{ commit: string | null; dirty: boolean | null }> {
  try {
    const head = await new Deno.Command("git", {
      args: ["rev-parse", "HEAD"],
      cwd,
      stdout: "piped",
      stderr: "null",
    }).output();
    if (!head.success) return { commit: null, dirty: null };
    const st = await new Deno.Command("git", {
      args: ["status", "--porcelain", "--", "lib", "notebooks", "studies", "tasks", "deno.json", "deno.lock"],
      cwd,
      stdout: "piped",
      stderr: "null",
    }).output();
    return {
      commit: new TextDecoder().decode(head.stdout).trim(),
      dirty: new TextDecoder().decode(st.stdout).trim().length > 0,
    };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Serialise a manifest (2-space indent, trailing newline). */
export function formatManifest(m: Manifest): string {
  return JSON.stringify(m, null, 2) + "\n";
}
