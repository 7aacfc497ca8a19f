/**
 * Decision curve analysis: net benefit of treating by a model, of treating all and of treating none,
 * over threshold probabilities pt, with optional bootstrap bands.
 *
 * At threshold pt a patient is treated when p >= pt ("p >= threshold", as dcurves::dca). With TP and
 * FP the treated patients with y = 1 and y = 0, n rows and prevalence π:
 *   NB_model(pt) = TP/n − FP/n · pt/(1 − pt),
 *   NB_all(pt)   = π − (1 − π) · pt/(1 − pt),
 *   NB_none(pt)  = 0,
 *   standardized NB = NB / π (Kerr et al. 2016).
 * Thresholds must lie in [0, 1); the default grid is 0.01, 0.02, …, 0.99 (k/100, exact decimals).
 *
 * Bootstrap bands (optional): stratified resamples of the rows (see `bootstrap.ts`), NB_model and
 * NB_all recomputed at every threshold, pointwise percentile bands (type-7 quantiles). They are
 * pointwise, not simultaneous.
 *
 * References: Vickers & Elkin (2006) Med Decis Making 26:565; Vickers et al. (2019) Diagn Progn Res
 * 3:18; Kerr et al. (2016) Med Decis Making 36:714; R: dcurves::dca, rmda::decision_curve.
 */
import type { Rng } from "../random/rng.ts";
import { checkBinary, checkProbabilities, EvalInputError } from "../stats/binary_input.ts";
import { checkConfLevel, checkInteger } from "../io/options.ts";
import { bootstrapLabel, resampleIndices } from "./bootstrap.ts";
import { quantileSorted } from "../stats/quantile.ts";

/** Net benefit curves. */
export interface DecisionCurve {
  readonly n: number;
  readonly prevalence: number;
  readonly threshold: readonly number[];
  readonly truePositives: readonly number[];
  readonly falsePositives: readonly number[];
  readonly netBenefit: {
    readonly model: readonly number[];
    readonly treatAll: readonly number[];
    readonly treatNone: readonly number[];
  };
  /** NB_model / prevalence (null when the prevalence is 0). */
  readonly standardizedNetBenefit: readonly (number | null)[];
  readonly treatRule: "p >= threshold";
}

/** Options of {@link decisionCurve}. */
export interface DecisionCurveOptions {
  /** Threshold probabilities in [0, 1) (default 0.01 … 0.99 by 0.01). */
  readonly thresholds?: readonly number[];
}

/** The default threshold grid 0.01, 0.02, …, 0.99. */
export function defaultThresholds(): number[] {
  return Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
}

function checkThresholds(where: string, ts: readonly number[]): void {
  if (ts.length === 0) throw new EvalInputError(`${where}: option "thresholds" is empty`);
  ts.forEach((t, k) => {
    if (!(t >= 0 && t < 1)) {
      throw new EvalInputError(`${where}: option "thresholds"[${k}]: must be in [0, 1), got ${t}`);
    }
  });
}

function netBenefitAt(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  idx: ArrayLike<number> | null,
  thresholds: readonly number[],
) {
  const n = idx ? idx.length : y.length;
  let events = 0;
  const tp = new Array<number>(thresholds.length).fill(0);
  const fp = new Array<number>(thresholds.length).fill(0);
  for (let r = 0; r < n; r++) {
    const i = idx ? idx[r] : r;
    events += y[i];
    for (let k = 0; k < thresholds.length; k++) {
      if (p[i] >= thresholds[k]) {
        if (y[i] === 1) tp[k]++;
        else fp[k]++;
      }
    }
  }
  const prevalence = events / n;
  const model = thresholds.map((t, k) => tp[k] / n - (fp[k] / n) * (t / (1 - t)));
  const treatAll = thresholds.map((t) => prevalence - (1 - prevalence) * (t / (1 - t)));
  return { n, prevalence, tp, fp, model, treatAll };
}

