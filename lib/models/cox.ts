/**
 * Cox proportional hazards regression fitted by Newton–Raphson on the partial likelihood, with
 * Efron (default) or Breslow handling of tied event times.
 *
 * Partial log-likelihood at β, over distinct event times t with d tied events D(t), risk set R(t):
 *   ℓ(β) = Σ_t [ Σ_{i∈D(t)} x_iβ − Σ_{k=0}^{d−1} log(S0(t) − (k/d)·S0_D(t)) ]   (Efron)
 * with S0(t) = Σ_{R(t)} exp(x_iβ), S0_D(t) = Σ_{D(t)} exp(x_iβ); Breslow drops the k/d term.
 * Score and information follow by differentiating (Therneau & Grambsch 2000, §3.3).
 *
 * Outputs as R's survival::coxph: coefficients, SE = sqrt(diag I(β̂)⁻¹), hazard ratios with Wald CIs,
 * Wald z and p; likelihood-ratio, Wald (β̂ᵀ I β̂) and score (U(0)ᵀ I(0)⁻¹ U(0)) tests; Harrell's C as
 * survival::concordance; the baseline cumulative hazard at covariates all zero (uncentered; Breslow
 * increments d/S0 for a Breslow fit, Efron increments Σ_k 1/(S0 − k/d S0_D) for an Efron fit, as
 * survival's basehaz(centered = FALSE)); S(t | x) = exp(−H0(t) exp(xβ)).
 *
 * References: Cox (1972) JRSS-B 34:187; Efron (1977) JASA 72:557; Breslow (1974) Biometrics 30:89;
 * Therneau & Grambsch (2000) Modeling Survival Data; R: survival::coxph, basehaz, survfit.coxph.
 */
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import quantileNormal from "@stdlib/stats-base-dists-normal-quantile";
import chisqCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import {
  type DataInput,
  designMatrix,
  getColumn,
  numericCell,
  type PredictorSpec,
  termNames,
} from "./design.ts";
import { inverseSpd, quadFormInv, solveSpd } from "./spd.ts";
import { type HarrellC, harrellC } from "../stats/concordance.ts";
import { checkSurvival } from "../stats/survival_input.ts";
import { meanOnePass, varianceUnchecked } from "../stats/quantile.ts";
import { checkConfLevel, checkOneOf } from "../io/options.ts";

/** Options of {@link CoxPH}. */
export interface CoxPHOptions {
  /** Covariates (predictor specification: numeric, or factor with treatment coding). */
  readonly covariates: readonly PredictorSpec[];
  /** Column of follow-up times (default "time"). */
  readonly time?: string;
  /** Column of event indicators, 1 = event, 0 = censored (default "status"). */
  readonly status?: string;
  /** Handling of tied event times (default "efron", as coxph). */
  readonly ties?: "efron" | "breslow";
  /** Confidence level of hazard-ratio intervals (default 0.95). */
  readonly confLevel?: number;
  /** Maximum Newton–Raphson iterations (default 50). */
  readonly maxIter?: number;
  /** Convergence: stop when |ℓ_new − ℓ_old| ≤ tol·|ℓ_new| (default 1e-14, then one polishing step). */
  readonly tol?: number;
  /** Data source named in error messages (default "data"). */
  readonly source?: string;
}

