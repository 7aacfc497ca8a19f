/**
 * Loading and validating a cohort table against its codebook.
 *
 *   const cb = await readCodebook("../codebook.csv");
 *   const cohort = await loadCohort("../cohort.csv", cb);            // throws DataError on bad input
 *   const train = cohortSplit(cohort, "train");
 *   const X = numericMatrix(train, ["ki67_pct", "metastasis"]);           // metastasis coded 0/1
 *
 * Checks, each raising a {@link DataError} that names file, row (header = row 1) and column:
 * a codebook column missing from the file; a missing value (under the default missing-data policy);
 * a level not declared in the codebook; a non-numeric value in a numeric column; a duplicated ID;
 * a negative time; a status other than 0/1; a malformed date (ISO 8601 YYYY-MM-DD).
 *
 * Missing-data policy (option `missing`): "error" (default) stops at the first missing cell, since a
 * silently shrinking cohort changes every downstream number; "drop" removes the rows with a missing
 * value in any checked column (complete-case analysis) and reports one warning listing their IDs;
 * "keep" keeps the rows with `null` in the missing cells (each analysis then takes the complete cases
 * of its own variables, lib/study/load.ts) and counts them in `missingCounts`. Variables named in
 * `missingLevel` (categorical or binary) take an explicit level "Missing" instead, appended to their
 * levels in the returned codebook. Cells equal to one of `naStrings` (default "" and "NA") are missing.
 */
import { type CsvTable, DataError, parseNumberCell, readCsv, STRICT_DECIMAL, where } from "./csv.ts";
import { type Codebook, type CodebookEntry, codebookEntry, NUMERIC_TYPES } from "./codebook.ts";

/** A validated cell: text for id/level/date columns, a number for numeric and status columns, null when missing under policy "keep". */
export type CohortValue = string | number | null;
/** A validated row keyed by column name. */
export type CohortRow = Readonly<Record<string, CohortValue>>;

/** Options of {@link validateCohort} / {@link loadCohort}. */
export interface LoadCohortOptions {
  /** Missing-data policy: "error" (default), "drop" (complete cases, with a warning listing IDs) or "keep" (cells become null). */
  readonly missing?: "error" | "drop" | "keep";
  /** Level variables whose missing cells become the explicit level "Missing" (default none). */
  readonly missingLevel?: readonly string[];
  /** Cell texts read as missing (default ["", "NA"]). */
  readonly naStrings?: readonly string[];
  /** Codebook variables to check and return (default: every codebook variable). */
  readonly variables?: readonly string[];
  /** File columns absent from the codebook: "keep" as text (default) or "error". */
  readonly extraColumns?: "keep" | "error";
  /** Receives each warning (default: `console.warn`). */
  readonly onWarning?: (message: string) => void;
}

/** A row removed under the "drop" policy. */
export interface DroppedRow {
  readonly id: string;
  /** Spreadsheet row number (header = 1). */
  readonly row: number;
  /** Columns with a missing value. */
  readonly columns: readonly string[];
}

/** A validated cohort. */
export interface Cohort {
  readonly source: string;
  readonly codebook: Codebook;
  /** Columns in file order (checked codebook variables first, then kept extra columns). */
  readonly columns: readonly string[];
  readonly rows: readonly CohortRow[];
  /** Rows removed by the "drop" policy. */
  readonly dropped: readonly DroppedRow[];
  /** Missing cells per checked column (kept as null under "keep", or as level "Missing"). */
  readonly missingCounts: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
}

/** The explicit level given to missing cells of the variables named in `missingLevel`. */
export const MISSING_LEVEL = "Missing";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseCell(e: CodebookEntry, text: string, source: string, row: number): CohortValue {
  const s = text.trim();
  const fail = (what: string): never => {
    throw new DataError(`${where(source, row, e.variable)}: ${what}`, source, row, e.variable);
  };
  switch (e.type) {
    case "id":
      return s;
    case "split":
    case "categorical":
    case "binary":
      if (!e.levels.includes(s)) fail(`unknown level "${text}" (codebook levels: ${e.levels.join(", ")})`);
      return s;
    case "status": {
      const declared = e.levels.length > 0 ? e.levels : ["0", "1"];
      const numeric = declared.every((l) => STRICT_DECIMAL.test(l));
      if (!numeric) {
        if (!declared.includes(s)) fail(`unknown status "${text}" (codebook levels: ${declared.join(", ")})`);
        return s;
      }
      const x = parseNumberCell(s, source, row, e.variable);
      if (!declared.some((l) => Number(l) === x)) {
        fail(`status must be one of ${declared.join(", ")}, got "${text}"`);
      }
      return x;
    }
    case "time": {
      const x = parseNumberCell(s, source, row, e.variable);
      if (!Number.isFinite(x)) fail(`expected a finite time, got "${text}"`);
      if (x < 0) fail(`time must be >= 0, got ${text}`);
      return x;
    }
    case "continuous":
    case "latent": {
      const x = parseNumberCell(s, source, row, e.variable);
      if (!Number.isFinite(x)) fail(`expected a finite number, got "${text}"`);
      return x;
    }
    case "date": {
      const m = ISO_DATE.exec(s);
      const d = m ? new Date(s + "T00:00:00Z") : null;
      if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
        fail(`expected a date YYYY-MM-DD, got "${text}"`);
      }
      return s;
    }
  }
}

