/**
 * Conformance op "hosmer_lemeshow": adapts a fixture to hosmerLemeshow (lib/eval/hosmer_lemeshow.ts) or,
 * with method "le_cessie_van_houwelingen", fits the model and runs lib/eval/le_cessie.ts.
 */
import type { ResolvedCase } from "../case.ts";
import { hosmerLemeshow } from "../../eval/hosmer_lemeshow.ts";
import { leCessieTest } from "../../eval/le_cessie.ts";
import { binaryOutcome, LogisticRegression } from "../../models/logistic.ts";
import type { PredictorSpec } from "../../models/design.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const t = c.table();
  const p = c.params as Record<string, unknown>;
  if (p.method === "le_cessie_van_houwelingen") {
    const data = t.columns as Record<string, string[]>;
    const outcome = p.outcome as string;
    const fit = new LogisticRegression({
      outcome,
      predictors: p.predictors as PredictorSpec[],
      profile: false,
      source: c.id,
    }).fit(data);
    const r = leCessieTest(fit, data, binaryOutcome(t.raw(outcome), outcome));
    return { sse: r.sse, expected_sse: r.expectedSse, sd_sse: r.sdSse, z: r.z, p_value: r.pValue };
  }
  if (p.method !== "hosmer_lemeshow") throw new Error(`${c.id}: unknown method ${JSON.stringify(p.method)}`);
  if (p.quantile_type !== undefined && p.quantile_type !== 7) {
    throw new Error(`${c.id}: only quantile_type 7 is implemented`);
  }
  const r = hosmerLemeshow(t.num(p.outcome as string), t.num(p.prob as string), {
    g: p.g as number,
    probs: p.probs as number[] | undefined,
    dfRule: p.df_rule as "g_minus_2" | "groups_formed_minus_2",
  });
  return {
    statistic: r.statistic,
    df: r.df,
    p_value: r.pValue,
    groups_formed: r.groupsFormed,
    breaks: r.breaks,
    groups: {
      n: r.groups.map((g) => g.n),
      observed_1: r.groups.map((g) => g.observed1),
      expected_1: r.groups.map((g) => g.expected1),
      observed_0: r.groups.map((g) => g.observed0),
      expected_0: r.groups.map((g) => g.expected0),
    },
  };
}
