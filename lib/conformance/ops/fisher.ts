/** Conformance op `fisher`: Fisher's exact test (2 × 2 with conditional MLE and CI; r × c p-value). */
import type { ResolvedCase } from "../case.ts";
import { fisherTest } from "../../stats/fisher.ts";
import type { Alternative } from "../../stats/validate.ts";
import { caseCounts } from "../case_tables.ts";

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
