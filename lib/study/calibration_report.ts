/**
 * Calibration of the study's models (paper Figure 5C and its Hosmer–Lemeshow tests), as data and
 * tables: per model and set the calibration-in-the-large and slope, the Hosmer–Lemeshow test (g = 10
 * quantile groups of p̂, ties merged, df = groups formed − 2), rms::val.prob's Eavg/Emax and the Brier
 * score; curves (lowess with a bootstrap band, and binned) for the figure; and the prior (intercept)
 * correction of a model fitted on SMOTE-balanced data back to the cohort's prevalence.
 */
import type { Rng } from "../random/rng.ts";
import { type ReportTable, reportTable } from "../report/table.ts";
import { formatP } from "../stats/format.ts";
import { binnedCalibration, calibrationSummary, smoothCalibration } from "../eval/calibration.ts";
import { hosmerLemeshow } from "../eval/hosmer_lemeshow.ts";
import { priorCorrect } from "../eval/prior_correction.ts";
import type { CalibrationSeries } from "../plot/calibration_curve.ts";
import type { StudyPredictions } from "./predictions.ts";

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

/** One row of the calibration table. */
export interface CalibrationRow {
  readonly model: string;
  readonly set: string;
  readonly n: number;
  readonly observedRate: number;
  readonly meanPredicted: number;
  readonly citl: number;
  readonly slope: number;
  readonly hlStatistic: number;
  readonly hlDf: number;
  readonly hlP: number;
  readonly eavg: number;
  readonly emax: number;
  readonly brier: number;
}

/** Calibration statistics of every model on the given sets (default all). */
export function calibrationRows(
  sp: StudyPredictions,
  sets?: readonly string[],
  hlGroups = 10,
): CalibrationRow[] {
  const rows: CalibrationRow[] = [];
  for (const m of Object.values(sp.models)) {
    for (const [set, ps] of Object.entries(m.sets)) {
      if (sets && !sets.includes(set)) continue;
      const cs = calibrationSummary(ps.y, ps.p);
      const hl = hosmerLemeshow(ps.y, ps.p, { g: hlGroups });
      rows.push({
        model: m.label,
        set,
        n: cs.n,
        observedRate: cs.observedRate,
        meanPredicted: cs.meanPredicted,
        citl: cs.calibrationInTheLarge.intercept,
        slope: cs.recalibration.slope,
        hlStatistic: hl.statistic,
        hlDf: hl.df,
        hlP: hl.pValue,
        eavg: cs.valProb.Eavg,
        emax: cs.valProb.Emax,
        brier: cs.valProb.Brier,
      });
    }
  }
  return rows;
}

/** The calibration table (ReportTable) with method notes. */
export function calibrationTable(
  sp: StudyPredictions,
  options: { sets?: readonly string[]; title?: string; hlGroups?: number } = {},
): ReportTable {
  const g = options.hlGroups ?? 10;
  const rows = calibrationRows(sp, options.sets, g).map((r) => ({
    Model: r.model,
    Set: r.set,
    n: r.n,
    "Observed rate": r4(r.observedRate),
    "Mean predicted": r4(r.meanPredicted),
    "Calibration-in-the-large": r4(r.citl),
    "Calibration slope": r4(r.slope),
    "HL C": r4(r.hlStatistic),
    "HL df": r.hlDf,
    "HL p": Number.isFinite(r.hlP) ? formatP(r.hlP) : "NA (df 0)",
    Eavg: r4(r.eavg),
    Emax: r4(r.emax),
    Brier: r4(r.brier),
  }));
  return reportTable(options.title ?? "Calibration of the three models", rows, {
    notes: [
      "Calibration-in-the-large: intercept of y ~ offset(logit p̂); calibration slope: slope of y ~ logit p̂ (ideal 0 and 1).",
      `Hosmer–Lemeshow: g = ${g} groups at type-7 quantiles of p̂, right-closed intervals, tied breaks merged, df = groups formed − 2 (R ResourceSelection::hoslem.test groups).`,
      "Eavg, Emax: mean and maximum |lowess(y ~ p̂) − p̂| (rms::val.prob, lowess f = 2/3, iter = 0); Brier: mean (y − p̂)².",
    ],
  });
}

/** Curves of every model on one set for calibrationCurveFigure (bootstrap band with `B` resamples). */
export function calibrationSeries(
  sp: StudyPredictions,
  set: string,
  rng: Rng,
  options: { B?: number; groups?: number } = {},
): CalibrationSeries[] {
  return Object.entries(sp.models).map(([key, m]) => {
    const ps = m.sets[set];
    if (!ps) throw new Error(`calibrationSeries: model "${key}" has no set "${set}"`);
    const cs = calibrationSummary(ps.y, ps.p);
    return {
      label: m.label,
      smooth: smoothCalibration(ps.y, ps.p, {
        B: options.B ?? 200,
        rng: rng.fork(`calibration:${key}:${set}`),
      }),
      binned: binnedCalibration(ps.y, ps.p, { groups: options.groups ?? 5 }),
      intercept: cs.calibrationInTheLarge.intercept,
      slope: cs.recalibration.slope,
    };
  });
}

/**
 * Models fitted on resampled data (fittedPrevalence set), with their probabilities shifted back to
 * the cohort's training prevalence `piTrue` by the prior correction logit p' = logit p + log(π/(1−π)) −
 * log(π_s/(1−π_s)). Returns a StudyPredictions holding the original and the corrected model side by side.
 */
export function priorCorrected(sp: StudyPredictions, piTrue: number): StudyPredictions {
  const models: Record<string, StudyPredictions["models"][string]> = {};
  for (const [k, m] of Object.entries(sp.models)) {
    if (m.fittedPrevalence === undefined) continue;
    models[k] = m;
    const sets: Record<string, (typeof m.sets)[string]> = {};
    for (const [s, ps] of Object.entries(m.sets)) {
      const p = priorCorrect(ps.p, piTrue, m.fittedPrevalence);
      sets[s] = { ...ps, p, lp: p.map((v) => Math.log(v / (1 - v))) };
    }
    models[`${k}_corrected`] = {
      label: `${m.label}, prior-corrected`,
      fittedOn: `${m.fittedOn}; intercept shifted from prevalence ${m.fittedPrevalence.toFixed(3)} to ${
        piTrue.toFixed(3)
      }`,
      sets,
    };
  }
  return { outcome: sp.outcome, models };
}
