/**
 * Contingency tables of reference cases, shared by the chisq and fisher ops: inline `counts`, or the
 * cross-tabulation of the `row` × `col` cell text against `row_levels` × `col_levels` (values outside
 * the levels left out, as R's factor + table does).
 */
import type { ResolvedCase } from "./case.ts";
import { crossTab } from "../stats/crosstab.ts";

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