/** A test statistic with its chi-square reference. */
export interface ChisqTest {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/** One row of the coefficient table. */
export interface CoxCoefficient {
  readonly term: string;
  readonly coef: number;
  readonly se: number;
  readonly hr: number;
  readonly hrLower: number;
  readonly hrUpper: number;
  readonly z: number;
  readonly pValue: number;
}

/** Result of the matrix-level fit {@link fitCoxMatrix}. */
export interface CoxMatrixFit {
  readonly coef: number[];
  readonly vcov: number[][];
  readonly information: number[][];
  readonly loglik: number;
  readonly loglikNull: number;
  readonly scoreTest: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Column means used for centering (the fit itself does not depend on them). */
  readonly means: number[];
}

interface Derivs {
  loglik: number;
  U: number[];
  I: number[][];
}

/** Subjects ordered by decreasing time, grouped by distinct time. */
interface TimeGroups {
  order: number[];
  /** [start, end) into order for each distinct time, decreasing time. */
  groups: [number, number][];
}

function timeGroups(time: readonly number[]): TimeGroups {
  const order = [...time.keys()].sort((a, b) => time[b] - time[a]);
  const groups: [number, number][] = [];
  let k = 0;
  while (k < order.length) {
    let m = k;
    while (m < order.length && time[order[m]] === time[order[k]]) m++;
    groups.push([k, m]);
    k = m;
  }
  return { order, groups };
}

/**
 * The fit's data laid out once for {@link derivs}: centered covariate rows in decreasing-time order,
 * row-major in one Float64Array, event flags and time-group bounds in the same order, and optionally
 * g (the cox.zph time transform) per row.
 */
interface CoxWork {
  readonly n: number;
  readonly p: number;
  readonly xs: Float64Array;
  readonly event: Uint8Array;
  /** [start, end) of each distinct time, decreasing time, flattened: groups[2g], groups[2g + 1]. */
  readonly groups: Int32Array;
  readonly g?: Float64Array;
}

function coxWork(
  X: readonly (readonly number[])[],
  status: readonly number[],
  tg: TimeGroups,
  g?: readonly number[],
): CoxWork {
  const n = tg.order.length;
  const p = n > 0 ? X[0].length : 0;
  const xs = new Float64Array(n * p);
  const event = new Uint8Array(n);
  const gs = g ? new Float64Array(n) : undefined;
  tg.order.forEach((i, q) => {
    const x = X[i];
    for (let j = 0; j < p; j++) xs[q * p + j] = x[j];
    event[q] = status[i] === 1 ? 1 : 0;
    if (gs) gs[q] = g![i];
  });
  const groups = new Int32Array(tg.groups.length * 2);
  tg.groups.forEach(([a, b], k) => {
    groups[2 * k] = a;
    groups[2 * k + 1] = b;
  });
  return { n, p, xs, event, groups, g: gs };
}

/**
 * ℓ, U, I of the partial likelihood at β (X centered). With `g` in the work data (one value per
 * subject, used at that subject's event time), also accumulates the extended score Σ g(t)(x − x̄(t))
 * and the blocks Σ g V, Σ g² V used by the proportional-hazards score test (cox.zph).
 *
 * One pass over the subjects in decreasing time with running sums S0, S1 (p) and S2 (p × p, lower
 * triangle) in flat typed arrays, as survival's coxfit6 does; tied events add their own sums for the
 * Efron correction.
 */
function derivs(
  W: CoxWork,
  beta: readonly number[],
  efron: boolean,
): Derivs & { Ug?: number[]; Hg?: number[][]; Hgg?: number[][] } {
  const { p, xs, event, groups, g } = W;
  const pp = p * p;
  const S1 = new Float64Array(p), S2 = new Float64Array(pp);
  const S1d = new Float64Array(p), S2d = new Float64Array(pp), xsum = new Float64Array(p);
  const U = new Float64Array(p), I = new Float64Array(pp);
  const Ug = g ? new Float64Array(p) : undefined;
  const Hg = g ? new Float64Array(pp) : undefined;
  const Hgg = g ? new Float64Array(pp) : undefined;
  const m = new Float64Array(p);
  let S0 = 0;
  let loglik = 0;
  for (let k = 0; k < groups.length; k += 2) {
    const a = groups[k], b = groups[k + 1];
    let d = 0;
    let S0d = 0;
    for (let q = a; q < b; q++) {
      const o = q * p;
      let lp = 0;
      for (let j = 0; j < p; j++) lp += xs[o + j] * beta[j];
      const r = Math.exp(lp);
      S0 += r;
      const ev = event[q] === 1;
      if (ev) {
        if (d === 0) {
          S1d.fill(0);
          S2d.fill(0);
          xsum.fill(0);
        }
        d++;
        S0d += r;
        loglik += lp;
      }
      for (let j = 0; j < p; j++) {
        const rxj = r * xs[o + j];
        S1[j] += rxj;
        const row = j * p;
        for (let l = 0; l <= j; l++) S2[row + l] += rxj * xs[o + l];
        if (ev) {
          xsum[j] += xs[o + j];
          S1d[j] += rxj;
          for (let l = 0; l <= j; l++) S2d[row + l] += rxj * xs[o + l];
        }
      }
    }
    if (d === 0) continue;
    const gt = g ? g[a] : 0;
    for (let e = 0; e < d; e++) {
      const f = efron ? e / d : 0;
      const s0 = S0 - f * S0d;
      loglik -= Math.log(s0);
      for (let j = 0; j < p; j++) m[j] = (S1[j] - f * S1d[j]) / s0;
      for (let j = 0; j < p; j++) {
        const mj = m[j];
        U[j] -= mj;
        if (Ug) Ug[j] -= gt * mj;
        const row = j * p;
        for (let l = 0; l <= j; l++) {
          const v = (S2[row + l] - f * S2d[row + l]) / s0 - mj * m[l];
          I[row + l] += v;
          if (Hg) Hg[row + l] += gt * v;
          if (Hgg) Hgg[row + l] += gt * gt * v;
        }
      }
    }
    for (let j = 0; j < p; j++) {
      U[j] += xsum[j];
      if (Ug) Ug[j] += gt * xsum[j];
    }
  }
  const square = (M: Float64Array): number[][] =>
    Array.from(
      { length: p },
      (_, j) => Array.from({ length: p }, (_, l) => (l <= j ? M[j * p + l] : M[l * p + j])),
    );
  return {
    loglik,
    U: Array.from(U),
    I: square(I),
    Ug: Ug ? Array.from(Ug) : undefined,
    Hg: Hg ? square(Hg) : undefined,
    Hgg: Hgg ? square(Hgg) : undefined,
  };
}

function center(X: readonly (readonly number[])[]): { Xc: number[][]; means: number[] } {
  const p = X[0]?.length ?? 0;
  const means = new Array<number>(p).fill(0);
  for (const x of X) for (let j = 0; j < p; j++) means[j] += x[j] / X.length;
  return { Xc: X.map((x) => x.map((v, j) => v - means[j])), means };
}

/**
 * Fit a Cox model on a numeric design matrix X (n × p, no intercept) by Newton–Raphson with step
 * halving, starting at β = 0. Returns β̂, its covariance I(β̂)⁻¹, ℓ(β̂), ℓ(0) and the score statistic.
 */
export function fitCoxMatrix(
  time: readonly number[],
  status: readonly number[],
  X: readonly (readonly number[])[],
  options: { ties?: "efron" | "breslow"; maxIter?: number; tol?: number; terms?: readonly string[] } = {},
): CoxMatrixFit {
  checkSurvival(time, status, "fitCoxMatrix");
  if (X.length !== time.length) {
    throw new Error(`fitCoxMatrix: X has ${X.length} rows but time has ${time.length}`);
  }
  const efron = (options.ties ?? "efron") === "efron";
  const maxIter = options.maxIter ?? 50;
  const tol = options.tol ?? 1e-14;
  if (!status.some((s) => s === 1)) {
    throw new Error("fitCoxMatrix: no events in the data; a Cox model cannot be fitted");
  }
  const { Xc, means } = center(X);
  const p = means.length;
  const W = coxWork(Xc, status, timeGroups(time));
  let beta = new Array<number>(p).fill(0);
  const d0 = derivs(W, beta, efron);
  const what = `Cox information matrix (${(options.terms ?? []).join(", ")})`;
  const scoreTest = p > 0 ? quadFormInv(d0.I, d0.U, what) : 0;
  let cur = d0;
  let converged = p === 0;
  let iter = 0;
  let polished = false;
  while (!converged && iter < maxIter) {
    iter++;
    const step = solveSpd(cur.I, cur.U, what);
    let cand = beta.map((b, j) => b + step[j]);
    let next = derivs(W, cand, efron);
    let halvings = 0;
    while (!(next.loglik >= cur.loglik - 1e-12 * Math.abs(cur.loglik)) && halvings < 30) {
      cand = cand.map((c, j) => (c + beta[j]) / 2);
      next = derivs(W, cand, efron);
      halvings++;
    }
    const change = Math.abs(next.loglik - cur.loglik);
    beta = cand;
    cur = next;
    if (change <= tol * Math.abs(next.loglik)) {
      if (polished) converged = true;
      polished = true;
    }
    if (!cand.every(Number.isFinite)) break;
  }
  const vcov = p > 0 ? inverseSpd(cur.I, what) : [];
  return {
    coef: beta,
    vcov,
    information: cur.I,
    loglik: cur.loglik,
    loglikNull: d0.loglik,
    scoreTest,
    iterations: iter,
    converged,
    means,
  };
}

/**
 * Log partial likelihood ℓ of a fixed linear predictor (β = 1 on the covariate `lp`), Efron or Breslow
 * ties, as coxph's loglik of `Surv(time, status) ~ offset(lp)`. ℓ is invariant to shifting lp (it is
 * centred first to avoid overflow). Used by the optimism bootstrap (validate.cph's U index).
 */
export function coxPartialLogLik(
  time: readonly number[],
  status: readonly number[],
  lp: readonly number[],
  ties: "efron" | "breslow" = "efron",
): number {
  checkSurvival(time, status, "coxPartialLogLik");
  if (lp.length !== time.length) {
    throw new Error(`coxPartialLogLik: lp has ${lp.length} values but time has ${time.length}`);
  }
  const m = meanOnePass(lp);
  return derivs(coxWork(lp.map((v) => [v - m]), status, timeGroups(time)), [1], ties === "efron").loglik;
}

/** Proportional-hazards test of one term or of all (GLOBAL). */
export interface ZphRow {
  readonly term: string;
  readonly chisq: number;
  readonly df: number;
  readonly pValue: number;
}

/** Result of {@link FittedCox.zph}. */
export interface CoxZph {
  readonly method: string;
  readonly transform: "km" | "identity" | "log" | "rank";
  /** One row per term, then "GLOBAL". */
  readonly table: readonly ZphRow[];
  /** Event times and transformed times g(t) of the scaled Schoenfeld residuals. */
  readonly time: readonly number[];
  readonly x: readonly number[];
  /** Scaled Schoenfeld residuals + β̂ (one row per event, one column per term): β(t) estimates. */
  readonly scaledResiduals: readonly (readonly number[])[];
}

/** A fitted Cox model. */
export class FittedCox {
  /** Term names in design order ("age", "sex=female"). */
  readonly terms_: readonly string[];
  readonly coef_: readonly number[];
  readonly vcov_: readonly (readonly number[])[];
  readonly se_: readonly number[];
  readonly loglik_: number;
  readonly loglikNull_: number;
  readonly lrTest_: ChisqTest;
  readonly waldTest_: ChisqTest;
  readonly scoreTest_: ChisqTest;
  /** Harrell's C of the linear predictor on the training data (survival::coxph's concordance). */
  readonly concordance_: HarrellC;
  /** Baseline cumulative hazard at covariates all zero, at each distinct event time. */
  readonly baselineCumhaz_: { readonly time: readonly number[]; readonly cumhaz: readonly number[] };
  readonly n_: number;
  readonly nEvent_: number;
  readonly iterations_: number;
  readonly converged_: boolean;
  /**
   * Warnings with cause and remedy: non-convergence, or a coefficient that looks infinite (monotone
   * likelihood: a covariate level with no events, or a covariate that orders the event times perfectly).
   */
  readonly warnings_: readonly string[];
  readonly ties_: "efron" | "breslow";
  readonly covariates_: readonly PredictorSpec[];
  readonly confLevel_: number;
  /** Linear predictor x'β (uncentered) of the training rows. */
  readonly linearPredictors_: readonly number[];
  readonly #X: readonly (readonly number[])[];
  readonly #time: readonly number[];
  readonly #status: readonly number[];

