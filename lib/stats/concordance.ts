/**
 * Harrell's concordance of a risk score with right-censored survival, with survival::concordance's
 * pair counts and infinitesimal-jackknife standard error. Uno's IPCW C, which needs a censoring model,
 * is in `lib/eval/concordance.ts` and shares the score ranks and the Fenwick tree of this file.
 *
 * Orientation: a higher score means higher risk (shorter survival), as for a Cox linear predictor.
 *
 * References: Harrell, Califf, Pryor, Lee & Rosati (1982) JAMA 247:2543; Therneau & Atkinson,
 * "The concordance statistic" (survival vignette); R: survival::concordance(coxfit).
 */
import quantileNormal from "@stdlib/stats-base-dists-normal-quantile";
import { checkSurvival } from "./survival_input.ts";

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

/** Ranks of the scores among their distinct values (0-based) and the number of distinct values. */
export function scoreRanks(score: readonly number[]): { rank: Int32Array; m: number } {
  const sorted = Float64Array.from(score).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
  const rank = new Int32Array(score.length);
  score.forEach((v, i) => {
    let lo = 0, hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  });
  return { rank, m };
}

/** Fenwick (binary indexed) tree of weights over ranks 0..m−1: add and prefix sums in O(log m). */
export class Fenwick {
  readonly #tree: Float64Array;
  total = 0;
  constructor(m: number) {
    this.#tree = new Float64Array(m + 1);
  }
  add(rank: number, w: number): void {
    this.total += w;
    for (let i = rank + 1; i < this.#tree.length; i += i & -i) this.#tree[i] += w;
  }
  /** Σ weights with rank < r. */
  prefix(r: number): number {
    let s = 0;
    for (let i = r; i > 0; i -= i & -i) s += this.#tree[i];
    return s;
  }
}

/**
 * Harrell's C of `score` (higher = higher risk). A pair (i, j) is comparable when i has an event and
 * time_j > time_i, or time_j = time_i with j censored; concordant when score_i > score_j, discordant
 * when <, tied_x when equal. Events tied in time are not comparable (tied_y / tied_xy).
 * C = (concordant + tied_x/2) / (concordant + discordant + tied_x). SE: infinitesimal jackknife,
 * var = Σ_k dfbeta_k² / 4 with dfbeta_k = (c_k − d_k)/N − (D/N)(c_k + d_k + t_k)/N, where c_k, d_k, t_k
 * count the comparable pairs involving k, N the number of comparable pairs and D Somers' d.
 * CI: C ± z se (Wald). O(n log n): two sweeps over the times with a Fenwick tree of score ranks
 * (as survival's concordance does with its balanced tree), counts exact.
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
  const { rank, m } = scoreRanks(score);
  const order = [...time.keys()].sort((a, b) => time[a] - time[b]);
  // groups of equal time, increasing
  const starts: number[] = [];
  for (let q = 0; q < n; q++) if (q === 0 || time[order[q]] !== time[order[q - 1]]) starts.push(q);
  starts.push(n);
  // (1) each event i against the subjects comparable with it (later times, or censored at its time):
  // sweep times downwards with a Fenwick tree of the scores of subjects with time > t.
  const later = new Fenwick(m);
  for (let gi = starts.length - 2; gi >= 0; gi--) {
    const a = starts[gi], b = starts[gi + 1];
    for (let q = a; q < b; q++) if (status[order[q]] !== 1) later.add(rank[order[q]], 1);
    for (let q = a; q < b; q++) {
      const i = order[q];
      if (status[i] !== 1) continue;
      const below = later.prefix(rank[i]);
      const equal = later.prefix(rank[i] + 1) - below;
      const above = later.total - below - equal;
      conc += below;
      disc += above;
      tx += equal;
      ic[i] += below;
      id[i] += above;
      it[i] += equal;
    }
    // tied events at this time: pairs with equal (tiedXY) or different (tiedY) scores
    const evRanks: number[] = [];
    for (let q = a; q < b; q++) if (status[order[q]] === 1) evRanks.push(rank[order[q]]);
    if (evRanks.length > 1) {
      evRanks.sort((u, v) => u - v);
      const pairs = (evRanks.length * (evRanks.length - 1)) / 2;
      let same = 0;
      for (let u = 0; u < evRanks.length;) {
        let v = u;
        while (v < evRanks.length && evRanks[v] === evRanks[u]) v++;
        same += ((v - u) * (v - u - 1)) / 2;
        u = v;
      }
      txy += same;
      ty += pairs - same;
    }
    for (let q = a; q < b; q++) if (status[order[q]] === 1) later.add(rank[order[q]], 1);
  }
  // (2) each subject j as the later member of a pair: the events before it (and, for a censored j,
  // the events at its own time): sweep times upwards with a Fenwick tree of event scores.
  const earlier = new Fenwick(m);
  for (let gi = 0; gi < starts.length - 1; gi++) {
    const a = starts[gi], b = starts[gi + 1];
    const count = (j: number) => {
      const below = earlier.prefix(rank[j]);
      const equal = earlier.prefix(rank[j] + 1) - below;
      ic[j] += earlier.total - below - equal; // events with a higher score
      id[j] += below;
      it[j] += equal;
    };
    for (let q = a; q < b; q++) if (status[order[q]] === 1) count(order[q]);
    for (let q = a; q < b; q++) if (status[order[q]] === 1) earlier.add(rank[order[q]], 1);
    for (let q = a; q < b; q++) if (status[order[q]] !== 1) count(order[q]);
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
