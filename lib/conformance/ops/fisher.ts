/** Conformance op `fisher`: Fisher's exact test (2 × 2 with conditional MLE and CI; r × c p-value). */
import type { ResolvedCase } from "../case.ts";
import { fisherTest } from "../../stats/fisher.ts";
import type { Alternative } from "../../stats/validate.ts";
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
  const p = c.params;
  const { counts, fromColumns } = caseCounts(c);
  const r = fisherTest(counts, {
    alternative: (p.alternative as Alternative | undefined) ?? "two.sided",
    confLevel: (p.conf_level as number | undefined) ?? 0.95,
    or: (p.or as number | undefined) ?? 1,
  });
  const out: Record<string, unknown> = { p_value: r.pValue };
  if (r.estimate !== null) out.estimate = r.estimate;
  if (r.confInt !== null) out.conf_int = r.confInt;
  if (fromColumns) out.observed = r.observed;
  return out;
}
