/**
 * Calibration of predicted probabilities against 0/1 outcomes: calibration-in-the-large,
 * recalibration intercept and slope, the rms::val.prob summary, binned (quantile-group) and smoothed
 * (lowess) calibration curves with confidence bands.
 *
 * Definitions (y ∈ {0,1}, p̂ ∈ (0,1), L = logit p̂):
 * - calibration-in-the-large: intercept a (and its se) of glm(y ~ offset(L), binomial); 0 when the mean
 *   predicted risk matches the observed rate on the logit scale;
 * - recalibration: intercept and slope (with se) of glm(y ~ L, binomial); slope < 1 means predictions
 *   too extreme (overfitting), > 1 too moderate (Cox 1958; Van Calster et al. 2019 BMC Med 17:230);
 * - val.prob (Harrell, rms::val.prob): C = AUC (Mann–Whitney, ties ½), Dxy = 2(C − ½); L0 = −2 loglik of
 *   the observed prevalence, L01 = −2 loglik of p̂; D_chisq = L0 − L01, D = (D_chisq − 1)/n,
 *   R2 = (1 − exp(−D_chisq/n)) / (1 − exp(−L0/n)) (Nagelkerke); U_chisq = L01 − deviance of the
 *   recalibration fit, U = (U_chisq − 2)/n, U_p = P(χ²₂ > U_chisq); Q = D − U; Brier = mean (p̂ − y)²;
 *   Intercept/Slope = recalibration; Spiegelhalter S_z = Σ (y − p̂)(1 − 2p̂) / √(Σ (1 − 2p̂)² p̂(1 − p̂)),
 *   S_p two-sided; Eavg/Emax/E90 = mean / max / 0.9-quantile (type 7) of |p̂ − s(p̂)|, s = lowess(p̂, y,
 *   iter = 0, f = 2/3, delta = 0.01·range p̂) interpolated at each p̂ with tied p̂ averaged (approx,
 *   ties = mean).
 * Reference: Harrell FE, Regression Modeling Strategies, 2nd ed. (2015), §10.9; R: rms::val.prob;
 * Spiegelhalter DJ (1986) Stat Med 5:421–433.
 */
import { aucMannWhitney } from "../stats/auc.ts";
import type { Rng } from "../random/rng.ts";
import { irlsLogistic, qlogis } from "../models/irls.ts";
import { chisqUpper, normalQuantile, normalTwoSided } from "../stats/distributions.ts";
import { meanOnePass, quantileSorted } from "../stats/quantile.ts";
import {
  checkBinary,
  checkProbabilities,
  EvalInputError,
  formatCount,
  formatLevel,
} from "../stats/binary_input.ts";
import { approxTiesMean, lowess, type LowessOptions } from "./lowess.ts";
import { hosmerLemeshow } from "./hosmer_lemeshow.ts";

function check(where: string, y: ArrayLike<number>, p: ArrayLike<number>): number[] {
  checkBinary(where, y);
  checkProbabilities(where, "p", p, y.length);
  const L = new Array<number>(p.length);
  for (let i = 0; i < p.length; i++) {
    if (p[i] <= 0 || p[i] >= 1) {
      throw new EvalInputError(
        `${where}: p[${i}] = ${
          p[i]
        }: the logit of a probability of exactly 0 or 1 is infinite; clip or drop it`,
      );
    }
    L[i] = qlogis(p[i]);
  }
  return L;
}

/** Calibration-in-the-large: intercept of glm(y ~ offset(logit p), binomial) and its se. */
export function calibrationInTheLarge(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
): { intercept: number; se: number } {
  const L = check("calibrationInTheLarge", y, p);
  const fit = irlsLogistic(L.map(() => [1]), Array.from(y), { offset: L, terms: ["(Intercept)"] });
  return { intercept: fit.beta[0], se: Math.sqrt(fit.vcov[0][0]) };
}

/** Recalibration fit glm(y ~ logit p, binomial). */
export interface Recalibration {
  readonly intercept: number;
  readonly slope: number;
  readonly interceptSe: number;
  readonly slopeSe: number;
  readonly deviance: number;
}

/** Logistic recalibration: intercept and slope of glm(y ~ logit p, binomial), with standard errors. */
export function recalibration(y: ArrayLike<number>, p: ArrayLike<number>): Recalibration {
  const L = check("recalibration", y, p);
  const fit = irlsLogistic(L.map((l) => [1, l]), Array.from(y), { terms: ["(Intercept)", "logit p"] });
  return {
    intercept: fit.beta[0],
    slope: fit.beta[1],
    interceptSe: Math.sqrt(fit.vcov[0][0]),
    slopeSe: Math.sqrt(fit.vcov[1][1]),
    deviance: fit.deviance,
  };
}

