/**
 * Display helpers that read the same in the Jupyter Deno kernel and in the headless engine.
 *
 * Every display is a MIME bundle (text/plain plus text/markdown, text/html or image/svg+xml). In the
 * Jupyter Deno kernel it goes to `Deno.jupyter.display`; under the headless engine it goes to the
 * collector the engine installs on `globalThis.__nomogramDisplay`; anywhere else (a plain script) the
 * text/plain part is printed.
 */
import type { ReportTable } from "../report/table.ts";
import { toHtml, toMarkdown } from "../report/table.ts";
import type { Figure } from "../plot/figure.ts";

/** A Jupyter MIME bundle. */
export type MimeBundle = Record<string, string>;

/** The sink the headless engine installs. */
export type DisplaySink = (bundle: MimeBundle) => void;

interface JupyterNs {
  display(obj: unknown, options?: { raw?: boolean }): Promise<void> | void;
}

function jupyter(): JupyterNs | undefined {
  // Deno.jupyter exists only inside `deno jupyter`; elsewhere reading it throws.
  try {
    const ns = (Deno as unknown as { jupyter?: JupyterNs }).jupyter;
    return ns && typeof ns.display === "function" ? ns : undefined;
  } catch {
    return undefined;
  }
}

/** Send a MIME bundle to the notebook front end (Jupyter, headless engine, or stdout). */
export function displayBundle(bundle: MimeBundle): void {
  const sink = (globalThis as { __nomogramDisplay?: DisplaySink }).__nomogramDisplay;
  if (sink) return sink(bundle);
  const j = jupyter();
  if (j) {
    void j.display(bundle, { raw: true });
    return;
  }
  console.log(bundle["text/plain"] ?? bundle["text/markdown"] ?? "");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** True when the value looks like a ReportTable. */
export function isReportTable(x: unknown): x is ReportTable {
  return typeof x === "object" && x !== null && "columns" in x && "rows" in x && "title" in x;
}

/** True when the value looks like a Figure. */
export function isFigure(x: unknown): x is Figure {
  return typeof x === "object" && x !== null && typeof (x as Figure).svg === "string" && "width" in x;
}

/** The MIME bundle of a value: tables as Markdown + HTML, figures as SVG, strings as Markdown. */
export function bundleOf(x: unknown): MimeBundle {
  if (isReportTable(x)) {
    return { "text/plain": toMarkdown(x), "text/markdown": toMarkdown(x), "text/html": toHtml(x) };
  }
  if (isFigure(x)) {
    const svg = x.svg.replace(/^<\?xml[^>]*>\s*/, "");
    const plain = `[figure ${x.width}×${x.height}${x.caption ? ": " + x.caption : ""}]`;
    if (!x.caption) return { "text/plain": plain, "image/svg+xml": svg };
    // the caption (title and methods) beside the figure wherever HTML is shown: Jupyter, the notebook
    // pages and results/report.html; the bare SVG stays for front ends that prefer images
    const html = `<figure class="report-figure">${svg}<figcaption>${
      escapeHtml(x.caption)
    }</figcaption></figure>`;
    return { "text/plain": plain, "text/html": html, "image/svg+xml": svg };
  }
  if (typeof x === "string") return { "text/plain": x, "text/markdown": x };
  return { "text/plain": typeof x === "object" ? JSON.stringify(x, null, 2) : String(x) };
}

/** Show a table, a figure, Markdown text or any value in the notebook. */
export function show(x: unknown): void {
  displayBundle(bundleOf(x));
}

/** Show Markdown text. */
export function md(text: string): void {
  displayBundle({ "text/plain": text, "text/markdown": text });
}
