/**
 * le Cessie–van Houwelingen–Copas–Hosmer unweighted sum-of-squares goodness-of-fit test of a logistic
 * model (no grouping; rms's recommended alternative to Hosmer–Lemeshow).
 *
 * With p̂ the fitted probabilities and X the design matrix (intercept + terms):
 *   SSE = Σ (yᵢ − p̂ᵢ)²,  E[SSE] = Σ p̂ᵢ(1 − p̂ᵢ),
 *   sd(SSE) = √(Σ wᵢ rᵢ²), rᵢ the residuals of the weighted least-squares regression of dᵢ = 1 − 2p̂ᵢ
 *   on X with weights wᵢ = p̂ᵢ(1 − p̂ᵢ),
 *   z = (SSE − E[SSE]) / sd(SSE), p = 2(1 − Φ(|z|)).
 * Reference: Hosmer DW, Hosmer T, le Cessie S, Lemeshow S. (1997) Stat Med 16:965–980; le Cessie S,
 * van Houwelingen JC (1991) Biometrics 47:1267–1282; R: rms::residuals.lrm(type = "gof").
 */
import { Matrix } from "ml-matrix";
import { cholesky, crossprodWeighted } from "../models/irls.ts";
import { normalTwoSided } from "../stats/distributions.ts";
import type { FittedLogistic } from "../models/logistic.ts";
import { type DataInput, designMatrix } from "../models/design.ts";

/** Result of the le Cessie–van Houwelingen test. */
export interface LeCessieResult {
  readonly sse: number;
  readonly expectedSse: number;
  readonly sdSse: number;
  readonly z: number;
  readonly pValue: number;
  readonly method: string;
}

/** The test from a design matrix X (n × p, with intercept column), 0/1 outcome y and fitted p̂. */
export function leCessieVanHouwelingen(
  X: readonly (readonly number[])[],
  y: ArrayLike<number>,
  p: ArrayLike<number>,
): LeCessieResult {
  const n = X.length;
  if (y.length !== n || p.length !== n) {
    throw new Error(`leCessieVanHouwelingen: X has ${n} rows, y ${y.length}, p ${p.length}`);
  }
  const k = X[0]?.length ?? 0;
  let sse = 0;
  let ev = 0;
  const w = new Array<number>(n);
  const d = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    sse += (y[i] - p[i]) ** 2;
    w[i] = p[i] * (1 - p[i]);
    ev += w[i];
    d[i] = 1 - 2 * p[i];
  }
  const A = crossprodWeighted(X, w, k);
  const b = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) b[j] += X[i][j] * w[i] * d[i];
  const coef = cholesky(A, Array.from({ length: k }, (_, j) => `x${j + 1}`)).solve(Matrix.columnVector(b))
    .getColumn(0);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += X[i][j] * coef[j];
    rss += w[i] * (d[i] - fit) ** 2;
  }
  const sd = Math.sqrt(rss);
  const z = (sse - ev) / sd;
  return {
    sse,
    expectedSse: ev,
    sdSse: sd,
    z,
    pValue: normalTwoSided(z),
    method:
      "le Cessie–van Houwelingen unweighted sum-of-squares test (rms residuals.lrm type 'gof'), two-sided normal p",
  };
}

/** The test for a fitted logistic model on the data it was fitted on (or other data with the outcome). */
export function leCessieTest(fit: FittedLogistic, data: DataInput, y: ArrayLike<number>): LeCessieResult {
  const X = designMatrix(data, fit.predictors_, { intercept: fit.options_.intercept }).X;
  const p = fit.predict(data);
  return leCessieVanHouwelingen(X, y, p);
}
