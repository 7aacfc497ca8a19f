/**
 * The Jupyter engine: executes a notebook in the real Deno kernel through nbconvert/nbclient
 * (`jupyter nbconvert --to notebook --execute`, kernel "deno"; Debian packages jupyter-nbconvert and
 * python3-nbclient, kernel installed by `deno jupyter --install`). Timing metadata is not recorded and
 * the executed notebook is rewritten by the workspace's deterministic writer.
 */
import { basename, join } from "node:path";
import { type CodeCell, type ErrorOutput, mergeStreams, type Notebook, parseNotebook } from "./ipynb.ts";
import type { EngineOptions, ExecutionResult } from "./engine_headless.ts";

/** True when `jupyter nbconvert` can be run and the Deno kernel is installed. */
export async function jupyterAvailable(): Promise<{ ok: boolean; reason?: string }> {
  try {
    const out = await new Deno.Command("jupyter", {
      args: ["nbconvert", "--version"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) return { ok: false, reason: "`jupyter nbconvert --version` failed" };
  } catch {
    return {
      ok: false,
      reason: "`jupyter` is not on PATH (Debian: apt-get install jupyter-nbconvert python3-nbclient)",
    };
  }
  const home = Deno.env.get("HOME") ?? "";
  const dirs = [
    join(home, ".local/share/jupyter/kernels/deno"),
    "/usr/local/share/jupyter/kernels/deno",
    "/usr/share/jupyter/kernels/deno",
  ];
  if (
    !dirs.some((d) => {
      try {
        return Deno.statSync(join(d, "kernel.json")).isFile;
      } catch {
        return false;
      }
    })
  ) {
    return { ok: false, reason: "the Deno Jupyter kernel is not installed (run `deno jupyter --install`)" };
  }
  return { ok: true };
}

/** Execute a notebook file in the Deno Jupyter kernel. */
export async function runJupyter(
  notebookPath: string,
  _nb: Notebook,
  options: EngineOptions,
): Promise<ExecutionResult> {
  const t0 = performance.now();
  const outDir = await Deno.makeTempDir({ prefix: "nbjupyter-" });
  const outName = basename(notebookPath);
  try {
    const cmd = new Deno.Command("jupyter", {
      args: [
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--allow-errors",
        "--ExecutePreprocessor.kernel_name=deno",
        `--ExecutePreprocessor.timeout=${options.timeoutSeconds ?? 1800}`,
        "--ExecutePreprocessor.record_timing=False",
        "--output-dir",
        outDir,
        "--output",
        outName,
        notebookPath,
      ],
      env: { ...options.env, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
    });
    const out = await cmd.output();
    const log = new TextDecoder().decode(out.stderr);
    let executed: Notebook;
    try {
      executed = parseNotebook(await Deno.readTextFile(join(outDir, outName)), `${notebookPath} (executed)`);
    } catch {
      return {
        notebook: _nb,
        ok: false,
        error: `${notebookPath}: jupyter nbconvert failed: ${log.trim().split("\n").slice(-5).join(" | ")}`,
        seconds: (performance.now() - t0) / 1000,
      };
    }
    let failedCell: number | undefined;
    let error: string | undefined;
    const cells = executed.cells.map((c, i) => {
      if (c.cell_type !== "code") return c;
      const outputs = mergeStreams(c.outputs ?? []);
      const err = outputs.find((o) => o.output_type === "error") as ErrorOutput | undefined;
      if (err && failedCell === undefined) {
        failedCell = i;
        const m = err.traceback.join("\n").match(/<anonymous>:(\d+):\d+/);
        error = `${notebookPath} cell ${i}${m ? `, line ${m[1]}` : ""}: ${err.ename}: ${err.evalue}`;
      }
      const cell: CodeCell = { ...c, outputs, metadata: {} };
      return cell;
    });
    // Cells after a failure were still run by --allow-errors: clear them, as the headless engine does.
    const trimmed = failedCell === undefined ? cells : cells.map((
      c,
      i,
    ) => (c.cell_type === "code" && i > failedCell! ? { ...c, outputs: [], execution_count: null } : c));
    return {
      notebook: { ...executed, cells: trimmed, metadata: { ..._nb.metadata } },
      ok: out.success && failedCell === undefined,
      error: error ??
        (out.success ? undefined : `${notebookPath}: jupyter nbconvert exited with ${out.code}`),
      failedCell,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await Deno.remove(outDir, { recursive: true }).catch(() => {});
  }
}
