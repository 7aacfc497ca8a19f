/**
 * Intraclass correlation coefficients (reproducibility screening of radiomics features).
 *
 * Ratings: an n × k matrix, row i = subject (patient), column j = rater or reading (reader A read 1,
 * reader A read 2, reader B, ...), no missing values. Two-way ANOVA decomposition:
 *   SSB = k Σᵢ (ȳᵢ. − ȳ..)², SSJ = n Σⱼ (ȳ.ⱼ − ȳ..)², SSE = SST − SSB − SSJ,
 *   MSB = SSB/(n−1), MSJ = SSJ/(k−1), MSE = SSE/((n−1)(k−1)), MSW = (SSJ + SSE)/(n(k−1)).
 * Coefficients (Shrout & Fleiss 1979; McGraw & Wong 1996 names in brackets):
 *   ICC1  = (MSB − MSW) / (MSB + (k−1)MSW)                    [one-way random, single]
 *   ICC2  = (MSB − MSE) / (MSB + (k−1)MSE + k(MSJ − MSE)/n)   [two-way random, absolute agreement]
 *   ICC3  = (MSB − MSE) / (MSB + (k−1)MSE)                    [two-way mixed, consistency]
 *   ICC1k = (MSB − MSW)/MSB; ICC2k = (MSB − MSE)/(MSB + (MSJ − MSE)/n); ICC3k = (MSB − MSE)/MSB.
 * F tests: ICC1, ICC1k: F = MSB/MSW on (n−1, n(k−1)); others F = MSB/MSE on (n−1, (n−1)(k−1));
 * p = upper tail. Confidence limits exactly as psych::ICC (2.2.9) computes them: ICC1/ICC3 from
 * FL = F/qf(1−α/2, df1, df2), FU = F·qf(1−α/2, df2, df1), limits (F − 1)/(F + k − 1); the k forms
 * 1 − 1/FL, 1 − 1/FU; ICC2 by Satterthwaite's approximation with non-integer df v, ICC2k by the
 * Spearman–Brown step-up of the ICC2 limits.
 * References: Shrout PE, Fleiss JL (1979) Psychol Bull 86:420–428; McGraw KO, Wong SP (1996)
 * Psychol Methods 1:30–46; R psych::ICC. Fixtures: icc-shrout-fleiss-6x4 and others.
 */
import fQuantile from "@stdlib/stats-base-dists-f-quantile";
import betainc from "@stdlib/math-base-special-betainc";
import { checkConfLevel } from "../io/options.ts";

/** One ICC form with its test and interval. */
export interface IccForm {
  readonly icc: number;
  readonly F: number;
  readonly df1: number;
  readonly df2: number;
  readonly p_value: number;
  readonly lower: number;
  readonly upper: number;
}

/** Names of the six forms. */
export type IccType = "ICC1" | "ICC2" | "ICC3" | "ICC1k" | "ICC2k" | "ICC3k";

/** Result of {@link icc}. */
export interface IccResult {
  readonly n_subjects: number;
  readonly n_raters: number;
  readonly mean_squares: {
    readonly msb: number;
    readonly msw: number;
    readonly msj: number;
    readonly mse: number;
  };
  readonly icc: Readonly<Record<IccType, IccForm>>;
  readonly confLevel: number;
}

/** Options of {@link icc}. */
export interface IccOptions {
  /** Confidence level of the intervals (default 0.95). */
  readonly confLevel?: number;
}

