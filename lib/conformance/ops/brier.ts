/** Conformance op `brier`: Brier, null Brier (prevalence of the same rows) and scaled Brier (lib/eval/brier.ts). */
import type { ResolvedCase } from "../case.ts";
import { brierScore } from "../../eval/brier.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const t = c.table();
  const r = brierScore(t.num(c.params.outcome as string), t.num(c.params.prob as string));
  return {
    n: r.n,
    prevalence: r.prevalence,
    brier: r.brier,
    brier_null: r.brierNull,
    scaled_brier: r.scaledBrier,
  };
}
