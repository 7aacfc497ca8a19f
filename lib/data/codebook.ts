/**
 * The codebook: one row per cohort column, stating its type, unit, levels, reference level,
 * definition and source (paper table or section, or "synthetic"). `studies/bi2025/codebook.csv` is the
 * codebook of the paper's twin cohort; `lib/data/cohort.ts` validates a cohort file against it.
 *
 * Columns of a codebook CSV: `variable` and `type` are required; `unit, levels, reference, label,
 * definition, source, published_label, published_levels, notes, missing` are optional (cells may be
 * empty where not applicable). `label` is the display label of tables and figures (default: the
 * published label, else the variable name); `missing` is informational (the count `new-study` found).
 * `levels` and `published_levels` are `|`-separated; `published_levels` gives, in the order of
 * `levels`, the level labels as printed in the paper's Table 1 (so the twin's counts can be set beside
 * the published ones).
 */
import { type CsvTable, DataError, readCsv, where } from "./csv.ts";

/** Variable types. `status` is a 0/1 event indicator, `time` a non-negative duration, `date` ISO 8601. */
export type VariableType =
  | "id"
  | "split"
  | "continuous"
  | "categorical"
  | "binary"
  | "status"
  | "time"
  | "date"
  | "latent";

/** Every accepted type, in documentation order. */
export const VARIABLE_TYPES: readonly VariableType[] = [
  "id",
  "split",
  "continuous",
  "categorical",
  "binary",
  "status",
  "time",
  "date",
  "latent",
];

/** Types whose cells are numbers. */
export const NUMERIC_TYPES: ReadonlySet<VariableType> = new Set(["continuous", "time", "latent", "status"]);
/** Types whose cells are one of the declared levels. */
export const LEVEL_TYPES: ReadonlySet<VariableType> = new Set(["categorical", "binary", "split", "status"]);

/** One codebook row. */
export interface CodebookEntry {
  readonly variable: string;
  readonly type: VariableType;
  readonly unit: string;
  /** Allowed levels, in order (empty for numeric/id/date variables). */
  readonly levels: readonly string[];
  /** Reference level for treatment coding (the first level when the cell is empty). */
  readonly reference: string | null;
  /** Display label (the `label` cell, else the published label, else the variable name). */
  readonly label: string;
  readonly definition: string;
  readonly source: string;
  /** Variable label as printed in the paper's Table 1 ("" when not in it). */
  readonly publishedLabel: string;
  /** Level labels as printed in Table 1, aligned with `levels`. */
  readonly publishedLevels: readonly string[];
  readonly notes: string;
}

/** A parsed codebook. */
export interface Codebook {
  readonly source: string;
  readonly entries: readonly CodebookEntry[];
}

/** Columns a codebook must have. */
const REQUIRED_COLUMNS = ["variable", "type"] as const;
/** Columns a codebook may have (empty when absent). */
const OPTIONAL_COLUMNS = [
  "unit",
  "levels",
  "reference",
  "label",
  "definition",
  "source",
  "published_label",
  "published_levels",
  "notes",
  "missing",
] as const;

function splitLevels(s: string): string[] {
  return s.trim() === "" ? [] : s.split("|").map((x) => x.trim());
}

/**
 * Parse a codebook from a CSV table. Checks: every codebook column present, known type, unique
 * variable names, levels declared for categorical/binary/split/status variables (binary: exactly two),
 * reference among the levels, published levels aligned with levels. Errors name file, row and column.
 */
export function parseCodebook(t: CsvTable): Codebook {
  const idx: Record<string, number> = {};
  for (const c of REQUIRED_COLUMNS) {
    const j = t.header.indexOf(c);
    if (j < 0) throw new DataError(`${where(t.source, 1, c)}: codebook column missing`, t.source, 1, c);
    idx[c] = j;
  }
  for (const c of OPTIONAL_COLUMNS) idx[c] = t.header.indexOf(c);
  for (const h of t.header) {
    if (
      !(REQUIRED_COLUMNS as readonly string[]).includes(h) &&
      !(OPTIONAL_COLUMNS as readonly string[]).includes(h)
    ) {
      throw new DataError(
        `${where(t.source, 1, h)}: unknown codebook column (known: ${
          [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(", ")
        })`,
        t.source,
        1,
        h,
      );
    }
  }
  const seen = new Set<string>();
  const entries: CodebookEntry[] = t.rows.map((r, k) => {
    const row = k + 2;
    const cell = (c: string) => (idx[c] >= 0 ? r[idx[c]].trim() : "");
    const variable = cell("variable");
    if (variable === "") {
      throw new DataError(
        `${where(t.source, row, "variable")}: empty variable name`,
        t.source,
        row,
        "variable",
      );
    }
    if (seen.has(variable)) {
      throw new DataError(
        `${where(t.source, row, "variable")}: variable "${variable}" listed twice`,
        t.source,
        row,
        "variable",
      );
    }
    seen.add(variable);
    const type = cell("type") as VariableType;
    if (!VARIABLE_TYPES.includes(type)) {
      throw new DataError(
        `${where(t.source, row, "type")}: expected one of ${VARIABLE_TYPES.join(", ")}, got "${
          cell("type")
        }"`,
        t.source,
        row,
        "type",
      );
    }
    const levels = splitLevels(cell("levels"));
    if (LEVEL_TYPES.has(type) && levels.length < 2) {
      throw new DataError(
        `${where(t.source, row, "levels")}: a ${type} variable needs at least two levels`,
        t.source,
        row,
        "levels",
      );
    }
    if (type === "binary" && levels.length !== 2) {
      throw new DataError(
        `${where(t.source, row, "levels")}: a binary variable needs exactly two levels, got ${levels.length}`,
        t.source,
        row,
        "levels",
      );
    }
    const refCell = cell("reference");
    const reference = refCell !== "" ? refCell : levels.length > 0 ? levels[0] : null;
    if (refCell !== "" && levels.length > 0 && !levels.includes(refCell)) {
      throw new DataError(
        `${where(t.source, row, "reference")}: reference "${refCell}" is not among the levels ${
          levels.join("|")
        }`,
        t.source,
        row,
        "reference",
      );
    }
    const publishedLevels = splitLevels(cell("published_levels"));
    if (publishedLevels.length > 0 && publishedLevels.length !== levels.length) {
      throw new DataError(
        `${
          where(t.source, row, "published_levels")
        }: expected ${levels.length} labels (one per level), got ${publishedLevels.length}`,
        t.source,
        row,
        "published_levels",
      );
    }
    return {
      variable,
      type,
      unit: cell("unit"),
      levels,
      reference,
      label: cell("label") || cell("published_label") || variable,
      definition: cell("definition"),
      source: cell("source"),
      publishedLabel: cell("published_label"),
      publishedLevels,
      notes: cell("notes"),
    };
  });
  return { source: t.source, entries };
}

/** Read and parse a codebook CSV file. */
export async function readCodebook(path: string): Promise<Codebook> {
  return parseCodebook(await readCsv(path));
}

/** The entry of a variable; throws naming the codebook when absent. */
export function codebookEntry(cb: Codebook, variable: string): CodebookEntry {
  const e = cb.entries.find((x) => x.variable === variable);
  if (!e) {
    throw new DataError(
      `${cb.source}: variable "${variable}" is not in the codebook`,
      cb.source,
      undefined,
      variable,
    );
  }
  return e;
}

/** Variables of the given types, in codebook order. */
export function variablesOfType(cb: Codebook, ...types: VariableType[]): string[] {
  return cb.entries.filter((e) => types.includes(e.type)).map((e) => e.variable);
}
