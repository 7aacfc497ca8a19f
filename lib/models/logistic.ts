/**
 * Binary logistic regression with a fit/predict API (scikit-learn style, rms/glm output).
 *
 *   const fit = new LogisticRegression({ outcome: "poor", predictors }).fit(train);
 *   fit.coefficients_        // per term: estimate, se, z, p, OR with Wald and profile-likelihood CIs
 *   fit.predict(test)        // probabilities on new rows, no refitting
 *
 * Estimation: maximum likelihood by IRLS (irls.ts; R: glm(family = binomial)) or Firth's penalised
 * likelihood (firth.ts; R: logistf). Standard errors from the inverse information (XᵀWX)⁻¹; Wald
 * z = β̂/se with two-sided normal p; OR = exp(β̂); Wald CI exp(β̂ ± z₁₋α/₂ se); profile-likelihood CI
 * solved directly (profile_ci.ts). deviance = −2 loglik, null deviance of the intercept-only model
 * (with the same offset/weights), df = n − p, AIC = deviance + 2p (Firth: AIC not defined, reported
 * from the unpenalised deviance like logistf does for loglik).
 *
 * Separation (complete or quasi-complete; separation.ts) is checked by linear programming whenever the
 * fit shows its symptoms (non-convergence or fitted probabilities within 1e-7 of 0 or 1), and handled
 * by option `onSeparation`: "error" (default) throws {@link SeparationError}; "warn" returns the
 * diverging fit with `separation_` and `warnings_` filled; "firth" refits by Firth's method.
 */
import {
  checkPredictors,
  type DataInput,
  designMatrix,
  getColumn,
  isMissing,
  nRows,
  type PredictorSpec,
  rowsWithMissing,
  termNames,
} from "./design.ts";
import { checkColumns, irlsLogistic, plogis, SingularDesignError } from "./irls.ts";
import { firthLogistic } from "./firth.ts";
import { firthProfile, mlProfile, profileIntervalOrWald } from "./profile_ci.ts";
import { detectSeparation, type SeparationReport } from "./separation.ts";
import { chisqQuantile, chisqUpper, normalQuantile, normalTwoSided } from "../stats/distributions.ts";
import { checkConfLevel } from "../io/options.ts";

/** Options of {@link LogisticRegression}. */
export interface LogisticOptions {
  /** Predictor specification (numeric / factor with levels and reference). */
  readonly predictors: readonly PredictorSpec[];
  /** Outcome column (0/1, true/false, or any values with `event` naming the event). Default "y". */
  readonly outcome?: string;
  /** Outcome value counted as the event, compared as text (default: outcome must be 0/1). */
  readonly event?: string | number;
  /** "ml" (default) or "firth". */
  readonly method?: "ml" | "firth";
  /** Confidence level of the intervals (default 0.95). */
  readonly confLevel?: number;
  /** Compute profile-likelihood intervals (default true; switch off inside bootstrap loops). */
  readonly profile?: boolean;
  /** What to do on separation (default "error"). */
  readonly onSeparation?: "error" | "warn" | "firth";
  /** Rows with a missing outcome/predictor: "fail" (default: throw naming row and column) or "omit". */
  readonly naAction?: "fail" | "omit";
  /** Prior (frequency) weights column name (default none). */
  readonly weights?: string;
  /** Include an intercept (default true). */
  readonly intercept?: boolean;
  /** Maximum iterations (default 100). */
  readonly maxIter?: number;
  /** Name of the data set in error messages (default "data"). */
  readonly source?: string;
}

/** One row of the coefficient table. */
export interface CoefficientRow {
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  readonly z: number;
  readonly pValue: number;
  readonly oddsRatio: number;
  readonly orWaldLower: number;
  readonly orWaldUpper: number;
  /** NaN when profile intervals were not requested. */
  readonly orProfileLower: number;
  readonly orProfileUpper: number;
}

/** Error thrown when the data are separated and `onSeparation` is "error". */
export class SeparationError extends Error {
  constructor(readonly report: SeparationReport, source: string) {
    super(`${source}: ${report.message}`);
    this.name = "SeparationError";
  }
}

