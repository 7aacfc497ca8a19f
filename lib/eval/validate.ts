/**
 * Internal validation by Harrell's optimism bootstrap, as rms::validate (validate.lrm, validate.cph,
 * `method = "boot"`, predab.resample).
 *
 * Algorithm. apparent = indexes of the recipe fitted on all rows, evaluated on those rows. For each
 * resample b (n rows drawn with replacement): refit every repeated step of the recipe on the resampled
 * rows; train_b = indexes of that fit on the resampled rows; test_b = indexes of the same fit on the
 * original rows. train / test = means over the resamples that succeeded, optimism = train − test,
 * corrected = apparent − optimism. A resample fails when a fit throws (non-convergence, separation,
 * nothing selected) or an index is not finite; failures are counted and left out, as rms does.
 *
 * Logistic indexes (validate.lrm; n rows of the sample, L0 = −2 log L of the intercept-only model,
 * η the linear predictor): Dxy = 2·AUC − 1 (Mann–Whitney AUC of η, ties ½), AUC = (Dxy + 1)/2.
 * Fit on its own sample (apparent, train): LR = L0 − deviance(η), R2 = (1 − e^(−LR/n))/(1 − e^(−L0/n))
 * (Nagelkerke), Intercept 0, Slope 1, D = (LR − 1)/n, U = −2/n, Q = D − U, B = mean (y − plogis η)²
 * (Brier), g = GiniMd(η), gp = GiniMd(plogis η). Other sample (test): recalibration fit y ~ a + s·η;
 * Intercept = a, Slope = s, LR = L0 − deviance(a + sη), R2 and D from it, U = (deviance(η) −
 * deviance(a + sη) − 2)/n, Q = D − U, B of the uncalibrated η, g = GiniMd(sη), gp = GiniMd(plogis(a +
 * sη)). Emax: apparent = train = 0, test = optimism = corrected = max over p = k·step (k = 0..1/step) of
 * |p − plogis(a_c + s_c logit p)| with the corrected Intercept a_c and Slope s_c.
 *
 * Cox indexes (validate.cph, dxy = TRUE; ll = log partial likelihood, L0 = −2 ll(0), n rows): Dxy =
 * (concordant − discordant)/(concordant + discordant + tied lp) over comparable pairs (higher lp =
 * earlier event), C = (Dxy + 1)/2; own sample: LR = 2(ll(lp) − ll(0)), R2 as above with n rows, Slope
 * 1, D = (LR − 1)/L0, U = −2/L0, Q = D − U, g = GiniMd(lp); other sample: Cox fit on lp, slope s:
 * Slope = s, LR = 2(ll(s·lp) − ll(0)), U = 2(ll(s·lp) − ll(lp))/L0, g = GiniMd(s·lp).
 *
 * Every fit runs to convergence (rms's default stopping rules leave errors of ~1e-7 (lrm) and ~1e-4
 * (cph) in its output). Randomness: the resamples come from `createRng(seed)` (or are given
 * explicitly); each resample's own random steps draw from `rng.fork("resample-b")`.
 * References: Harrell FE, Regression Modeling Strategies, 2nd ed. (2015), §5.3; Harrell, Lee & Mark
 * (1996) Stat Med 15:361–387; Efron & Tibshirani (1993) ch. 17; R: rms::validate.lrm, validate.cph,
 * predab.resample, lrm.fit (stats), Hmisc::somers2, GiniMd.
 */
import { createRng } from "../random/rng.ts";
import { binomialDeviance, irlsLogistic, plogis, qlogis } from "../models/irls.ts";
import { coxPartialLogLik, fitCoxMatrix } from "../models/cox.ts";
import { giniMeanDifference } from "../stats/gini_md.ts";
import { aucMannWhitney } from "../stats/auc.ts";
import { harrellC } from "../stats/concordance.ts";
import { meanOnePass } from "../stats/quantile.ts";
import type { BinaryResponse, FittedRecipe, ModelRecipe, RecipeStep, SurvivalResponse } from "./recipe.ts";
import { checkInteger, optionError } from "../io/options.ts";

