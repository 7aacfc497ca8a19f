/**
 * Kaplan–Meier estimator with Greenwood standard errors, pointwise confidence intervals, median
 * survival and its confidence interval, the reverse Kaplan–Meier estimate of the censoring
 * distribution (median follow-up) and estimates within strata.
 *
 * Notation: at each distinct observed time t (event or censoring), n(t) = #{time ≥ t} at risk,
 * d(t) events, c(t) censorings. S(t) = Π_{s ≤ t} (1 − d(s)/n(s)).
 * Greenwood standard error of −log S (R survival's `std.err`): sqrt(Σ_{s ≤ t} d / (n (n − d))).
 *
 * References: Kaplan & Meier (1958) JASA 53:457; Greenwood (1926); Kalbfleisch & Prentice (2002) §1.4;
 * R: survival::survfit(Surv(time, status) ~ 1, conf.type = "log-log"), quantile.survfit;
 * reverse KM for follow-up: Schemper & Smith (1996) Control Clin Trials 17:343.
 */
import quantileNormal from "@stdlib/stats-base-dists-normal-quantile";
import { checkSurvival } from "../stats/survival_input.ts";
import { checkConfLevel } from "../io/options.ts";

/** Right-censored survival data: follow-up time and status (1 = event, 0 = censored). */
export interface SurvivalData {
  readonly time: readonly number[];
  readonly status: readonly number[];
}

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions {
  /** Estimate the censoring distribution instead (event indicator 1 − status) (default false). */
  readonly reverse?: boolean;
  /** Confidence level of the pointwise intervals (default 0.95). */
  readonly confLevel?: number;
  /**
   * Scale of the pointwise intervals (default "log-log", survival's `conf.type`):
   * "log-log": exp(−exp(log(−log S) ∓ z se / log S)); "log": S exp(∓ z se); "plain": S (1 ∓ z se).
   */
  readonly confType?: "log-log" | "log" | "plain";
  /** Name of the data source for error messages (default "data"). */
  readonly source?: string;
}

/** A fitted Kaplan–Meier curve: one row per distinct observed time, increasing. */
export interface KaplanMeierFit {
  /** What is estimated, e.g. "Kaplan–Meier survival S(t)" or "reverse Kaplan–Meier (censoring) G(t)". */
  readonly estimand: string;
  readonly n: number;
  /** Number of events counted by this curve (censorings for a reverse fit). */
  readonly nEvents: number;
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly surv: readonly number[];
  /** Greenwood standard error of −log S (Inf once S reaches 0). */
  readonly stdErr: readonly number[];
  /** Pointwise lower / upper confidence limits (null where S is 0 or 1 on the log-log scale). */
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  /** Median: first time S ≤ 0.5 (midpoint rule on a flat stretch at exactly 0.5); null if never reached. */
  readonly median: number | null;
  readonly medianLower: number | null;
  readonly medianUpper: number | null;
  readonly confLevel: number;
  readonly confType: "log-log" | "log" | "plain";
  readonly reverse: boolean;
}

const HALF_TOL = 1.5e-8;

/**
 * Time at which a right-continuous decreasing step curve first falls to `p` or below (R:
 * quantile.survfit). When the curve equals p (within 1.5e-8) on a flat stretch, the midpoint between
 * the time it reached p and the next time it drops (the last time if it never drops again).
 * Null values are treated as 1 before the curve leaves 1 and as 0 after it reaches 0.
 */
export function curveQuantile(
  time: readonly number[],
  values: readonly (number | null)[],
  p = 0.5,
): number | null {
  const v = values.map((
    x,
    i,
  ) => (x === null ? (i === 0 || values.slice(0, i).every((y) => y === null || y === 1) ? 1 : 0) : x));
  for (let i = 0; i < v.length; i++) {
    if (Math.abs(v[i] - p) < HALF_TOL) {
      for (let j = i + 1; j < v.length; j++) {
        if (v[j] < v[i] - HALF_TOL) return (time[i] + time[j]) / 2;
      }
      return (time[i] + time[time.length - 1]) / 2;
    }
    if (v[i] < p) return time[i];
  }
  return null;
}

function confidenceLimits(
  surv: readonly number[],
  se: readonly number[],
  z: number,
  type: "log-log" | "log" | "plain",
): { lower: (number | null)[]; upper: (number | null)[] } {
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  for (let i = 0; i < surv.length; i++) {
    const s = surv[i];
    const e = se[i];
    if (type === "log-log") {
      if (s <= 0 || s >= 1 || !Number.isFinite(e)) {
        lower.push(null);
        upper.push(null);
        continue;
      }
      const ll = Math.log(-Math.log(s));
      lower.push(Math.exp(-Math.exp(ll - (z * e) / Math.log(s))));
      upper.push(Math.exp(-Math.exp(ll + (z * e) / Math.log(s))));
    } else if (type === "log") {
      if (s <= 0 || !Number.isFinite(e)) {
        lower.push(null);
        upper.push(null);
        continue;
      }
      lower.push(s * Math.exp(-z * e));
      upper.push(Math.min(1, s * Math.exp(z * e)));
    } else {
      if (!Number.isFinite(e)) {
        lower.push(null);
        upper.push(null);
        continue;
      }
      lower.push(Math.max(0, s * (1 - z * e)));
      upper.push(Math.min(1, s * (1 + z * e)));
    }
  }
  return { lower, upper };
}

/**
 * Kaplan–Meier estimate S(t) = Π_{s ≤ t} (1 − d(s)/n(s)) with Greenwood SE of −log S and pointwise
 * CIs (default log-log, 95 %), median and its CI (R: survfit + quantile.survfit). With
 * `reverse: true` the event indicator is 1 − status: the estimate is the censoring survival G(t)
 * (subjects with an event at a censoring time stay in that time's risk set, as survfit on 1 − status).
 */
