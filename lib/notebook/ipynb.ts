/**
 * Jupyter notebook files (nbformat 4): types, reading with validation, and a deterministic writer
 * (keys sorted, one-space indent, as nbformat writes them; no timestamps).
 */

export type MultilineString = string | string[];

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: "display_data";
  data: Record<string, MultilineString>;
  metadata: Record<string, unknown>;
}
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: Record<string, MultilineString>;
  metadata: Record<string, unknown>;
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CodeCell {
  cell_type: "code";
  id?: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
  execution_count: number | null;
  outputs: Output[];
}
export interface TextCell {
  cell_type: "markdown" | "raw";
  id?: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
}
export type Cell = CodeCell | TextCell;

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** Join a multiline string. */
export function joinSource(s: MultilineString): string {
  return Array.isArray(s) ? s.join("") : s;
}

/** Split text into nbformat's list of lines (each keeps its "\n"). */
export function splitLines(s: string): string[] {
  if (s === "") return [];
  const parts = s.split("\n");
  const out = parts.slice(0, -1).map((l) => l + "\n");
  if (parts[parts.length - 1] !== "") out.push(parts[parts.length - 1]);
  return out;
}

/** Parse notebook JSON text; errors name the file and what is wrong. */
export function parseNotebook(text: string, source: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof nb !== "object" || nb === null || !Array.isArray(nb.cells)) {
    throw new Error(`${source}: not a notebook (no "cells" array)`);
  }
  if (nb.nbformat !== 4) throw new Error(`${source}: nbformat ${nb.nbformat} is not supported (expected 4)`);
  nb.cells.forEach((c, i) => {
    if (!["code", "markdown", "raw"].includes(c.cell_type)) {
      throw new Error(`${source} cell ${i}: unknown cell_type "${c.cell_type}"`);
    }
    if (typeof c.source !== "string" && !Array.isArray(c.source)) {
      throw new Error(`${source} cell ${i}: "source" must be a string or list of strings`);
    }
  });
  return nb;
}

/** Read a notebook file. */
export async function readNotebook(path: string): Promise<Notebook> {
  return parseNotebook(await Deno.readTextFile(path), path);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) {
      o[k] = sortKeys((v as Record<string, unknown>)[k]);
    }
    return o;
  }
  return v;
}

/** Outputs in nbformat's canonical form: streams merged, text as lists of lines (base64 images kept whole). */
function canonicalOutput(o: Output): Output {
  if (o.output_type === "stream") return { ...o, text: splitLines(joinSource(o.text)) };
  if (o.output_type === "display_data" || o.output_type === "execute_result") {
    const data: Record<string, MultilineString> = {};
    for (const [k, v] of Object.entries(o.data)) {
      data[k] = k.startsWith("image/") && k !== "image/svg+xml" ? joinSource(v) : splitLines(joinSource(v));
    }
    return { ...o, data };
  }
  return o;
}

/** Serialise a notebook deterministically (sorted keys, indent 1, text as lists of lines, trailing newline). */
export function formatNotebook(nb: Notebook): string {
  const canonical: Notebook = {
    ...nb,
    cells: nb.cells.map((c) =>
      c.cell_type === "code"
        ? { ...c, source: splitLines(joinSource(c.source)), outputs: c.outputs.map(canonicalOutput) }
        : { ...c, source: splitLines(joinSource(c.source)) }
    ),
  };
  return JSON.stringify(sortKeys(canonical), null, 1) + "\n";
}

/** A copy of the notebook with outputs and execution counts cleared (the form kept in `notebooks/`). */
export function clearOutputs(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((c) => (c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c)),
  };
}

/** Merge consecutive stream outputs of the same name, as Jupyter front ends do. */
export function mergeStreams(outputs: Output[]): Output[] {
  const out: Output[] = [];
  for (const o of outputs) {
    const prev = out[out.length - 1];
    if (o.output_type === "stream" && prev?.output_type === "stream" && prev.name === o.name) {
      out[out.length - 1] = { ...prev, text: joinSource(prev.text) + joinSource(o.text) };
    } else out.push(o);
  }
  return out.map((o) => (o.output_type === "stream" ? { ...o, text: splitLines(joinSource(o.text)) } : o));
}
