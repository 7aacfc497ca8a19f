/** Conformance op `quantile`: R type-7 quantiles and the Table 1 summary of one column. */
import type { ResolvedCase } from "../case.ts";
import { describe } from "../../stats/quantile.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params;
  if (p.type !== undefined && p.type !== 7) {
    throw new Error(`quantile: only type 7 is implemented, got type ${p.type}`);
  }
  const x = c.table().num(String(p.column));
  const d = describe(x, {
    probs: (p.probs as number[] | undefined) ?? [0, 0.25, 0.5, 0.75, 1],
    digits: (p.summary_digits as number | undefined) ?? 2,
  });
  return {
    n: d.n,
    quantiles: d.quantiles,
    q1: d.q1,
    median: d.median,
    q3: d.q3,
    iqr: d.iqr,
    mean: d.mean,
    sd: d.sd,
    summary: d.summary,
  };
}
