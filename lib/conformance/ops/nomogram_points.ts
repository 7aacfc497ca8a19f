/** Conformance op `nomogram_points`: logistic fit + rms-style points nomogram → lib/models/nomogram.ts. */
import type { ResolvedCase } from "../case.ts";
import { fitLogistic } from "../../models/logistic.ts";
import { nomogram, scoreNomogram } from "../../models/nomogram.ts";
import type { PredictorSpec, RowData } from "../../models/design.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as Record<string, unknown>;
  if ((p.fun ?? "plogis") !== "plogis") {
    throw new Error(`nomogram_points: fun ${JSON.stringify(p.fun)} not supported (plogis only)`);
  }
  const fit = fitLogistic(c.table().columns as Record<string, string[]>, {
    outcome: String(p.outcome),
    predictors: p.predictors as PredictorSpec[],
    profile: false,
    source: c.file,
  });
  const nom = nomogram(fit, {
    values: p.values as Record<string, number[]>,
    maxscale: Number(p.maxscale ?? 100),
    funAt: p.fun_at as number[],
    lpAt: p.lp_at as number[],
  });
  const scores = scoreNomogram(nom, p.score_rows as RowData);
  return {
    terms: fit.terms_,
    coefficients: fit.coef_,
    points_per_unit_lp: nom.pointsPerUnitLp,
    lp_at_zero_points: nom.lpAtZeroPoints,
    predictors: Object.fromEntries(nom.axes.map((a) => [a.name, { values: a.values, points: a.points }])),
    lp_axis: nom.lpAxis,
    risk_axis: { risk: nom.riskAxes[0].values, points: nom.riskAxes[0].points },
    scores: {
      total_points: scores.map((s) => s.totalPoints),
      lp: scores.map((s) => s.lp),
      risk: scores.map((s) => s.risk),
    },
  };
}