/** Index names of a logistic validation, in rms's row order. */
export const LOGISTIC_INDEXES = [
  "Dxy",
  "AUC",
  "R2",
  "Intercept",
  "Slope",
  "Emax",
  "D",
  "U",
  "Q",
  "B",
  "g",
  "gp",
] as const;
/** Index names of a Cox validation, in rms's row order. */
export const COX_INDEXES = ["Dxy", "C", "R2", "Slope", "D", "U", "Q", "g"] as const;

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** Bootstrap resamples (default 200; ignored when `resamples` is given). */
  readonly B?: number;
  /** Seed of the one generator drawing the resamples (default 1). */
  readonly seed?: number;
  /** Explicit resamples: one array of 0-based row indices (length n) per resample. */
  readonly resamples?: readonly (readonly number[])[];
  /** Grid step of Emax (default 0.0005, as rms). */
  readonly emaxGridStep?: number;
  /** Called after each resample. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One index row: rms's validate table. */
export interface ValidateIndex {
  readonly apparent: number;
  /** Mean over resamples of the index of the refit on its resample. */
  readonly train: number;
  /** Mean over resamples of the index of the refit on the original rows. */
  readonly test: number;
  readonly optimism: number;
  readonly corrected: number;
  /** Resamples used. */
  readonly n: number;
}

/** Result of {@link validate}. */
export interface ValidateResult {
  readonly model: "logistic" | "cox";
  readonly label: string;
  readonly n: number;
  readonly nEvents: number;
  readonly nResamples: number;
  readonly nSuccessful: number;
  readonly nFailed: number;
  /** The first few failure messages with their resample number. */
  readonly failures: readonly string[];
  readonly steps: readonly RecipeStep[];
  /** Terms and coefficients of the apparent fit (when the recipe reports them). */
  readonly terms: readonly string[];
  readonly coefficients: readonly number[];
  readonly index: Readonly<Record<string, ValidateIndex>>;
  /** Per successful resample: train and test indexes (Emax excluded) and coefficients. */
  readonly perResample: {
    readonly resample: readonly number[];
    readonly train: Readonly<Record<string, readonly number[]>>;
    readonly test: Readonly<Record<string, readonly number[]>>;
    readonly coefficients: readonly (readonly number[])[];
  };
  readonly seed: number | null;
}

type Indexes = Record<string, number>;

/** −2 log L of the intercept-only model of a 0/1 sample. */
function nullDeviance(y: readonly number[]): number {
  const n = y.length;
  let ev = 0;
  for (const v of y) ev += v;
  if (ev === 0 || ev === n) throw new Error(`the sample has a single outcome class (${ev} events of ${n})`);
  return -2 * (ev * Math.log(ev / n) + (n - ev) * Math.log(1 - ev / n));
}

function nagelkerke(lr: number, l0: number, n: number): number {
  return (1 - Math.exp(-lr / n)) / (1 - Math.exp(-l0 / n));
}

/**
 * rms's logistic indexes of linear predictor `eta` on outcomes `y` (see the module documentation);
 * `own` = the model was fitted on this sample (apparent, train), else recalibrated (test).
 */
export function logisticIndexes(y: readonly number[], eta: readonly number[], own: boolean): Indexes {
  const n = y.length;
  const L0 = nullDeviance(y);
  const dxy = 2 * aucMannWhitney(y, eta) - 1;
  const dev = binomialDeviance(y, eta);
  let brier = 0;
  for (let i = 0; i < n; i++) brier += (y[i] - plogis(eta[i])) ** 2;
  brier /= n;
  if (own) {
    const LR = L0 - dev;
    const D = (LR - 1) / n;
    const U = -2 / n;
    return {
      Dxy: dxy,
      AUC: (dxy + 1) / 2,
      R2: nagelkerke(LR, L0, n),
      Intercept: 0,
      Slope: 1,
      D,
      U,
      Q: D - U,
      B: brier,
      g: giniMeanDifference(eta),
      gp: giniMeanDifference(eta.map(plogis)),
    };
  }
  const rc = irlsLogistic(eta.map((e) => [1, e]), y, { terms: ["Intercept", "Slope"] });
  if (!rc.converged) throw new Error("the recalibration fit y ~ a + s·lp did not converge");
  const [a, s] = rc.beta;
  const LR = L0 - rc.deviance;
  const D = (LR - 1) / n;
  const U = (dev - rc.deviance - 2) / n;
  return {
    Dxy: dxy,
    AUC: (dxy + 1) / 2,
    R2: nagelkerke(LR, L0, n),
    Intercept: a,
    Slope: s,
    D,
    U,
    Q: D - U,
    B: brier,
    g: giniMeanDifference(eta.map((e) => s * e)),
    gp: giniMeanDifference(eta.map((e) => plogis(a + s * e))),
  };
}