  constructor(
    init: {
      terms: readonly string[];
      covariates: readonly PredictorSpec[];
      fit: CoxMatrixFit;
      ties: "efron" | "breslow";
      confLevel: number;
      X: readonly (readonly number[])[];
      time: readonly number[];
      status: readonly number[];
    },
  ) {
    const { fit, X, time, status } = init;
    const p = fit.coef.length;
    this.terms_ = init.terms;
    this.covariates_ = init.covariates;
    this.coef_ = fit.coef;
    this.vcov_ = fit.vcov;
    this.se_ = fit.vcov.map((r, j) => Math.sqrt(r[j]));
    this.loglik_ = fit.loglik;
    this.loglikNull_ = fit.loglikNull;
    this.ties_ = init.ties;
    this.confLevel_ = init.confLevel;
    this.iterations_ = fit.iterations;
    this.converged_ = fit.converged;
    this.n_ = time.length;
    this.nEvent_ = status.reduce((a, s) => a + s, 0);
    const lr = 2 * (fit.loglik - fit.loglikNull);
    this.lrTest_ = { statistic: lr, df: p, pValue: 1 - chisqCdf(lr, p) };
    const wald = p > 0
      ? fit.coef.reduce(
        (a, b, j) => a + b * fit.information[j].reduce((s, v, l) => s + v * fit.coef[l], 0),
        0,
      )
      : 0;
    this.waldTest_ = { statistic: wald, df: p, pValue: 1 - chisqCdf(wald, p) };
    this.scoreTest_ = { statistic: fit.scoreTest, df: p, pValue: 1 - chisqCdf(fit.scoreTest, p) };
    this.linearPredictors_ = X.map((x) => x.reduce((a, v, j) => a + v * fit.coef[j], 0));
    this.concordance_ = harrellC(time, status, this.linearPredictors_, { confLevel: init.confLevel });
    this.baselineCumhaz_ = baselineHazard(time, status, this.linearPredictors_, init.ties === "efron");
    this.#X = X;
    this.#time = time;
    this.#status = status;
    const warnings: string[] = [];
    if (!fit.converged) {
      warnings.push(
        `Newton–Raphson did not converge in ${fit.iterations} iterations: estimates and SEs are unreliable; check for covariates that separate the event times or rescale them`,
      );
    }
    this.terms_.forEach((term, j) => {
      const col = X.map((r) => r[j]);
      const sd = col.length > 1 ? Math.sqrt(varianceUnchecked(col, meanOnePass(col))) : 0;
      if (Math.abs(fit.coef[j]) * sd > 15 || !Number.isFinite(this.se_[j])) {
        warnings.push(
          `coefficient of "${term}" may be infinite (|β·SD| = ${
            (Math.abs(fit.coef[j]) * sd).toFixed(1)
          }): monotone likelihood, e.g. a level without events; consider Firth-type penalisation or merging levels`,
        );
      }
    });
    this.warnings_ = warnings;
  }