/** The rms::val.prob summary. */
export interface ValProb {
  readonly Dxy: number;
  readonly C: number;
  readonly R2: number;
  readonly D: number;
  readonly D_chisq: number;
  readonly U: number;
  readonly U_chisq: number;
  readonly U_p: number;
  readonly Q: number;
  readonly Brier: number;
  readonly Intercept: number;
  readonly Slope: number;
  readonly Emax: number;
  readonly E90: number;
  readonly Eavg: number;
  readonly S_z: number;
  readonly S_p: number;
}

/** Options of {@link valProb}. */
export interface ValProbOptions {
  /** lowess settings for Eavg/Emax/E90 (default f 2/3, iter 0, delta 0.01 × range p, as val.prob). */
  readonly lowess?: LowessOptions;
}

/** rms::val.prob(p, y) statistics (see the module documentation for each definition). */
export function valProb(y: ArrayLike<number>, p: ArrayLike<number>, options: ValProbOptions = {}): ValProb {
  check("valProb", y, p);
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  if (events === 0 || events === n) {
    throw new EvalInputError(`valProb: the outcome has one class only (${events} events of ${n})`);
  }
  const ybar = events / n;
  let L0 = 0;
  let L01 = 0;
  let brier = 0;
  let sNum = 0;
  let sDen = 0;
  for (let i = 0; i < n; i++) {
    L0 += y[i] === 1 ? Math.log(ybar) : Math.log(1 - ybar);
    L01 += y[i] === 1 ? Math.log(p[i]) : Math.log(1 - p[i]);
    brier += (p[i] - y[i]) ** 2;
    sNum += (y[i] - p[i]) * (1 - 2 * p[i]);
    sDen += (1 - 2 * p[i]) ** 2 * p[i] * (1 - p[i]);
  }
  L0 *= -2;
  L01 *= -2;
  const C = aucMannWhitney(y, p);
  const rc = recalibration(y, p);
  const Dchi = L0 - L01;
  const Uchi = L01 - rc.deviance;
  const D = (Dchi - 1) / n;
  const U = (Uchi - 2) / n;
  const Sz = sNum / Math.sqrt(sDen);
  const lo = options.lowess ?? {};
  const sm = lowess(p, y, { f: lo.f ?? 2 / 3, iter: lo.iter ?? 0, delta: lo.delta });
  const cal = approxTiesMean(sm.x, sm.y, p);
  const er = cal.map((c, i) => Math.abs(p[i] - c));
  const sortedEr = [...er].sort((a, b) => a - b);
  return {
    Dxy: 2 * (C - 0.5),
    C,
    R2: (1 - Math.exp(-Dchi / n)) / (1 - Math.exp(-L0 / n)),
    D,
    D_chisq: Dchi,
    U,
    U_chisq: Uchi,
    U_p: chisqUpper(Uchi, 2),
    Q: D - U,
    Brier: brier / n,
    Intercept: rc.intercept,
    Slope: rc.slope,
    Emax: sortedEr[n - 1],
    E90: quantileSorted(sortedEr, 0.9),
    Eavg: meanOnePass(er),
    S_z: Sz,
    S_p: normalTwoSided(Sz),
  };
}

/** Everything of {@link calibrationSummary}. */
export interface CalibrationSummary {
  readonly n: number;
  readonly observedRate: number;
  readonly meanPredicted: number;
  readonly calibrationInTheLarge: { readonly intercept: number; readonly se: number };
  readonly recalibration: Recalibration;
  readonly valProb: ValProb;
}

/** Calibration-in-the-large, recalibration and the val.prob summary in one call. */
export function calibrationSummary(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: ValProbOptions = {},
): CalibrationSummary {
  const n = y.length;
  let sy = 0;
  let sp = 0;
  for (let i = 0; i < n; i++) {
    sy += y[i];
    sp += p[i];
  }
  return {
    n,
    observedRate: sy / n,
    meanPredicted: sp / n,
    calibrationInTheLarge: calibrationInTheLarge(y, p),
    recalibration: recalibration(y, p),
    valProb: valProb(y, p, options),
  };
}

/** One bin of a binned calibration curve. */
export interface CalibrationBin {
  readonly interval: string;
  readonly n: number;
  readonly meanPredicted: number;
  readonly observed: number;
  readonly events: number;
  readonly lower: number;
  readonly upper: number;
}

/** Binned calibration curve. */
export interface BinnedCalibration {
  readonly bins: readonly CalibrationBin[];
  readonly method: string;
}

/** Wilson score interval for a binomial proportion (Wilson 1927; R: prop.test(correct = FALSE)). */
export function wilsonInterval(events: number, n: number, confLevel = 0.95): [number, number] {
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const ph = events / n;
  const den = 1 + (z * z) / n;
  const centre = (ph + (z * z) / (2 * n)) / den;
  const half = (z * Math.sqrt((ph * (1 - ph)) / n + (z * z) / (4 * n * n))) / den;
  // Exact bounds at the extremes (the closed form leaves rounding residue such as 2.8e-17).
  return [events === 0 ? 0 : Math.max(0, centre - half), events === n ? 1 : Math.min(1, centre + half)];
}

