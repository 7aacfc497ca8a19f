/**
 * The default notebook engine: needs nothing but Deno.
 *
 * The code cells of a notebook are joined, in order, into one TypeScript module written beside the
 * notebook (so relative imports such as `../lib/...` resolve as in Jupyter, where the kernel's working
 * folder is the notebook's folder). Between cells the module calls `__nbCell(i)`; the module runs in one
 * Deno process whose console output and rich displays are captured per cell. Cells share one scope, as
 * in the Deno kernel; unlike the kernel, a name may be declared only once per notebook, and a cell's
 * last expression is not displayed (use `show(x)`).
 *
 * On an error the engine names the notebook, the cell index and the line inside the cell.
 */
import { basename, dirname, join } from "node:path";
import { type CodeCell, joinSource, mergeStreams, type Notebook, type Output } from "./ipynb.ts";

/** Result of executing one notebook. */
export interface ExecutionResult {
  /** The notebook with outputs filled in (cells after a failure are left unexecuted). */
  readonly notebook: Notebook;
  readonly ok: boolean;
  /** When not ok: "<file> cell <i>, line <l>: <error>". */
  readonly error?: string;
  readonly failedCell?: number;
  readonly seconds: number;
}

/** Options of a run: environment passed to the notebook process and working folder. */
export interface EngineOptions {
  /** Extra environment variables (NOMOGRAM_PARAMS, NOMOGRAM_RESULTS_DIR, NOMOGRAM_NOTEBOOK). */
  readonly env: Record<string, string>;
  /** Receives the notebook's progress lines (see lib/notebook/progress.ts). */
  readonly onProgress?: (line: string) => void;
  /** Seconds before the notebook is stopped (default 1800). */
  readonly timeoutSeconds?: number;
}

interface CellSpan {
  readonly cell: number;
  readonly startLine: number; // 1-based line in the generated module of the cell's first line
  readonly lines: number;
}

const preludeUrl = new URL("./headless_prelude.ts", import.meta.url).href;

/** Build the module text and the line spans of each code cell. */
export function buildModule(nb: Notebook): { code: string; spans: CellSpan[] } {
  const lines: string[] = [`import { __nbCell, __nbDone } from ${JSON.stringify(preludeUrl)};`];
  const spans: CellSpan[] = [];
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== "code") return;
    const src = joinSource(c.source).replace(/\s+$/, "");
    lines.push(`__nbCell(${i});`);
    const cellLines = src === "" ? [] : src.split("\n");
    spans.push({ cell: i, startLine: lines.length + 1, lines: cellLines.length });
    lines.push(...cellLines);
    lines.push(";");
  });
  lines.push("__nbDone();");
  return { code: lines.join("\n") + "\n", spans };
}

/** Map a line of the generated module to (cell, line within cell). */
function locate(spans: readonly CellSpan[], line: number): { cell: number; line: number } | undefined {
  for (const s of spans) {
    if (line >= s.startLine && line < s.startLine + s.lines) {
      return { cell: s.cell, line: line - s.startLine + 1 };
    }
  }
  return undefined;
}