/** Upper tail of the F(d1, d2) distribution at f, via the regularised incomplete beta (accurate for tiny p). */
export function fUpperTail(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1;
  if (!Number.isFinite(f)) return 0;
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/**
 * ICC(1,1), ICC(2,1), ICC(3,1) and their k-rater forms, with F tests and confidence limits as
 * psych::ICC (lmer = FALSE) computes them.
 * @param ratings n × k matrix (rows subjects, columns raters), n ≥ 2, k ≥ 2, finite values
 */
export function icc(ratings: readonly (readonly number[])[], options: IccOptions = {}): IccResult {
  const confLevel = checkConfLevel("icc", options.confLevel ?? 0.95);
  const n = ratings.length;
  if (n < 2) throw new Error(`icc ratings: need at least 2 subjects (rows), got ${n}`);
  const k = ratings[0].length;
  if (k < 2) throw new Error(`icc ratings: need at least 2 raters (columns), got ${k}`);
  let grand = 0;
  const rowMean = new Array<number>(n).fill(0);
  const colMean = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const r = ratings[i];
    if (r.length !== k) throw new Error(`icc ratings row ${i + 1}: expected ${k} ratings, got ${r.length}`);
    for (let j = 0; j < k; j++) {
      const v = r[j];
      if (!Number.isFinite(v)) {
        throw new Error(`icc ratings row ${i + 1}, column ${j + 1}: expected a finite number, got ${v}`);
      }
      rowMean[i] += v;
      colMean[j] += v;
      grand += v;
    }
  }
  grand /= n * k;
  for (let i = 0; i < n; i++) rowMean[i] /= k;
  for (let j = 0; j < k; j++) colMean[j] /= n;
  let sst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sst += (ratings[i][j] - grand) ** 2;
  let ssb = 0;
  for (let i = 0; i < n; i++) ssb += (rowMean[i] - grand) ** 2;
  ssb *= k;
  let ssj = 0;
  for (let j = 0; j < k; j++) ssj += (colMean[j] - grand) ** 2;
  ssj *= n;
  // Residual SS computed directly (more accurate than SST − SSB − SSJ when agreement is high).
  let sse = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) sse += (ratings[i][j] - rowMean[i] - colMean[j] + grand) ** 2;
  }
  void sst;
  const msb = ssb / (n - 1);
  const msj = ssj / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const msw = (ssj + sse) / (n * (k - 1));

  const icc1 = (msb - msw) / (msb + (k - 1) * msw);
  const icc2 = (msb - mse) / (msb + (k - 1) * mse + (k * (msj - mse)) / n);
  const icc3 = (msb - mse) / (msb + (k - 1) * mse);
  const icc1k = (msb - msw) / msb;
  const icc2k = (msb - mse) / (msb + (msj - mse) / n);
  const icc3k = (msb - mse) / msb;

  const alpha = 1 - confLevel;
  const q = 1 - alpha / 2;
  const F11 = msb / msw;
  const df11n = n - 1;
  const df11d = n * (k - 1);
  const p11 = fUpperTail(F11, df11n, df11d);
  const F21 = msb / mse;
  const df21n = n - 1;
  const df21d = (n - 1) * (k - 1);
  const p21 = fUpperTail(F21, df21n, df21d);

  const F1L = F11 / fQuantile(q, df11n, df11d);
  const F1U = F11 * fQuantile(q, df11d, df11n);
  const L1 = (F1L - 1) / (F1L + (k - 1));
  const U1 = (F1U - 1) / (F1U + k - 1);
  const F3L = F21 / fQuantile(q, df21n, df21d);
  const F3U = F21 * fQuantile(q, df21d, df21n);
  const L3 = (F3L - 1) / (F3L + k - 1);
  const U3 = (F3U - 1) / (F3U + k - 1);
  // Satterthwaite approximation for ICC(2,1) (psych::ICC).
  const fj = msj / mse;
  const vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const vd = (n - 1) * k * k * icc2 * icc2 * fj * fj + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const v = vn / vd;
  const F2U = fQuantile(q, n - 1, v);
  const F2L = fQuantile(q, v, n - 1);
  const L2 = (n * (msb - F2U * mse)) / (F2U * (k * msj + (k * n - k - n) * mse) + n * msb);
  const U2 = (n * (F2L * msb - mse)) / (k * msj + (k * n - k - n) * mse + n * F2L * msb);
  const L1k = 1 - 1 / F1L;
  const U1k = 1 - 1 / F1U;
  const L3k = 1 - 1 / F3L;
  const U3k = 1 - 1 / F3U;
  const L2k = (L2 * k) / (1 + L2 * (k - 1));
  const U2k = (U2 * k) / (1 + U2 * (k - 1));

  const one = { F: F11, df1: df11n, df2: df11d, p_value: p11 };
  const two = { F: F21, df1: df21n, df2: df21d, p_value: p21 };
  return {
    n_subjects: n,
    n_raters: k,
    mean_squares: { msb, msw, msj, mse },
    icc: {
      ICC1: { icc: icc1, ...one, lower: L1, upper: U1 },
      ICC2: { icc: icc2, ...two, lower: L2, upper: U2 },
      ICC3: { icc: icc3, ...two, lower: L3, upper: U3 },
      ICC1k: { icc: icc1k, ...one, lower: L1k, upper: U1k },
      ICC2k: { icc: icc2k, ...two, lower: L2k, upper: U2k },
      ICC3k: { icc: icc3k, ...two, lower: L3k, upper: U3k },
    },
    confLevel,
  };
}

/**
 * The six coefficients only (no tests or intervals), for screening thousands of features quickly.
 * Same definitions as {@link icc}.
 */
export function iccCoefficients(ratings: readonly (readonly number[])[]): Record<IccType, number> {
  const n = ratings.length;
  const k = ratings[0]?.length ?? 0;
  if (n < 2 || k < 2) {
    throw new Error(`iccCoefficients: need at least 2 subjects and 2 raters, got ${n} × ${k}`);
  }
  let grand = 0;
  const rowMean = new Array<number>(n).fill(0);
  const colMean = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = ratings[i][j];
      rowMean[i] += v;
      colMean[j] += v;
      grand += v;
    }
  }
  grand /= n * k;
  for (let i = 0; i < n; i++) rowMean[i] /= k;
  for (let j = 0; j < k; j++) colMean[j] /= n;
  let ssb = 0, ssj = 0, sse = 0;
  for (let i = 0; i < n; i++) ssb += (rowMean[i] - grand) ** 2;
  for (let j = 0; j < k; j++) ssj += (colMean[j] - grand) ** 2;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) sse += (ratings[i][j] - rowMean[i] - colMean[j] + grand) ** 2;
  }
  const msb = (ssb * k) / (n - 1);
  const msj = (ssj * n) / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const msw = (ssj * n + sse) / (n * (k - 1));
  return {
    ICC1: (msb - msw) / (msb + (k - 1) * msw),
    ICC2: (msb - mse) / (msb + (k - 1) * mse + (k * (msj - mse)) / n),
    ICC3: (msb - mse) / (msb + (k - 1) * mse),
    ICC1k: (msb - msw) / msb,
    ICC2k: (msb - mse) / (msb + (msj - mse) / n),
    ICC3k: (msb - mse) / msb,
  };
}
