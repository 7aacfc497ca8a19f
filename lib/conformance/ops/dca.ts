/** Conformance op `dca`: net benefit of model, treat-all and treat-none (lib/eval/dca.ts). */
import type { ResolvedCase } from "../case.ts";
import { decisionCurve } from "../../eval/dca.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const t = c.table();
  const p = c.params;
  const rule = (p.treat_rule as string | undefined) ?? "p >= threshold";
  if (rule !== "p >= threshold") {
    throw new Error(`dca: params.treat_rule: only "p >= threshold" is implemented, got "${rule}"`);
  }
  const r = decisionCurve(t.num(p.outcome as string), t.num(p.prob as string), {
    thresholds: p.thresholds as number[] | undefined,
  });
  return {
    n: r.n,
    prevalence: r.prevalence,
    threshold: r.threshold,
    true_positives: r.truePositives,
    false_positives: r.falsePositives,
    net_benefit: {
      model: r.netBenefit.model,
      treat_all: r.netBenefit.treatAll,
      treat_none: r.netBenefit.treatNone,
    },
  };
}
