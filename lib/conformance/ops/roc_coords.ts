/** Conformance op `roc_coords`: ROC curve points and Youden / closest-top-left optima (lib/eval/roc_coords.ts). */
import type { ResolvedCase } from "../case.ts";
import { type BestMethod, bestThresholds, type RocCoord } from "../../eval/roc_coords.ts";
import { type Direction, rocCurve } from "../../eval/roc.ts";

const key: Record<BestMethod, string> = {
  "youden": "best_youden",
  "closest.topleft": "best_closest_topleft",
};

export function run(c: ResolvedCase): Record<string, unknown> {
  const t = c.table();
  const p = c.params;
  const curve = rocCurve(t.num(p.response as string), t.num(p.predictor as string), {
    direction: (p.direction as Direction | undefined) ?? "<",
    caseValue: (p.case_value as number | undefined) ?? 1,
  });
  const out: Record<string, unknown> = {
    curve: { threshold: curve.thresholds, sensitivity: curve.sensitivity, specificity: curve.specificity },
  };
  const row = (r: RocCoord) => ({
    threshold: r.threshold,
    sensitivity: r.sensitivity,
    specificity: r.specificity,
    youden_j: r.youdenJ,
  });
  for (const m of (p.best_methods as BestMethod[] | undefined) ?? ["youden", "closest.topleft"]) {
    out[key[m]] = bestThresholds(curve, m).map(row);
  }
  return out;
}
