/**
 * RFC 4180 CSV reading and writing.
 *
 * Parsing keeps every cell as text (`string`), so categories that look numeric ("1", "0.5") stay
 * text until a codebook or caller converts them. Rows are numbered as a spreadsheet user sees them:
 * the header is row 1, the first data row is row 2. Errors name the file, the row and the column.
 */

/** A parsed CSV: header names and rows of cell text, plus where it came from (for error messages). */
export interface CsvTable {
  readonly source: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Error raised for malformed or invalid tabular input; the message names file, row and column. */
export class DataError extends Error {
  constructor(
    message: string,
    readonly source?: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = "DataError";
  }
}

/** Format a location prefix: `cohort.csv row 118, column "age"`. */
export function where(source: string, row?: number, column?: string): string {
  let s = source;
  if (row !== undefined) s += ` row ${row}`;
  if (column !== undefined) s += `${row !== undefined ? "," : ""} column "${column}"`;
  return s;
}

/**
 * Parse CSV text (RFC 4180: comma separator, double-quote quoting with "" escapes, CRLF or LF line
 * ends). A trailing newline is allowed; every row must have as many fields as the header.
 * @param text CSV content
 * @param source name used in error messages (usually the file path)
 */
export function parseCsv(text: string, source = "<csv>"): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let inQuotes = false;
  let line = 1;
  let quoteStartLine = 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field.length > 0) {
        throw new DataError(
          `${where(source, line)}: unexpected quote inside an unquoted field`,
          source,
          line,
        );
      }
      inQuotes = true;
      quoteStartLine = line;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      line++;
    } else {
      field += c;
      i++;
    }
  }
  if (inQuotes) {
    throw new DataError(
      `${where(source, quoteStartLine)}: unterminated quoted field`,
      source,
      quoteStartLine,
    );
  }
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  if (records.length === 0) throw new DataError(`${source}: empty file (no header row)`, source);
  const header = records[0];
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new DataError(`${where(source, 1, h)}: duplicated column name`, source, 1, h);
    seen.add(h);
  }
  const rows = records.slice(1);
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new DataError(
        `${where(source, k + 2)}: expected ${header.length} fields (as in the header), got ${r.length}`,
        source,
        k + 2,
      );
    }
  });
  return { source, header, rows };
}

/** Read and parse a CSV file. */
export async function readCsv(path: string): Promise<CsvTable> {
  return parseCsv(await Deno.readTextFile(path), path);
}

/** Synchronous variant of {@link readCsv}. */
export function readCsvSync(path: string): CsvTable {
  return parseCsv(Deno.readTextFileSync(path), path);
}

/** Index of a column; throws a DataError naming the file when it is missing. */
export function columnIndex(t: CsvTable, name: string): number {
  const j = t.header.indexOf(name);
  if (j < 0) {
    throw new DataError(
      `${t.source}: missing column "${name}" (has: ${t.header.join(", ")})`,
      t.source,
      1,
      name,
    );
  }
  return j;
}

/** A column's cell text. */
export function textColumn(t: CsvTable, name: string): string[] {
  const j = columnIndex(t, name);
  return t.rows.map((r) => r[j]);
}

/**
 * A plain decimal number as R's `write.csv` and spreadsheets write it: optional sign, digits with an
 * optional decimal point, optional exponent (`12`, `-0.5`, `.5`, `1e-04`). Hexadecimal (`0x1A`),
 * binary/octal prefixes, `Infinity`, `true` and thousands separators are not numbers.
 */
export const STRICT_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A column parsed as numbers (strict decimals, {@link STRICT_DECIMAL}, converted with `Number()`,
 * correctly rounded); "NA", "" or text that is not a decimal number raises a DataError naming file,
 * row and column. "Inf", "-Inf" and "NaN" are accepted.
 */
export function numberColumn(t: CsvTable, name: string): number[] {
  const j = columnIndex(t, name);
  return t.rows.map((r, k) => parseNumberCell(r[j], t.source, k + 2, name));
}

/** Parse one numeric cell; errors name the location. */
export function parseNumberCell(cell: string, source: string, row: number, column: string): number {
  const s = cell.trim();
  if (s === "Inf" || s === "+Inf") return Infinity;
  if (s === "-Inf") return -Infinity;
  if (s === "NaN") return NaN;
  const x = STRICT_DECIMAL.test(s) ? Number(s) : NaN;
  if (Number.isNaN(x)) {
    throw new DataError(
      `${where(source, row, column)}: expected a number, got "${cell}"`,
      source,
      row,
      column,
    );
  }
  return x;
}

/** Quote a cell when needed (comma, quote, CR or LF). */
function quoteCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Format a value for CSV output: numbers in shortest round-trip form, null/undefined as "NA". */
export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return "NA";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "Inf";
    if (v === -Infinity) return "-Inf";
    return String(v);
  }
  return String(v);
}

/** Serialise rows (objects keyed by column) to CSV text with LF line ends and a trailing newline. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(quoteCell).join(",")];
  for (const r of rows) lines.push(columns.map((c) => quoteCell(formatCell(r[c]))).join(","));
  return lines.join("\n") + "\n";
}
