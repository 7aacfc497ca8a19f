/**
 * Risk groups for Kaplan–Meier plots: patients split at a cut-off of a score fixed on the training set
 * (default: the training median), so test patients are grouped by a rule learned without them.
 */
import { type KaplanMeierFit, kaplanMeierStrata } from "./km.ts";
import { type LogRankResult, logRankTest } from "./logrank.ts";

/** A cut-off learned on training scores. */
export interface RiskGroupRule {
  readonly cutoff: number;
  /** How the cut-off was chosen, e.g. "training median of the nomogram total points (n = 215)". */
  readonly rule: string;
  readonly labels: readonly [string, string];
}

/** Median (type 7) of training scores as the cut-off: score > cutoff is "high risk". */
export function medianSplit(
  trainScores: readonly number[],
  options: { what?: string; labels?: [string, string] } = {},
): RiskGroupRule {
  const s = trainScores.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) throw new Error("medianSplit: no finite training scores");
  const h = (s.length - 1) * 0.5;
  const lo = Math.floor(h);
  const cutoff = s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
  return {
    cutoff,
    rule: `training median of ${options.what ?? "the score"} (n = ${s.length}); score > median = high risk`,
    labels: options.labels ?? ["Low risk", "High risk"],
  };
}

/** Apply a rule: label per patient (score ≤ cutoff → labels[0], > cutoff → labels[1]). */
export function assignRiskGroups(rule: RiskGroupRule, scores: readonly number[]): string[] {
  return scores.map((x, i) => {
    if (!Number.isFinite(x)) {
      throw new Error(`assignRiskGroups: score ${i + 1} is not a finite number (${x})`);
    }
    return x > rule.cutoff ? rule.labels[1] : rule.labels[0];
  });
}

/** KM curves and log-rank test of risk groups (ready for lib/plot/km_curve.ts). */
export interface RiskGroupSurvival {
  readonly rule: RiskGroupRule;
  readonly groups: readonly string[];
  readonly fits: Readonly<Record<string, KaplanMeierFit>>;
  readonly logRank: LogRankResult | null;
}

/**
 * Split patients at the training median of a score and estimate KM curves per group with a log-rank
 * test: `riskGroupSurvival(trainScores, time, status, scores)` (time/status/scores of the set to plot).
 * The log-rank test is null when only one group is present.
 */
export function riskGroupSurvival(
  trainScores: readonly number[],
  time: readonly number[],
  status: readonly number[],
  scores: readonly number[],
  options: { what?: string; labels?: [string, string] } = {},
): RiskGroupSurvival {
  const rule = medianSplit(trainScores, options);
  const groups = assignRiskGroups(rule, scores);
  const levels = rule.labels.filter((l) => groups.includes(l));
  const fits = kaplanMeierStrata(time, status, groups, { levels });
  return {
    rule,
    groups,
    fits,
    logRank: levels.length >= 2 ? logRankTest(time, status, groups, { levels }) : null,
  };
}
