/**
 * Model recipes: what the optimism bootstrap ({@link validate}) and the bias-corrected calibration
 * ({@link calibrate}) refit on every resample.
 *
 * A recipe is data-first: `fit(data, rows, context)` learns every data-driven step of the model on the
 * given rows of `data` (row indices; a row drawn k times is k observations) and returns a fitted
 * object whose `lp(rows)` gives the linear predictor of any rows of the same data. The recipe lists its
 * steps and whether each is repeated inside the resamples (a step not repeated was fitted once on all
 * rows and is reused as is), so a validation table can say what its optimism covers.
 *
 * Two plain recipes live here: {@link logisticRecipe} (a fixed logistic model, rms's `lrm`) and
 * {@link coxRecipe} (a fixed Cox model, rms's `cph`). Recipes that repeat variable selection are in
 * `lib/eval/selection_recipes.ts`.
 */
import type { Rng } from "../random/rng.ts";
import {
  type DataInput,
  designMatrix,
  getColumn,
  nRows,
  numericCell,
  type PredictorSpec,
  termNames,
} from "../models/design.ts";
import { binaryOutcome } from "../models/logistic.ts";
import { irlsLogistic } from "../models/irls.ts";
import { fitCoxMatrix } from "../models/cox.ts";

/** One modelling step of a recipe. */
export interface RecipeStep {
  /** Short name, e.g. "univariable screening (p < 0.05)". */
  readonly name: string;
  /** True when the step is refitted inside every resample. */
  readonly repeated: boolean;
}

/** Binary outcome of every row (logistic recipes). */
export interface BinaryResponse {
  readonly kind: "binary";
  readonly y: readonly number[];
}

/** Right-censored survival of every row (Cox recipes). */
export interface SurvivalResponse {
  readonly kind: "survival";
  readonly time: readonly number[];
  readonly status: readonly number[];
  /** Ties of the partial likelihood used by the indexes (default "efron"). */
  readonly ties?: "efron" | "breslow";
}

/** What a recipe's fit returns: the linear predictor of any rows, and optionally its coefficients. */
export interface FittedRecipe {
  /** Linear predictor of rows of the data the recipe was fitted on (indices, duplicates allowed). */
  lp(rows: readonly number[]): number[];
  /** Term names of the final model (for per-resample coefficient tables). */
  readonly terms?: readonly string[];
  /** Coefficients of the final model, in `terms` order. */
  readonly coefficients?: readonly number[];
}

/** Where a fit happens: resample 0 is the apparent fit on all rows. */
export interface FitContext {
  /** 0 for the apparent fit, b = 1..B for the resamples. */
  readonly resample: number;
  /** Stream for the recipe's own random steps (SMOTE, CV folds), forked per resample. */
  readonly rng: Rng;
}

/** A model recipe over data of type D. */
export interface ModelRecipe<D> {
  /** "logistic" or "cox": which indexes apply. */
  readonly model: "logistic" | "cox";
  /** Display name (e.g. "Clinical model"). */
  readonly label: string;
  /** Modelling steps, in order, with whether each is repeated in the resamples. */
  readonly steps: readonly RecipeStep[];
  /** Number of rows of the data. */
  nRows(data: D): number;
  /** Outcome of every row. */
  response(data: D): BinaryResponse | SurvivalResponse;
  /** Fit every repeated step on `rows` of `data`. Throwing marks the resample as failed. */
  fit(data: D, rows: readonly number[], context: FitContext): FittedRecipe;
}

/** Options of {@link logisticRecipe}. */
export interface LogisticRecipeOptions {
  /** Outcome column (0/1, or with `event`). */
  readonly outcome: string;
  readonly predictors: readonly PredictorSpec[];
  /** Outcome value counted as the event (default: 0/1 outcome). */
  readonly event?: string | number;
  /** Display name (default "Logistic model"). */
  readonly label?: string;
}

