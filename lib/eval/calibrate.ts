/**
 * Bootstrap bias-corrected calibration curve of a logistic model, as rms::calibrate (calibrate.default
 * for an lrm fit, `method = "boot"`, smoother lowess, print.calibrate's error summary).
 *
 * Curve of a sample: s = lowess(p, y, f = 2/3, iter = 0, delta = 0.01 × range p) (R's lowess on (p, y)
 * sorted by p, stably), linearly interpolated at the grid `predy` (ties averaged), undefined (NaN)
 * outside [min p, max p] of that sample. Default grid (rms): 50 equally spaced points from the 5th
 * smallest to the 5th largest apparent prediction (R's seq(from, to, length.out = 50)).
 * apparent: calibrated_orig = s(predy) of the fit on all rows, index_orig = calibrated_orig − predy.
 * For each resample: refit; train error = s_train(predy) − predy (refit predictions and outcomes of the
 * resampled rows), test error = s_test(predy) − predy (refit predictions on the original rows). At each
 * grid point only resamples with both errors defined count (n_used); optimism = mean train − mean
 * test; calibrated_corrected = calibrated_orig − optimism.
 * Error summary: err = p − c(p) for the apparent predictions ranked 5..n − 4 (inside [predy₁, predy₅₀];
 * by rank, since the grid ends are predictions themselves), c = linear interpolation of (predy,
 * calibrated_corrected) with the end values at the two boundary ranks; mean |err|, mean err², 0.9
 * quantile (type 7) of |err|.
 * References: Harrell FE, Regression Modeling Strategies, 2nd ed. (2015), §10.11; Austin & Steyerberg
 * (2014) Stat Med 33:517–535; R: rms::calibrate, print.calibrate, stats::lowess, approx.
 */
import { createRng } from "../random/rng.ts";
import { plogis } from "../models/irls.ts";
import { meanOnePass, quantileSorted } from "../stats/quantile.ts";
import { approxTiesMean, lowess } from "./lowess.ts";
import type { ModelRecipe, RecipeStep } from "./recipe.ts";
import { resolveResamples, type ValidateOptions } from "./validate.ts";

/** Options of {@link calibrate}. */
export interface CalibrateOptions extends Omit<ValidateOptions, "emaxGridStep"> {
  /** Grid of predicted risks (default rms's: 50 points from p₍₅₎ to p₍ₙ₋₄₎). */
  readonly predy?: readonly number[];
  /** Lowess span (default 2/3). */
  readonly f?: number;
}

/** Result of {@link calibrate}. */
export interface CalibrateResult {
  readonly label: string;
  readonly n: number;
  readonly nEvents: number;
  readonly nResamples: number;
  readonly nFailed: number;
  readonly failures: readonly string[];
  readonly steps: readonly RecipeStep[];
  readonly predy: readonly number[];
  readonly calibratedOrig: readonly number[];
  readonly calibratedCorrected: readonly number[];
  readonly indexOrig: readonly number[];
  readonly train: readonly number[];
  readonly test: readonly number[];
  readonly optimism: readonly number[];
  readonly indexCorrected: readonly number[];
  readonly nUsed: readonly number[];
  readonly meanAbsError: number;
  readonly meanSquaredError: number;
  readonly quantile90AbsError: number;
  readonly nError: number;
  /** Apparent predictions (for a rug or histogram under the curve). */
  readonly apparentPredictions: readonly number[];
  readonly seed: number | null;
}

/** R's seq(from, to, length.out = m): from, from + k·by (k = 1..m − 2), to; by = (to − from)/(m − 1). */
export function seqLength(from: number, to: number, m: number): number[] {
  if (m === 1) return [from];
  const by = (to - from) / (m - 1);
  return [from, ...Array.from({ length: m - 2 }, (_, k) => from + (k + 1) * by), to];
}

/** rms's default calibration grid: 50 points from the 5th smallest to the 5th largest prediction. */
export function defaultPredy(p: readonly number[]): number[] {
  if (p.length < 10) {
    throw new Error(`calibrate: need at least 10 rows for the default grid, got ${p.length}`);
  }
  const s = [...p].sort((a, b) => a - b);
  return seqLength(s[4], s[s.length - 5], 50);
}

/** Lowess calibration curve of (p, y) at `predy` (NaN outside the range of p). */
export function lowessCurve(
  p: readonly number[],
  y: readonly number[],
  predy: readonly number[],
  f = 2 / 3,
): number[] {
  const sm = lowess(p, y, { f, iter: 0 });
  return approxTiesMean(sm.x, sm.y, predy);
}

