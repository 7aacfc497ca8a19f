/** Conformance op `calibration_survival`: predicted risk by t0 in risk groups vs Kaplan–Meier → lib/eval/survival_calibration.ts. */
import type { ResolvedCase } from "../case.ts";
import { survivalCalibration } from "../../eval/survival_calibration.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as Record<string, unknown>;
  const t = c.table();
  const r = survivalCalibration(
    t.num(String(p.time)),
    t.num(String(p.status)),
    t.num(String(p.risk)),
    Number(p.t0),
    {
      g: Number(p.g),
      confLevel: Number(p.conf_level ?? 0.95),
      source: c.file,
    },
  );
  const col = <K extends keyof (typeof r.groups)[number]>(k: K) => r.groups.map((g) => g[k]);
  return {
    n: r.n,
    n_events: r.nEvents,
    t0: r.t0,
    groups_formed: r.groupsFormed,
    breaks: r.breaks,
    groups: {
      n: col("n"),
      n_events_by_t0: col("nEventsByT0"),
      n_at_risk_t0: col("nAtRiskT0"),
      mean_predicted_risk: col("meanPredictedRisk"),
      observed_surv: col("observedSurv"),
      observed_surv_se: col("observedSurvSe"),
      observed_surv_lower: col("observedSurvLower"),
      observed_surv_upper: col("observedSurvUpper"),
      observed_risk: col("observedRisk"),
    },
    overall: {
      observed_surv: r.overall.observedSurv,
      observed_surv_se: r.overall.observedSurvSe,
      observed_risk: r.overall.observedRisk,
      expected_risk: r.overall.expectedRisk,
      oe_ratio: r.overall.oeRatio,
      n_events_by_t0: r.overall.nEventsByT0,
      n_at_risk_t0: r.overall.nAtRiskT0,
    },
    calibration_slope: {
      slope: r.calibrationSlope.slope,
      se: r.calibrationSlope.se,
      z: r.calibrationSlope.z,
      p_value: r.calibrationSlope.pValue,
      n_events: r.calibrationSlope.nEvents,
    },
  };
}
