/**
 * A static HTML page for an executed notebook: Markdown cells rendered (marked), code in <pre>,
 * outputs as Jupyter shows them (HTML and SVG inline, Markdown rendered, streams and errors as text).
 * Self-contained (inline CSS, no scripts, no external resources) and deterministic.
 */
import { marked } from "marked";
import { joinSource, type Notebook, type Output } from "./ipynb.ts";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function renderMarkdown(text: string): string {
  return marked.parse(text, { async: false, gfm: true }) as string;
}

/** One output as Jupyter shows it (a figure's HTML with its caption before its bare SVG). */
export function renderOutput(o: Output): string {
  switch (o.output_type) {
    case "stream":
      return `<pre class="${o.name}">${esc(joinSource(o.text))}</pre>`;
    case "error":
      return `<pre class="error">${esc(o.traceback.join("\n") || `${o.ename}: ${o.evalue}`)}</pre>`;
    default: {
      const d = o.data;
      if (d["text/html"]) return `<div class="html">${joinSource(d["text/html"])}</div>`;
      if (d["image/svg+xml"]) {
        return `<div class="figure">${joinSource(d["image/svg+xml"]).replace(/^<\?xml[^>]*>\s*/, "")}</div>`;
      }
      if (d["image/png"]) {
        return `<img alt="figure" src="data:image/png;base64,${joinSource(d["image/png"]).trim()}">`;
      }
      if (d["text/markdown"]) {
        return `<div class="markdown">${renderMarkdown(joinSource(d["text/markdown"]))}</div>`;
      }
      return `<pre>${esc(joinSource(d["text/plain"] ?? ""))}</pre>`;
    }
  }
}

export const NOTEBOOK_CSS =
  `body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:12px}
pre.code{border-left:3px solid #9ab}pre.stderr{background:#fff4e5}pre.error{background:#fde8e8;color:#900}
table{border-collapse:collapse;font-size:13px;margin:.5em 0}th,td{border:1px solid #ccc;padding:2px 6px}
caption{font-weight:bold;text-align:left;padding:4px 0}.cell{margin:1.2em 0}.count{color:#789;font-size:11px}
.figure svg{max-width:100%;height:auto}
figure.report-figure{margin:1em 0}figure.report-figure svg{max-width:100%;height:auto}
figcaption{font-size:13px;color:#333;margin-top:.4em;max-width:46em}`;

/** Render an executed notebook to a standalone HTML page. */
export function notebookToHtml(nb: Notebook, title: string): string {
  const parts: string[] = [];
  for (const c of nb.cells) {
    const src = joinSource(c.source);
    if (c.cell_type === "markdown") parts.push(`<div class="cell markdown">${renderMarkdown(src)}</div>`);
    else if (c.cell_type === "raw") parts.push(`<div class="cell raw"><pre>${esc(src)}</pre></div>`);
    else if (c.cell_type === "code") {
      parts.push(
        `<div class="cell code"><div class="count">In [${c.execution_count ?? " "}]:</div><pre class="code">${
          esc(src)
        }</pre>`,
      );
      for (const o of c.outputs) parts.push(renderOutput(o));
      parts.push(`</div>`);
    }
  }
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${
    esc(title)
  }</title><style>${NOTEBOOK_CSS}</style></head>\n<body>\n${parts.join("\n")}\n</body></html>\n`;
}
