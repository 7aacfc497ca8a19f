/**
 * K-fold cross-validation of the LASSO logistic path (R: glmnet::cv.glmnet, grouped = TRUE).
 *
 * The full-data path fixes the λ sequence (and nzero). Fold fits, `foldLambda`:
 * - "fold" (default; what cv.glmnet 4.1 does): each fold's training rows get their own path, with
 *   the λ sequence generated from the fold's own λ_max (same `nlambda`, `lambdaMinRatio` and early
 *   stop as any generated path), and the held-out rows are predicted at the full-data λ values by
 *   linear interpolation of the fold's coefficients between its neighbouring λ (glmnet's
 *   predict(s = lambda), alignment = "lambda"; λ outside the fold's range clamped to its ends);
 * - "full": each fold is refitted on the full-data λ sequence itself (exact fold solutions at every
 *   λ; not cv.glmnet's procedure, whose curve differs by up to ~1e-2 on the bench workload).
 * With an explicit `lambda` both are the same: cv.glmnet passes the user's λ to every fold.
 * The held-out rows give one value per fold and λ:
 * - "deviance": mean over the fold of −2[y log p + (1 − y) log(1 − p)], p clipped to
 *   [clip, 1 − clip] (clip = 1e-5 as glmnet);
 * - "auc": Mann–Whitney AUC of the fold (ties count ½).
 * cvm = Σₖ nₖ vₖ / Σ nₖ; cvsd = sqrt(Σₖ nₖ (vₖ − cvm)² / Σ nₖ / (K − 1)); cvup/cvlo = cvm ± cvsd;
 * nzero = nonzero coefficients of the full-data fit. λ_min = the largest λ at the optimum (minimum
 * deviance, maximum AUC); λ_1se = the largest λ whose cvm is within one cvsd (at λ_min) of it.
 * Solver: "glmnet" (default; fold and full-data fits by glmnet's algorithm at `thresh`, default 1e-7:
 * cv.glmnet's curve at its defaults, to rounding; the full-data coefficients at λ_min and λ_1se,
 * the reported ones, polished to the exact optimum by lassoPolish) or "exact" (fold fits converged to
 * Newton steps < 1e-5 on the standardised coefficients, which moves cvm by < 1e-7 and cvsd by < 1e-6
 * relative to tightly converged folds (measured ≤ 5e-8 / 3e-7, asserted in
 * tests/models/lasso_cv_test.ts), the full-data path exact at every λ: the curve of cv.glmnet as
 * thresh → 0; it differs from the default's by up to ~0.3 % relative).
 * Folds: user `foldid`, or seeded stratified folds (lib/models/cv_folds.ts).
 * A `foldTrain` hook transforms each fold's training rows only (e.g. SMOTE inside the folds), and
 * the full data (fold 0) for the full-data fit; the held-out rows are never transformed.
 * Reference: R glmnet 4.1.6 cv.glmnet.raw / buildPredmat.default / lambda.interp / cv.lognet /
 * cvstats / getOptcv.glmnet (read in the installed package).
 */
import { aucMannWhitney } from "../stats/auc.ts";
import { createRng, type Rng } from "../random/rng.ts";
import { checkBinary, checkMatrix, type Matrix, type Vec } from "./matrix_types.ts";
import {
  DEFAULT_LASSO_SOLVER,
  lambdaInterp,
  lassoLink,
  type LassoPath,
  lassoPath,
  type LassoPathOptions,
  lassoPolish,
  type LassoSolver,
} from "./lasso.ts";
import { checkFoldid, stratifiedFolds } from "./cv_folds.ts";

/** CV measure. */
export type LassoMeasure = "deviance" | "auc";

/** λ sequence of the fold fits (see module documentation). */
export type LassoFoldLambda = "fold" | "full";

/** Options of {@link cvLassoPath}. */
export interface LassoCVOptions extends LassoPathOptions {
  /** Number of folds when `foldid` is not given (default 10). */
  readonly nfolds?: number;
  /** Fold label (1..K) per row; overrides `nfolds`/`rng`. */
  readonly foldid?: Vec;
  /** Random stream of the stratified fold assignment (default `createRng(1)`); ignored with `foldid`. */
  readonly rng?: Rng;
  /**
   * λ of the fold fits: "fold" (default, cv.glmnet's: own λ grid per fold, predictions interpolated
   * at the full-data λ) or "full" (every fold refitted on the full-data λ sequence).
   */
  readonly foldLambda?: LassoFoldLambda;
  /**
   * Solver (default "glmnet"): the fold fits and the full-data path by glmnet's own algorithm at
   * `thresh` (default 1e-7: the curve cv.glmnet reports at its defaults, to rounding), then the
   * full-data coefficients at λ_min and λ_1se polished to the exact optimum ({@link lassoPolish}).
   * "exact": every fit exact (fold fits to Newton steps < `newtonTol`, default 1e-5 here; the curve
   * of tightly converged folds, cv.glmnet at thresh → 0).
   */
  readonly solver?: LassoSolver;
  /** Measure (default "deviance"). */
  readonly typeMeasure?: LassoMeasure;
  /** Probability clip of the deviance measure (default 1e-5, glmnet's). */
  readonly devianceProbClip?: number;
  /**
   * Transform of each fold's training rows before fitting (default none); called with fold 0 for
   * the full-data fit that fixes the λ sequence and nzero.
   */
  readonly foldTrain?: (X: Matrix, y: Vec, fold: number) => { X: Matrix; y: Vec };
}

