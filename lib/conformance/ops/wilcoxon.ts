/** Conformance op `wilcoxon`: Wilcoxon rank-sum test ("columns" or "samples" input). */
import type { ResolvedCase } from "../case.ts";
import { wilcoxonRankSum } from "../../stats/wilcoxon.ts";
import type { Alternative } from "../../stats/validate.ts";
import { caseSamples } from "../case_tables.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params;
  const { x, y } = caseSamples(c);
  const r = wilcoxonRankSum(x, y, {
    exact: (p.exact as boolean | null | undefined) ?? null,
    correct: (p.correct as boolean | undefined) ?? true,
    alternative: (p.alternative as Alternative | undefined) ?? "two.sided",
    mu: (p.mu as number | undefined) ?? 0,
  });
  const out: Record<string, unknown> = {
    statistic: r.statistic,
    p_value: r.pValue,
    n_x: r.nX,
    n_y: r.nY,
    exact: r.exact,
  };
  if (r.z !== null) out.z = r.z;
  return out;
}