/**
 * Validate a parsed CSV table against a codebook (see the module documentation for the checks).
 * The input table is not modified.
 */
export function validateCohort(t: CsvTable, codebook: Codebook, options: LoadCohortOptions = {}): Cohort {
  const missing = options.missing ?? "error";
  if (missing !== "error" && missing !== "drop" && missing !== "keep") {
    throw new DataError(`option "missing": expected "error", "drop" or "keep", got "${missing}"`);
  }
  const missingLevel = new Set(options.missingLevel ?? []);
  for (const v of missingLevel) {
    const e = codebookEntry(codebook, v);
    if (e.type !== "categorical" && e.type !== "binary") {
      throw new DataError(
        `option "missingLevel": "${v}" is a ${e.type} variable; only categorical and binary variables take a "Missing" level`,
        codebook.source,
        undefined,
        v,
      );
    }
  }
  const na = new Set(options.naStrings ?? ["", "NA"]);
  const extra = options.extraColumns ?? "keep";
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  const entries = (options.variables ?? codebook.entries.map((e) => e.variable)).map((v) => {
    const e = codebookEntry(codebook, v);
    return missingLevel.has(v) && !e.levels.includes(MISSING_LEVEL)
      ? { ...e, levels: [...e.levels, MISSING_LEVEL] }
      : e;
  });
  const missingCounts: Record<string, number> = Object.fromEntries(entries.map((e) => [e.variable, 0]));
  const src = t.source;
  const colIdx = entries.map((e) => {
    const j = t.header.indexOf(e.variable);
    if (j < 0) {
      throw new DataError(
        `${
          where(src, 1, e.variable)
        }: missing column (required by the codebook ${codebook.source}; file has: ${t.header.join(", ")})`,
        src,
        1,
        e.variable,
      );
    }
    return j;
  });
  const checked = new Set(entries.map((e) => e.variable));
  const extras = t.header.filter((h) => !checked.has(h) && !codebook.entries.some((e) => e.variable === h));
  if (extra === "error" && extras.length > 0) {
    throw new DataError(
      `${where(src, 1, extras[0])}: column not in the codebook ${codebook.source}`,
      src,
      1,
      extras[0],
    );
  }
  const keptExtras = t.header.filter((h) => !checked.has(h));
  const idEntry = entries.find((e) => e.type === "id");
  const idCol = idEntry ? t.header.indexOf(idEntry.variable) : -1;
  const seenIds = new Map<string, number>();
  const rows: CohortRow[] = [];
  const dropped: DroppedRow[] = [];
  t.rows.forEach((r, k) => {
    const row = k + 2;
    const missingCols = entries.filter((e, j) => !missingLevel.has(e.variable) && na.has(r[colIdx[j]].trim()))
      .map((e) => e.variable);
    if (missingCols.length > 0 && missing !== "keep") {
      if (missing === "error") {
        throw new DataError(
          `${where(src, row, missingCols[0])}: missing value (missing-data policy "error"; ` +
            `use option missing: "drop" for a complete-case analysis)`,
          src,
          row,
          missingCols[0],
        );
      }
      dropped.push({ id: idCol >= 0 ? r[idCol] : `row ${row}`, row, columns: missingCols });
      return;
    }
    const out: Record<string, CohortValue> = {};
    entries.forEach((e, j) => {
      const cell = r[colIdx[j]];
      if (na.has(cell.trim())) {
        missingCounts[e.variable]++;
        if (missingLevel.has(e.variable)) out[e.variable] = MISSING_LEVEL;
        else out[e.variable] = null;
        if (e.type === "id") {
          throw new DataError(`${where(src, row, e.variable)}: missing patient ID`, src, row, e.variable);
        }
        return;
      }
      out[e.variable] = parseCell(e, cell, src, row);
    });
    if (idEntry) {
      const id = out[idEntry.variable] as string;
      const first = seenIds.get(id);
      if (first !== undefined) {
        throw new DataError(
          `${where(src, row, idEntry.variable)}: duplicated ID "${id}" (first seen in row ${first})`,
          src,
          row,
          idEntry.variable,
        );
      }
      seenIds.set(id, row);
    }
    for (const h of keptExtras) out[h] = r[t.header.indexOf(h)];
    rows.push(out);
  });
  const warnings: string[] = [];
  if (dropped.length > 0) {
    const msg =
      `${src}: dropped ${dropped.length} of ${t.rows.length} rows with missing values (policy "drop"): ` +
      dropped.map((d) => `${d.id} (row ${d.row}: ${d.columns.join(", ")})`).join("; ");
    warnings.push(msg);
    warn(msg);
  }
  const outCodebook = missingLevel.size === 0 ? codebook : {
    ...codebook,
    entries: codebook.entries.map((e) => entries.find((x) => x.variable === e.variable) ?? e),
  };
  return {
    source: src,
    codebook: outCodebook,
    columns: [...entries.map((e) => e.variable), ...keptExtras],
    rows,
    dropped,
    missingCounts,
    warnings,
  };
}