  /** Coefficient table: coef, SE, HR with Wald CI (confLevel), z, two-sided p. */
  coefficients(): CoxCoefficient[] {
    const z = quantileNormal(1 - (1 - this.confLevel_) / 2, 0, 1);
    return this.terms_.map((term, j) => {
      const b = this.coef_[j];
      const se = this.se_[j];
      const zz = b / se;
      return {
        term,
        coef: b,
        se,
        hr: Math.exp(b),
        hrLower: Math.exp(b - z * se),
        hrUpper: Math.exp(b + z * se),
        z: zz,
        pValue: 2 * normalCdf(-Math.abs(zz), 0, 1),
      };
    });
  }

  /** Design matrix of new data (same covariate specification; factor cells compared as text). */
  design(newdata: DataInput, source = "newdata"): number[][] {
    return designMatrix(newdata, this.covariates_, { intercept: false, source }).X.map((r) => [...r]);
  }

  /** Linear predictor x'β (uncentered: covariates at zero give 0) for each row of `newdata`. */
  linearPredictor(newdata: DataInput): number[] {
    return this.design(newdata).map((x) => x.reduce((a, v, j) => a + v * this.coef_[j], 0));
  }

  /** Baseline cumulative hazard H0(t) at covariates all zero: right-continuous step, 0 before the first event. */
  baselineCumhazAt(times: readonly number[]): number[] {
    const bt = this.baselineCumhaz_.time;
    const bh = this.baselineCumhaz_.cumhaz;
    return times.map((t) => {
      let h = 0;
      for (let i = 0; i < bt.length && bt[i] <= t; i++) h = bh[i];
      return h;
    });
  }

