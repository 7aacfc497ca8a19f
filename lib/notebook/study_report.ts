/**
 * The study report `results/report.html`: one self-contained page with every executed notebook's
 * narrative, tables and figures (with their captions) in the order of the run, a table of contents,
 * the provenance summary of `manifest.json` (seed, parameters, software versions, commit, input and
 * notebook hashes) and the checks run. No network, no scripts: CSS inline, figures inline SVG (PNG
 * outputs as data URIs), so it opens from `file://` and prints to PDF (`deno task report --pdf`).
 *
 * Code cells are kept, folded (`<details>`), under the outputs they produced. Only the `run` section
 * (commit, engine, wall times) varies between two runs of the same inputs; `deno task verify` ignores it.
 */
import { join } from "node:path";
import { marked } from "marked";
import { joinSource, type Notebook, readNotebook } from "./ipynb.ts";
import { NOTEBOOK_CSS, renderOutput } from "./html.ts";
import type { Manifest } from "./manifest.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { writeCalculatorPages } from "../report/calculator.ts";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** Start and end markers of the run-dependent section (what `deno task verify` strips before comparing). */
export const REPORT_RUN_SECTION = { start: '<section id="run">', end: "</section><!-- /run -->" } as const;

/** One notebook of the report: its file stem and executed content. */
export interface ReportNotebook {
  readonly stem: string;
  readonly notebook: Notebook;
}

interface TocEntry {
  readonly id: string;
  readonly text: string;
  readonly kind: "table" | "figure";
}

