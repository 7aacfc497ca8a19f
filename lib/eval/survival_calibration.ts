/**
 * Calibration of predicted survival at a horizon t0: predicted risk by t0 (1 − S(t0 | x) of a
 * survival model) in quantile groups against the Kaplan–Meier estimate of each group, the observed /
 * expected ratio, and the calibration slope.
 *
 * Definitions (as the `calibration_survival` conformance op of `../shared/fixtures/README.md`):
 * - groups: breaks = the distinct type-7 quantiles of the risks at 0, 1/g, …, 1; intervals
 *   right-closed with the lowest included (R: cut(risk, breaks, include.lowest = TRUE)), so a risk
 *   equal to a break belongs to the lower group;
 * - per group: n, events by t0 (status 1, time ≤ t0), number at risk at t0 (time ≥ t0), mean
 *   predicted risk; observed survival = Kaplan–Meier S(t0) (events at t0 included), its Greenwood se
 *   on the survival scale S·√(Σ d/(n(n − d))), the log-log interval S^exp(∓z σ/log S) with σ the se
 *   of −log S (survfit's conf.type = "log-log"); observed risk = 1 − S(t0);
 * - overall: the same Kaplan–Meier quantities on all rows, expected risk = mean predicted risk,
 *   O/E = observed risk / expected risk;
 * - calibration slope: follow-up censored at t0 (time′ = min(time, t0), event′ = event by t0), Cox
 *   model (Efron ties) of (time′, event′) on log(−log(1 − risk)); slope 1 is ideal; z = (slope − 1)/se.
 *
 * References: Royston P (2014) Stata J 14:738 (tools for checking calibration of a Cox model);
 * Austin PC, Harrell FE, van Klaveren D (2020) Stat Med 39:2714 (graphical calibration curves for
 * survival models); R: survival::survfit(conf.type = "log-log"), coxph(ties = "efron"), cut, quantile.
 */
import { checkSurvival } from "../stats/survival_input.ts";
import { kaplanMeier } from "./km.ts";
import { EvalInputError } from "../stats/binary_input.ts";
import { checkConfLevel } from "../io/options.ts";
import { cutIndex, hlProbs } from "./hosmer_lemeshow.ts";
import { meanOnePass, quantileSorted } from "../stats/quantile.ts";
import { normalTwoSided } from "../stats/distributions.ts";
import { fitCoxMatrix } from "../models/cox.ts";

/** Options of {@link survivalCalibration}. */
export interface SurvivalCalibrationOptions {
  /** Number of quantile groups of predicted risk (default 5; ≥ 2). */
  readonly g?: number;
  /** Confidence level of the Kaplan–Meier intervals (default 0.95). */
  readonly confLevel?: number;
  /** Name of the data for error messages (default "data"). */
  readonly source?: string;
}

/** Kaplan–Meier quantities at t0 of a set of rows. */
export interface ObservedAtHorizon {
  readonly n: number;
  readonly nEventsByT0: number;
  readonly nAtRiskT0: number;
  readonly observedSurv: number;
  /** Greenwood se of S(t0) on the survival scale. */
  readonly observedSurvSe: number;
  readonly observedSurvLower: number | null;
  readonly observedSurvUpper: number | null;
  readonly observedRisk: number;
}

/** One risk group. */
export interface SurvivalCalibrationGroup extends ObservedAtHorizon {
  readonly meanPredictedRisk: number;
  /** Observed risk (1 − KM) limits, from the survival limits. */
  readonly observedRiskLower: number | null;
  readonly observedRiskUpper: number | null;
}

/** Calibration slope of predicted risks at t0. */
export interface SurvivalCalibrationSlope {
  readonly slope: number;
  readonly se: number;
  /** (slope − 1)/se. */
  readonly z: number;
  readonly pValue: number;
  readonly nEvents: number;
}

/** Result of {@link survivalCalibration}. */
export interface SurvivalCalibration {
  readonly t0: number;
  readonly n: number;
  /** Events over the whole follow-up. */
  readonly nEvents: number;
  readonly g: number;
  readonly groupsFormed: number;
  readonly breaks: readonly number[];
  readonly groups: readonly SurvivalCalibrationGroup[];
  readonly overall: ObservedAtHorizon & { readonly expectedRisk: number; readonly oeRatio: number };
  readonly calibrationSlope: SurvivalCalibrationSlope;
  readonly confLevel: number;
  /** One-line statement of the method for table footnotes and captions. */
  readonly method: string;
  /** What looks wrong (no one at risk at t0 in a group, a slope that could not be fitted), with the likely cause. */
  readonly warnings: readonly string[];
}