/** X·β for the rows of a design. */
function linear(
  X: readonly (readonly number[])[],
  beta: readonly number[],
  rows: readonly number[],
): number[] {
  return rows.map((i) => {
    const x = X[i];
    let s = 0;
    for (let j = 0; j < beta.length; j++) s += x[j] * beta[j];
    return s;
  });
}

/** Memoise a per-data computation on the last data object seen. */
function memo<D, T>(f: (d: D) => T): (d: D) => T {
  let last: D | undefined;
  let value: T | undefined;
  return (d: D) => {
    if (d !== last || value === undefined) {
      value = f(d);
      last = d;
    }
    return value;
  };
}

/**
 * A fixed-predictor logistic model (rms: `lrm(y ~ x1 + …)`): maximum likelihood by IRLS run to
 * convergence (relative deviance change < 1e-14) on the resampled rows. A fit that does not converge
 * (e.g. separation in a resample) throws, so the resample counts as failed, as `lrm.fit`'s `fail`.
 */
export function logisticRecipe(options: LogisticRecipeOptions): ModelRecipe<DataInput> {
  const terms = termNames(options.predictors, true);
  const design = memo((d: DataInput) => ({
    X: designMatrix(d, options.predictors, { intercept: true }).X,
    y: binaryOutcome(getColumn(d, options.outcome), options.outcome, options.event),
  }));
  return {
    model: "logistic",
    label: options.label ?? "Logistic model",
    steps: [{
      name: `logistic regression on ${terms.slice(1).join(" + ") || "(intercept only)"}`,
      repeated: true,
    }],
    nRows: (d) => nRows(d),
    response: (d) => ({ kind: "binary", y: design(d).y }),
    fit(d, rows) {
      const { X, y } = design(d);
      const fit = irlsLogistic(rows.map((i) => X[i]), rows.map((i) => y[i]), { terms });
      if (!fit.converged) throw new Error(`logistic fit did not converge in ${fit.iterations} iterations`);
      return { terms, coefficients: fit.beta, lp: (r) => linear(X, fit.beta, r) };
    },
  };
}

/** Options of {@link coxRecipe}. */
export interface CoxRecipeOptions {
  readonly time: string;
  readonly status: string;
  readonly covariates: readonly PredictorSpec[];
  /** Ties (default "efron"). */
  readonly ties?: "efron" | "breslow";
  /** Display name (default "Cox model"). */
  readonly label?: string;
}

/**
 * A fixed-covariate Cox model (rms: `cph(Surv(time, status) ~ …)`): partial likelihood maximised by
 * Newton–Raphson to convergence (relative change 1e-14); lp = x'β uncentered.
 */
export function coxRecipe(options: CoxRecipeOptions): ModelRecipe<DataInput> {
  const terms = termNames(options.covariates, false);
  const ties = options.ties ?? "efron";
  const design = memo((d: DataInput) => ({
    X: designMatrix(d, options.covariates, { intercept: false }).X,
    time: getColumn(d, options.time).map((v, i) => numericCell(v, options.time, i + 1)),
    status: getColumn(d, options.status).map((v, i) => numericCell(v, options.status, i + 1)),
  }));
  return {
    model: "cox",
    label: options.label ?? "Cox model",
    steps: [{ name: `Cox regression on ${terms.join(" + ")}`, repeated: true }],
    nRows: (d) => nRows(d),
    response: (d) => ({ kind: "survival", time: design(d).time, status: design(d).status, ties }),
    fit(d, rows) {
      const { X, time, status } = design(d);
      const fit = fitCoxMatrix(rows.map((i) => time[i]), rows.map((i) => status[i]), rows.map((i) => X[i]), {
        ties,
        terms,
      });
      if (!fit.converged) throw new Error(`Cox fit did not converge in ${fit.iterations} iterations`);
      return { terms, coefficients: fit.coef, lp: (r) => linear(X, fit.coef, r) };
    },
  };
}