/** Serializable model: everything `predict` needs (for frozen models / external validation). */
export interface FrozenLogistic {
  readonly kind: "logistic";
  readonly outcome: string;
  readonly predictors: readonly PredictorSpec[];
  readonly terms: readonly string[];
  readonly coefficients: readonly number[];
  readonly intercept: boolean;
  readonly method: "ml" | "firth";
}

/** Convert the outcome column to 0/1, naming row and column on bad values. */
export function binaryOutcome(
  cells: readonly unknown[],
  column: string,
  event?: string | number,
  source = "data",
): number[] {
  return cells.map((v, i) => {
    if (event !== undefined) return String(v) === String(event) ? 1 : 0;
    if (v === 1 || v === "1" || v === true || v === "TRUE" || v === "true") return 1;
    if (v === 0 || v === "0" || v === false || v === "FALSE" || v === "false") return 0;
    throw new Error(
      `${source} row ${i + 1}, column "${column}": expected 0/1, got ${
        JSON.stringify(v ?? null)
      } (set option "event" for other codings)`,
    );
  });
}

/** Options as resolved by {@link LogisticRegression.fit} (defaults applied). */
export type ResolvedLogisticOptions =
  & Readonly<Required<Pick<LogisticOptions, "outcome" | "confLevel" | "method" | "intercept">>>
  & LogisticOptions;

/** What {@link LogisticRegression.fit} hands to {@link FittedLogistic}: the fit, before derived indexes. */
export interface FittedLogisticInit {
  readonly options: ResolvedLogisticOptions;
  /** Term names in design order. */
  readonly terms: readonly string[];
  /** β̂ (one per term). */
  readonly coef: readonly number[];
  /** Covariance of β̂ (inverse information). */
  readonly vcov: readonly (readonly number[])[];
  readonly coefficients: readonly CoefficientRow[];
  /** Residual deviance −2 log L (ML) of the fit. */
  readonly deviance: number;
  /** Deviance of the intercept-only model (the model's own deviance without an intercept). */
  readonly nullDeviance: number;
  /** Effective number of observations: Σ weights, or n without weights. */
  readonly nEffective: number;
  /** Rows used (complete cases). */
  readonly n: number;
  readonly nEvents: number;
  /** Rows dropped for missing values. */
  readonly nOmitted: number;
  /** Linear predictor x'β̂ of the rows used. */
  readonly linearPredictor: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest |score| at the solution (convergence check). */
  readonly maxAbsScore: number;
  readonly separation: SeparationReport | null;
  readonly method: "ml" | "firth";
  readonly warnings: readonly string[];
}

/**
 * A fitted logistic model, built from a {@link FittedLogisticInit} as `FittedCox` is. Learned fields
 * end in `_`; `predict` uses only them. Derived: logLik = −deviance/2, AIC = deviance + 2p,
 * df residual = nEffective − p, df null = nEffective − (1 with an intercept), fitted = plogis(η).
 */
export class FittedLogistic {
  readonly options_: ResolvedLogisticOptions;
  readonly terms_: readonly string[];
  readonly coef_: readonly number[];
  readonly vcov_: readonly (readonly number[])[];
  readonly coefficients_: readonly CoefficientRow[];
  readonly deviance_: number;
  readonly nullDeviance_: number;
  readonly dfResidual_: number;
  readonly dfNull_: number;
  readonly logLik_: number;
  readonly aic_: number;
  readonly n_: number;
  readonly nEvents_: number;
  readonly nOmitted_: number;
  readonly fitted_: readonly number[];
  readonly linearPredictor_: readonly number[];
  readonly iterations_: number;
  readonly converged_: boolean;
  readonly maxAbsScore_: number;
  readonly separation_: SeparationReport | null;
  readonly method_: "ml" | "firth";
  readonly warnings_: readonly string[];