/** Read a cohort CSV and validate it against a codebook (see {@link validateCohort}). */
export async function loadCohort(
  path: string,
  codebook: Codebook,
  options: LoadCohortOptions = {},
): Promise<Cohort> {
  return validateCohort(await readCsv(path), codebook, options);
}

/** Rows of one split (by the codebook's `split` variable, or `column`). */
export function cohortSplit(c: Cohort, split: string, column?: string): Cohort {
  const col = column ?? c.codebook.entries.find((e) => e.type === "split")?.variable;
  if (!col || !c.columns.includes(col)) {
    throw new DataError(`${c.source}: no split column`, c.source, undefined, column);
  }
  const e = codebookEntry(c.codebook, col);
  if (!e.levels.includes(split)) {
    throw new DataError(
      `${c.source}: split "${split}" is not a level of "${col}" (${e.levels.join(", ")})`,
      c.source,
      undefined,
      col,
    );
  }
  return { ...c, rows: c.rows.filter((r) => r[col] === split) };
}

/** The values of one column. */
export function columnValues(c: Cohort, name: string): CohortValue[] {
  if (!c.columns.includes(name)) {
    throw new DataError(`${c.source}: no column "${name}"`, c.source, undefined, name);
  }
  return c.rows.map((r) => r[name]);
}

/** Integer codes of a level variable: code k = index of the level in the codebook's `levels`. */
export interface FactorCoding {
  readonly variable: string;
  readonly levels: readonly string[];
  readonly reference: string;
  readonly codes: readonly number[];
}

/** Factor coding of a categorical/binary/split/status variable, levels in codebook order. */
export function factorCodes(c: Cohort, variable: string): FactorCoding {
  const e = codebookEntry(c.codebook, variable);
  if (e.levels.length === 0) {
    throw new DataError(
      `${c.source}: "${variable}" has no levels (type ${e.type})`,
      c.source,
      undefined,
      variable,
    );
  }
  const codes = columnValues(c, variable).map((v) => e.levels.indexOf(String(v)));
  return { variable, levels: e.levels, reference: e.reference ?? e.levels[0], codes };
}

/**
 * Treatment-coded dummy columns of a level variable (R's `contr.treatment`): one 0/1 column per
 * non-reference level, named `variable=level`.
 */
export function dummyColumns(c: Cohort, variable: string): { names: string[]; columns: number[][] } {
  const f = factorCodes(c, variable);
  const ref = f.levels.indexOf(f.reference);
  const names: string[] = [];
  const columns: number[][] = [];
  f.levels.forEach((lv, k) => {
    if (k === ref) return;
    names.push(`${variable}=${lv}`);
    columns.push(f.codes.map((code) => (code === k ? 1 : 0)));
  });
  return { names, columns };
}

/**
 * Numeric matrix (rows × chosen columns): numeric, time, latent and status columns as they are;
 * two-level variables as 0/1 (1 = the non-reference level). Variables with more than two levels must
 * be expanded with {@link dummyColumns} first (an error says so).
 */
export function numericMatrix(c: Cohort, columns: readonly string[]): number[][] {
  const cols = columns.map((name) => {
    const e = codebookEntry(c.codebook, name);
    if (NUMERIC_TYPES.has(e.type)) return columnValues(c, name) as number[];
    if (e.levels.length === 2) {
      const ref = e.reference ?? e.levels[0];
      return columnValues(c, name).map((v) => (String(v) === ref ? 0 : 1));
    }
    throw new DataError(
      `${c.source}: column "${name}" (type ${e.type}${
        e.levels.length ? `, ${e.levels.length} levels` : ""
      }) cannot be one numeric column; use dummyColumns()`,
      c.source,
      undefined,
      name,
    );
  });
  return c.rows.map((_, i) => cols.map((col) => col[i]));
}