/** Result of {@link cvLassoPath}. */
export interface LassoCVResult {
  readonly lambda: readonly number[];
  readonly cvm: readonly number[];
  readonly cvsd: readonly number[];
  readonly cvup: readonly number[];
  readonly cvlo: readonly number[];
  readonly nzero: readonly number[];
  readonly lambdaMin: number;
  readonly lambda1se: number;
  readonly indexMin: number;
  readonly index1se: number;
  readonly typeMeasure: LassoMeasure;
  /** The fold-fit procedure used. */
  readonly foldLambda: LassoFoldLambda;
  readonly foldid: readonly number[];
  /** Per fold (rows) and λ (columns) values of the measure. */
  readonly foldValues: readonly (readonly number[])[];
  /**
   * The full-data path: with the "glmnet" solver (default) glmnet's coefficients (thresh) at every λ
   * except λ_min and λ_1se, where they are the exact optimum (as nzero there); "exact": the optimum
   * at every λ.
   */
  readonly path: LassoPath;
}

export { aucMannWhitney };

/** Cross-validate the LASSO logistic path (see module documentation). */
export function cvLassoPath(X: Matrix, y: Vec, options: LassoCVOptions = {}): LassoCVResult {
  checkMatrix(X, "cvLassoPath X", { minRows: 2 });
  const n = X.length;
  checkBinary(y, n, "cvLassoPath y");
  const measure = options.typeMeasure ?? "deviance";
  if (measure !== "deviance" && measure !== "auc") {
    throw new Error(
      `cvLassoPath option "typeMeasure": expected "deviance" or "auc", got ${JSON.stringify(measure)}`,
    );
  }
  const clip = options.devianceProbClip ?? 1e-5;
  const foldLambda = options.foldLambda ?? "fold";
  if (foldLambda !== "fold" && foldLambda !== "full") {
    throw new Error(
      `cvLassoPath option "foldLambda": expected "fold" or "full", got ${JSON.stringify(foldLambda)}`,
    );
  }
  let foldid: number[];
  let K: number;
  if (options.foldid) {
    K = checkFoldid(options.foldid, n);
    foldid = [...options.foldid];
  } else {
    K = options.nfolds ?? 10;
    foldid = stratifiedFolds(y, K, options.rng ?? createRng(1));
  }
  const { onProgress, foldTrain, foldLambda: _fl, ...pathOptions } = options;
  // Fold coefficients are not reported: with "exact" their Newton stops at steps < 1e-5 (cvm moves
  // by < 1e-7); the "glmnet" solver ignores newtonTol.
  const solver = options.solver ?? DEFAULT_LASSO_SOLVER;
  const foldTol = options.newtonTol ?? 1e-5;
  const fullData = foldTrain ? foldTrain(X, y, 0) : { X, y };
  const full = lassoPath(fullData.X, fullData.y, { ...pathOptions, solver, onProgress: undefined });
  const lambda = full.lambda;
  const L = lambda.length;
  const values: number[][] = [];
  const weights: number[] = [];
  for (let f = 1; f <= K; f++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    foldid.forEach((v, i) => (v === f ? testIdx : trainIdx).push(i));
    let Xtr: Matrix = trainIdx.map((i) => X[i]);
    let ytr: Vec = trainIdx.map((i) => y[i]);
    if (foldTrain) ({ X: Xtr, y: ytr } = foldTrain(Xtr, ytr, f));
    const Xte = testIdx.map((i) => X[i]);
    const yte = testIdx.map((i) => y[i]);
    const fit = foldLambda === "full"
      ? lassoPath(Xtr, ytr, {
        ...pathOptions,
        lambda,
        stopEarly: false,
        onProgress: undefined,
        newtonTol: foldTol,
        solver,
      })
      : lassoPath(Xtr, ytr, { ...pathOptions, onProgress: undefined, newtonTol: foldTol, solver });
    const links = new Map<number, number[]>();
    const linkAt = (k: number) => {
      let v = links.get(k);
      if (!v) links.set(k, v = lassoLink(fit, Xte, k));
      return v;
    };
    const row: number[] = [];
    for (let k = 0; k < L; k++) {
      let eta: number[];
      if (foldLambda === "full") eta = linkAt(k);
      else {
        const { left, right, frac } = lambdaInterp(fit.lambda, lambda[k]);
        const a = linkAt(left);
        const b = linkAt(right);
        eta = a.map((v, i) => frac * v + (1 - frac) * b[i]);
      }
      const p = eta.map((e) => 1 / (1 + Math.exp(-e)));
      if (measure === "deviance") {
        let s = 0;
        for (let i = 0; i < p.length; i++) {
          const pi = Math.min(Math.max(p[i], clip), 1 - clip);
          s += -2 * (yte[i] === 1 ? Math.log(pi) : Math.log(1 - pi));
        }
        row.push(s / p.length);
      } else {
        row.push(aucMannWhitney(yte, p));
      }
    }
    values.push(row);
    weights.push(testIdx.length);
    onProgress?.(f, K);
  }
  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let k = 0; k < L; k++) {
    let sw = 0;
    let s = 0;
    let used = 0;
    for (let f = 0; f < K; f++) {
      if (Number.isNaN(values[f][k])) continue;
      sw += weights[f];
      s += weights[f] * values[f][k];
      used++;
    }
    const m = s / sw;
    let v = 0;
    for (let f = 0; f < K; f++) {
      if (Number.isNaN(values[f][k])) continue;
      v += weights[f] * (values[f][k] - m) ** 2;
    }
    cvm.push(m);
    cvsd.push(Math.sqrt(v / sw / (used - 1)));
  }
  // glmnet's getOptcv on the loss (−AUC for AUC).
  const sign = measure === "auc" ? -1 : 1;
  const loss = cvm.map((m) => sign * m);
  let best = Infinity;
  for (const v of loss) if (v < best) best = v;
  let indexMin = -1;
  for (let k = 0; k < L; k++) {
    if (loss[k] <= best && (indexMin < 0 || lambda[k] > lambda[indexMin])) indexMin = k;
  }
  const semin = best + cvsd[indexMin];
  let index1se = -1;
  for (let k = 0; k < L; k++) {
    if (loss[k] <= semin && (index1se < 0 || lambda[k] > lambda[index1se])) index1se = k;
  }
  // Reported coefficients: the exact optimum at λ_min and λ_1se (glmnet's stopping point elsewhere).
  const path = solver === "glmnet"
    ? lassoPolish(fullData.X, fullData.y, full, [indexMin, index1se], {
      ...pathOptions,
      onProgress: undefined,
    })
    : full;
  return {
    lambda,
    cvm,
    cvsd,
    cvup: cvm.map((m, k) => m + cvsd[k]),
    cvlo: cvm.map((m, k) => m - cvsd[k]),
    nzero: path.df,
    lambdaMin: lambda[indexMin],
    lambda1se: lambda[index1se],
    indexMin,
    index1se,
    typeMeasure: measure,
    foldLambda,
    foldid,
    foldValues: values,
    path,
  };
}

