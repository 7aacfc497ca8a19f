/**
 * Writing tables and figures to a folder (atomic writes): a table as <name>.md, .html, .csv (+ .notes.txt) and .xlsx,
 * a figure as <name>.svg, a 300 dpi <name>.png and a vector <name>.pdf. Used by the notebooks' save helpers and by tasks.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import { type ReportTable, toCsvText, toHtmlDocument, toMarkdown, toNotesText } from "./table.ts";
import { toXlsx } from "./xlsx.ts";
import type { Figure } from "../plot/figure.ts";
import { toPng } from "../plot/png.ts";
import { toPdf } from "../plot/pdf.ts";

/**
 * Write a table as Markdown, a standalone styled HTML document, CSV (numbers as numbers, machine-only
 * columns included) with its caption and notes in `<name>.notes.txt`, and XLSX (table sheet + Notes
 * sheet); returns the paths written.
 */
export async function writeTableFiles(dir: string, name: string, t: ReportTable): Promise<string[]> {
  const files: [string, string | Uint8Array][] = [
    [`${name}.md`, toMarkdown(t)],
    [`${name}.html`, toHtmlDocument(t)],
    [`${name}.csv`, toCsvText(t)],
    [`${name}.notes.txt`, toNotesText(t)],
    [`${name}.xlsx`, await toXlsx([t], [name])],
  ];
  for (const [f, data] of files) await writeFileAtomic(join(dir, f), data);
  return files.map(([f]) => join(dir, f));
}

/**
 * Write a figure as SVG, PNG (default 300 dpi) and vector PDF (embedded DejaVu subsets); returns the
 * paths written. All three are byte-identical for the same figure.
 */
export async function writeFigureFiles(dir: string, name: string, fig: Figure, dpi = 300): Promise<string[]> {
  const svg = join(dir, `${name}.svg`);
  const png = join(dir, `${name}.png`);
  const pdf = join(dir, `${name}.pdf`);
  await writeFileAtomic(svg, fig.svg);
  await writeFileAtomic(png, toPng(fig, dpi));
  await writeFileAtomic(pdf, toPdf(fig));
  return [svg, png, pdf];
}
