/**
 * Provenance of the images behind a run's feature tables: for each extraction, the image manifest,
 * every image and mask it lists with its sha256 and size (the twin's generated CTs included), the
 * extraction settings and their hash, and a digest of all of them. `deno task reproduce` writes
 * these into `results/manifest.json` (`images`), so a reader can check that a table came from
 * exactly these files with exactly these settings.
 *
 * Digest: sha256 of the lines `<settings hash>` then `<patient>,<phase>,<reader>,<image sha256>,<mask sha256>`
 * per case in manifest order (lower-case hex), i.e. it changes with any image, mask, case or setting.
 */
import { relative } from "node:path";
import { sha256Hex } from "../notebook/manifest.ts";
import { readManifest, settingsHash } from "../radiomics/batch.ts";
import type { BatchSettings } from "../radiomics/param_file.ts";

/** One file with its hash. */
export interface HashedFile {
  /** Relative to the workspace root when inside it, else as given. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** One case of an extraction. */
export interface ImageCase {
  readonly patient: string;
  readonly phase: string;
  readonly reader: string;
  readonly image: HashedFile;
  readonly mask: HashedFile;
}

/** The images and settings of one feature table. */
export interface ImageProvenance {
  /** What the table is for, e.g. "study" or "external". */
  readonly role: string;
  /** The feature table (path as {@link HashedFile.path}). */
  readonly table: string;
  readonly manifest: HashedFile;
  readonly settings: BatchSettings;
  readonly settings_hash: string;
  /** sha256 over settings and every case's image and mask hashes (see the module documentation). */
  readonly digest: string;
  readonly cases: readonly ImageCase[];
}

function shown(path: string, root: string): string {
  const r = relative(root, path);
  return r.startsWith("..") ? path.split("/").slice(-3).join("/") : r;
}

async function hashed(path: string, root: string, memo: Map<string, HashedFile>): Promise<HashedFile> {
  const m = memo.get(path);
  if (m) return m;
  let data: Uint8Array;
  try {
    data = await Deno.readFile(path);
  } catch (e) {
    throw new Error(`${path}: cannot read for its sha256 (${(e as Error).message})`);
  }
  const h = { path: shown(path, root), sha256: await sha256Hex(data), bytes: data.length };
  memo.set(path, h);
  return h;
}

/**
 * Hash every image and mask of the image manifest `manifestCsv` (batch format, `readManifest`)
 * that produced `table` with `settings`. Paths outside `root` are shown by their last three parts
 * (no absolute paths in the provenance manifest).
 */
export async function imageProvenance(
  role: string,
  manifestCsv: string,
  table: string,
  settings: BatchSettings,
  root: string,
): Promise<ImageProvenance> {
  const memo = new Map<string, HashedFile>();
  const cases: ImageCase[] = [];
  for (const c of readManifest(manifestCsv)) {
    cases.push({
      patient: c.patient,
      phase: c.phase,
      reader: c.reader,
      image: await hashed(c.image, root, memo),
      mask: await hashed(c.mask, root, memo),
    });
  }
  const sh = settingsHash(settings);
  const lines = [
    sh,
    ...cases.map((c) => `${c.patient},${c.phase},${c.reader},${c.image.sha256},${c.mask.sha256}`),
  ];
  return {
    role,
    table: shown(table, root),
    manifest: await hashed(manifestCsv, root, new Map()),
    settings,
    settings_hash: sh,
    digest: await sha256Hex(new TextEncoder().encode(lines.join("\n") + "\n")),
    cases,
  };
}
