/** Conformance op `td_auc_brier`: time-dependent AUC and IPCW Brier score → lib/eval/td_auc_brier.ts. */
import type { ResolvedCase } from "../case.ts";
import { type TdMetric, timeDependentAucBrier } from "../../eval/td_auc_brier.ts";

const m = (x: TdMetric | undefined) =>
  x && { estimate: x.estimate, se: x.se, lower: x.lower, upper: x.upper };

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as Record<string, unknown>;
  const t = c.table();
  const r = timeDependentAucBrier(t.num("time"), t.num("status"), t.matrix("risk"), p.times as number[], {
    confLevel: Number(p.conf_level ?? 0.95),
    metrics: (p.metrics as ("auc" | "brier")[] | undefined) ?? ["auc", "brier"],
    nullModel: Boolean(p.null_model ?? true),
  });
  return {
    times: r.times,
    n_cases: r.nCases,
    n_controls: r.nControls,
    n_censored: r.nCensored,
    auc: m(r.auc),
    brier: r.brier && { model: m(r.brier.model), null: m(r.brier.null) },
  };
}
