/**
 * Writing results from a notebook: tables (Markdown, HTML, CSV, XLSX), figures (SVG, 300 dpi PNG),
 * JSON and CSV data. Files go under the results folder of the run: under `reproduce`, its staging
 * folder (NOMOGRAM_RESULTS_DIR), where each write is recorded with the notebook that wrote it in
 * `<results>/.outputs.jsonl` for the provenance manifest; in an interactive session (Jupyter, or a
 * plain `deno run`), the ignored scratch folder `.scratch/results/` at the workspace root, never the
 * committed `results/` (only `reproduce` replaces that). Every write is atomic.
 */
import { join, relative } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import type { ReportTable } from "../report/table.ts";
import type { Figure } from "../plot/figure.ts";
import { writeFigureFiles, writeTableFiles } from "../report/write.ts";

/** The scratch folder of interactive runs (ignored by git). */
export const SCRATCH_RESULTS = new URL("../../.scratch/results", import.meta.url).pathname;
/** The committed results folder (read-only for notebooks: a fallback for inputs of interactive runs). */
const COMMITTED_RESULTS = new URL("../../results", import.meta.url).pathname;

/** The results folder of the current run: reproduce's staging folder, else the scratch folder. */
export function resultsDir(): string {
  return Deno.env.get("NOMOGRAM_RESULTS_DIR") ?? SCRATCH_RESULTS;
}

async function record(path: string): Promise<void> {
  if (Deno.env.get("NOMOGRAM_RESULTS_DIR") === undefined) return; // interactive: no provenance log
  const dir = resultsDir();
  const entry = { path: relative(dir, path), notebook: Deno.env.get("NOMOGRAM_NOTEBOOK") ?? null };
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, ".outputs.jsonl"), JSON.stringify(entry) + "\n", { append: true });
}

/**
 * Write a file under the results folder (atomic) and record it. Resolves to nothing, so a notebook
 * cell ending with it displays nothing in Jupyter either (no absolute path in executed notebooks).
 */
export async function saveFile(relPath: string, data: string | Uint8Array): Promise<void> {
  const path = join(resultsDir(), relPath);
  await writeFileAtomic(path, data);
  await record(path);
}

/** Save a report table as tables/<name>.md, .html, .csv and .xlsx. */
export async function saveTable(name: string, t: ReportTable): Promise<void> {
  for (const path of await writeTableFiles(join(resultsDir(), "tables"), name, t)) await record(path);
}

/** Save a figure as figures/<name>.svg, figures/<name>.png (300 dpi) and figures/<name>.pdf (vector). */
export async function saveFigure(name: string, f: Figure, options: { dpi?: number } = {}): Promise<void> {
  for (const path of await writeFigureFiles(join(resultsDir(), "figures"), name, f, options.dpi ?? 300)) {
    await record(path);
  }
}

/** Save a JSON document as data/<name>.json (2-space indent, trailing newline). */
export async function saveJson(name: string, value: unknown): Promise<void> {
  await saveFile(`data/${name}.json`, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Read a JSON document an earlier notebook saved with {@link saveJson} (data/<name>.json in this run's
 * results folder). The error names the file and the notebook to run first.
 */
export function loadJson<T = unknown>(name: string, producedBy?: string): Promise<T> {
  return loadResultJson<T>(`data/${name}.json`, producedBy);
}

/**
 * Read any JSON file of this run's results folder (e.g. "models/study_model.json"). In an interactive
 * session a file the scratch folder lacks is read from the committed results/ (for the paper).
 */
export async function loadResultJson<T = unknown>(relPath: string, producedBy?: string): Promise<T> {
  let path = join(resultsDir(), relPath);
  if (Deno.env.get("NOMOGRAM_RESULTS_DIR") === undefined) {
    try {
      await Deno.stat(path);
    } catch {
      path = join(COMMITTED_RESULTS, relPath);
    }
  }
  try {
    return JSON.parse(await Deno.readTextFile(path)) as T;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        `results ${relPath} not found: run ${
          producedBy ? `notebook ${producedBy}` : "the notebook that writes it"
        } first (deno task reproduce runs them in order)`,
      );
    }
    throw new Error(`results ${relPath}: ${(e as Error).message}`);
  }
}
