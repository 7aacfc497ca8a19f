/**
 * Time-dependent discrimination and accuracy of predicted risks for right-censored data, as
 * riskRegression::Score defines them with an IPCW Kaplan–Meier censoring model:
 *
 * - **cumulative/dynamic AUC** at horizon t: cases are subjects with T_i ≤ t and an event (weight
 *   1/G(T_i−)), controls subjects with T_j > t (weight 1/G(t)); subjects censored at or before t get
 *   weight 0. AUC(t) = Σ_i Σ_j w_i w_j [I(p_i > p_j) + ½ I(p_i = p_j)] / (Σ_i w_i · Σ_j w_j).
 * - **IPCW Brier score** BS(t) = (1/n) Σ_i w_i (I(T_i ≤ t, δ_i = 1) − p_i)², same weights.
 * - the **null model** predicts the marginal Kaplan–Meier risk 1 − S_KM(t) of the same data for all.
 *
 * G is the Kaplan–Meier censoring survival in prodlim's convention (see `ipcw.ts`). Standard errors
 * come from the influence function (iid decomposition) including the censoring-model term: for the
 * Brier score IF_k = r_k − BS + (1/n) Σ_i r_i f_k(s_i), where r_i are the weighted residuals,
 * s_i = T_i− for cases and t for controls, and f_k(s) = I(T_k ≤ s)(1 − δ_k) n/Y(T_k) −
 * Σ_{u ≤ min(T_k, s)} n dN_C(u)/Y(u)² is the influence of subject k on the censoring cumulative hazard
 * (Y(u) = #{T ≥ u}); the AUC's IF is that of a ratio of weighted U-statistics with the same censoring
 * term on the case weights. se = sd(IF)/√n; CI = estimate ± z se, clipped to [0, 1] (Score).
 *
 * References: Blanche, Dartigues & Jacqmin-Gadda (2013) Stat Med 32:5381 (AUC with IPCW, iid
 * representation); Gerds & Schumacher (2006) Biom J 48:1029 (IPCW Brier score); Graf et al. (1999)
 * Stat Med 18:2529; R: riskRegression::Score(metrics = c("auc", "brier"), cens.model = "km",
 * null.model = TRUE, conf.int = TRUE).
 */
import quantileNormal from "@stdlib/stats-base-dists-normal-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { checkSurvival } from "../stats/survival_input.ts";
import { kaplanMeier, survivalAt } from "./km.ts";
import { censoringSurvival } from "./ipcw.ts";
import { sd } from "../stats/quantile.ts";
import { checkConfLevel } from "../io/options.ts";

/** Estimand labels printed beside every number. */
export const TD_AUC_ESTIMAND =
  "cumulative/dynamic AUC (cases: event by t; controls: event-free beyond t), IPCW with Kaplan–Meier censoring model";
export const TD_BRIER_ESTIMAND = "IPCW Brier score, Kaplan–Meier censoring model";

/** Why an estimate at a horizon is missing. */
export type HorizonStatus = "ok" | "no_events_before_t" | "no_subjects_beyond_t";