/** Kaplan–Meier survival at t0 with Greenwood se and log-log limits (see the module documentation). */
export function observedAtHorizon(
  time: readonly number[],
  status: readonly number[],
  t0: number,
  confLevel = 0.95,
  source = "data",
): ObservedAtHorizon {
  const fit = kaplanMeier(time, status, { confLevel, confType: "log-log", source });
  let k = -1;
  for (let i = 0; i < fit.time.length && fit.time[i] <= t0; i++) k = i;
  const s = k < 0 ? 1 : fit.surv[k];
  const sigma = k < 0 ? 0 : fit.stdErr[k];
  let nEvents = 0;
  let nAtRisk = 0;
  for (let i = 0; i < time.length; i++) {
    if (status[i] === 1 && time[i] <= t0) nEvents++;
    if (time[i] >= t0) nAtRisk++;
  }
  return {
    n: time.length,
    nEventsByT0: nEvents,
    nAtRiskT0: nAtRisk,
    observedSurv: s,
    observedSurvSe: s * sigma,
    observedSurvLower: k < 0 ? null : fit.lower[k],
    observedSurvUpper: k < 0 ? null : fit.upper[k],
    observedRisk: 1 - s,
  };
}

function checkRisk(risk: readonly number[], n: number, source: string): void {
  if (risk.length !== n) {
    throw new EvalInputError(`${source}: risk has ${risk.length} values but time has ${n}`);
  }
  risk.forEach((r, i) => {
    if (typeof r !== "number" || !(r > 0 && r < 1)) {
      throw new EvalInputError(
        `${source} row ${i + 1}, "risk": expected a predicted risk in (0, 1), got ${String(r)}`,
      );
    }
  });
}

/**
 * Calibration at horizon `t0` of predicted risks `risk` (1 − S(t0 | x)) against observed follow-up
 * (`time`, `status` 1 = event): `g` quantile groups with Kaplan–Meier observed risk and CI, O/E and
 * calibration slope (definitions in the module documentation). Inputs are not modified.
 */
export function survivalCalibration(
  time: readonly number[],
  status: readonly number[],
  risk: readonly number[],
  t0: number,
  options: SurvivalCalibrationOptions = {},
): SurvivalCalibration {
  const source = options.source ?? "data";
  checkSurvival(time, status, source);
  checkRisk(risk, time.length, source);
  if (typeof t0 !== "number" || !(t0 > 0) || !Number.isFinite(t0)) {
    throw new EvalInputError(`survivalCalibration: "t0": expected a horizon > 0, got ${String(t0)}`);
  }
  const g = options.g ?? 5;
  if (!Number.isInteger(g) || g < 2) {
    throw new EvalInputError(`survivalCalibration: option "g": expected an integer >= 2, got ${String(g)}`);
  }
  const confLevel = checkConfLevel("survivalCalibration", options.confLevel ?? 0.95);
  const sorted = [...risk].sort((a, b) => a - b);
  const breaks = [...new Set(hlProbs(g).map((p) => quantileSorted(sorted, p)))];
  const members: number[][] = Array.from({ length: Math.max(breaks.length - 1, 1) }, () => []);
  risk.forEach((r, i) => members[breaks.length > 1 ? cutIndex(r, breaks) : 0].push(i));
  const groups: SurvivalCalibrationGroup[] = members.map((idx, k) => {
    if (idx.length === 0) {
      throw new EvalInputError(`survivalCalibration: group ${k + 1} of ${members.length} is empty`);
    }
    const o = observedAtHorizon(
      idx.map((i) => time[i]),
      idx.map((i) => status[i]),
      t0,
      confLevel,
      `${source} [risk group ${k + 1}]`,
    );
    let s = 0;
    for (const i of idx) s += risk[i];
    return {
      ...o,
      meanPredictedRisk: s / idx.length,
      observedRiskLower: o.observedSurvUpper === null ? null : 1 - o.observedSurvUpper,
      observedRiskUpper: o.observedSurvLower === null ? null : 1 - o.observedSurvLower,
    };
  });
  const all = observedAtHorizon(time, status, t0, confLevel, source);
  const expectedRisk = meanOnePass(risk);
  const warnings: string[] = [];
  groups.forEach((gr, k) => {
    if (gr.nAtRiskT0 === 0) {
      warnings.push(
        `risk group ${
          k + 1
        }: no patient is followed up to t = ${t0}; its Kaplan–Meier estimate is carried forward ` +
          `from the last follow-up time (choose an earlier horizon or fewer groups)`,
      );
    }
  });
  let slope: SurvivalCalibrationSlope;
  try {
    slope = calibrationSlopeAtHorizon(time, status, risk, t0);
  } catch (e) {
    const nEv = status.reduce((a: number, b, i) => a + (b === 1 && time[i] <= t0 ? 1 : 0), 0);
    slope = { slope: NaN, se: NaN, z: NaN, pValue: NaN, nEvents: nEv };
    warnings.push(
      `calibration slope at t = ${t0} not estimable (${(e as Error).message.split(":")[0]}); reported as NaN`,
    );
  }
  return {
    t0,
    n: time.length,
    nEvents: status.reduce((a, b) => a + b, 0),
    g,
    groupsFormed: members.length,
    breaks,
    groups,
    overall: { ...all, expectedRisk, oeRatio: all.observedRisk / expectedRisk },
    calibrationSlope: slope,
    confLevel,
    method: `${members.length} groups by quantiles of predicted risk at t = ${t0}; observed = Kaplan–Meier ` +
      `with ${Number((100 * confLevel).toPrecision(4))}% log-log CI; O/E = observed / mean predicted risk; ` +
      `slope = Cox coefficient of log(−log(1 − risk)), follow-up censored at t`,
    warnings,
  };
}

