/**
 * One-call evaluation of prediction models: AUC with its DeLong interval, Brier score (and scaled
 * Brier) with stratified bootstrap intervals, ROC curves with Youden cut-offs, decision curves and
 * paired DeLong comparisons, for several models on several sets (e.g. train and test). Everything
 * Table 3, the ROC figure and the decision-curve figure need, with every interval labelled by its
 * method and parameters.
 *
 * Resampling: for each (model, set) the bootstrap starts from `createRng(seed)`, so all models on one
 * set use the same resampled patients (paired resamples) and any single interval can be reproduced
 * from its label alone (`bootstrap(y, stat, createRng(seed), {B})`).
 *
 * Inputs are predicted probabilities p ∈ [0, 1] (the Brier score needs probabilities; pass
 * plogis(Radscore) for a signature, not the raw score); the AUC direction is "<" (higher risk =
 * case) unless given, and is never chosen from the data.
 *
 * Degenerate inputs (documented, never NaN in a result): one class only → AUC fields null with a
 * note, Brier defined, scaled Brier null; perfect separation or constant predictions → DeLong CI of
 * zero width with a note; bootstrap resamples without a value are counted and reported.
 *
 * References: pROC (Robin et al. 2011); Steyerberg (2019) Clinical Prediction Models, 2nd ed., ch. 15;
 * Vickers & Elkin (2006).
 */
import { createRng } from "../random/rng.ts";
import {
  checkBinary,
  checkProbabilities,
  type Direction,
  EvalInputError,
  formatCount,
  formatLevel,
} from "../stats/binary_input.ts";
import { bootstrap, type BootstrapCiType, type BootstrapResult } from "./bootstrap.ts";
import { brierScore } from "./brier.ts";
import { type DecisionCurve, decisionCurve, type DecisionCurveBands, decisionCurveBands } from "./dca.ts";
import { delongAuc, type DeLongTest, delongTest } from "../stats/delong.ts";
import { placementValues } from "../stats/auc.ts";
import { type RocCurve, rocCurve } from "./roc.ts";
import { bestThresholds, type RocCoord } from "./roc_coords.ts";

/** An estimate with its interval and the interval's method label. */
export interface Interval {
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** e.g. "95% CI, DeLong" or "95% CI, stratified bootstrap, 2,000 resamples, percentile, seed 20250411". */
  readonly method: string;
  /** Degenerate or unusual interval explained, or null. */
  readonly note: string | null;
}