export function kaplanMeier(
  time: readonly number[],
  status: readonly number[],
  options: KaplanMeierOptions = {},
): KaplanMeierFit {
  const reverse = options.reverse ?? false;
  const confLevel = checkConfLevel("kaplanMeier", options.confLevel ?? 0.95);
  const confType = options.confType ?? "log-log";
  if (!["log-log", "log", "plain"].includes(confType)) {
    throw new Error(
      `option "confType": expected "log-log", "log" or "plain", got ${JSON.stringify(confType)}`,
    );
  }
  checkSurvival(time, status, options.source);
  const n = time.length;
  const ev = status.map((s) => (reverse ? 1 - s : s));
  const order = [...time.keys()].sort((a, b) => time[a] - time[b]);
  const times: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const nCensor: number[] = [];
  const surv: number[] = [];
  const stdErr: number[] = [];
  let s = 1;
  let g = 0;
  let k = 0;
  while (k < n) {
    const t = time[order[k]];
    let d = 0;
    let c = 0;
    let m = k;
    while (m < n && time[order[m]] === t) {
      if (ev[order[m]] === 1) d++;
      else c++;
      m++;
    }
    const atRisk = n - k;
    s *= 1 - d / atRisk;
    g += atRisk > d ? d / (atRisk * (atRisk - d)) : Infinity;
    times.push(t);
    nRisk.push(atRisk);
    nEvent.push(d);
    nCensor.push(c);
    surv.push(s);
    stdErr.push(Math.sqrt(g));
    k = m;
  }
  const z = quantileNormal(1 - (1 - confLevel) / 2, 0, 1);
  const { lower, upper } = confidenceLimits(surv, stdErr, z, confType);
  return {
    estimand: reverse
      ? "reverse Kaplan–Meier estimate of the censoring survival G(t)"
      : "Kaplan–Meier estimate of survival S(t)",
    n,
    nEvents: nEvent.reduce((a, b) => a + b, 0),
    time: times,
    nRisk,
    nEvent,
    nCensor,
    surv,
    stdErr,
    lower,
    upper,
    median: curveQuantile(times, surv),
    medianLower: curveQuantile(times, lower),
    medianUpper: curveQuantile(times, upper),
    confLevel,
    confType,
    reverse,
  };
}

/**
 * Kaplan–Meier estimates within each level of `group` (cells compared as text), keyed by level in
 * `levels` order (default: levels in order of first appearance). Levels without rows are omitted.
 */
export function kaplanMeierStrata(
  time: readonly number[],
  status: readonly number[],
  group: readonly (string | number)[],
  options: KaplanMeierOptions & { levels?: readonly string[] } = {},
): Record<string, KaplanMeierFit> {
  if (group.length !== time.length) {
    throw new Error(
      `${options.source ?? "data"}: group has ${group.length} values but time has ${time.length}`,
    );
  }
  const g = group.map(String);
  const levels = options.levels ?? [...new Set(g)];
  const out: Record<string, KaplanMeierFit> = {};
  for (const lv of levels) {
    const idx = g.flatMap((v, i) => (v === lv ? [i] : []));
    if (idx.length === 0) continue;
    out[lv] = kaplanMeier(idx.map((i) => time[i]), idx.map((i) => status[i]), {
      ...options,
      source: `${options.source ?? "data"} [${lv}]`,
    });
  }
  return out;
}

/** S(t) of a fitted curve at arbitrary times: right-continuous step function, 1 before the first time. */
export function survivalAt(fit: KaplanMeierFit, times: readonly number[]): number[] {
  return times.map((t) => {
    let s = 1;
    for (let i = 0; i < fit.time.length && fit.time[i] <= t; i++) s = fit.surv[i];
    return s;
  });
}

/** Number at risk (#{time ≥ t}) at each of `times`, for risk tables under KM plots. */
export function numberAtRisk(time: readonly number[], times: readonly number[]): number[] {
  return times.map((t) => time.reduce((a, x) => a + (x >= t ? 1 : 0), 0));
}

/** Median follow-up with its confidence interval, by the reverse Kaplan–Meier method. */
export interface MedianFollowUp {
  readonly method: "reverse Kaplan–Meier";
  readonly median: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly confLevel: number;
  /** Human-readable summary, e.g. "median follow-up 588 (95% CI 511–821), reverse Kaplan–Meier". */
  readonly text: string;
}

/**
 * Median follow-up = median of the reverse Kaplan–Meier estimate (censoring as the event), with the
 * log-log CI of that median (Schemper & Smith 1996). Null when the reverse curve never reaches 0.5.
 */
export function medianFollowUp(
  time: readonly number[],
  status: readonly number[],
  options: Omit<KaplanMeierOptions, "reverse"> & { unit?: string } = {},
): MedianFollowUp {
  const f = kaplanMeier(time, status, { ...options, reverse: true });
  const u = options.unit ? ` ${options.unit}` : "";
  const fmt = (x: number | null) => (x === null ? "not reached" : String(+x.toFixed(2)));
  return {
    method: "reverse Kaplan–Meier",
    median: f.median,
    lower: f.medianLower,
    upper: f.medianUpper,
    confLevel: f.confLevel,
    text: `median follow-up ${fmt(f.median)}${u} (${Math.round(f.confLevel * 100)}% CI ${
      fmt(f.medianLower)
    }–${fmt(f.medianUpper)}), reverse Kaplan–Meier`,
  };
}
