/**
 * Comparison of two results folders, for `deno task verify`: per file identical / changed / missing /
 * extra; CSV tables that differ are compared cell by cell, numbers within a tolerance
 * (|a − b| <= abs + rel·|b|), so a reviewer sees whether a change is numeric noise or a real change.
 * In `manifest.json` the `run` block (git commit, wall times, engine) is ignored.
 */
import { join } from "node:path";
import { parseCsv } from "../data/csv.ts";
import { listFiles } from "./manifest.ts";

export type FileStatus = "identical" | "numerically equal" | "changed" | "missing" | "extra";

export interface FileComparison {
  readonly path: string;
  readonly status: FileStatus;
  /** For CSV files: largest absolute numeric difference and the cell where it is. */
  readonly detail?: string;
}

export interface VerifyOptions {
  /** Absolute tolerance for numeric cells (default 1e-9). */
  readonly abs?: number;
  /** Relative tolerance for numeric cells (default 1e-9). */
  readonly rel?: number;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function compareCsv(
  expectedText: string,
  actualText: string,
  path: string,
  abs: number,
  rel: number,
): { equal: boolean; detail: string } {
  const e = parseCsv(expectedText, path);
  const a = parseCsv(actualText, path);
  if (e.header.join() !== a.header.join()) {
    return { equal: false, detail: `header differs: ${e.header.join(",")} vs ${a.header.join(",")}` };
  }
  if (e.rows.length !== a.rows.length) {
    return { equal: false, detail: `${e.rows.length} rows expected, ${a.rows.length} found` };
  }
  let worst = 0;
  let where = "";
  let textDiff = "";
  for (let i = 0; i < e.rows.length; i++) {
    for (let j = 0; j < e.header.length; j++) {
      const x = e.rows[i][j];
      const y = a.rows[i][j];
      if (x === y) continue;
      const nx = Number(x);
      const ny = Number(y);
      if (x.trim() !== "" && y.trim() !== "" && Number.isFinite(nx) && Number.isFinite(ny)) {
        const d = Math.abs(nx - ny);
        const ok = d <= abs + rel * Math.abs(nx);
        if (!ok && d > worst) {
          worst = d;
          where = `row ${i + 2}, column "${e.header[j]}": ${x} → ${y}`;
        }
      } else if (!textDiff) textDiff = `row ${i + 2}, column "${e.header[j]}": "${x}" → "${y}"`;
    }
  }
  if (textDiff) return { equal: false, detail: textDiff };
  if (worst > 0) return { equal: false, detail: `max |Δ| ${worst.toExponential(3)} at ${where}` };
  return { equal: true, detail: `all numeric differences within abs ${abs} + rel ${rel}` };
}

/** Where two texts first differ: the character offset and up to 80 characters of each from a little before. */
function firstDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const from = Math.max(0, i - 20);
  return `first difference at character ${i}: ${JSON.stringify(expected.slice(from, i + 60))} → ${
    JSON.stringify(actual.slice(from, i + 60))
  }`;
}

function stripRun(text: string): string {
  const m = JSON.parse(text);
  delete m.run;
  // report.html holds the run section too (compared without it below): its hash varies with the run
  if (Array.isArray(m.outputs)) {
    m.outputs = m.outputs.map((o: { path: string }) => o.path === "report.html" ? { path: o.path } : o);
  }
  return JSON.stringify(m);
}

/** Compare a freshly produced results folder (`actualDir`) with the reference one (`expectedDir`). */
export async function compareResults(
  expectedDir: string,
  actualDir: string,
  options: VerifyOptions = {},
): Promise<FileComparison[]> {
  const abs = options.abs ?? 1e-9;
  const rel = options.rel ?? 1e-9;
  const rels = (files: string[], base: string) => files.map((f) => f.slice(base.length + 1));
  const expected = new Set(rels(await listFiles(expectedDir), expectedDir));
  const actual = new Set(rels(await listFiles(actualDir), actualDir));
  const out: FileComparison[] = [];
  for (const p of [...new Set([...expected, ...actual])].sort()) {
    if (!actual.has(p)) {
      out.push({ path: p, status: "missing" });
      continue;
    }
    if (!expected.has(p)) {
      out.push({ path: p, status: "extra" });
      continue;
    }
    const a = await Deno.readFile(join(actualDir, p));
    const e = await Deno.readFile(join(expectedDir, p));
    if (bytesEqual(a, e)) {
      out.push({ path: p, status: "identical" });
      continue;
    }
    const dec = new TextDecoder();
    if (p === "manifest.json") {
      const same = stripRun(dec.decode(e)) === stripRun(dec.decode(a));
      out.push({
        path: p,
        status: same ? "identical" : "changed",
        detail: same
          ? "differs only in the run block (commit, wall times)"
          : "inputs, outputs or versions differ",
      });
      continue;
    }
    if (p === "report.html") {
      const strip = (t: string) => t.replace(/<section id="run">[\s\S]*?<\/section><!-- \/run -->/, "");
      const se = strip(dec.decode(e)), sa = strip(dec.decode(a));
      const same = se === sa;
      out.push({
        path: p,
        status: same ? "identical" : "changed",
        detail: same ? "differs only in the run section (commit, wall times)" : firstDifference(se, sa),
      });
      continue;
    }
    if (p.endsWith(".csv")) {
      const r = compareCsv(dec.decode(e), dec.decode(a), p, abs, rel);
      out.push({ path: p, status: r.equal ? "numerically equal" : "changed", detail: r.detail });
      continue;
    }
    out.push({ path: p, status: "changed" });
  }
  return out;
}
