/** Conformance op `chisq`: Pearson chi-square test of independence, Yates as R applies it. */
import type { ResolvedCase } from "../case.ts";
import { chisqTest } from "../../stats/chisq.ts";
import { crossTab } from "../../stats/crosstab.ts";

/** The case's table: inline `counts`, or `row` × `col` cell text against the levels (others left out, as R's factor + table). */
function caseCounts(c: ResolvedCase): { counts: number[][]; fromColumns: boolean } {
  const p = c.params;
  const t = c.table();
  if (p.input === "counts") return { counts: t.matrix("counts"), fromColumns: false };
  const ct = crossTab(
    t.text(String(p.row)),
    t.text(String(p.col)),
    (p.row_levels as unknown[]).map(String),
    (p.col_levels as unknown[]).map(String),
    {
      unknown: "drop",
      rowName: String(p.row),
      colName: String(p.col),
    },
  );
  return { counts: ct.counts, fromColumns: true };
}

export function run(c: ResolvedCase): Record<string, unknown> {
  const { counts, fromColumns } = caseCounts(c);
  const r = chisqTest(counts, { correct: (c.params.correct as boolean | undefined) ?? true });
  const out: Record<string, unknown> = {
    statistic: r.statistic,
    df: r.df,
    p_value: r.pValue,
    expected: r.expected,
  };
  if (fromColumns) out.observed = r.observed;
  return out;
}