/** Options of {@link metricsSummary} and {@link evaluateModels}. */
export interface SummaryOptions {
  /** Bootstrap resamples (default 2000). */
  readonly B?: number;
  /** Seed of the bootstrap (default 1; studies pass their spec's analysis seed). */
  readonly seed?: number;
  /** Confidence level (default 0.95). */
  readonly confLevel?: number;
  /** Bootstrap interval type for Brier (and bootstrap AUC) (default "percentile"). */
  readonly ciType?: BootstrapCiType;
  /** Also compute a bootstrap interval of the AUC (default true). */
  readonly aucBootstrap?: boolean;
  /** ROC direction (default "<": higher predicted risk = case). */
  readonly direction?: Direction;
  /** Progress over all bootstrap loops: onProgress(done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Metrics of one model on one set. */
export interface MetricsSummary {
  readonly n: number;
  readonly nEvents: number;
  readonly prevalence: number;
  /** Empirical AUC with its DeLong interval. */
  readonly auc: Interval & { readonly se: number | null };
  /** Empirical AUC with a stratified bootstrap interval (null when not requested). */
  readonly aucBootstrap: Interval | null;
  /** Brier score with a stratified bootstrap interval. */
  readonly brier: Interval;
  /** Brier score of predicting the observed prevalence of the same rows. */
  readonly brierNull: number;
  /** 1 − Brier / Brier_null with a stratified bootstrap interval. */
  readonly scaledBrier: Interval;
  readonly warnings: readonly string[];
}

const DEFAULTS = {
  B: 2000,
  seed: 1,
  confLevel: 0.95,
  ciType: "percentile" as BootstrapCiType,
  aucBootstrap: true,
  direction: "<" as Direction,
};

function resolve(o: SummaryOptions) {
  return {
    B: o.B ?? DEFAULTS.B,
    seed: o.seed ?? DEFAULTS.seed,
    confLevel: o.confLevel ?? DEFAULTS.confLevel,
    ciType: o.ciType ?? DEFAULTS.ciType,
    aucBootstrap: o.aucBootstrap ?? DEFAULTS.aucBootstrap,
    direction: o.direction ?? DEFAULTS.direction,
  };
}

function fromBootstrap(r: BootstrapResult, type: BootstrapCiType, estimate: number | null): Interval {
  const ci = type === "bca" ? r.bca : r.percentile;
  if (!ci) {
    return { estimate, lower: null, upper: null, method: r.percentile.method, note: "BCa not computed" };
  }
  const notes = [ci.note, ...r.warnings].filter((s): s is string => !!s);
  return {
    estimate,
    lower: ci.lower,
    upper: ci.upper,
    method: ci.method,
    note: notes.length ? [...new Set(notes)].join("; ") : null,
  };
}

/** Number of bootstrap loops one summary runs (for progress totals). */
function loopsPerSummary(aucBoot: boolean): number {
  return aucBoot ? 3 : 2;
}

/**
 * AUC (DeLong CI, optional bootstrap CI), Brier and scaled Brier (stratified bootstrap CIs) of one
 * model on one set.
 */
export function metricsSummary(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: SummaryOptions = {},
): MetricsSummary {
  const o = resolve(options);
  checkBinary("metricsSummary", y);
  checkProbabilities("metricsSummary", "p", p, y.length);
  const yy = Float64Array.from(y as ArrayLike<number>), pp = Float64Array.from(p as ArrayLike<number>);
  const n = yy.length;
  const nEvents = yy.reduce((s, v) => s + v, 0);
  const warnings: string[] = [];
  const bs = brierScore(yy, pp);

  // AUC, DeLong
  let auc: MetricsSummary["auc"];
  const delongMethod = `${formatLevel(o.confLevel)} CI, DeLong`;
  if (nEvents === 0 || nEvents === n) {
    const why = `AUC undefined: ${nEvents === 0 ? "no events" : "no non-events"} among ${n} rows`;
    warnings.push(why);
    auc = { estimate: null, lower: null, upper: null, se: null, method: delongMethod, note: why };
  } else {
    const d = delongAuc(yy, pp, { direction: o.direction, confLevel: o.confLevel });
    auc = { estimate: d.auc, lower: d.lower, upper: d.upper, se: d.se, method: d.method, note: d.degenerate };
    if (d.auc < 0.5) {
      warnings.push(
        `AUC ${
          d.auc.toFixed(3)
        } is below 0.5: the model ranks worse than chance on these rows; the direction stays "${o.direction}" (fixed by the model, not flipped)`,
      );
    }
  }

  const total = loopsPerSummary(o.aucBootstrap) * o.B;
  let offset = 0;
  const progress = (done: number) => options.onProgress?.(offset + done, total);
  const bopts = {
    B: o.B,
    confLevel: o.confLevel,
    stratified: true,
    bca: o.ciType === "bca",
    onProgress: progress,
  };

  const sign = o.direction === "<" ? 1 : -1;
  const aucStat = (idx: Int32Array) => {
    const cases: number[] = [], controls: number[] = [];
    for (const i of idx) (yy[i] === 1 ? cases : controls).push(sign * pp[i]);
    if (cases.length === 0 || controls.length === 0) return NaN;
    return placementValues(cases, controls).auc;
  };
  const brierStat = (idx: Int32Array) => {
    let s = 0;
    for (const i of idx) s += (pp[i] - yy[i]) ** 2;
    return s / idx.length;
  };
  const scaledStat = (idx: Int32Array) => {
    let s = 0, e = 0;
    for (const i of idx) {
      s += (pp[i] - yy[i]) ** 2;
      e += yy[i];
    }
    const prev = e / idx.length;
    const b0 = prev * (1 - prev);
    return b0 > 0 ? 1 - s / idx.length / b0 : NaN;
  };

  let aucBootstrap: Interval | null = null;
  if (o.aucBootstrap) {
    if (auc.estimate === null) {
      aucBootstrap = {
        estimate: null,
        lower: null,
        upper: null,
        method: "bootstrap not run",
        note: auc.note,
      };
      offset += o.B;
    } else {
      const r = bootstrap(yy, aucStat, createRng(o.seed), { ...bopts, seedLabel: o.seed });
      aucBootstrap = fromBootstrap(r, o.ciType, auc.estimate);
      offset += o.B;
    }
  }
  const rb = bootstrap(yy, brierStat, createRng(o.seed), { ...bopts, seedLabel: o.seed });
  offset += o.B;
  const brier = fromBootstrap(rb, o.ciType, bs.brier);
  let scaledBrier: Interval;
  if (bs.scaledBrier === null) {
    scaledBrier = { estimate: null, lower: null, upper: null, method: brier.method, note: bs.note };
    warnings.push(bs.note!);
    options.onProgress?.(total, total);
  } else {
    const rs = bootstrap(yy, scaledStat, createRng(o.seed), { ...bopts, seedLabel: o.seed });
    scaledBrier = fromBootstrap(rs, o.ciType, bs.scaledBrier);
  }
  return {
    n,
    nEvents,
    prevalence: bs.prevalence,
    auc,
    aucBootstrap,
    brier,
    brierNull: bs.brierNull,
    scaledBrier,
    warnings,
  };
}

/** Outcomes and predicted probabilities of one model on one set. */
export interface Predictions {
  readonly y: ArrayLike<number>;
  readonly p: ArrayLike<number>;
}

/** model name → set name → predictions, e.g. `{ clinical: { train: {y, p}, test: {y, p} }, ... }`. */
export type PredictionsByModel = Readonly<Record<string, Readonly<Record<string, Predictions | undefined>>>>;

/** Options of {@link evaluateModels}. */
export interface EvaluateOptions extends SummaryOptions {
  /** Display names of the models (default: the keys), e.g. `{ clinical: "Clinical model" }`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Decision-curve thresholds (default 0.01 … 0.99). */
  readonly dcaThresholds?: readonly number[];
  /** Pointwise bootstrap bands of the decision curves (default false). */
  readonly dcaBands?: boolean;
  /** Paired DeLong tests of every pair of models on each set (default true). */
  readonly compare?: boolean;
}

/** One row of the evaluation: a model on a set. */
export interface ModelSetResult extends MetricsSummary {
  readonly model: string;
  readonly label: string;
  readonly set: string;
  /** ROC curve (null with one class only). */
  readonly roc: RocCurve | null;
  /** Youden-optimal thresholds (all ties). */
  readonly youden: readonly RocCoord[];
  readonly dca: DecisionCurve;
  readonly dcaBands: DecisionCurveBands | null;
}

/** Paired DeLong comparison of two models on one set. */
export interface ModelComparison {
  readonly set: string;
  readonly model1: string;
  readonly model2: string;
  readonly test: DeLongTest;
}

/** Everything Table 3, the ROC figure and the decision-curve figure need. */
export interface Evaluation {
  readonly models: readonly string[];
  readonly sets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly results: readonly ModelSetResult[];
  readonly comparisons: readonly ModelComparison[];
  /** Settings used (echoed). */
  readonly settings: {
    readonly B: number;
    readonly seed: number;
    readonly confLevel: number;
    readonly ciType: BootstrapCiType;
    readonly direction: Direction;
  };
  /** Method notes for tables and figure captions. */
  readonly methods: readonly string[];
  readonly warnings: readonly string[];
}

/** Find one model/set result (throws naming what exists when absent). */
export function resultFor(e: Evaluation, model: string, set: string): ModelSetResult {
  const r = e.results.find((x) => x.model === model && x.set === set);
  if (!r) {
    throw new EvalInputError(
      `evaluation: no result for model "${model}" on set "${set}" (models: ${e.models.join(", ")}; sets: ${
        e.sets.join(", ")
      })`,
    );
  }
  return r;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Evaluate several models on several sets in one call:
 * `evaluateModels({ clinical: {train: {y, p}, test: {y, p}}, radiomics: {...}, nomogram: {...} }, {B, seed})`.
 * Sets are listed in order of first appearance; models in key order.
 */
export function evaluateModels(models: PredictionsByModel, options: EvaluateOptions = {}): Evaluation {
  const o = resolve(options);
  const names = Object.keys(models);
  if (names.length === 0) throw new EvalInputError("evaluateModels: no models given");
  const sets: string[] = [];
  for (const m of names) {
    for (const s of Object.keys(models[m])) if (models[m][s] && !sets.includes(s)) sets.push(s);
  }
  const labels: Record<string, string> = Object.fromEntries(names.map((m) => [m, options.labels?.[m] ?? m]));
  const jobs: { model: string; set: string; d: Predictions }[] = [];
  for (const s of sets) {
    for (const m of names) {
      const d = models[m][s];
      if (d) jobs.push({ model: m, set: s, d });
    }
  }
  const per = loopsPerSummary(o.aucBootstrap) * o.B + (options.dcaBands ? o.B : 0);
  const total = per * jobs.length;
  const results: ModelSetResult[] = [];
  const warnings: string[] = [];
  jobs.forEach((job, k) => {
    const where = `model "${job.model}", set "${job.set}"`;
    const base = k * per;
    let summary: MetricsSummary;
    try {
      summary = metricsSummary(job.d.y, job.d.p, {
        ...o,
        onProgress: options.onProgress ? (done) => options.onProgress!(base + done, total) : undefined,
      });
    } catch (e) {
      if (e instanceof EvalInputError) throw new EvalInputError(`${where}: ${e.message}`);
      throw e;
    }
    const both = summary.nEvents > 0 && summary.nEvents < summary.n;
    const roc = both ? rocCurve(job.d.y, job.d.p, { direction: o.direction }) : null;
    const dca = decisionCurve(job.d.y, job.d.p, { thresholds: options.dcaThresholds });
    const bands = options.dcaBands
      ? decisionCurveBands(job.d.y, job.d.p, createRng(o.seed), {
        thresholds: options.dcaThresholds,
        B: o.B,
        confLevel: o.confLevel,
        seedLabel: o.seed,
        onProgress: options.onProgress
          ? (done) => options.onProgress!(base + per - o.B + done, total)
          : undefined,
      }).bands
      : null;
    for (const w of summary.warnings) warnings.push(`${where}: ${w}`);
    results.push({
      ...summary,
      model: job.model,
      label: labels[job.model],
      set: job.set,
      roc,
      youden: roc ? bestThresholds(roc, "youden") : [],
      dca,
      dcaBands: bands,
    });
  });
  const comparisons: ModelComparison[] = [];
  if (options.compare ?? true) {
    for (const s of sets) {
      for (let a = 0; a < names.length; a++) {
        for (let b = a + 1; b < names.length; b++) {
          const d1 = models[names[a]][s], d2 = models[names[b]][s];
          if (!d1 || !d2) continue;
          if (!sameArray(d1.y, d2.y)) {
            warnings.push(
              `set "${s}": models "${names[a]}" and "${
                names[b]
              }" have different outcomes: not the same patients, no paired DeLong test`,
            );
            continue;
          }
          const r1 = results.find((r) => r.model === names[a] && r.set === s)!;
          if (r1.auc.estimate === null || r1.nEvents < 2 || r1.n - r1.nEvents < 2) continue;
          comparisons.push({
            set: s,
            model1: names[a],
            model2: names[b],
            test: delongTest(d1.y, d1.p, d2.p, { direction: o.direction, confLevel: o.confLevel }),
          });
        }
      }
    }
  }
  const lvl = formatLevel(o.confLevel);
  const methods = [
    `AUC: empirical (Mann–Whitney), direction "${o.direction}" fixed (higher predicted risk = event), never chosen from the data; ${lvl} CI by DeLong's method, AUC ± z·SE truncated to [0, 1] (pROC ci.auc, method "delong").`,
    `Brier score: mean (p − y)²; ${lvl} CI by stratified bootstrap (resampling within outcome classes), ${
      formatCount(o.B)
    } resamples, ${
      o.ciType === "bca" ? "BCa" : "percentile"
    } interval, seed ${o.seed}; the same resamples for every model of a set.`,
    `Scaled Brier = 1 − Brier / (prevalence·(1 − prevalence)) of the same rows.`,
  ];
  return {
    models: names,
    sets,
    labels,
    results,
    comparisons,
    settings: { B: o.B, seed: o.seed, confLevel: o.confLevel, ciType: o.ciType, direction: o.direction },
    methods,
    warnings,
  };
}