  constructor(init: FittedLogisticInit) {
    const p = init.terms.length;
    this.options_ = init.options;
    this.terms_ = init.terms;
    this.coef_ = init.coef;
    this.vcov_ = init.vcov;
    this.coefficients_ = init.coefficients;
    this.deviance_ = init.deviance;
    this.nullDeviance_ = init.nullDeviance;
    this.dfResidual_ = init.nEffective - p;
    this.dfNull_ = init.nEffective - (init.options.intercept ? 1 : 0);
    this.logLik_ = -init.deviance / 2;
    this.aic_ = init.deviance + 2 * p;
    this.n_ = init.n;
    this.nEvents_ = init.nEvents;
    this.nOmitted_ = init.nOmitted;
    this.fitted_ = init.linearPredictor.map(plogis);
    this.linearPredictor_ = init.linearPredictor;
    this.iterations_ = init.iterations;
    this.converged_ = init.converged;
    this.maxAbsScore_ = init.maxAbsScore;
    this.separation_ = init.separation;
    this.method_ = init.method;
    this.warnings_ = init.warnings;
  }

  /** Predictor specification used. */
  get predictors_(): readonly PredictorSpec[] {
    return this.options_.predictors;
  }

  /** Coefficient of a term by name (throws on unknown names). */
  coef(term: string): number {
    const j = this.terms_.indexOf(term);
    if (j < 0) throw new Error(`no term "${term}" (terms: ${this.terms_.join(", ")})`);
    return this.coef_[j];
  }

  /**
   * Linear predictor (type "link") or probability (type "response", default) for new rows. Factor
   * levels are those of the fit; unseen levels and missing values throw naming row and column.
   */
  predict(newdata: DataInput, options: { type?: "response" | "link"; source?: string } = {}): number[] {
    const d = designMatrix(newdata, this.options_.predictors, {
      intercept: this.options_.intercept,
      source: options.source ?? "newdata",
    });
    const eta = d.X.map((xi) => xi.reduce((s, v, j) => s + v * this.coef_[j], 0));
    return (options.type ?? "response") === "link" ? eta : eta.map(plogis);
  }

  /** Probabilities for new rows (alias of predict(type "response")). */
  predictProba(newdata: DataInput): number[] {
    return this.predict(newdata, { type: "response" });
  }

  /** The model as plain JSON-able data (coefficients and predictor specification). */
  toJSON(): FrozenLogistic {
    return {
      kind: "logistic",
      outcome: this.options_.outcome,
      predictors: this.options_.predictors,
      terms: this.terms_,
      coefficients: this.coef_,
      intercept: this.options_.intercept,
      method: this.method_,
    };
  }
}

/** Predict from a frozen model (see {@link FittedLogistic.toJSON}) without refitting. */
export function predictFrozen(
  model: FrozenLogistic,
  newdata: DataInput,
  type: "response" | "link" = "response",
): number[] {
  const d = designMatrix(newdata, model.predictors, { intercept: model.intercept, source: "newdata" });
  if (d.terms.join("\u0000") !== model.terms.join("\u0000")) {
    throw new Error(
      `frozen model: terms ${JSON.stringify(model.terms)} differ from the design ${JSON.stringify(d.terms)}`,
    );
  }
  const eta = d.X.map((xi) => xi.reduce((s, v, j) => s + v * model.coefficients[j], 0));
  return type === "link" ? eta : eta.map(plogis);
}

/** Logistic regression estimator: the constructor stores options, {@link fit} learns. */
export class LogisticRegression {
  readonly options: LogisticOptions;
  constructor(options: LogisticOptions) {
    checkPredictors(options.predictors);
    checkConfLevel("LogisticRegression", options.confLevel ?? 0.95);
    if (options.method !== undefined && options.method !== "ml" && options.method !== "firth") {
      throw new Error(`option "method": expected "ml" or "firth", got ${JSON.stringify(options.method)}`);
    }
    this.options = { ...options };
  }