  /** Baseline survival S0(t) = exp(−H0(t)) at covariates all zero. */
  baselineSurvival(times: readonly number[]): number[] {
    return this.baselineCumhazAt(times).map((h) => Math.exp(-h));
  }

  /** S(t | x) = exp(−H0(t) exp(x'β)); rows = patients of `newdata`, columns = `times`. */
  predictSurvival(newdata: DataInput, times: readonly number[]): number[][] {
    const H = this.baselineCumhazAt(times);
    return this.linearPredictor(newdata).map((lp) => H.map((h) => Math.exp(-h * Math.exp(lp))));
  }

  /** Predicted risk of an event by each time, 1 − S(t | x); rows = patients, columns = times. */
  predictRisk(newdata: DataInput, times: readonly number[]): number[][] {
    return this.predictSurvival(newdata, times).map((r) => r.map((s) => 1 - s));
  }

  /** The model as plain JSON-able data (everything {@link predictFrozenCox} needs; no training rows). */
  toJSON(): FrozenCox {
    return {
      kind: "cox",
      version: 1,
      covariates: this.covariates_,
      terms: this.terms_,
      coefficients: this.coef_,
      ties: this.ties_,
      baselineCumhaz: this.baselineCumhaz_,
      n: this.n_,
      nEvent: this.nEvent_,
    };
  }

