/** Conformance op `wilcoxon`: Wilcoxon rank-sum test ("columns" or "samples" input). */
import type { ResolvedCase } from "../case.ts";
import { wilcoxonRankSum } from "../../stats/wilcoxon.ts";
import type { Alternative } from "../../stats/validate.ts";
import { twoSamples } from "../../stats/crosstab.ts";

/** Samples x and y of the case: inline arrays ("samples") or value rows split by group text ("columns"). */
function samples(c: ResolvedCase): { x: number[]; y: number[] } {
  const p = c.params;
  const t = c.table();
  if (p.input === "samples") return { x: t.num(String(p.x)), y: t.num(String(p.y)) };
  return twoSamples(t.num(String(p.value)), t.text(String(p.group)), String(p.x_level), String(p.y_level));
}

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params;
  const { x, y } = samples(c);
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