/** Options of {@link LassoCV}: those of {@link cvLassoPath} plus the λ rule. */
export interface LassoCVModelOptions extends LassoCVOptions {
  /** Which λ the fitted model uses: "lambda.min" (default) or "lambda.1se". */
  readonly select?: "lambda.min" | "lambda.1se";
}

/** LASSO logistic regression with λ chosen by cross-validation (unfitted: stores options). */
export class LassoCV {
  constructor(readonly options: LassoCVModelOptions = {}) {
    const s = options.select ?? "lambda.min";
    if (s !== "lambda.min" && s !== "lambda.1se") {
      throw new Error(
        `LassoCV option "select": expected "lambda.min" or "lambda.1se", got ${JSON.stringify(s)}`,
      );
    }
  }

  /** Cross-validate on (X, y) and keep the full-data fit at the selected λ. */
  fit(X: Matrix, y: Vec): FittedLassoCV {
    const { select, ...cvOptions } = this.options;
    const cv = cvLassoPath(X, y, cvOptions);
    const k = (select ?? "lambda.min") === "lambda.min" ? cv.indexMin : cv.index1se;
    return new FittedLassoCV(cv, k);
  }
}

/** A fitted {@link LassoCV}: the CV result, the chosen λ and its coefficients (original scale). */
export class FittedLassoCV {
  readonly lambda_: number;
  readonly intercept_: number;
  readonly coef_: readonly number[];
  /** Indices of the nonzero coefficients. */
  readonly selected_: readonly number[];
  readonly names_: readonly string[];
  constructor(readonly cv_: LassoCVResult, readonly lambdaIndex_: number) {
    this.lambda_ = cv_.lambda[lambdaIndex_];
    this.intercept_ = cv_.path.a0[lambdaIndex_];
    this.coef_ = cv_.path.beta[lambdaIndex_];
    this.selected_ = this.coef_.flatMap((b, j) => (b !== 0 ? [j] : []));
    this.names_ = cv_.path.names;
  }

  /** Linear predictor intercept_ + X·coef_. */
  decisionFunction(X: Matrix): number[] {
    return X.map((r, i) => {
      if (r.length !== this.coef_.length) {
        throw new Error(`FittedLassoCV row ${i + 1}: expected ${this.coef_.length} columns, got ${r.length}`);
      }
      let s = this.intercept_;
      for (const j of this.selected_) s += this.coef_[j] * r[j];
      return s;
    });
  }

  /** Predicted probabilities. */
  predictProba(X: Matrix): number[] {
    return this.decisionFunction(X).map((e) => 1 / (1 + Math.exp(-e)));
  }
}
