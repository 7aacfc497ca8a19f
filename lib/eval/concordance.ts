/**
 * Concordance of a risk score with right-censored survival: Harrell's C (with survival::concordance's
 * pair counts and infinitesimal-jackknife standard error) and Uno's IPCW C truncated at τ.
 *
 * Orientation: a higher score means higher risk (shorter survival), as for a Cox linear predictor.
 *
 * References: Harrell, Califf, Pryor, Lee & Rosati (1982) JAMA 247:2543; Therneau & Atkinson,
 * "The concordance statistic" (survival vignette); R: survival::concordance(coxfit);
 * Uno, Cai, Pencina, D'Agostino & Wei (2011) Stat Med 30:1105 (C with weights G(T_i−)^−2);
 * R: survival::concordance(..., timewt = "n/G2").
 */
import quantileNormal from "@stdlib/stats-base-dists-normal-quantile";
import { checkSurvival } from "./km.ts";
import { censoringSurvival } from "./ipcw.ts";

/** Harrell's concordance with survival's pair counts. */
export interface HarrellC {
  readonly estimand: "Harrell's C (higher score = higher risk)";
  /** Comparable pairs with the earlier event on the higher score. */
  readonly concordant: number;
  readonly discordant: number;
  /** Comparable pairs with equal scores. */
  readonly tiedX: number;
  /** Pairs of events at the same time with different scores (not comparable). */
  readonly tiedY: number;
  /** Pairs of events at the same time with equal scores (not comparable). */
  readonly tiedXY: number;
  /** (concordant + tiedX / 2) / (concordant + discordant + tiedX). */
  readonly cIndex: number;
  /** Infinitesimal-jackknife standard error (survival::concordance). */
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly confLevel: number;
}

/**
 * Harrell's C of `score` (higher = higher risk). A pair (i, j) is comparable when i has an event and
 * time_j > time_i, or time_j = time_i with j censored; concordant when score_i > score_j, discordant
 * when <, tied_x when equal. Events tied in time are not comparable (tied_y / tied_xy).
 * C = (concordant + tied_x/2) / (concordant + discordant + tied_x). SE: infinitesimal jackknife,
 * var = Σ_k dfbeta_k² / 4 with dfbeta_k = (c_k − d_k)/N − (D/N)(c_k + d_k + t_k)/N, where c_k, d_k, t_k
 * count the comparable pairs involving k, N the number of comparable pairs and D Somers' d.
 * CI: C ± z se (Wald). O(n²).
 */
export function harrellC(
  time: readonly number[],
  status: readonly number[],
  score: readonly number[],
  options: { confLevel?: number } = {},
): HarrellC {
  checkSurvival(time, status, "harrellC");
  const n = time.length;
  if (score.length !== n) throw new Error(`harrellC: score has ${score.length} values but time has ${n}`);
  const confLevel = options.confLevel ?? 0.95;
  let conc = 0, disc = 0, tx = 0, ty = 0, txy = 0;
  const ic = new Float64Array(n), id = new Float64Array(n), it = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (status[i] !== 1) continue;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (time[j] > time[i] || (time[j] === time[i] && status[j] === 0)) {
        if (score[i] > score[j]) {
          conc++;
          ic[i]++;
          ic[j]++;
        } else if (score[i] < score[j]) {
          disc++;
          id[i]++;
          id[j]++;
        } else {
          tx++;
          it[i]++;
          it[j]++;
        }
      } else if (time[j] === time[i] && status[j] === 1 && j > i) {
        if (score[i] === score[j]) txy++;
        else ty++;
      }
    }
  }
  const npair = conc + disc + tx;
  const somer = npair > 0 ? (conc - disc) / npair : NaN;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const dfb = (ic[k] - id[k]) / npair - (somer / npair) * (ic[k] + id[k] + it[k]);
    v += dfb * dfb;
  }
  const cIndex = npair > 0 ? (conc + tx / 2) / npair : NaN;
  const se = Math.sqrt(v / 4);
  const z = quantileNormal(1 - (1 - confLevel) / 2, 0, 1);
  return {
    estimand: "Harrell's C (higher score = higher risk)",
    concordant: conc,
    discordant: disc,
    tiedX: tx,
    tiedY: ty,
    tiedXY: txy,
    cIndex,
    se,
    lower: cIndex - z * se,
    upper: cIndex + z * se,
    confLevel,
  };
}

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
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) {
    if (status[i] !== 1 || !(time[i] < tau || (options.tau === undefined && time[i] <= tau))) continue;
    const g = G.leftLimit(time[i]);
    if (!(g > 0)) continue;
    const w = 1 / (g * g);
    for (let j = 0; j < n; j++) {
      if (!(time[j] > time[i])) continue;
      den += w;
      num += w * (score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0);
    }
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
