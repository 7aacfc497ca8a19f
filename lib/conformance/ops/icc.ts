/** Conformance op `icc`: psych::ICC forms on inline `ratings` (subjects × raters). */
import type { ResolvedCase } from "../case.ts";
import { icc } from "../../stats/icc.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const ratings = c.table().matrix("ratings");
  const r = icc(ratings, { confLevel: (c.params.conf_level as number | undefined) ?? 0.95 });
  return { n_subjects: r.n_subjects, n_raters: r.n_raters, mean_squares: r.mean_squares, icc: r.icc };
}
