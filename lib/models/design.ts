/**
 * Predictor specification → design matrix, as R's `model.matrix` builds it with treatment contrasts.
 *
 * A predictor is numeric (one column, the value) or a factor with declared `levels` and a `reference`
 * level (treatment coding: one 0/1 column per non-reference level, in `levels` order). Factor cells
 * are compared as **text** with the level strings (so WFNS grade `3` and `"3"` are the same level).
 *
 * Term names: `"(Intercept)"`, the column name of a numeric predictor, and `"name=level"` for a factor
 * dummy (e.g. `"wfns=3"`, `"gender=Male"`), the convention of the conformance fixtures.
 *
 * Data may be given column-wise (`{age: [...], wfns: [...]}`), row-wise (`[{age, wfns}, ...]`) or as
 * an arquero table (anything with `columnNames()` and `array(name)`).
 */

/** A numeric predictor: the column value enters the linear predictor as is. */
export interface NumericPredictor {
  readonly name: string;
  readonly type: "numeric";
  /** Display label for tables (default: the name). */
  readonly label?: string;
}

/** A factor predictor with treatment coding against `reference`. */
export interface FactorPredictor {
  readonly name: string;
  readonly type: "factor";
  /** Level strings, in order (cells are compared as text). */
  readonly levels: readonly string[];
  /** Reference level (default: the first level). */
  readonly reference?: string;
  /** Display label for tables (default: the name). */
  readonly label?: string;
}

export type PredictorSpec = NumericPredictor | FactorPredictor;

/** A cell value as found in data tables. */
export type CellValue = number | string | boolean | null | undefined;
/** Column-wise data: named columns of equal length. */
export type ColumnData = Readonly<Record<string, readonly CellValue[]>>;
/** Row-wise data: one object per row. */
export type RowData = readonly Readonly<Record<string, CellValue>>[];
/** Minimal arquero-like table interface. */
export interface TableLike {
  columnNames(): string[];
  array(name: string): ArrayLike<unknown>;
  numRows(): number;
}
/** Any accepted data input. */
export type DataInput = ColumnData | RowData | TableLike;

/** A design matrix with its term names (rows = observations). */
export interface Design {
  readonly terms: readonly string[];
  /** n × p, row-major. */
  readonly X: readonly (readonly number[])[];
  /** Index of the predictor each term comes from (−1 for the intercept). */
  readonly termPredictor: readonly number[];
}

/** Options of {@link designMatrix}. */
export interface DesignOptions {
  /** Add an intercept column of ones first (default true). */
  readonly intercept?: boolean;
  /** Name of the data source used in error messages (default "data"). */
  readonly source?: string;
  /** Row numbers reported in errors start at this value (default 1). */
  readonly rowBase?: number;
}

function isTableLike(d: DataInput): d is TableLike {
  return typeof (d as TableLike).columnNames === "function" && typeof (d as TableLike).array === "function";
}

/** Number of rows of a data input. */
export function nRows(data: DataInput): number {
  if (isTableLike(data)) return data.numRows();
  if (Array.isArray(data)) return data.length;
  const first = Object.values(data as ColumnData)[0];
  return first ? first.length : 0;
}

/** One column of a data input as an array of cells; throws naming the column when absent. */
export function getColumn(data: DataInput, name: string, source = "data"): CellValue[] {
  if (isTableLike(data)) {
    if (!data.columnNames().includes(name)) {
      throw new Error(`${source}: no column "${name}" (has: ${data.columnNames().join(", ")})`);
    }
    return Array.from(data.array(name) as ArrayLike<CellValue>);
  }
  if (Array.isArray(data)) {
    const rows = data as RowData;
    if (rows.length > 0 && !(name in rows[0])) {
      throw new Error(`${source}: no column "${name}" (has: ${Object.keys(rows[0]).join(", ")})`);
    }
    return rows.map((r) => r[name]);
  }
  const cols = data as ColumnData;
  if (!(name in cols)) {
    throw new Error(`${source}: no column "${name}" (has: ${Object.keys(cols).join(", ")})`);
  }
  return [...cols[name]];
}

/** True for cells treated as missing: null, undefined, NaN, "", "NA", "NaN". */
export function isMissing(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ||
    (typeof v === "string" && (v.trim() === "" || v === "NA" || v === "NaN"));
}

/** Parse a numeric cell; throws with source, row and column on anything else. */
export function numericCell(v: CellValue, column: string, row: number, source = "data"): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && v.trim() !== "") {
    const x = Number(v);
    if (Number.isFinite(x)) return x;
  }
  throw new Error(
    `${source} row ${row}, column "${column}": expected a finite number, got ${JSON.stringify(v ?? null)}`,
  );
}

