/** Conformance op `roc_test`: paired DeLong test of two correlated AUCs (lib/eval/delong.ts). */
import type { ResolvedCase } from "../case.ts";
import { delongTest } from "../../stats/delong.ts";
import type { Alternative } from "../../stats/validate.ts";
import type { Direction } from "../../eval/roc.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const t = c.table();
  const p = c.params;
  if ((p.method ?? "delong") !== "delong") {
    throw new Error(`roc_test: params.method: only "delong" is implemented, got ${p.method}`);
  }
  if ((p.paired ?? true) !== true) {
    throw new Error(`roc_test: params.paired: only paired = true is implemented`);
  }
  const r = delongTest(
    t.num(p.response as string),
    t.num(p.predictor1 as string),
    t.num(p.predictor2 as string),
    {
      direction: (p.direction as Direction | undefined) ?? "<",
      caseValue: (p.case_value as number | undefined) ?? 1,
      confLevel: (p.conf_level as number | undefined) ?? 0.95,
      alternative: (p.alternative as Alternative | undefined) ?? "two.sided",
    },
  );
  return {
    auc1: r.auc1,
    auc2: r.auc2,
    difference: r.difference,
    var1: r.var1,
    var2: r.var2,
    cov: r.cov,
    statistic: r.statistic,
    p_value: r.pValue,
    conf_int: r.confInt,
  };
}
