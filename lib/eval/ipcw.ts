/**
 * Inverse probability of censoring weights from a Kaplan–Meier censoring model, as prodlim computes
 * it with `reverse = TRUE` (the convention of riskRegression::Score): at a time with both events and
 * censorings the events are taken to come first, so
 *   G(t) = Π_{censoring times s ≤ t} (1 − c_s / (#{time > s} + c_s)),  c_s = number censored at s.
 * (This differs at tied times from survfit on 1 − status, which keeps the events in the risk set.)
 *
 * Reference: Gerds & Schumacher (2006) Biometrical Journal 48:1029; R: prodlim::prodlim(Hist(time,
 * status) ~ 1, reverse = TRUE); riskRegression::getCensoringWeights(cens.model = "km").
 */
import { checkSurvival } from "../stats/survival_input.ts";

/** A Kaplan–Meier censoring survival curve G. */
export interface CensoringSurvival {
  /** Distinct censoring times, increasing. */
  readonly time: readonly number[];
  /** G just after each censoring time. */
  readonly surv: readonly number[];
  /** G(t), right-continuous. */
  at(t: number): number;
  /** G(t−), the left limit. */
  leftLimit(t: number): number;
}

/** Kaplan–Meier estimate of the censoring survival G (prodlim's reverse convention, events first). */
export function censoringSurvival(time: readonly number[], status: readonly number[]): CensoringSurvival {
  checkSurvival(time, status, "censoringSurvival");
  const n = time.length;
  const order = [...time.keys()].sort((a, b) => time[a] - time[b]);
  const times: number[] = [];
  const surv: number[] = [];
  let g = 1;
  let k = 0;
  while (k < n) {
    const t = time[order[k]];
    let c = 0;
    let m = k;
    while (m < n && time[order[m]] === t) {
      if (status[order[m]] === 0) c++;
      m++;
    }
    if (c > 0) {
      const later = n - m; // #{time > t}
      g *= 1 - c / (later + c);
      times.push(t);
      surv.push(g);
    }
    k = m;
  }
  const find = (t: number, strict: boolean): number => {
    // index of the last censoring time ≤ t (or < t when strict); −1 if none
    let lo = 0, hi = times.length - 1, ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? times[mid] < t : times[mid] <= t) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  };
  return {
    time: times,
    surv,
    at: (t: number) => {
      const i = find(t, false);
      return i < 0 ? 1 : surv[i];
    },
    leftLimit: (t: number) => {
      const i = find(t, true);
      return i < 0 ? 1 : surv[i];
    },
  };
}