/** Execute a notebook file with the headless engine. */
export async function runHeadless(
  notebookPath: string,
  nb: Notebook,
  options: EngineOptions,
): Promise<ExecutionResult> {
  const t0 = performance.now();
  const dir = dirname(notebookPath);
  const stem = basename(notebookPath).replace(/\.ipynb$/, "");
  const tag = `${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const modulePath = join(dir, `.nbrun-${stem}-${tag}.ts`);
  // The capture file lives in the run's (staging) results folder when there is one, so a killed run
  // leaves nothing behind that the next run's clean-up does not remove.
  const captureDir = options.env.NOMOGRAM_RESULTS_DIR ?? await Deno.makeTempDir({ prefix: "nbcapture-" });
  await Deno.mkdir(captureDir, { recursive: true });
  const capturePath = join(captureDir, `.capture-${tag}.jsonl`);
  const { code, spans } = buildModule(nb);
  await Deno.writeTextFile(modulePath, code);
  await Deno.writeTextFile(capturePath, "");
  let stderr = "";
  let exitCode = -1;
  try {
    const cmd = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--no-check", "--quiet", modulePath],
      cwd: dir,
      env: { ...options.env, NOMOGRAM_CAPTURE: capturePath, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
    });
    const child = cmd.spawn();
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* already ended */ }
    }, (options.timeoutSeconds ?? 1800) * 1000);
    // Relay progress lines as they come; keep the rest of stderr for error messages.
    const relay = (async () => {
      const dec = new TextDecoder();
      let buf = "";
      for await (const chunk of child.stderr) {
        buf += dec.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl + 1);
          buf = buf.slice(nl + 1);
          if (line.startsWith("[progress] ")) options.onProgress?.(line.slice(11).trimEnd());
          else stderr += line;
        }
      }
      stderr += buf;
    })();
    const stdoutBytes = new Response(child.stdout).arrayBuffer();
    const status = await child.status;
    await relay;
    const stdout = new TextDecoder().decode(await stdoutBytes);
    clearTimeout(timer);
    exitCode = status.code;
    if (stdout.trim()) stderr = stdout + stderr; // direct writes to Deno.stdout: keep them with the error text
  } finally {
    await Deno.remove(modulePath).catch(() => {});
  }
  const events = (await Deno.readTextFile(capturePath)).split("\n").filter((l) => l).map((l) =>
    JSON.parse(l)
  );
  await Deno.remove(capturePath).catch(() => {});
  if (!options.env.NOMOGRAM_RESULTS_DIR) await Deno.remove(captureDir, { recursive: true }).catch(() => {});

  const outputs = new Map<number, Output[]>();
  let current = -1;
  let done = false;
  for (const e of events) {
    if (typeof e.cell === "number") {
      current = e.cell;
      outputs.set(current, []);
    } else if (e.done) done = true;
    else if (e.stream && current >= 0) {
      outputs.get(current)!.push({ output_type: "stream", name: e.stream, text: e.text });
    } else if (e.display && current >= 0) {
      outputs.get(current)!.push({ output_type: "display_data", data: e.display, metadata: {} });
    }
  }
  const ok = exitCode === 0 && done;
  let error: string | undefined;
  let failedCell: number | undefined;
  if (!ok) {
    // Find the first stack frame inside the generated module and map it to the cell.
    const re = new RegExp(`${modulePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`);
    const m = stderr.match(re);
    const loc = m ? locate(spans, Number(m[1])) : undefined;
    failedCell = loc?.cell ?? (current >= 0 ? current : spans[0]?.cell);
    const firstLine = stderr.split("\n").find((l) =>
      /error|Error|panicked/.test(l)
    )?.replace(/^error: /, "").trim() ??
      (exitCode === 0 ? "the notebook stopped before its last cell" : `exit code ${exitCode}`);
    error = `${notebookPath} cell ${failedCell ?? "?"}${loc ? `, line ${loc.line}` : ""}: ${firstLine}`;
    const cleaned = stderr.split(modulePath).join(`${basename(notebookPath)}[generated]`).trimEnd();
    if (failedCell !== undefined) {
      if (!outputs.has(failedCell)) outputs.set(failedCell, []);
      outputs.get(failedCell)!.push({
        output_type: "error",
        ename: "Error",
        evalue: firstLine,
        traceback: cleaned.split("\n"),
      });
    }
  }
  let count = 0;
  const cells = nb.cells.map((c, i) => {
    if (c.cell_type !== "code") return c;
    const o = outputs.get(i);
    const executed: CodeCell = {
      ...c,
      outputs: o ? mergeStreams(o) : [],
      execution_count: o ? ++count : null,
    };
    return executed;
  });
  return { notebook: { ...nb, cells }, ok, error, failedCell, seconds: (performance.now() - t0) / 1000 };
}