/** Validate a predictor specification; throws naming the offending predictor. */
export function checkPredictors(predictors: readonly PredictorSpec[]): void {
  const seen = new Set<string>();
  for (const [i, p] of predictors.entries()) {
    if (!p || typeof p.name !== "string" || p.name === "") {
      throw new Error(`predictors[${i}]: "name" must be a non-empty string`);
    }
    if (seen.has(p.name)) throw new Error(`predictors[${i}]: duplicate predictor "${p.name}"`);
    seen.add(p.name);
    if (p.type === "factor") {
      if (!Array.isArray(p.levels) || p.levels.length < 2) {
        throw new Error(
          `predictor "${p.name}": a factor needs at least 2 levels, got ${JSON.stringify(p.levels)}`,
        );
      }
      if (new Set(p.levels.map(String)).size !== p.levels.length) {
        throw new Error(`predictor "${p.name}": duplicate levels ${JSON.stringify(p.levels)}`);
      }
      if (p.reference !== undefined && !p.levels.map(String).includes(String(p.reference))) {
        throw new Error(
          `predictor "${p.name}": reference "${p.reference}" is not one of the levels ${
            JSON.stringify(p.levels)
          }`,
        );
      }
    } else if (p.type !== "numeric") {
      throw new Error(
        `predictor "${(p as PredictorSpec).name}": type must be "numeric" or "factor", got ${
          JSON.stringify((p as { type: unknown }).type)
        }`,
      );
    }
  }
}

/** Reference level of a factor (explicit, else the first level), as text. */
export function referenceLevel(p: FactorPredictor): string {
  return String(p.reference ?? p.levels[0]);
}

/**
 * The level strings of a factor. Levels are text: numbers given as levels (a JSON `[0, 0.5, 1]`) are
 * kept as the levels "0", "0.5", "1", never turned into a numeric predictor.
 */
export function factorLevels(p: FactorPredictor): string[] {
  return p.levels.map(String);
}

/**
 * The level of a factor cell: its text when that is a level; a number cell (e.g. 0.5 read from JSON)
 * also matches a numeric-looking level of the same value ("0.50"); null otherwise.
 */
export function cellLevel(v: CellValue, levels: readonly string[]): string | null {
  if (isMissing(v)) return null;
  const s = String(v);
  if (levels.includes(s)) return s;
  if (typeof v === "number") {
    const hit = levels.filter((l) => l.trim() !== "" && Number(l) === v);
    if (hit.length === 1) return hit[0];
  }
  return null;
}

/** Term names of a specification, in design-matrix order. */
export function termNames(predictors: readonly PredictorSpec[], intercept = true): string[] {
  const out: string[] = intercept ? ["(Intercept)"] : [];
  for (const p of predictors) {
    if (p.type === "numeric") out.push(p.name);
    else for (const l of factorLevels(p)) if (l !== referenceLevel(p)) out.push(`${p.name}=${l}`);
  }
  return out;
}

/**
 * Build the design matrix of `predictors` on `data` (R: `model.matrix` with `contr.treatment`).
 * Missing or non-numeric numeric cells and factor cells outside `levels` throw, naming source, row and
 * column. Rows listed in `skipRows` (e.g. rows dropped for missing values) are left out.
 */
export function designMatrix(
  data: DataInput,
  predictors: readonly PredictorSpec[],
  options: DesignOptions & { skipRows?: ReadonlySet<number> } = {},
): Design {
  checkPredictors(predictors);
  const intercept = options.intercept ?? true;
  const source = options.source ?? "data";
  const base = options.rowBase ?? 1;
  const n = nRows(data);
  const terms = termNames(predictors, intercept);
  const termPredictor: number[] = intercept ? [-1] : [];
  const cols: number[][] = [];
  if (intercept) cols.push(new Array(n).fill(1));
  predictors.forEach((p, k) => {
    const cells = getColumn(data, p.name, source);
    if (p.type === "numeric") {
      cols.push(
        cells.map((v, i) => (options.skipRows?.has(i) ? NaN : numericCell(v, p.name, i + base, source))),
      );
      termPredictor.push(k);
    } else {
      const ref = referenceLevel(p);
      const levels = factorLevels(p);
      const text = cells.map((v, i) => {
        if (options.skipRows?.has(i)) return ref;
        const s = cellLevel(v, levels);
        if (s === null) {
          throw new Error(
            `${source} row ${i + base}, column "${p.name}": expected one of the levels ${
              JSON.stringify(p.levels)
            }, got ${JSON.stringify(v ?? null)}`,
          );
        }
        return s;
      });
      for (const l of levels) {
        if (l === ref) continue;
        cols.push(text.map((s) => (s === l ? 1 : 0)));
        termPredictor.push(k);
      }
    }
  });
  const X: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (options.skipRows?.has(i)) continue;
    X.push(cols.map((c) => c[i]));
  }
  return { terms, X, termPredictor };
}

/** Indices of rows with a missing value in any of `columns`. */
export function rowsWithMissing(data: DataInput, columns: readonly string[], source = "data"): Set<number> {
  const out = new Set<number>();
  for (const c of columns) {
    getColumn(data, c, source).forEach((v, i) => {
      if (isMissing(v)) out.add(i);
    });
  }
  return out;
}
