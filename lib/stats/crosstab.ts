/**
 * Contingency tables from two categorical columns, as R's `table(factor(r, levels), factor(c, levels))`.
 * Cells are compared as TEXT with the level strings (so "1" and "1.0" differ, as with factor levels).
 */
import { StatsInputError } from "./validate.ts";

/** Options of {@link crossTab}. */
export interface CrossTabOptions {
  /**
   * What to do with a value that is not one of the levels: "error" (default) throws naming the row and
   * column; "drop" leaves the pair out, as `factor(x, levels)` turns it into NA and `table` omits it.
   */
  unknown?: "error" | "drop";
  /** Names used in error messages (default "row" and "col"). */
  rowName?: string;
  colName?: string;
}

/** A contingency table with its level labels and the number of pairs left out. */
export interface CrossTab {
  readonly counts: number[][];
  readonly rowLevels: readonly string[];
  readonly colLevels: readonly string[];
  /** Pairs left out because a value was not among the levels (only with unknown: "drop"). */
  readonly dropped: number;
}

/**
 * Count the pairs (rowValues[i], colValues[i]) into a rowLevels × colLevels table. Values are
 * converted with String() and compared with the level strings.
 */
export function crossTab(
  rowValues: readonly unknown[],
  colValues: readonly unknown[],
  rowLevels: readonly string[],
  colLevels: readonly string[],
  options: CrossTabOptions = {},
): CrossTab {
  const unknown = options.unknown ?? "error";
  const rn = options.rowName ?? "row";
  const cn = options.colName ?? "col";
  if (unknown !== "error" && unknown !== "drop") {
    throw new StatsInputError(
      `crossTab option "unknown": expected "error" or "drop", got ${JSON.stringify(unknown)}`,
    );
  }
  if (rowValues.length !== colValues.length) {
    throw new StatsInputError(
      `crossTab: columns "${rn}" and "${cn}" differ in length (${rowValues.length} vs ${colValues.length})`,
    );
  }
  for (const [name, lv] of [[rn, rowLevels], [cn, colLevels]] as const) {
    if (!Array.isArray(lv) || lv.length === 0) {
      throw new StatsInputError(
        `crossTab: levels of "${name}" must be a non-empty array, got ${JSON.stringify(lv)}`,
      );
    }
    if (new Set(lv.map(String)).size !== lv.length) {
      throw new StatsInputError(`crossTab: levels of "${name}" are not unique: ${JSON.stringify(lv)}`);
    }
  }
  const ri = new Map(rowLevels.map((l, i) => [String(l), i]));
  const ci = new Map(colLevels.map((l, i) => [String(l), i]));
  const counts = rowLevels.map(() => colLevels.map(() => 0));
  let dropped = 0;
  for (let k = 0; k < rowValues.length; k++) {
    const r = ri.get(String(rowValues[k]));
    const c = ci.get(String(colValues[k]));
    if (r === undefined || c === undefined) {
      if (unknown === "drop") {
        dropped++;
        continue;
      }
      const [name, v, lv] = r === undefined ? [rn, rowValues[k], rowLevels] : [cn, colValues[k], colLevels];
      throw new StatsInputError(
        `row ${k + 1}, column "${name}": expected one of ${JSON.stringify(lv)}, got ${
          JSON.stringify(String(v))
        }`,
      );
    }
    counts[r][c]++;
  }
  return { counts, rowLevels: [...rowLevels], colLevels: [...colLevels], dropped };
}

/**
 * The two samples of a two-group comparison: `values[i]` goes to x when `groups[i]` (as text) equals
 * `xLevel`, to y when it equals `yLevel`; other rows are ignored. Throws when the lengths differ or a
 * level is absent.
 */
export function twoSamples(
  values: readonly number[],
  groups: readonly unknown[],
  xLevel: string,
  yLevel: string,
): { x: number[]; y: number[] } {
  if (values.length !== groups.length) {
    throw new StatsInputError(
      `twoSamples: values and groups differ in length (${values.length} vs ${groups.length})`,
    );
  }
  if (xLevel === yLevel) {
    throw new StatsInputError(`twoSamples: x level and y level are both ${JSON.stringify(xLevel)}`);
  }
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const g = String(groups[i]);
    if (g === xLevel) x.push(values[i]);
    else if (g === yLevel) y.push(values[i]);
  }
  if (x.length === 0) {
    throw new StatsInputError(`twoSamples: no row has group ${JSON.stringify(xLevel)} (x level)`);
  }
  if (y.length === 0) {
    throw new StatsInputError(`twoSamples: no row has group ${JSON.stringify(yLevel)} (y level)`);
  }
  return { x, y };
}
