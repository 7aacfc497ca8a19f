/**
 * Uno's IPCW concordance of a risk score with right-censored survival, truncated at τ. Harrell's C,
 * which needs no censoring model, is a pure statistic in `lib/stats/concordance.ts`.
 *
 * Orientation: a higher score means higher risk (shorter survival), as for a Cox linear predictor.
 *
 * References: Uno, Cai, Pencina, D'Agostino & Wei (2011) Stat Med 30:1105 (C with weights
 * G(T_i−)^−2); R: survival::concordance(..., timewt = "n/G2").
 */
import { Fenwick, scoreRanks } from "../stats/concordance.ts";
import { checkSurvival } from "../stats/survival_input.ts";
import { censoringSurvival } from "./ipcw.ts";

/** Uno's concordance truncated at τ. */
export interface UnoC {
  readonly estimand: string;
  readonly tau: number;
  /** Null when no comparable pair has an event before τ (see `status`). */
  readonly cIndex: number | null;
  /** Weighted number of comparable pairs (0 when no event before τ: cIndex is then null). */
  readonly comparableWeight: number;
  readonly status: "ok" | "no_events_before_tau";
  readonly message?: string;
}

/**
 * Uno's C: Σ_{i,j} δ_i G(T_i−)^−2 I(T_i < T_j, T_i < τ) [I(s_i > s_j) + ½ I(s_i = s_j)] / Σ_{i,j}
 * δ_i G(T_i−)^−2 I(T_i < T_j, T_i < τ), G the Kaplan–Meier estimate of the censoring distribution
 * (prodlim convention: events before censorings at tied times). τ defaults to the largest event time
 * (no truncation). Uno et al. (2011).
 */
export function unoC(
  time: readonly number[],
  status: readonly number[],
  score: readonly number[],
  options: { tau?: number } = {},
): UnoC {
  checkSurvival(time, status, "unoC");
  const n = time.length;
  if (score.length !== n) throw new Error(`unoC: score has ${score.length} values but time has ${n}`);
  const G = censoringSurvival(time, status);
  const tau = options.tau ?? Math.max(...time.filter((_, i) => status[i] === 1), -Infinity);
  // Σ over events i before τ of w_i Σ_{T_j > T_i} K(s_i, s_j): sweep times downwards with a Fenwick
  // tree of the scores of subjects with time > t (O(n log n)).
  const { rank, m } = scoreRanks(score);
  const order = [...time.keys()].sort((a, b) => time[b] - time[a]);
  const later = new Fenwick(m);
  let num = 0, den = 0;
  for (let a = 0; a < n;) {
    let b = a;
    while (b < n && time[order[b]] === time[order[a]]) b++;
    for (let q = a; q < b; q++) {
      const i = order[q];
      if (status[i] !== 1 || !(time[i] < tau || (options.tau === undefined && time[i] <= tau))) continue;
      const g = G.leftLimit(time[i]);
      if (!(g > 0) || later.total === 0) continue;
      const w = 1 / (g * g);
      const below = later.prefix(rank[i]);
      const equal = later.prefix(rank[i] + 1) - below;
      den += w * later.total;
      num += w * (below + equal / 2);
    }
    for (let q = a; q < b; q++) later.add(rank[order[q]], 1);
    a = b;
  }
  const estimand = `Uno's C (IPCW, Kaplan–Meier censoring model), truncated at τ = ${tau}`;
  if (den === 0) {
    return {
      estimand,
      tau,
      cIndex: null,
      comparableWeight: 0,
      status: "no_events_before_tau",
      message: `no comparable pair with an event before τ = ${tau}`,
    };
  }
  return { estimand, tau, cIndex: num / den, comparableWeight: den, status: "ok" };
}