/**
 * Binned calibration curve: groups of p̂ formed exactly as in {@link hosmerLemeshow} (type-7 quantile
 * breaks, ties merged, right-closed intervals), observed proportion per group with a Wilson interval.
 */
export function binnedCalibration(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: { groups?: number; confLevel?: number } = {},
): BinnedCalibration {
  const g = options.groups ?? 10;
  const cl = options.confLevel ?? 0.95;
  const hl = hosmerLemeshow(y, p, { g });
  const bins = hl.groups.map((gr) => {
    const [lower, upper] = wilsonInterval(gr.observed1, gr.n, cl);
    return {
      interval: gr.interval,
      n: gr.n,
      meanPredicted: gr.meanPredicted,
      observed: gr.observedRate,
      events: gr.observed1,
      lower,
      upper,
    };
  });
  return {
    bins,
    method: `${hl.groupsFormed} groups at type-7 quantiles of predicted risk (${g} requested, ties merged); ${
      formatLevel(cl)
    } Wilson score intervals`,
  };
}

/** Options of {@link smoothCalibration}. */
export interface SmoothCalibrationOptions {
  /** lowess span (default 2/3) and robustness iterations (default 0, as val.prob). */
  readonly f?: number;
  readonly iter?: number;
  /** Number of grid points between the 1st and 99th percentile of p̂ (default 50). */
  readonly gridSize?: number;
  /** Bootstrap resamples for the band (default 200; 0 = no band). */
  readonly B?: number;
  /** Random stream for the bootstrap (required when B > 0). */
  readonly rng?: Rng;
  readonly confLevel?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Smoothed calibration curve with a pointwise bootstrap band. */
export interface SmoothCalibration {
  readonly grid: readonly number[];
  readonly observed: readonly number[];
  readonly lower: readonly number[] | null;
  readonly upper: readonly number[] | null;
  readonly method: string;
}

function smoothAt(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  grid: readonly number[],
  f: number,
  iter: number,
): number[] {
  const sm = lowess(p, y, { f, iter });
  return approxTiesMean(sm.x, sm.y, grid).map((v) => Math.min(1, Math.max(0, v)));
}

/**
 * Smoothed calibration curve: lowess of y on p̂ evaluated on a grid; band = pointwise percentile
 * interval of B nonparametric bootstrap resamples (rows drawn with replacement, stratified by outcome),
 * grid points outside a resample's range skipped for that resample.
 */
export function smoothCalibration(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: SmoothCalibrationOptions = {},
): SmoothCalibration {
  checkBinary("smoothCalibration", y);
  checkProbabilities("smoothCalibration", "p", p, y.length);
  const f = options.f ?? 2 / 3;
  const iter = options.iter ?? 0;
  const m = options.gridSize ?? 50;
  const B = options.B ?? 200;
  const cl = options.confLevel ?? 0.95;
  const sorted = Array.from(p).sort((a, b) => a - b);
  const lo = quantileSorted(sorted, 0.01);
  const hi = quantileSorted(sorted, 0.99);
  const grid = Array.from({ length: m }, (_, k) => (m === 1 ? lo : lo + ((hi - lo) * k) / (m - 1)));
  const observed = smoothAt(y, p, grid, f, iter);
  if (B <= 0) {
    return {
      grid,
      observed,
      lower: null,
      upper: null,
      method: `lowess (f = ${Number(f.toFixed(4))}, iter = ${iter}); no band`,
    };
  }
  if (!options.rng) {
    throw new Error(`smoothCalibration: option "rng": required when B > 0 (pass createRng(seed))`);
  }
  const rng = options.rng;
  const cls: number[][] = [[], []];
  for (let i = 0; i < y.length; i++) cls[y[i]].push(i);
  const reps: number[][] = grid.map(() => []);
  for (let b = 0; b < B; b++) {
    const idx: number[] = [];
    for (const c of cls) for (let k = 0; k < c.length; k++) idx.push(c[rng.int(0, c.length - 1)]);
    const yb = idx.map((i) => y[i]);
    const pb = idx.map((i) => p[i]);
    const s = smoothAt(yb, pb, grid, f, iter);
    s.forEach((v, k) => {
      if (Number.isFinite(v)) reps[k].push(v);
    });
    if (options.onProgress && ((b + 1) % Math.max(1, Math.floor(B / 100)) === 0 || b + 1 === B)) {
      options.onProgress(b + 1, B);
    }
  }
  const a = (1 - cl) / 2;
  const lower = reps.map((r) => (r.length ? quantileSorted(r.sort((u, v) => u - v), a) : NaN));
  const upper = reps.map((r) => (r.length ? quantileSorted(r, 1 - a) : NaN));
  return {
    grid,
    observed,
    lower,
    upper,
    method: `lowess (f = ${Number(f.toFixed(4))}, iter = ${iter}); ${
      formatLevel(cl)
    } pointwise band, stratified bootstrap, ${formatCount(B)} resamples, percentile, seed ${rng.seed}`,
  };
}