/**
 * The bias-corrected calibration curve of a logistic recipe on `data` (see the module documentation).
 *
 *   const c = calibrate(logisticRecipe({ outcome: "y", predictors }), train, { B: 200, seed });
 */
export function calibrate<D>(
  recipe: ModelRecipe<D>,
  data: D,
  options: CalibrateOptions = {},
): CalibrateResult {
  if (recipe.model !== "logistic") {
    throw new Error(`calibrate: recipe "${recipe.label}" is not a logistic model`);
  }
  const f = options.f ?? 2 / 3;
  const n = recipe.nRows(data);
  const resamples = resolveResamples(options, n, "calibrate");
  const resp = recipe.response(data);
  if (resp.kind !== "binary") throw new Error(`calibrate: recipe "${recipe.label}" needs a binary response`);
  const y = resp.y;
  const all = Array.from({ length: n }, (_, i) => i);
  const root = createRng(options.seed ?? 1);
  const fit0 = recipe.fit(data, all, { resample: 0, rng: root.fork("apparent") });
  const p0 = fit0.lp(all).map(plogis);
  const predy = options.predy ? [...options.predy] : defaultPredy(p0);
  predy.forEach((v, k) => {
    if (!(v >= 0 && v <= 1)) {
      throw new Error(`calibrate option "predy"[${k}]: must be a probability, got ${v}`);
    }
  });
  const G = predy.length;
  const calOrig = lowessCurve(p0, y, predy, f);
  const sumTr = new Array<number>(G).fill(0);
  const sumTe = new Array<number>(G).fill(0);
  const nUsed = new Array<number>(G).fill(0);
  const failures: string[] = [];
  let nFailed = 0;
  resamples.forEach((rows, b) => {
    try {
      const fb = recipe.fit(data, rows, { resample: b + 1, rng: root.fork(`resample-${b + 1}`) });
      const ptr = fb.lp(rows).map(plogis);
      const pte = fb.lp(all).map(plogis);
      if (!ptr.every(Number.isFinite) || !pte.every(Number.isFinite)) {
        throw new Error("non-finite predictions");
      }
      const ctr = lowessCurve(ptr, rows.map((i) => y[i]), predy, f);
      const cte = lowessCurve(pte, y, predy, f);
      for (let k = 0; k < G; k++) {
        if (Number.isNaN(ctr[k]) || Number.isNaN(cte[k])) continue;
        sumTr[k] += ctr[k] - predy[k];
        sumTe[k] += cte[k] - predy[k];
        nUsed[k]++;
      }
    } catch (e) {
      nFailed++;
      if (failures.length < 10) failures.push(`resample ${b + 1}: ${(e as Error).message}`);
    }
    options.onProgress?.(b + 1, resamples.length);
  });
  const train = sumTr.map((s, k) => (nUsed[k] > 0 ? s / nUsed[k] : NaN));
  const test = sumTe.map((s, k) => (nUsed[k] > 0 ? s / nUsed[k] : NaN));
  const optimism = train.map((t, k) => t - test[k]);
  const indexOrig = calOrig.map((c, k) => c - predy[k]);
  const indexCorrected = indexOrig.map((v, k) => v - optimism[k]);
  const calCorr = calOrig.map((c, k) => c - optimism[k]);
  // Error summary over the apparent predictions ranked 5..n − 4.
  const sorted = [...p0].sort((a, b) => a - b);
  const inner = sorted.slice(4, n - 4);
  const c = approxTiesMean(predy, calCorr, inner.map((v) => Math.min(Math.max(v, predy[0]), predy[G - 1])));
  c[0] = calCorr[0];
  c[c.length - 1] = calCorr[G - 1];
  const err = inner.map((v, i) => v - c[i]);
  const abs = err.map(Math.abs).sort((a, b) => a - b);
  return {
    label: recipe.label,
    n,
    nEvents: y.reduce((a, v) => a + v, 0),
    nResamples: resamples.length,
    nFailed,
    failures,
    steps: recipe.steps,
    predy,
    calibratedOrig: calOrig,
    calibratedCorrected: calCorr,
    indexOrig,
    train,
    test,
    optimism,
    indexCorrected,
    nUsed,
    meanAbsError: meanOnePass(abs),
    meanSquaredError: err.reduce((a, v) => a + v * v, 0) / err.length,
    quantile90AbsError: quantileSorted(abs, 0.9),
    nError: err.length,
    apparentPredictions: p0,
    seed: options.resamples ? null : options.seed ?? 1,
  };
}
