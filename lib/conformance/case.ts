/**
 * Reference cases in the fixture format of `../shared/fixtures/README.md`: loading, schema checks and
 * resolution of the `data` field into named tables.
 */
import { dirname, join } from "node:path";
import { parseCsv } from "../data/csv.ts";

/** Tolerance of a case: |actual − expected| <= abs + rel·|expected|, with per-path overrides. */
export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
  readonly overrides?: Readonly<Record<string, { abs: number; rel: number }>>;
}

/** One reference case as stored on disk. */
export interface ConformanceCase {
  readonly id: string;
  readonly op: string;
  readonly description: string;
  readonly source: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly expected: Readonly<Record<string, unknown>>;
  readonly tolerance: Tolerance;
}

/**
 * A table of a case: named columns. CSV columns hold cell text (`string[]`); inline columns hold the
 * JSON values as given (numbers, strings, or arrays of rows for matrices).
 */
export class FixtureTable {
  constructor(readonly name: string, readonly columns: Readonly<Record<string, readonly unknown[]>>) {}

  /** Number of rows (length of the first column). */
  get nrows(): number {
    const first = Object.values(this.columns)[0];
    return first ? first.length : 0;
  }

  has(column: string): boolean {
    return column in this.columns;
  }

  /** Raw column values. */
  raw(column: string): readonly unknown[] {
    const c = this.columns[column];
    if (!c) {
      throw new Error(
        `table "${this.name}": no column "${column}" (has: ${Object.keys(this.columns).join(", ")})`,
      );
    }
    return c;
  }

  /** Column as numbers (CSV text parsed with Number(); "Inf"/"-Inf"/"NaN" strings mapped). */
  num(column: string): number[] {
    return this.raw(column).map((v, i) => {
      if (typeof v === "number") return v;
      if (v === "Inf") return Infinity;
      if (v === "-Inf") return -Infinity;
      if (v === "NaN" || v === null) return NaN;
      const x = Number(v);
      if (typeof v !== "string" || v.trim() === "" || Number.isNaN(x)) {
        throw new Error(
          `table "${this.name}" row ${i + 1}, column "${column}": expected a number, got ${
            JSON.stringify(v)
          }`,
        );
      }
      return x;
    });
  }

  /** Column as text (numbers formatted with String()). */
  text(column: string): string[] {
    return this.raw(column).map((v) => String(v));
  }

  /** Column as a matrix (inline arrays of rows). */
  matrix(column: string): number[][] {
    return this.raw(column).map((r) => (r as unknown[]).map((v) => Number(v)));
  }
}

/** A case with its data resolved. `table()` is the single table; `tables` holds named ones. */
export interface ResolvedCase extends ConformanceCase {
  readonly file: string;
  readonly tables: Readonly<Record<string, FixtureTable>>;
  table(name?: string): FixtureTable;
}

const FIELDS = ["id", "op", "description", "source", "data", "params", "expected", "tolerance"] as const;

/** Check the schema of a parsed case; returns a list of problems (empty when valid). */
export function checkCaseSchema(obj: unknown, fileName: string): string[] {
  const problems: string[] = [];
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    return [`${fileName}: not a JSON object`];
  }
  const o = obj as Record<string, unknown>;
  const keys = Object.keys(o);
  for (const f of FIELDS) if (!(f in o)) problems.push(`${fileName}: missing field "${f}"`);
  for (const k of keys) {
    if (!(FIELDS as readonly string[]).includes(k)) problems.push(`${fileName}: unknown field "${k}"`);
  }
  if (problems.length === 0 && keys.join() !== FIELDS.join()) {
    problems.push(`${fileName}: fields not in the order ${FIELDS.join(", ")}`);
  }
  for (const f of ["id", "op", "description", "source"] as const) {
    if (f in o && typeof o[f] !== "string") problems.push(`${fileName}: field "${f}" must be a string`);
  }
  for (const f of ["data", "params", "expected", "tolerance"] as const) {
    if (f in o && (typeof o[f] !== "object" || o[f] === null || Array.isArray(o[f]))) {
      problems.push(`${fileName}: field "${f}" must be an object`);
    }
  }
  const base = fileName.replace(/^.*\//, "").replace(/\.json$/, "");
  if (typeof o.id === "string" && o.id !== base) {
    problems.push(`${fileName}: id "${o.id}" differs from the file name "${base}"`);
  }
  const tol = o.tolerance as Record<string, unknown> | undefined;
  if (tol && typeof tol === "object") {
    if (typeof tol.abs !== "number" || !(tol.abs >= 0)) {
      problems.push(`${fileName}: tolerance.abs must be a number >= 0`);
    }
    if (typeof tol.rel !== "number" || !(tol.rel >= 0)) {
      problems.push(`${fileName}: tolerance.rel must be a number >= 0`);
    }
  }
  const data = o.data as Record<string, unknown> | undefined;
  if (data && typeof data === "object") {
    const forms = ["csv", "inline", "tables"].filter((k) => k in data);
    if (forms.length !== 1) problems.push(`${fileName}: data must have exactly one of csv, inline, tables`);
  }
  return problems;
}

function resolveTable(spec: Record<string, unknown>, name: string, baseDir: string): FixtureTable {
  if (typeof spec.csv === "string") {
    const path = join(baseDir, spec.csv);
    const t = parseCsv(Deno.readTextFileSync(path), path);
    const wanted = Array.isArray(spec.columns) ? (spec.columns as string[]) : t.header;
    const cols: Record<string, string[]> = {};
    for (const c of wanted) {
      const j = t.header.indexOf(c);
      if (j < 0) throw new Error(`${path}: missing column "${c}" required by the case`);
      cols[c] = t.rows.map((r) => r[j]);
    }
    return new FixtureTable(name, cols);
  }
  if (spec.inline && typeof spec.inline === "object") {
    return new FixtureTable(name, spec.inline as Record<string, unknown[]>);
  }
  throw new Error(`table "${name}": expected {csv, columns} or {inline}`);
}

/** Load a case file, check its schema and resolve its data. Throws with every schema problem listed. */
export function loadCase(file: string): ResolvedCase {
  const obj = JSON.parse(Deno.readTextFileSync(file));
  const problems = checkCaseSchema(obj, file);
  if (problems.length) throw new Error(problems.join("\n"));
  const c = obj as ConformanceCase;
  const baseDir = dirname(file);
  const tables: Record<string, FixtureTable> = {};
  const data = c.data as Record<string, unknown>;
  if (data.tables && typeof data.tables === "object") {
    for (const [k, v] of Object.entries(data.tables as Record<string, Record<string, unknown>>)) {
      tables[k] = resolveTable(v, k, baseDir);
    }
  } else {
    tables.main = resolveTable(data, "main", baseDir);
  }
  return {
    ...c,
    file,
    tables,
    table(name?: string) {
      const key = name ?? (tables.main ? "main" : Object.keys(tables)[0]);
      const t = tables[key];
      if (!t) throw new Error(`${c.id}: no table "${key}"`);
      return t;
    },
  };
}