  /** Fit on `data` (column-wise, row-wise or arquero). */
  fit(data: DataInput): FittedLogistic {
    const o = this.options;
    const outcome = o.outcome ?? "y";
    const source = o.source ?? "data";
    const intercept = o.intercept ?? true;
    const confLevel = o.confLevel ?? 0.95;
    let method = o.method ?? "ml";
    const used = [outcome, ...o.predictors.map((p) => p.name), ...(o.weights ? [o.weights] : [])];
    const missing = rowsWithMissing(data, used, source);
    if (missing.size > 0 && (o.naAction ?? "fail") === "fail") {
      const i = Math.min(...missing);
      const col = used.find((c) => isMissing(getColumn(data, c, source)[i]));
      throw new Error(
        `${source} row ${
          i + 1
        }, column "${col}": missing value (${missing.size} rows affected; set naAction "omit" to drop them)`,
      );
    }
    const keep = Array.from({ length: nRows(data) }, (_, i) => i).filter((i) => !missing.has(i));
    const yCells = getColumn(data, outcome, source);
    const y = binaryOutcome(keep.map((i) => yCells[i]), outcome, o.event, source);
    const wCells = o.weights ? getColumn(data, o.weights, source) : null;
    const weights = wCells ? keep.map((i) => Number(wCells[i])) : undefined;
    const design = designMatrix(data, o.predictors, { intercept, source, skipRows: missing });
    const X = design.X;
    const terms = design.terms;
    const p = terms.length;
    const n = y.length;
    if (n <= p) {
      throw new Error(`${source}: ${n} usable rows for ${p} coefficients; need more rows than coefficients`);
    }
    const nEvents = y.reduce((s, v, i) => s + v * (weights ? weights[i] : 1), 0);
    if (nEvents === 0 || nEvents === (weights ? weights.reduce((a, b) => a + b, 0) : n)) {
      throw new Error(
        `${source}, column "${outcome}": the outcome has a single class (${nEvents} events of ${n}); a logistic model cannot be fitted`,
      );
    }
    checkColumns(X, terms);
    const warnings: string[] = [];
    let separation: SeparationReport | null = null;
    let beta: number[];
    let vcov: number[][];
    let eta: number[];
    let deviance: number;
    let iterations: number;
    let converged: boolean;
    let maxAbsScore: number;
    let criterion: number;
    const ml = () => irlsLogistic(X, y, { weights, maxIter: o.maxIter ?? 100, terms });
    if (method === "ml") {
      let fit: ReturnType<typeof ml>;
      try {
        fit = ml();
      } catch (e) {
        // X'WX can become singular when fitted probabilities saturate under separation: say so.
        if (!(e instanceof SingularDesignError)) throw e;
        const rep = detectSeparation(X, y, terms, weights);
        if (!rep.separated) throw e;
        if ((o.onSeparation ?? "error") !== "firth") throw new SeparationError(rep, source);
        separation = rep;
        warnings.push(`${rep.message} Refitted by Firth's penalised likelihood (onSeparation "firth").`);
        method = "firth";
        fit = null as unknown as ReturnType<typeof ml>;
      }
      const extreme = fit !== null && fit.mu.some((m) => m < 1e-7 || m > 1 - 1e-7);
      if (fit !== null && (!fit.converged || extreme)) {
        const rep = detectSeparation(X, y, terms, weights);
        if (rep.separated) {
          separation = rep;
          const policy = o.onSeparation ?? "error";
          if (policy === "error") throw new SeparationError(rep, source);
          if (policy === "firth") {
            method = "firth";
            warnings.push(`${rep.message} Refitted by Firth's penalised likelihood (onSeparation "firth").`);
          } else warnings.push(rep.message);
        } else if (!fit.converged) {
          warnings.push(
            `IRLS did not converge in ${fit.iterations} iterations (max |score| ${
              fit.maxAbsScore.toExponential(2)
            }); increase maxIter`,
          );
        }
      }
      if (fit !== null) {
        ({ beta, vcov, eta, deviance, iterations, converged, maxAbsScore } = fit);
        criterion = deviance;
      }
    }
    if (method === "firth") {
      if (weights) throw new Error(`option "weights": not supported with method "firth"`);
      const fit = firthLogistic(X, y, { terms, maxIter: Math.max(o.maxIter ?? 100, 200) });
      beta = fit.beta;
      vcov = fit.vcov;
      eta = fit.eta;
      deviance = fit.deviance;
      iterations = fit.iterations;
      converged = fit.converged;
      maxAbsScore = Math.max(...fit.score.map(Math.abs));
      criterion = -2 * fit.penalizedLoglik;
      if (!converged) warnings.push(`Firth iterations did not converge in ${iterations} iterations`);
    }
    // Intercept-only model in closed form: β₀ = logit(ȳ_w), D₀ = −2 Σ wᵢ [yᵢ log ȳ + (1 − yᵢ) log(1 − ȳ)].
    const wSum = weights ? weights.reduce((a, b) => a + b, 0) : n;
    const ybar = nEvents / wSum;
    const nullDeviance = intercept
      ? -2 * (nEvents * Math.log(ybar) + (wSum - nEvents) * Math.log(1 - ybar))
      : deviance!;
    const zq = normalQuantile(1 - (1 - confLevel) / 2);
    const q = chisqQuantile(confLevel, 1);
    const wantProfile = o.profile ?? true;
    const rows: CoefficientRow[] = terms.map((term, j) => {
      const est = beta[j];
      const se = Math.sqrt(vcov[j][j]);
      const z = est / se;
      let pl = NaN;
      let pu = NaN;
      if (wantProfile) {
        const f = method === "firth" ? firthProfile(X, y, j) : mlProfile(X, y, j, weights);
        const r = profileIntervalOrWald(f, beta, j, criterion, se, q, zq, term);
        [pl, pu] = r.limits;
        if (r.warning) warnings.push(r.warning);
      }
      return {
        term,
        estimate: est,
        se,
        z,
        pValue: normalTwoSided(z),
        oddsRatio: Math.exp(est),
        orWaldLower: Math.exp(est - zq * se),
        orWaldUpper: Math.exp(est + zq * se),
        orProfileLower: Math.exp(pl),
        orProfileUpper: Math.exp(pu),
      };
    });
    const nEff = weights ? weights.reduce((a, b) => a + b, 0) : n;
    const options = { ...o, outcome, confLevel, method, intercept };
    return new FittedLogistic({
      options,
      terms,
      coef: beta!,
      vcov: vcov!,
      coefficients: rows,
      deviance: deviance!,
      nullDeviance,
      nEffective: nEff,
      n,
      nEvents,
      nOmitted: missing.size,
      linearPredictor: eta!,
      iterations: iterations!,
      converged: converged!,
      maxAbsScore: maxAbsScore!,
      separation,
      method,
      warnings,
    });
  }
}