/** rms's Cox indexes of linear predictor `lp` on (time, status); `own` as for {@link logisticIndexes}. */
export function coxIndexes(
  time: readonly number[],
  status: readonly number[],
  lp: readonly number[],
  own: boolean,
  ties: "efron" | "breslow" = "efron",
): Indexes {
  const n = time.length;
  const ll0 = coxPartialLogLik(time, status, new Array<number>(n).fill(0), ties);
  const L0 = -2 * ll0;
  const k = harrellC(time, status, lp);
  const dxy = (k.concordant - k.discordant) / (k.concordant + k.discordant + k.tiedX);
  const ll1 = coxPartialLogLik(time, status, lp, ties);
  if (own) {
    const LR = 2 * (ll1 - ll0);
    const D = (LR - 1) / L0;
    const U = -2 / L0;
    return {
      Dxy: dxy,
      C: (dxy + 1) / 2,
      R2: nagelkerke(LR, L0, n),
      Slope: 1,
      D,
      U,
      Q: D - U,
      g: giniMeanDifference(lp),
    };
  }
  const fit = fitCoxMatrix(time, status, lp.map((v) => [v]), { ties, terms: ["lp"] });
  if (!fit.converged) throw new Error("the Cox recalibration fit on lp did not converge");
  const s = fit.coef[0];
  const LR = 2 * (fit.loglik - ll0);
  const D = (LR - 1) / L0;
  const U = (2 * (fit.loglik - ll1)) / L0;
  return {
    Dxy: dxy,
    C: (dxy + 1) / 2,
    R2: nagelkerke(LR, L0, n),
    Slope: s,
    D,
    U,
    Q: D - U,
    g: giniMeanDifference(lp.map((v) => s * v)),
  };
}

/** Emax of rms: max over p = k·step of |p − plogis(a + s·logit p)| (0 at p = 0 and 1). */
export function emax(intercept: number, slope: number, step = 0.0005): number {
  const K = Math.round(1 / step);
  let m = 0;
  for (let k = 1; k < K; k++) {
    const p = k * step;
    const d = Math.abs(p - plogis(intercept + slope * qlogis(p)));
    if (d > m) m = d;
  }
  return m;
}

/** Draw B resamples of n rows with replacement from one seeded generator (0-based indices). */
export function drawResamples(n: number, B: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: B }, () => Array.from({ length: n }, () => rng.int(0, n - 1)));
}

function checkOptions(o: ValidateOptions, n: number, fn: string): void {
  if (o.B !== undefined) checkInteger(fn, "B", o.B, 1);
  if (o.seed !== undefined && !Number.isSafeInteger(o.seed)) optionError(fn, "seed", "an integer", o.seed);
  o.resamples?.forEach((r, b) => {
    if (r.length !== n) {
      throw new Error(`${fn} option "resamples"[${b}]: expected ${n} row indices, got ${r.length}`);
    }
    r.forEach((i, q) => {
      if (!Number.isInteger(i) || i < 0 || i >= n) {
        throw new Error(`${fn} option "resamples"[${b}][${q}]: not a row index in 0..${n - 1}, got ${i}`);
      }
    });
  });
}

/** Resolve the resamples of {@link validate} / calibrate (explicit, or drawn from the seed). */
export function resolveResamples(o: ValidateOptions, n: number, fn: string): number[][] {
  checkOptions(o, n, fn);
  if (o.resamples) return o.resamples.map((r) => [...r]);
  return drawResamples(n, o.B ?? 200, o.seed ?? 1);
}

