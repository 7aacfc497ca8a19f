/** Conformance op `roc_auc`: empirical AUC with DeLong variance and CI (lib/eval/delong.ts). */
import type { ResolvedCase } from "../case.ts";
import { delongAuc } from "../../stats/delong.ts";
import type { Direction } from "../../eval/roc.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const t = c.table();
  const p = c.params;
  const r = delongAuc(t.num(p.response as string), t.num(p.predictor as string), {
    direction: (p.direction as Direction | undefined) ?? "<",
    caseValue: (p.case_value as number | undefined) ?? 1,
    confLevel: (p.conf_level as number | undefined) ?? 0.95,
  });
  return {
    n_cases: r.nCases,
    n_controls: r.nControls,
    auc: r.auc,
    var: r.var,
    se: r.se,
    ci_lower: r.lower,
    ci_upper: r.upper,
  };
}