/** Fit a logistic model in one call: `new LogisticRegression(options).fit(data)`. */
export function fitLogistic(data: DataInput, options: LogisticOptions): FittedLogistic {
  return new LogisticRegression(options).fit(data);
}

/** Result of a likelihood-ratio test of nested models. */
export interface LrTestResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly devianceSmall: number;
  readonly devianceLarge: number;
}

/**
 * Likelihood-ratio test of nested maximum-likelihood fits on the same rows (R: anova(small, large,
 * test = "Chisq")): statistic = D_small − D_large, df = difference in number of coefficients, p from
 * the upper chi-square tail. Throws when the models are not nested by terms or were fitted on
 * different numbers of rows.
 */
export function lrTest(small: FittedLogistic, large: FittedLogistic): LrTestResult {
  if (small.n_ !== large.n_) {
    throw new Error(`lrTest: models fitted on different rows (n = ${small.n_} vs ${large.n_})`);
  }
  const missing = small.terms_.filter((t) => !large.terms_.includes(t));
  if (missing.length) {
    throw new Error(
      `lrTest: not nested; terms of the smaller model absent from the larger: ${missing.join(", ")}`,
    );
  }
  if (small.method_ !== "ml" || large.method_ !== "ml") {
    throw new Error(`lrTest: both models must be maximum-likelihood fits`);
  }
  const df = large.terms_.length - small.terms_.length;
  if (df <= 0) {
    throw new Error(
      `lrTest: the larger model must have more terms (${large.terms_.length} vs ${small.terms_.length})`,
    );
  }
  const statistic = small.deviance_ - large.deviance_;
  return {
    statistic,
    df,
    pValue: chisqUpper(statistic, df),
    devianceSmall: small.deviance_,
    devianceLarge: large.deviance_,
  };
}

export { termNames };
