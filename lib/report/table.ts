/**
 * Report tables: one typed structure for every table of the workspace (Table 1, 2, 3, conformance
 * summaries), rendered to Markdown, HTML, CSV and XLSX by the writers in this folder.
 *
 * Cells hold display text or numbers; numbers are written to CSV/XLSX at full precision and
 * formatted for Markdown/HTML with `digits` of the column (default: shortest round-trip form).
 */

/** A cell: display text, a number, or null (shown as an empty cell / "NA" in CSV). */
export type Cell = string | number | null;

/** A column of a report table. */
export interface ReportColumn {
  /** Key into each row. */
  readonly key: string;
  /** Header text (default: the key). */
  readonly label?: string;
  /** Decimals for numbers in Markdown/HTML (default: shortest round-trip form). */
  readonly digits?: number;
  /** Alignment in Markdown/HTML (default: right for numbers, left otherwise). */
  readonly align?: "left" | "right" | "center";
  /**
   * Only in the analysis formats (CSV, XLSX): raw numbers (estimate, lower, upper, p) beside the
   * formatted text columns that Markdown and HTML show (default false).
   */
  readonly machineOnly?: boolean;
}

/** A titled table with optional footnotes (methods, sources, abbreviations). */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  /** Footnotes printed under the table: method of every interval and test, data source. */
  readonly notes?: readonly string[];
}

/** Build a report table from plain row objects (columns default to the keys of the first row). */
export function reportTable(
  title: string,
  rows: readonly Readonly<Record<string, Cell>>[],
  options: { columns?: readonly (ReportColumn | string)[]; notes?: readonly string[] } = {},
): ReportTable {
  const cols = (options.columns ?? Object.keys(rows[0] ?? {})).map((
    c,
  ) => (typeof c === "string" ? { key: c } : c));
  checkUniqueHeaders(title, cols);
  return { title, columns: cols, rows, notes: options.notes ?? [] };
}

/**
 * Header names must be unique after trimming (per format: display columns for Markdown/HTML, every
 * column for CSV/XLSX), so that `read.csv` / `read_excel` / pandas get distinct column names.
 */
export function checkUniqueHeaders(title: string, cols: readonly ReportColumn[]): void {
  for (const set of [cols.filter((c) => !c.machineOnly), cols]) {
    const seen = new Set<string>();
    for (const c of set) {
      const h = (c.label ?? c.key).trim();
      if (seen.has(h)) {
        throw new Error(`table "${title}": duplicate column header "${h}" (headers must be unique)`);
      }
      seen.add(h);
    }
  }
}

/** Columns shown in Markdown and HTML (without the machine-only ones). */
export function displayColumns(t: ReportTable): readonly ReportColumn[] {
  return t.columns.filter((c) => !c.machineOnly);
}

/** Format a cell for display (Markdown/HTML). */
export function displayCell(v: Cell | undefined, col: ReportColumn): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
    return col.digits !== undefined ? v.toFixed(col.digits) : String(v);
  }
  return v;
}

function escapeMd(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** GitHub-flavoured Markdown: title in bold, pipe table, footnotes in italics. */
export function toMarkdown(table: ReportTable): string {
  const t = { ...table, columns: displayColumns(table) };
  const isNum = t.columns.map((c) => t.rows.some((r) => typeof r[c.key] === "number"));
  const align = t.columns.map((c, j) => c.align ?? (isNum[j] ? "right" : "left"));
  const lines = [`**${escapeMd(t.title)}**`, ""];
  lines.push("| " + t.columns.map((c) => escapeMd(c.label ?? c.key)).join(" | ") + " |");
  lines.push(
    "|" + align.map((a) => (a === "right" ? " ---: " : a === "center" ? " :---: " : " --- ")).join("|") + "|",
  );
  for (const r of t.rows) {
    lines.push("| " + t.columns.map((c) => escapeMd(displayCell(r[c.key], c))).join(" | ") + " |");
  }
  for (const n of t.notes ?? []) lines.push("", `*${escapeMd(n)}*`);
  return lines.join("\n") + "\n";
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An HTML `<table>` fragment with caption and footnotes (no styles, no scripts). */
export function toHtml(table: ReportTable): string {
  const t = { ...table, columns: displayColumns(table) };
  const isNum = t.columns.map((c) => t.rows.some((r) => typeof r[c.key] === "number"));
  const style = (j: number) => {
    const a = t.columns[j].align ?? (isNum[j] ? "right" : "left");
    return a === "left" ? "" : ` style="text-align:${a}"`;
  };
  const out = [`<table class="report-table">`, `<caption>${escapeHtml(t.title)}</caption>`, "<thead><tr>"];
  t.columns.forEach((c, j) => out.push(`<th${style(j)}>${escapeHtml(c.label ?? c.key)}</th>`));
  out.push("</tr></thead>", "<tbody>");
  for (const r of t.rows) {
    out.push(
      "<tr>" + t.columns.map((c, j) =>
        `<td${style(j)}>${escapeHtml(displayCell(r[c.key], c))}</td>`
      ).join("") + "</tr>",
    );
  }
  out.push("</tbody>");
  if (t.notes?.length) {
    out.push(
      `<tfoot>` + t.notes.map((n) =>
        `<tr><td colspan="${t.columns.length}"><small>${escapeHtml(n)}</small></td></tr>`
      ).join("") + `</tfoot>`,
    );
  }
  out.push("</table>");
  return out.join("\n") + "\n";
}

function csvQuote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV (RFC 4180, LF line ends): header of labels (every column, machine-only ones included), numbers at
 * full precision, null as "NA". Caption and notes go to a side file ({@link toNotesText}).
 */
export function toCsvText(t: ReportTable): string {
  const lines = [t.columns.map((c) => csvQuote(c.label ?? c.key)).join(",")];
  for (const r of t.rows) {
    lines.push(
      t.columns.map((c) => {
        const v = r[c.key];
        if (v === null || v === undefined) return "NA";
        if (typeof v === "number") {
          return Number.isNaN(v) ? "NaN" : !Number.isFinite(v) ? (v > 0 ? "Inf" : "-Inf") : String(v);
        }
        return csvQuote(v);
      }).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** The caption and notes of a table as plain text (the `<name>.notes.txt` beside its CSV). */
export function toNotesText(t: ReportTable): string {
  return [t.title, "", ...(t.notes ?? [])].join("\n") + "\n";
}

const DOC_CSS = `body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:2em;color:#111}
table.report-table{border-collapse:collapse;font-size:13px}
table.report-table caption{caption-side:top;text-align:left;font-weight:bold;padding:0 0 .5em}
table.report-table thead th{border-top:2px solid #000;border-bottom:1px solid #000;padding:4px 8px;text-align:left;vertical-align:bottom}
table.report-table td{padding:3px 8px;vertical-align:top}
table.report-table tbody tr:last-child td{border-bottom:2px solid #000}
table.report-table tfoot td{font-size:12px;color:#333;padding-top:4px}`;

/** A complete, styled HTML document holding one table (doctype, charset, inline CSS; no scripts). */
export function toHtmlDocument(t: ReportTable): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${
    escapeHtml(t.title)
  }</title><style>${DOC_CSS}</style></head>\n<body>\n${toHtml(t)}</body></html>\n`;
}