/** One metric at each horizon (arrays parallel to `times`). */
export interface TdMetric {
  readonly estimand: string;
  /** Null where the estimate does not exist (see `status` and `message`). */
  readonly estimate: readonly (number | null)[];
  readonly se: readonly (number | null)[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  readonly status: readonly HorizonStatus[];
  /** Human-readable reason per horizon ("" when ok). */
  readonly message: readonly string[];
}

/** Options of {@link timeDependentAucBrier}. */
export interface TdOptions {
  /** Confidence level (default 0.95). */
  readonly confLevel?: number;
  /** Compute standard errors and CIs (default true; false is faster, e.g. inside a bootstrap). */
  readonly se?: boolean;
  /** Metrics to compute (default both). */
  readonly metrics?: readonly ("auc" | "brier")[];
  /** Also score the null model (marginal KM risk) (default true). */
  readonly nullModel?: boolean;
}

/** Result for one model (and the null model's Brier score). */
export interface TdResult {
  readonly times: readonly number[];
  readonly n: number;
  readonly nCases: readonly number[];
  readonly nControls: readonly number[];
  readonly nCensored: readonly number[];
  readonly auc?: TdMetric;
  readonly brier?: { readonly model: TdMetric; readonly null?: TdMetric };
  readonly confLevel: number;
  /** Method statement for tables and figure captions. */
  readonly method: string;
}

interface Prep {
  n: number;
  /** Sorted by time (events before censorings at equal times), original indices. */
  order: number[];
  time: number[];
  status: number[];
  /** Y(T_i) and cumulative n·dN_C/Y² up to and including T_i, per sorted position. */
  atRisk: number[];
  mc: number[];
  /** Same compensator just before T_i (over u < T_i). */
  mcBefore: number[];
  G: ReturnType<typeof censoringSurvival>;
}

function prepare(time: readonly number[], status: readonly number[]): Prep {
  const n = time.length;
  const order = [...time.keys()].sort((a, b) => time[a] - time[b] || status[b] - status[a]);
  const t = order.map((i) => time[i]);
  const s = order.map((i) => status[i]);
  const atRisk = new Array<number>(n);
  const mc = new Array<number>(n);
  const mcBefore = new Array<number>(n);
  let cum = 0;
  let k = 0;
  while (k < n) {
    let m = k;
    let c = 0;
    while (m < n && t[m] === t[k]) {
      if (s[m] === 0) c++;
      m++;
    }
    const Y = n - k;
    const before = cum;
    cum += (n * c) / (Y * Y);
    for (let q = k; q < m; q++) {
      atRisk[q] = Y;
      mc[q] = cum;
      mcBefore[q] = before;
    }
    k = m;
  }
  return { n, order, time: t, status: s, atRisk, mc, mcBefore, G: censoringSurvival(time, status) };
}

/** Compensator Σ_{u ≤ x} n dN_C(u)/Y(u)² at an arbitrary x (strict: u < x). */
function mcAt(P: Prep, x: number, strict: boolean): number {
  let lo = 0, hi = P.n - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? P.time[mid] < x : P.time[mid] <= x) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans < 0 ? 0 : P.mc[ans];
}

/**
 * Σ_i c_i f_k(T_i−) over the cases i (sorted positions, increasing), for every subject k, in one sweep:
 * with a_k = (1 − δ_k) n/Y(T_k) − M(T_k), f_k(T_i−) = a_k when T_k < T_i and −M(T_i−) otherwise, so
 * the sum is a_k · Σ_{T_i > T_k} c_i − Σ_{T_i ≤ T_k} c_i M(T_i−): a suffix and a prefix sum over the
 * cases. O(n + cases) instead of O(n · cases · log n) for the direct double loop with a search per pair.
 */
function censoringTerm(P: Prep, cases: readonly number[], coef: ArrayLike<number>): Float64Array {
  const n = P.n;
  const out = new Float64Array(n);
  let total = 0;
  for (let c = 0; c < cases.length; c++) total += coef[c];
  let ptr = 0;
  let below = 0; // Σ_{T_i ≤ T_k} c_i
  let belowM = 0; // Σ_{T_i ≤ T_k} c_i M(T_i−)
  for (let k = 0; k < n; k++) {
    const tk = P.time[k];
    while (ptr < cases.length && P.time[cases[ptr]] <= tk) {
      below += coef[ptr];
      belowM += coef[ptr] * P.mcBefore[cases[ptr]];
      ptr++;
    }
    const a = (P.status[k] === 0 ? n / P.atRisk[k] : 0) - P.mc[k];
    out[k] = a * (total - below) - belowM;
  }
  return out;
}

interface HorizonData {
  cases: number[];
  controls: number[];
  w: Float64Array;
  nCensored: number;
  Gt: number;
}

function horizon(P: Prep, t: number): HorizonData {
  const cases: number[] = [];
  const controls: number[] = [];
  const w = new Float64Array(P.n);
  let nCensored = 0;
  const Gt = P.G.at(t);
  for (let q = 0; q < P.n; q++) {
    if (P.time[q] <= t) {
      if (P.status[q] === 1) {
        cases.push(q);
        w[q] = 1 / P.G.leftLimit(P.time[q]);
      } else nCensored++;
    } else {
      controls.push(q);
      w[q] = 1 / Gt;
    }
  }
  return { cases, controls, w, nCensored, Gt };
}

