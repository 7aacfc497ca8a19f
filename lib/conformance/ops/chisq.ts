/** Conformance op `chisq`: Pearson chi-square test of independence, Yates as R applies it. */
import type { ResolvedCase } from "../case.ts";
import { chisqTest } from "../../stats/chisq.ts";
import { caseCounts } from "../case_tables.ts";

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
