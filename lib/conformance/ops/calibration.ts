/** Conformance op "calibration": adapts a fixture to calibrationSummary (lib/eval/calibration.ts). */
import type { ResolvedCase } from "../case.ts";
import { calibrationSummary } from "../../eval/calibration.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const t = c.table();
  const p = c.params as {
    outcome: string;
    prob: string;
    lowess?: { f?: number; iter?: number; delta_fraction_of_range?: number };
  };
  const y = t.num(p.outcome);
  const prob = t.num(p.prob);
  const lo = p.lowess ?? {};
  const range = Math.max(...prob) - Math.min(...prob);
  const s = calibrationSummary(y, prob, {
    lowess: {
      f: lo.f,
      iter: lo.iter,
      delta: lo.delta_fraction_of_range !== undefined ? lo.delta_fraction_of_range * range : undefined,
    },
  });
  return {
    n: s.n,
    observed_rate: s.observedRate,
    mean_predicted: s.meanPredicted,
    calibration_in_the_large: s.calibrationInTheLarge,
    recalibration: {
      intercept: s.recalibration.intercept,
      slope: s.recalibration.slope,
      intercept_se: s.recalibration.interceptSe,
      slope_se: s.recalibration.slopeSe,
    },
    val_prob: s.valProb,
  };
}