function brierAt(
  P: Prep,
  H: HorizonData,
  risk: readonly number[],
  t: number,
  withSe: boolean,
): { est: number; se: number | null; ic?: number[] } {
  const n = P.n;
  const r = new Float64Array(n);
  for (const q of H.cases) r[q] = H.w[q] * (1 - risk[q]) ** 2;
  for (const q of H.controls) r[q] = H.w[q] * risk[q] ** 2;
  let est = 0;
  for (let q = 0; q < n; q++) est += r[q];
  est /= n;
  if (!withSe) return { est, se: null };
  let ctrlSum = 0;
  for (const q of H.controls) ctrlSum += r[q];
  ctrlSum /= n;
  // control term: f_k(t) = a_k for T_k ≤ t, −M(t) beyond (one value for all k beyond t)
  const mt = mcAt(P, t, false);
  const caseCoef = new Float64Array(H.cases.length);
  H.cases.forEach((i, c) => (caseCoef[c] = r[i] / n));
  const caseTerm = censoringTerm(P, H.cases, caseCoef);
  const ic = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const fk = P.time[k] <= t ? (P.status[k] === 0 ? n / P.atRisk[k] : 0) - P.mc[k] : -mt;
    ic[k] = r[k] - est + (ctrlSum * fk + caseTerm[k]);
  }
  return { est, se: sd(ic) / Math.sqrt(n), ic };
}

/**
 * For every case i, Σ_j w_j K(p_i, p_j) over the controls, and for every control j, Σ_i w_i K(p_i, p_j)
 * over the cases, K = I(p_i > p_j) + ½ I(p_i = p_j), indexed by sorted position (0 for others): the
 * risks are ranked among their distinct values (a native numeric sort and a binary search each), the
 * case and control weights summed per rank, and the sums read off prefix sums. O(n log n) instead of
 * the O(cases × controls) double loop.
 */