/**
 * Calibration slope at t0: Cox model (Efron ties) of follow-up censored at t0 on the complementary
 * log-log of the predicted risk, log(−log(1 − risk)); slope = its coefficient, se from the inverse
 * information, z = (slope − 1)/se (Royston 2014; van Houwelingen 2000 Stat Med 19:3401).
 */
export function calibrationSlopeAtHorizon(
  time: readonly number[],
  status: readonly number[],
  risk: readonly number[],
  t0: number,
): SurvivalCalibrationSlope {
  const t = time.map((x) => Math.min(x, t0));
  const e = status.map((s, i) => (s === 1 && time[i] <= t0 ? 1 : 0));
  const nEvents = e.reduce((a: number, b) => a + b, 0);
  if (nEvents === 0) throw new EvalInputError(`calibrationSlopeAtHorizon: no events by t = ${t0}`);
  const x = risk.map((r) => [Math.log(-Math.log1p(-r))]);
  const fit = fitCoxMatrix(t, e, x, { ties: "efron", terms: ["log(-log(1 - risk))"] });
  const slope = fit.coef[0];
  const se = Math.sqrt(fit.vcov[0][0]);
  if (!fit.converged || !Number.isFinite(slope) || !Number.isFinite(se)) {
    throw new EvalInputError(
      `calibrationSlopeAtHorizon: the Cox fit on log(−log(1 − risk)) did not converge (risk may order every event perfectly)`,
    );
  }
  const z = (slope - 1) / se;
  return { slope, se, z, pValue: normalTwoSided(z), nEvents };
}

/** Options of {@link survivalCalibrationAtHorizons}. */
export interface SurvivalCalibrationHorizonsOptions extends SurvivalCalibrationOptions {
  /** Label of each horizon (default `t = <t0>`), e.g. "6 months". */
  readonly labels?: readonly string[];
}

/** Survival calibration at several horizons. */
export interface SurvivalCalibrationSet {
  readonly horizons: readonly number[];
  readonly labels: readonly string[];
  readonly results: readonly SurvivalCalibration[];
}

/**
 * {@link survivalCalibration} at each horizon `times[k]` with the risks `riskByTime[k]` (time k,
 * patient i; e.g. FittedCox.predictRiskByTime), same groups rule at every horizon.
 */
export function survivalCalibrationAtHorizons(
  time: readonly number[],
  status: readonly number[],
  riskByTime: readonly (readonly number[])[],
  times: readonly number[],
  options: SurvivalCalibrationHorizonsOptions = {},
): SurvivalCalibrationSet {
  if (riskByTime.length !== times.length) {
    throw new EvalInputError(
      `survivalCalibrationAtHorizons: ${riskByTime.length} risk vectors for ${times.length} horizons`,
    );
  }
  const labels = options.labels ?? times.map((t) => `t = ${t}`);
  if (labels.length !== times.length) {
    throw new EvalInputError(
      `survivalCalibrationAtHorizons: option "labels": expected ${times.length} labels, got ${labels.length}`,
    );
  }
  return {
    horizons: times,
    labels,
    results: times.map((t0, k) =>
      survivalCalibration(time, status, riskByTime[k] as number[], t0, {
        ...options,
        source: `${options.source ?? "data"} (${labels[k]})`,
      })
    ),
  };
}
