/**
 * Data of reference cases shared by several ops. Contingency tables (chisq, fisher): inline `counts`, or the
 * cross-tabulation of the `row` × `col` cell text against `row_levels` × `col_levels` (values outside
 * the levels left out, as R's factor + table does).
 */
import type { ResolvedCase } from "./case.ts";
import { crossTab, twoSamples } from "../stats/crosstab.ts";

/** The case's counts and whether they came from data columns (then `observed` is expected too). */
export function caseCounts(c: ResolvedCase): { counts: number[][]; fromColumns: boolean } {
  const p = c.params;
  const t = c.table();
  if (p.input === "counts") return { counts: t.matrix("counts"), fromColumns: false };
  const ct = crossTab(
    t.text(String(p.row)),
    t.text(String(p.col)),
    (p.row_levels as unknown[]).map(String),
    (p.col_levels as unknown[]).map(String),
    { unknown: "drop", rowName: String(p.row), colName: String(p.col) },
  );
  return { counts: ct.counts, fromColumns: true };
}

/**
 * The two samples of a reference case: inline arrays named by `x` and `y` ("samples" input), or the
 * `value` column split by the `group` cell text into `x_level` and `y_level` rows ("columns" input).
 */
export function caseSamples(c: ResolvedCase): { x: number[]; y: number[] } {
  const p = c.params;
  const t = c.table();
  if (p.input === "samples") return { x: t.num(String(p.x)), y: t.num(String(p.y)) };
  return twoSamples(t.num(String(p.value)), t.text(String(p.group)), String(p.x_level), String(p.y_level));
}