function pairSums(
  H: HorizonData,
  risk: readonly number[],
): { caseRow: Float64Array; ctrlCol: Float64Array } {
  const n = risk.length;
  const sorted = Float64Array.from(risk).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
  const distinct = sorted.subarray(0, m);
  const rank = (v: number): number => {
    let lo = 0, hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const caseW = new Float64Array(m + 1), ctrlW = new Float64Array(m + 1);
  const caseRank = new Int32Array(H.cases.length), ctrlRank = new Int32Array(H.controls.length);
  H.cases.forEach((q, c) => (caseW[caseRank[c] = rank(risk[q])] += H.w[q]));
  H.controls.forEach((q, c) => (ctrlW[ctrlRank[c] = rank(risk[q])] += H.w[q]));
  // prefix sums: below[r] = Σ weights with rank < r
  const caseBelow = new Float64Array(m + 1), ctrlBelow = new Float64Array(m + 1);
  for (let r = 0; r < m; r++) {
    caseBelow[r + 1] = caseBelow[r] + caseW[r];
    ctrlBelow[r + 1] = ctrlBelow[r] + ctrlW[r];
  }
  const caseTotal = caseBelow[m];
  const caseRow = new Float64Array(n);
  const ctrlCol = new Float64Array(n);
  H.cases.forEach((q, c) => (caseRow[q] = ctrlBelow[caseRank[c]] + ctrlW[caseRank[c]] / 2));
  H.controls.forEach((q, c) => {
    const r = ctrlRank[c];
    ctrlCol[q] = caseTotal - caseBelow[r] - caseW[r] / 2;
  });
  return { caseRow, ctrlCol };
}

function aucAt(
  P: Prep,
  H: HorizonData,
  risk: readonly number[],
  t: number,
  withSe: boolean,
): { est: number; se: number | null; ic?: number[] } {
  const n = P.n;
  const { cases, controls, w } = H;
  const { caseRow, ctrlCol } = pairSums(H, risk);
  let num = 0;
  for (const i of cases) num += w[i] * caseRow[i];
  let muCase = 0, muCtrl = 0;
  for (const q of cases) muCase += w[q];
  for (const q of controls) muCtrl += w[q];
  muCase /= n;
  muCtrl /= n;
  const muNum = num / (n * n);
  const A = muNum / (muCase * muCtrl);
  if (!withSe) return { est: A, se: null };
  const denom = muCase * muCtrl;
  const ic = new Array<number>(n).fill(0);
  const conservative = t >= P.time[n - 1];
  for (const k of cases) ic[k] += (w[k] * caseRow[k]) / n - A * muCtrl * w[k];
  for (const k of controls) ic[k] += (w[k] * ctrlCol[k]) / n - A * muCase * w[k];
  for (let k = 0; k < n; k++) ic[k] /= denom;
  if (!conservative) {
    // censoring-term coefficient per case: w_i [ (1/n) Σ_j w_j K − A μ_ctrl ] / denom / n
    const coefCase = new Float64Array(cases.length);
    cases.forEach((i, c) => (coefCase[c] = (w[i] * ((caseRow[i] / n) - A * muCtrl)) / denom / n));
    const term = censoringTerm(P, cases, coefCase);
    for (let k = 0; k < n; k++) ic[k] += term[k];
  }
  return { est: A, se: sd(ic) / Math.sqrt(n), ic };
}

function emptyMetric(
  estimand: string,
): {
  estimand: string;
  estimate: (number | null)[];
  se: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  status: HorizonStatus[];
  message: string[];
} {
  return { estimand, estimate: [], se: [], lower: [], upper: [], status: [], message: [] };
}

/**
 * Cumulative/dynamic AUC and IPCW Brier score (with SE and CI) of predicted risks at each horizon,
 * plus the null model's Brier score, as riskRegression::Score (cens.model = "km").
 *
 * @param time follow-up times; @param status 1 = event, 0 = censored
 * @param risk risk[k][i] = predicted probability that subject i has the event by times[k]
 * @param times horizons (any order; reported as given)
 *
 * A horizon with no event at or before it has no AUC: its entry is null with status
 * "no_events_before_t" and a message; likewise "no_subjects_beyond_t" when nobody is followed
 * beyond t.
 */
export function timeDependentAucBrier(
  time: readonly number[],
  status: readonly number[],
  risk: readonly (readonly number[])[],
  times: readonly number[],
  options: TdOptions = {},
): TdResult {
  return tdInternal(time, status, risk, times, options);
}

/** Influence functions per horizon (sorted-subject order), collected for model contrasts. */
interface IfCollector {
  auc: (number[] | null)[];
  brier: (number[] | null)[];
}

function tdInternal(
  time: readonly number[],
  status: readonly number[],
  risk: readonly (readonly number[])[],
  times: readonly number[],
  options: TdOptions,
  collect?: IfCollector,
): TdResult {
  checkSurvival(time, status, "timeDependentAucBrier");
  const confLevel = checkConfLevel("timeDependentAucBrier", options.confLevel ?? 0.95);
  const withSe = options.se ?? true;
  const metrics = options.metrics ?? ["auc", "brier"];
  const nullModel = options.nullModel ?? true;
  if (risk.length !== times.length) {
    throw new Error(
      `timeDependentAucBrier: risk has ${risk.length} rows but there are ${times.length} times (risk[k][i] = risk of subject i by times[k])`,
    );
  }
  const n = time.length;
  risk.forEach((r, k) => {
    if (r.length !== n) {
      throw new Error(
        `timeDependentAucBrier: risk[${k}] has ${r.length} values, expected ${n} (one per subject)`,
      );
    }
    r.forEach((v, i) => {
      if (!(v >= 0 && v <= 1)) {
        throw new Error(`timeDependentAucBrier: risk[${k}][${i}] must be a probability in [0, 1], got ${v}`);
      }
    });
  });
  const P = prepare(time, status);
  const z = quantileNormal(1 - (1 - confLevel) / 2, 0, 1);
  const km = nullModel ? kaplanMeier(time, status) : null;
  const nullRisk = km ? survivalAt(km, times).map((s) => 1 - s) : [];
  const auc = emptyMetric(TD_AUC_ESTIMAND);
  const bm = emptyMetric(TD_BRIER_ESTIMAND);
  const bn = emptyMetric(`${TD_BRIER_ESTIMAND}; null model: marginal Kaplan–Meier risk 1 − S_KM(t)`);
  const nCases: number[] = [], nControls: number[] = [], nCensored: number[] = [];
  const push = (
    m: ReturnType<typeof emptyMetric>,
    r: { est: number; se: number | null } | null,
    st: HorizonStatus,
    msg: string,
  ) => {
    if (r === null) {
      m.estimate.push(null);
      m.se.push(null);
      m.lower.push(null);
      m.upper.push(null);
    } else {
      m.estimate.push(r.est);
      m.se.push(r.se);
      m.lower.push(r.se === null ? null : Math.max(0, r.est - z * r.se));
      m.upper.push(r.se === null ? null : Math.min(1, r.est + z * r.se));
    }
    m.status.push(st);
    m.message.push(msg);
  };
  times.forEach((t, k) => {
    const H = horizon(P, t);
    nCases.push(H.cases.length);
    nControls.push(H.controls.length);
    nCensored.push(H.nCensored);
    const rk = P.order.map((i) => risk[k][i]);
    if (metrics.includes("auc")) {
      if (H.cases.length === 0) {
        push(
          auc,
          null,
          "no_events_before_t",
          `no event at or before t = ${t}: the AUC at this horizon is not defined`,
        );
        collect?.auc.push(null);
      } else if (H.controls.length === 0) {
        push(
          auc,
          null,
          "no_subjects_beyond_t",
          `nobody is followed beyond t = ${t}: the AUC at this horizon is not defined`,
        );
        collect?.auc.push(null);
      } else {
        const a = aucAt(P, H, rk, t, withSe || collect !== undefined);
        push(auc, withSe ? a : { est: a.est, se: null }, "ok", "");
        collect?.auc.push(a.ic ?? null);
      }
    }
    if (metrics.includes("brier")) {
      if (H.controls.length === 0 && H.cases.length === 0) {
        push(
          bm,
          null,
          "no_subjects_beyond_t",
          `every subject is censored at or before t = ${t}: the Brier score is not defined`,
        );
        collect?.brier.push(null);
        if (nullModel) {
          push(bn, null, "no_subjects_beyond_t", `every subject is censored at or before t = ${t}`);
        }
      } else {
        const msg = H.cases.length === 0
          ? `no event at or before t = ${t}: Brier score reflects controls only`
          : "";
        const b = brierAt(P, H, rk, t, withSe || collect !== undefined);
        push(bm, withSe ? b : { est: b.est, se: null }, "ok", msg);
        collect?.brier.push(b.ic ?? null);
        if (nullModel) push(bn, brierAt(P, H, new Array<number>(n).fill(nullRisk[k]), t, withSe), "ok", msg);
      }
    }
  });
  return {
    times: [...times],
    n,
    nCases,
    nControls,
    nCensored,
    ...(metrics.includes("auc") ? { auc } : {}),
    ...(metrics.includes("brier") ? { brier: nullModel ? { model: bm, null: bn } : { model: bm } } : {}),
    confLevel,
    method: `${
      Math.round(confLevel * 100)
    }% CI = estimate ± z·SE, SE from the influence function including the Kaplan–Meier censoring-model term (riskRegression::Score)`,
  };
}

/**
 * Integrated Brier score over [times[0], times[last]]: (1/(t_K − t_0)) ∫ BS(t) dt by the trapezoid rule
 * over the supplied horizons (`rule: "trapezoid"`, default) or by the left Riemann sum of the step
 * function (`rule: "step"`). Horizons whose Brier score is null are skipped. Reference: Graf et al.
 * (1999); the grid is the caller's: use a fine grid (e.g. every month) for a faithful integral.
 */
export function integratedBrier(
  times: readonly number[],
  brier: readonly (number | null)[],
  options: { rule?: "trapezoid" | "step" } = {},
): { ibs: number | null; from: number; to: number; rule: string } {
  const pts = times.map((t, k) => [t, brier[k]] as const).filter((p): p is readonly [number, number] =>
    p[1] !== null
  ).sort((a, b) => a[0] - b[0]);
  const rule = options.rule ?? "trapezoid";
  if (pts.length < 2) return { ibs: null, from: pts[0]?.[0] ?? NaN, to: pts[0]?.[0] ?? NaN, rule };
  let area = 0;
  for (let k = 1; k < pts.length; k++) {
    const dt = pts[k][0] - pts[k - 1][0];
    area += rule === "step" ? pts[k - 1][1] * dt : ((pts[k - 1][1] + pts[k][1]) / 2) * dt;
  }
  const from = pts[0][0], to = pts[pts.length - 1][0];
  return { ibs: area / (to - from), from, to, rule };
}

/** Several models scored on the same patients and horizons (Figures 5A/5B). */
export interface TdComparison {
  readonly times: readonly number[];
  readonly n: number;
  readonly nCases: readonly number[];
  readonly nControls: readonly number[];
  readonly nCensored: readonly number[];
  /** Per model: AUC and Brier score with SE and CI. */
  readonly models: Readonly<Record<string, { readonly auc: TdMetric; readonly brier: TdMetric }>>;
  /** Null model (marginal Kaplan–Meier risk) Brier score. */
  readonly nullBrier: TdMetric;
  /** Paired differences between models (every later model minus every earlier one). */
  readonly contrasts: readonly TdContrast[];
  readonly confLevel: number;
  readonly method: string;
}

/** Difference of a metric between two models on the same patients, per horizon. */
export interface TdContrast {
  readonly metric: "auc" | "brier";
  /** The difference is `model` minus `reference`. */
  readonly model: string;
  readonly reference: string;
  readonly delta: readonly (number | null)[];
  readonly se: readonly (number | null)[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  /** Two-sided Wald p-value of delta = 0. */
  readonly pValue: readonly (number | null)[];
  readonly method: string;
}

/**
 * Score several models at the same horizons: `models[name][k][i]` = risk of subject i by times[k].
 * Model order is kept (it is the legend order of the figures).
 */
export function compareTimeDependent(
  time: readonly number[],
  status: readonly number[],
  models: Readonly<Record<string, readonly (readonly number[])[]>>,
  times: readonly number[],
  options: Omit<TdOptions, "metrics" | "nullModel"> = {},
): TdComparison {
  const names = Object.keys(models);
  if (names.length === 0) throw new Error("compareTimeDependent: no models given");
  const out: Record<string, { auc: TdMetric; brier: TdMetric }> = {};
  const ifs: Record<string, IfCollector> = {};
  let first: TdResult | undefined;
  for (const name of names) {
    const collect: IfCollector = { auc: [], brier: [] };
    const r = tdInternal(
      time,
      status,
      models[name],
      times,
      { ...options, nullModel: first === undefined },
      collect,
    );
    first ??= r;
    out[name] = { auc: r.auc!, brier: r.brier!.model };
    ifs[name] = collect;
  }
  const confLevel = first!.confLevel;
  const z = quantileNormal(1 - (1 - confLevel) / 2, 0, 1);
  const contrasts: TdContrast[] = [];
  for (let a = 0; a < names.length; a++) {
    for (let b = a + 1; b < names.length; b++) {
      for (const metric of ["auc", "brier"] as const) {
        const ref = names[a], mod = names[b];
        const c = {
          delta: [] as (number | null)[],
          se: [] as (number | null)[],
          lower: [] as (number | null)[],
          upper: [] as (number | null)[],
          pValue: [] as (number | null)[],
        };
        times.forEach((_, k) => {
          const ea = out[ref][metric].estimate[k], eb = out[mod][metric].estimate[k];
          const ia = ifs[ref][metric][k], ib = ifs[mod][metric][k];
          if (ea === null || eb === null || !ia || !ib) {
            c.delta.push(null), c.se.push(null), c.lower.push(null), c.upper.push(null), c.pValue.push(null);
            return;
          }
          const d = eb - ea;
          const se = sd(ib.map((v, i) => v - ia[i])) / Math.sqrt(ib.length);
          c.delta.push(d);
          c.se.push(se);
          c.lower.push(d - z * se);
          c.upper.push(d + z * se);
          c.pValue.push(se > 0 ? 2 * (1 - normalCdf(Math.abs(d / se), 0, 1)) : null);
        });
        contrasts.push({
          metric,
          model: mod,
          reference: ref,
          ...c,
          method: `paired difference ${mod} − ${ref}; SE from the difference of influence functions; ${
            Math.round(confLevel * 100)
          }% Wald CI and two-sided p (riskRegression::Score contrasts)`,
        });
      }
    }
  }
  return {
    times: first!.times,
    n: first!.n,
    nCases: first!.nCases,
    nControls: first!.nControls,
    nCensored: first!.nCensored,
    models: out,
    nullBrier: first!.brier!.null!,
    contrasts,
    confLevel,
    method: first!.method,
  };
}

/**
 * Risks arranged for {@link timeDependentAucBrier} from a time-fixed score: risk[k][i] = p_i at every
 * horizon (e.g. a logistic model's probability of progression). The AUC then ranks patients by p at each
 * t; the Brier score treats p as the probability of an event by every t, which is only meaningful near
 * the horizon the model was trained for: say so beside the numbers.
 */
export function constantRisk(p: readonly number[], times: readonly number[]): number[][] {
  return times.map(() => [...p]);
}