/** Net benefit of the model, treat-all and treat-none at each threshold (Vickers & Elkin 2006). */
export function decisionCurve(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: DecisionCurveOptions = {},
): DecisionCurve {
  checkBinary("decisionCurve", y);
  checkProbabilities("decisionCurve", "p", p, y.length);
  const thresholds = [...(options.thresholds ?? defaultThresholds())];
  checkThresholds("decisionCurve", thresholds);
  const r = netBenefitAt(y, p, null, thresholds);
  return {
    n: r.n,
    prevalence: r.prevalence,
    threshold: thresholds,
    truePositives: r.tp,
    falsePositives: r.fp,
    netBenefit: { model: r.model, treatAll: r.treatAll, treatNone: thresholds.map(() => 0) },
    standardizedNetBenefit: r.model.map((v) => (r.prevalence > 0 ? v / r.prevalence : null)),
    treatRule: "p >= threshold",
  };
}

/** Options of {@link decisionCurveBands}. */
export interface DecisionCurveBandOptions extends DecisionCurveOptions {
  /** Resamples (default 2000). */
  readonly B?: number;
  /** Band level (default 0.95). */
  readonly confLevel?: number;
  /** Resample within outcome classes (default true). */
  readonly stratified?: boolean;
  /** Seed written in the label (default rng.seed). */
  readonly seedLabel?: number | string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Pointwise bootstrap bands of the net benefit. */
export interface DecisionCurveBands {
  readonly threshold: readonly number[];
  readonly model: { readonly lower: readonly number[]; readonly upper: readonly number[] };
  readonly treatAll: { readonly lower: readonly number[]; readonly upper: readonly number[] };
  /** e.g. "95% pointwise band, stratified bootstrap, 2,000 resamples, percentile, seed 20250411". */
  readonly method: string;
  readonly B: number;
}

/** Decision curve plus pointwise percentile bootstrap bands of NB_model and NB_all. */
export function decisionCurveBands(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  rng: Rng,
  options: DecisionCurveBandOptions = {},
): { curve: DecisionCurve; bands: DecisionCurveBands } {
  const curve = decisionCurve(y, p, options);
  const B = checkInteger("decisionCurveBands", "B", options.B ?? 2000, 2);
  const confLevel = checkConfLevel("decisionCurveBands", options.confLevel ?? 0.95);
  const stratified = options.stratified ?? true;
  const ts = curve.threshold;
  const n = y.length;
  const groups: Int32Array[] = stratified
    ? [0, 1].map((c) => Int32Array.from([...Array(n).keys()].filter((i) => y[i] === c))).filter((g) =>
      g.length > 0
    )
    : [Int32Array.from({ length: n }, (_, i) => i)];
  const repsModel = ts.map(() => new Float64Array(B));
  const repsAll = ts.map(() => new Float64Array(B));
  const idx = new Int32Array(n);
  const step = Math.max(1, Math.floor(B / 100));
  for (let b = 0; b < B; b++) {
    resampleIndices(groups, rng, idx);
    const r = netBenefitAt(y, p, idx, ts);
    for (let k = 0; k < ts.length; k++) {
      repsModel[k][b] = r.model[k];
      repsAll[k][b] = r.treatAll[k];
    }
    if (options.onProgress && ((b + 1) % step === 0 || b + 1 === B)) options.onProgress(b + 1, B);
  }
  const alpha = 1 - confLevel;
  const band = (reps: Float64Array[]) => {
    const lower: number[] = [], upper: number[] = [];
    for (const r of reps) {
      const s = Float64Array.from(r).sort();
      lower.push(quantileSorted(s, alpha / 2));
      upper.push(quantileSorted(s, 1 - alpha / 2));
    }
    return { lower, upper };
  };
  const label = bootstrapLabel({
    confLevel,
    B,
    type: "percentile",
    seed: options.seedLabel ?? rng.seed,
    stratified,
  })
    .replace(" CI,", " pointwise band,");
  return {
    curve,
    bands: { threshold: ts, model: band(repsModel), treatAll: band(repsAll), method: label, B },
  };
}