  /**
   * Predicted risks arranged for the time-dependent metrics: result[k][i] = 1 − S(times[k] | x_i)
   * (the `risk` argument of timeDependentAucBrier).
   */
  predictRiskByTime(newdata: DataInput, times: readonly number[]): number[][] {
    const r = this.predictRisk(newdata, times);
    return times.map((_, k) => r.map((row) => row[k]));
  }

  /**
   * Proportional-hazards test as survival::cox.zph (survival ≥ 3): score test, at (β̂, γ = 0), of the
   * extended model with covariates x and g(t)·x, g = transform of time centered at its mean over events
   * (default "km": 1 − KM(t−)); per term (each covariate column) and GLOBAL (all p). Also returns the
   * scaled Schoenfeld residuals r V̄⁻¹ + β̂ (V̄ = I(β̂)/#events) for plots of β(t).
   * Reference: Grambsch & Therneau (1994) Biometrika 81:515; R: survival::cox.zph(terms = FALSE).
   */
  zph(options: { transform?: "km" | "identity" | "log" | "rank" } = {}): CoxZph {
    const transform = options.transform ?? "km";
    const time = this.#time;
    const status = this.#status;
    const n = time.length;
    const p = this.coef_.length;
    let tt: number[];
    if (transform === "identity") tt = [...time];
    else if (transform === "log") tt = time.map(Math.log);
    else if (transform === "rank") {
      const sorted = [...time].sort((a, b) => a - b);
      tt = time.map((t) => {
        const lo = sorted.indexOf(t);
        const hi = sorted.lastIndexOf(t);
        return (lo + hi) / 2 + 1;
      });
    } else {
      // left-continuous KM: 1 − S(t−)
      const order = [...time.keys()].sort((a, b) => time[a] - time[b]);
      const sBefore = new Map<number, number>();
      let s = 1;
      let k = 0;
      while (k < n) {
        const t = time[order[k]];
        let d = 0;
        let m = k;
        while (m < n && time[order[m]] === t) {
          d += status[order[m]];
          m++;
        }
        sBefore.set(t, s);
        s *= 1 - d / (n - k);
        k = m;
      }
      tt = time.map((t) => 1 - sBefore.get(t)!);
    }
    const evIdx = [...time.keys()].filter((i) => status[i] === 1);
    const gMean = evIdx.reduce((a, i) => a + tt[i], 0) / evIdx.length;
    const g = tt.map((v) => v - gMean);
    const { Xc } = center(this.#X);
    const dv = derivs(coxWork(Xc, status, timeGroups(time), g), this.coef_, this.ties_ === "efron");
    const H1 = dv.I, H2 = dv.Hg!, H3 = dv.Hgg!, Ug = dv.Ug!;
    const block = (kk: number[]): number[][] => {
      // rows/cols: 0..p−1 original, then the selected extended ones
      const idx = [...Array(p).keys()].map((j) => ({ ext: false, j })).concat(
        kk.map((j) => ({ ext: true, j })),
      );
      return idx.map((a) =>
        idx.map((
          b,
        ) => (!a.ext && !b.ext
          ? H1[a.j][b.j]
          : a.ext && b.ext
          ? H3[a.j][b.j]
          : a.ext
          ? H2[a.j][b.j]
          : H2[a.j][b.j])
        )
      );
    };
    const test = (kk: number[]): number => {
      const u = new Array<number>(p).fill(0).concat(kk.map((j) => Ug[j]));
      return quadFormInv(block(kk), u, "cox.zph information matrix");
    };
    const table: ZphRow[] = this.terms_.map((term, j) => {
      const c = test([j]);
      return { term, chisq: c, df: 1, pValue: 1 - chisqCdf(c, 1) };
    });
    const all = [...Array(p).keys()];
    const cg = test(all);
    table.push({ term: "GLOBAL", chisq: cg, df: p, pValue: 1 - chisqCdf(cg, p) });
    // scaled Schoenfeld residuals (Efron: the risk-set mean averaged over the tied-death fractions)
    const lp = Xc.map((x) => x.reduce((a, v, j) => a + v * this.coef_[j], 0));
    const evSorted = evIdx.sort((a, b) => time[a] - time[b]);
    const vmean = H1.map((r) => r.map((v) => v / evIdx.length));
    const resid: number[][] = [];
    for (const i of evSorted) {
      const ti = time[i];
      const mean = new Array<number>(p).fill(0);
      let S0 = 0;
      const S1 = new Array<number>(p).fill(0);
      let S0d = 0;
      const S1d = new Array<number>(p).fill(0);
      let d = 0;
      for (let q = 0; q < n; q++) {
        if (time[q] < ti) continue;
        const r = Math.exp(lp[q]);
        S0 += r;
        for (let j = 0; j < p; j++) S1[j] += r * Xc[q][j];
        if (time[q] === ti && status[q] === 1) {
          d++;
          S0d += r;
          for (let j = 0; j < p; j++) S1d[j] += r * Xc[q][j];
        }
      }
      const efron = this.ties_ === "efron";
      for (let k = 0; k < d; k++) {
        const f = efron ? k / d : 0;
        for (let j = 0; j < p; j++) mean[j] += (S1[j] - f * S1d[j]) / (S0 - f * S0d) / d;
      }
      const r = Xc[i].map((v, j) => v - mean[j]);
      const scaled = solveSpd(vmean, r, "cox.zph mean information");
      resid.push(scaled.map((v, j) => v + this.coef_[j]));
    }
    return {
      method:
        `scaled Schoenfeld residual score test (survival::cox.zph), transform "${transform}", ties ${this.ties_}`,
      transform,
      table,
      time: evSorted.map((i) => time[i]),
      x: evSorted.map((i) => tt[i]),
      scaledResiduals: resid,
    };
  }
}

/** A frozen Cox model: coefficients, covariate specification and baseline cumulative hazard (covariates 0). */
export interface FrozenCox {
  readonly kind: "cox";
  readonly version: 1;
  readonly covariates: readonly PredictorSpec[];
  readonly terms: readonly string[];
  readonly coefficients: readonly number[];
  readonly ties: "efron" | "breslow";
  readonly baselineCumhaz: { readonly time: readonly number[]; readonly cumhaz: readonly number[] };
  readonly n: number;
  readonly nEvent: number;
}

/**
 * Predict from a frozen Cox model without refitting: S(t | x) = exp(−H0(t) exp(x'β)), rows = patients,
 * columns = `times` (type "survival", default), 1 − S ("risk"), or the linear predictor ("lp", one column).
 */
export function predictFrozenCox(
  model: FrozenCox,
  newdata: DataInput,
  times: readonly number[],
  type: "survival" | "risk" | "lp" = "survival",
): number[][] {
  if (model.kind !== "cox") {
    throw new Error(`frozen Cox model: field "kind" must be "cox", got ${JSON.stringify(model.kind)}`);
  }
  const d = designMatrix(newdata, model.covariates, { intercept: false, source: "newdata" });
  if (d.terms.join("\u0000") !== model.terms.join("\u0000")) {
    throw new Error(
      `frozen Cox model: terms ${JSON.stringify(model.terms)} differ from the design ${
        JSON.stringify(d.terms)
      }`,
    );
  }
  const lps = d.X.map((x) => x.reduce((a, v, j) => a + v * model.coefficients[j], 0));
  if (type === "lp") return lps.map((l) => [l]);
  const bt = model.baselineCumhaz.time, bh = model.baselineCumhaz.cumhaz;
  const H = times.map((t) => {
    let h = 0;
    for (let i = 0; i < bt.length && bt[i] <= t; i++) h = bh[i];
    return h;
  });
  return lps.map((l) =>
    H.map((h) => (type === "risk" ? 1 - Math.exp(-h * Math.exp(l)) : Math.exp(-h * Math.exp(l))))
  );
}

/**
 * Baseline cumulative hazard at covariates 0 from linear predictors `lp` (uncentered): at each distinct
 * event time, Breslow increment d/S0 or Efron increment Σ_{k<d} 1/(S0 − (k/d) S0_D).
 */
export function baselineHazard(
  time: readonly number[],
  status: readonly number[],
  lp: readonly number[],
  efron: boolean,
): { time: number[]; cumhaz: number[] } {
  const shift = lp.length ? Math.max(...lp) : 0; // scale for exp stability; undone below
  const tg = timeGroups(time);
  const inc: { t: number; h: number }[] = [];
  let S0 = 0;
  for (const [a, b] of tg.groups) {
    let d = 0;
    let S0d = 0;
    for (let q = a; q < b; q++) {
      const i = tg.order[q];
      const r = Math.exp(lp[i] - shift);
      S0 += r;
      if (status[i] === 1) {
        d++;
        S0d += r;
      }
    }
    if (d === 0) continue;
    let h = 0;
    for (let k = 0; k < d; k++) h += 1 / (S0 - (efron ? (k / d) * S0d : 0));
    inc.push({ t: time[tg.order[a]], h: h * Math.exp(-shift) });
  }
  inc.reverse();
  const out = { time: [] as number[], cumhaz: [] as number[] };
  let H = 0;
  for (const { t, h } of inc) {
    H += h;
    out.time.push(t);
    out.cumhaz.push(H);
  }
  return out;
}

/**
 * Cox proportional hazards model (scikit-learn style): the constructor stores options, `fit(data)`
 * reads the time, status and covariate columns and returns a {@link FittedCox}.
 *
 * ```ts
 * const fit = new CoxPH({ covariates: [{ name: "ki67", type: "numeric" }], time: "pfs_months", status: "progressed" }).fit(train);
 * fit.coefficients(); fit.predictSurvival(test, [6, 12, 24]); fit.zph().table;
 * ```
 */
export class CoxPH {
  readonly options: CoxPHOptions;
  constructor(options: CoxPHOptions) {
    if (!options || !Array.isArray(options.covariates)) {
      throw new Error(`CoxPH: option "covariates" must be a predictor specification array`);
    }
    checkOneOf("CoxPH", "ties", options.ties ?? "efron", ["efron", "breslow"]);
    checkConfLevel("CoxPH", options.confLevel ?? 0.95);
    this.options = options;
  }

  /** Fit on `data` (columns, rows or an arquero table). */
  fit(data: DataInput): FittedCox {
    const o = this.options;
    const source = o.source ?? "data";
    const tcol = o.time ?? "time";
    const scol = o.status ?? "status";
    const time = getColumn(data, tcol, source).map((v, i) => numericCell(v, tcol, i + 1, source));
    const status = getColumn(data, scol, source).map((v, i) => numericCell(v, scol, i + 1, source));
    checkSurvival(time, status, source);
    const X = designMatrix(data, o.covariates, { intercept: false, source }).X.map((r) => [...r]);
    const terms = termNames(o.covariates, false);
    const ties = o.ties ?? "efron";
    const fit = fitCoxMatrix(time, status, X, { ties, maxIter: o.maxIter, tol: o.tol, terms });
    return new FittedCox({
      terms,
      covariates: o.covariates,
      fit,
      ties,
      confLevel: o.confLevel ?? 0.95,
      X,
      time,
      status,
    });
  }
}