/** First Markdown heading of a notebook (its title), else the stem. */
function notebookTitle(nb: Notebook, stem: string): string {
  for (const c of nb.cells) {
    if (c.cell_type !== "markdown") continue;
    const m = joinSource(c.source).match(/^#{1,3}\s+(.+)$/m);
    if (m) return m[1].trim();
  }
  return stem;
}

function firstSentence(s: string, max = 110): string {
  const t = s.trim().split(/(?<=\.)\s/)[0];
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}

/** Render one notebook's section; collects table and figure entries for the table of contents. */
function renderNotebook(
  rn: ReportNotebook,
  index: number,
  toc: TocEntry[],
): { html: string; errors: number; cells: number } {
  const parts: string[] = [];
  let errors = 0;
  let cells = 0;
  let nFig = 0;
  let nTab = 0;
  let shifted = false;
  for (const c of rn.notebook.cells) {
    const src = joinSource(c.source);
    if (c.cell_type === "markdown") {
      // notebook headings move one level down (the notebook title is the section's h2)
      let md = src;
      if (!shifted) md = md.replace(/^#\s+.+$/m, () => (shifted = true, ""));
      md = md.replace(/^(#{1,5})\s/gm, (_m, h: string) => `#${h} `);
      parts.push(`<div class="narrative">${marked.parse(md, { async: false, gfm: true }) as string}</div>`);
      continue;
    }
    if (c.cell_type !== "code") continue;
    cells++;
    const outs: string[] = [];
    for (const o of c.outputs) {
      if (o.output_type === "error") errors++;
      let h = renderOutput(o);
      const cap = h.match(/<figcaption>([\s\S]*?)<\/figcaption>/);
      if (
        o.output_type !== "stream" && o.output_type !== "error" &&
        (o.data["image/svg+xml"] || o.data["image/png"])
      ) {
        const id = `nb${index + 1}-fig${++nFig}`;
        h = `<div class="item" id="${id}">${h}</div>`;
        toc.push({ id, kind: "figure", text: cap ? firstSentence(stripTags(cap[1])) : `Figure ${nFig}` });
      } else if (/<table class="report-table"/.test(h)) {
        const id = `nb${index + 1}-tab${++nTab}`;
        const t = h.match(/<caption>([\s\S]*?)<\/caption>/);
        h = `<div class="item" id="${id}">${h}</div>`;
        toc.push({ id, kind: "table", text: t ? firstSentence(stripTags(t[1])) : `Table ${nTab}` });
      }
      outs.push(h);
    }
    parts.push(
      `<div class="cell">${outs.join("\n")}<details class="code"><summary>Code</summary><pre>${
        esc(src)
      }</pre></details></div>`,
    );
  }
  return { html: parts.join("\n"), errors, cells };
}

const REPORT_CSS = `${NOTEBOOK_CSS}
body{max-width:1000px;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}
section.notebook{border-top:2px solid #333;margin-top:2.5em;padding-top:.5em}
nav.toc ol{padding-left:1.4em}nav.toc li{margin:.15em 0}nav.toc ul{font-size:.88em;color:#444;padding-left:1.2em}
details.code summary{color:#789;font-size:11px;cursor:pointer}details.code pre{font-size:11px}
.item{margin:1em 0;page-break-inside:avoid}
table.prov{font-size:12px}table.prov td{font-family:"DejaVu Sans Mono",monospace;word-break:break-all}
.meta{color:#555;font-size:.9em}
@media print{details.code{display:none}section.notebook{page-break-before:always}nav.toc{page-break-after:always}}`;

/** Options of {@link studyReportHtml}. */
export interface StudyReportOptions {
  /** Report title (default "Study report"). */
  readonly title?: string;
  /** Extra check lines (e.g. "calculator pages agree with deno task score for 5 patients"). */
  readonly checks?: readonly string[];
}

/** The report page from executed notebooks (in run order) and the run's manifest. */
export function studyReportHtml(
  notebooks: readonly ReportNotebook[],
  manifest: Manifest | null,
  options: StudyReportOptions = {},
): string {
  const toc: string[] = [];
  const sections: string[] = [];
  const checkRows: string[] = [];
  notebooks.forEach((rn, i) => {
    const title = notebookTitle(rn.notebook, rn.stem);
    const entries: TocEntry[] = [];
    const r = renderNotebook(rn, i, entries);
    const id = `nb${i + 1}`;
    toc.push(
      `<li><a href="#${id}">${esc(title)}</a>${
        entries.length
          ? `<ul>${
            entries.map((e) =>
              `<li><a href="#${e.id}">${e.kind === "table" ? "Table" : "Figure"}: ${esc(e.text)}</a></li>`
            ).join("")
          }</ul>`
          : ""
      }</li>`,
    );
    sections.push(
      `<section class="notebook" id="${id}"><h2>${i + 1}. ${esc(title)}</h2><p class="meta">notebook <code>${
        esc(rn.stem)
      }.ipynb</code></p>\n${r.html}\n</section>`,
    );
    const nt = entries.filter((e) => e.kind === "table").length;
    const nf = entries.length - nt;
    checkRows.push(
      `<tr><td>${esc(rn.stem)}</td><td>${r.cells}</td><td>${
        r.errors === 0 ? "ran without error" : `${r.errors} error(s)`
      }</td><td>${nt}</td><td>${nf}</td></tr>`,
    );
  });
  const title = options.title ??
    (notebooks[0] ? notebookTitle(notebooks[0].notebook, notebooks[0].stem) : "Study report");
  const prov: string[] = [];
  if (manifest) {
    prov.push(
      `<p>Seed <b>${manifest.seed}</b>. Deno ${esc(manifest.software.deno)} (V8 ${
        esc(manifest.software.v8)
      }, TypeScript ${esc(manifest.software.typescript)}).</p>`,
    );
    prov.push(
      `<h3>Parameters</h3><table class="prov"><tbody>${
        Object.entries(manifest.params).map(([k, v]) =>
          `<tr><th>${esc(k)}</th><td>${esc(String(v))}</td></tr>`
        ).join("")
      }</tbody></table>`,
    );
    const hashRows = (xs: readonly { path: string; sha256: string; bytes: number }[]) =>
      xs.map((x) => `<tr><th>${esc(x.path)}</th><td>${x.sha256}</td><td class="n">${x.bytes}</td></tr>`).join(
        "",
      );
    prov.push(
      `<h3>Inputs (sha256)</h3><table class="prov"><thead><tr><th>file</th><th>sha256</th><th>bytes</th></tr></thead><tbody>${
        hashRows(manifest.inputs)
      }</tbody></table>`,
    );
    prov.push(
      `<h3>Notebooks (sha256)</h3><table class="prov"><tbody>${hashRows(manifest.notebooks)}</tbody></table>`,
    );
    prov.push(
      `<h3>Packages</h3><p class="meta">${
        Object.entries(manifest.software.packages).map(([k, v]) => `${esc(k)}@${esc(v)}`).join(", ")
      }</p><p class="meta">${manifest.outputs.length} output files, each with its sha256 and writing notebook, in <code>manifest.json</code>.</p>`,
    );
    const run = manifest.run;
    prov.push(
      `${REPORT_RUN_SECTION.start}<h3>This run</h3><p>Commit <code>${
        esc(run.git_commit ?? "unknown")
      }</code>${run.git_dirty ? " (with uncommitted changes)" : ""}, engine ${esc(run.engine)}; wall time ${
        Object.values(run.wall_seconds).reduce((a, b) => a + b, 0).toFixed(0)
      } s over ${Object.keys(run.wall_seconds).length} notebooks.</p>${REPORT_RUN_SECTION.end}`,
    );
  } else prov.push(`<p>No manifest.json in the results folder.</p>`);
  const extra = (options.checks ?? []).map((c) => `<li>${esc(c)}</li>`).join("");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${REPORT_CSS}</style></head>
<body>
<header><h1>${esc(title)}</h1><p class="meta">Report of ${notebooks.length} notebooks${
    manifest ? `, seed ${manifest.seed}` : ""
  }: narrative, tables and figures with their captions in run order; provenance and checks at the end.</p></header>
<nav class="toc"><h2>Contents</h2><ol>${
    toc.join("\n")
  }<li><a href="#provenance">Provenance</a></li><li><a href="#checks">Checks run</a></li></ol></nav>
${sections.join("\n")}
<section class="notebook" id="provenance"><h2>Provenance</h2>${prov.join("\n")}</section>
<section class="notebook" id="checks"><h2>Checks run</h2>
<table class="report-table"><thead><tr><th>notebook</th><th>code cells</th><th>execution</th><th>tables</th><th>figures</th></tr></thead><tbody>${
    checkRows.join("")
  }</tbody></table>
<ul>${extra}<li>Every model is fitted on the training rows; test rows meet fitted objects only (see each notebook's narrative).</li>
<li>Output files are hashed in <code>manifest.json</code>; <code>deno task verify</code> reruns and compares them file by file.</li></ul>
</section>
</body></html>
`;
}

/** Read a results folder's executed notebooks (manifest order, else file order) and manifest. */
export async function readResultsForReport(
  resultsDir: string,
): Promise<{ notebooks: ReportNotebook[]; manifest: Manifest | null }> {
  let manifest: Manifest | null = null;
  try {
    manifest = JSON.parse(await Deno.readTextFile(join(resultsDir, "manifest.json"))) as Manifest;
  } catch { /* no manifest */ }
  const dir = join(resultsDir, "notebooks");
  const files: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) if (e.isFile && e.name.endsWith(".ipynb")) files.push(e.name);
  } catch {
    throw new Error(`${dir}: no executed notebooks (run deno task reproduce first)`);
  }
  const order = (manifest?.notebooks ?? []).map((n) => n.path.split("/").at(-1)!);
  files.sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return ia !== -1 && ib !== -1 ? ia - ib : a < b ? -1 : a > b ? 1 : 0;
  });
  if (files.length === 0) throw new Error(`${dir}: no executed notebooks (run deno task reproduce first)`);
  const notebooks: ReportNotebook[] = [];
  for (const f of files) {
    notebooks.push({ stem: f.replace(/\.ipynb$/, ""), notebook: await readNotebook(join(dir, f)) });
  }
  return { notebooks, manifest };
}

/**
 * Write `report.html` into a results folder, and the nomogram calculator pages (`calculator/`) when it
 * holds `models/nomogram_*.json`. Returns the paths written. Called by `deno task report` and at the end
 * of `reproduce` (on the staging folder, before it replaces results/).
 */
export async function writeStudyReport(resultsDir: string): Promise<string[]> {
  const written: string[] = [];
  let hasModels = false;
  try {
    hasModels = [...Deno.readDirSync(join(resultsDir, "models"))].some((e) =>
      /^nomogram_.*\.json$/.test(e.name)
    );
  } catch { /* no models folder */ }
  if (hasModels) {
    written.push(...await writeCalculatorPages(join(resultsDir, "models"), join(resultsDir, "calculator")));
  }
  const { notebooks, manifest } = await readResultsForReport(resultsDir);
  const checks = hasModels
    ? [
      "Nomogram calculator pages (calculator/) compute with the scoring code of deno task score; deno task check-calculator compares them in headless Chromium.",
    ]
    : [];
  const path = join(resultsDir, "report.html");
  await writeFileAtomic(path, studyReportHtml(notebooks, manifest, { checks }));
  return [path, ...written];
}