function indexesOf<D>(
  recipe: ModelRecipe<D>,
  resp: BinaryResponse | SurvivalResponse,
  fitted: FittedRecipe,
  rows: readonly number[],
  own: boolean,
): Indexes {
  const lp = fitted.lp(rows);
  if (!lp.every(Number.isFinite)) throw new Error("the linear predictor has non-finite values");
  if (recipe.model === "logistic") {
    if (resp.kind !== "binary") {
      throw new Error(`recipe "${recipe.label}": a logistic recipe needs a binary response`);
    }
    return logisticIndexes(rows.map((i) => resp.y[i]), lp, own);
  }
  if (resp.kind !== "survival") {
    throw new Error(`recipe "${recipe.label}": a Cox recipe needs a survival response`);
  }
  return coxIndexes(rows.map((i) => resp.time[i]), rows.map((i) => resp.status[i]), lp, own, resp.ties);
}

/**
 * Bootstrap optimism-corrected indexes of a model recipe on `data` (rms::validate, method "boot"); see
 * the module documentation for the algorithm and every index.
 *
 *   const v = validate(logisticRecipe({ outcome: "y", predictors }), train, { B: 200, seed });
 *   v.index.AUC.corrected
 */
export function validate<D>(recipe: ModelRecipe<D>, data: D, options: ValidateOptions = {}): ValidateResult {
  const n = recipe.nRows(data);
  const resamples = resolveResamples(options, n, "validate");
  const resp = recipe.response(data);
  const all = Array.from({ length: n }, (_, i) => i);
  const root = createRng(options.seed ?? 1);
  const apparentFit = recipe.fit(data, all, { resample: 0, rng: root.fork("apparent") });
  const apparent = indexesOf(recipe, resp, apparentFit, all, true);
  const names: readonly string[] = recipe.model === "logistic" ? LOGISTIC_INDEXES : COX_INDEXES;
  const perNames = names.filter((k) => k !== "Emax");
  const train: Record<string, number[]> = Object.fromEntries(perNames.map((k) => [k, []]));
  const test: Record<string, number[]> = Object.fromEntries(perNames.map((k) => [k, []]));
  const coefficients: number[][] = [];
  const used: number[] = [];
  const failures: string[] = [];
  let nFailed = 0;
  resamples.forEach((rows, b) => {
    try {
      const f = recipe.fit(data, rows, { resample: b + 1, rng: root.fork(`resample-${b + 1}`) });
      const tr = indexesOf(recipe, resp, f, rows, true);
      const te = indexesOf(recipe, resp, f, all, false);
      for (const k of perNames) {
        if (!Number.isFinite(tr[k]) || !Number.isFinite(te[k])) throw new Error(`index ${k} is not finite`);
      }
      for (const k of perNames) {
        train[k].push(tr[k]);
        test[k].push(te[k]);
      }
      coefficients.push([...(f.coefficients ?? [])]);
      used.push(b + 1);
    } catch (e) {
      nFailed++;
      if (failures.length < 10) failures.push(`resample ${b + 1}: ${(e as Error).message}`);
    }
    options.onProgress?.(b + 1, resamples.length);
  });
  const m = used.length;
  const index: Record<string, ValidateIndex> = {};
  for (const k of perNames) {
    const trm = meanOnePass(train[k]);
    const tem = meanOnePass(test[k]);
    index[k] = {
      apparent: apparent[k],
      train: trm,
      test: tem,
      optimism: trm - tem,
      corrected: apparent[k] - (trm - tem),
      n: m,
    };
  }
  if (recipe.model === "logistic") {
    const e = emax(index.Intercept.corrected, index.Slope.corrected, options.emaxGridStep ?? 0.0005);
    index.Emax = { apparent: 0, train: 0, test: e, optimism: e, corrected: e, n: m };
  }
  const ordered: Record<string, ValidateIndex> = {};
  for (const k of names) ordered[k] = index[k];
  const nEvents = resp.kind === "binary"
    ? resp.y.reduce((a, v) => a + v, 0)
    : resp.status.reduce((a, v) => a + v, 0);
  return {
    model: recipe.model,
    label: recipe.label,
    n,
    nEvents,
    nResamples: resamples.length,
    nSuccessful: m,
    nFailed,
    failures,
    steps: recipe.steps,
    terms: apparentFit.terms ?? [],
    coefficients: apparentFit.coefficients ?? [],
    index: ordered,
    perResample: { resample: used, train, test, coefficients },
    seed: options.resamples ? null : options.seed ?? 1,
  };
}
