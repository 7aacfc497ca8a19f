/**
 * The synthetic twin of the study cohort (Bi et al. 2025, Front. Oncol. 15:1586980): 306 patients,
 * 215 training / 91 test, with every Table 1 variable, progression status, PFS, a treatment date and
 * three latent tumour variables for the radiomics generators.
 *
 * Fidelity by construction (checked in tests/studies/bi2025/twin/cohort_test.ts):
 * - **Categorical counts** per split equal the published Table 1 counts (two resolved rows, see
 *   `../codebook.csv`): every binary variable is drawn by *exact allocation*, i.e. from its logistic
 *   model conditional on the published number of positives (conditional Bernoulli sampling, which
 *   leaves the log odds ratios of the model unchanged while fixing the total).
 * - **Progression** exactly 32/215 and 13/91, drawn the same way from the outcome model.
 * - **Continuous variables** (age, Ki-67, diameter, PFS) are quantile-matched: the k-th smallest of n
 *   patients gets Q((k − ½)/n), Q the piecewise-linear quantile function through the published
 *   (min, Q1, median, Q3, max) of the split (min and max synthetic), and patients are ranked by a latent
 *   score; the sample quartiles (R type 7) then sit within a few percent of the published ones.
 * - **Outcome model** (the generating model): logit P(progression) = α + β_k·Ki-67 + β_m·metastasis +
 *   γ·aggressiveness. Ki-67 and metastasis are the only observed direct causes, as in the paper's
 *   multivariable analysis; the other CT signs depend on metastasis, on the Ki-67 score and on the
 *   heterogeneity/vascularity latents, so they are associated with progression (univariately) but
 *   carry no information once Ki-67 and metastasis are known. Coefficients were calibrated so the
 *   population univariate ORs ({@link populationOddsRatios}) equal the published Table 2 ORs (or sit
 *   inside their 95% CIs where the target is out of reach).
 * - **Training split conditioned on the published analysis**: every univariate OR of a two-level
 *   variable in Table 2 is reproduced exactly by one 2×2 table with the Table 1 training margins and
 *   32 events (found by lib/audit `checkOrFromCounts`); the training allocation is stratified by
 *   outcome to match those tables (`eventsAtPositive`), so the twin's univariate ORs and Wald CIs print
 *   as published. Continuous predictors: the training split is redrawn (next forked stream) until the
 *   realised univariate ORs of age, Ki-67 and diameter lie inside their published CIs (`orIntervals`;
 *   `draws` reports how many draws were needed). The test split follows the model unconditioned.
 * - **PFS**: months from treatment to the visit at which progression was found or the last visit;
 *   at most 24 months (the last scheduled visit), so treatment (2013-02-01..2022-12-31) + PFS never
 *   passes the end of follow-up (2024-12-31). `last_visit_month` names the scheduled visit (1, 3, 6,
 *   12, 24) whose window holds the time. Patients are ranked for PFS by −0.8·progression −
 *   0.3·aggressiveness + N(0, 1) (progressors and aggressive tumours tend to shorter times).
 *
 * All randomness comes from one seeded `Rng` (forked per variable and split): same seed, same bytes.
 */
import { createRng, type Rng } from "../../../lib/random/mod.ts";
import { type Cohort, DataError, toCsv } from "../../../lib/data/mod.ts";

/** Split keys. */
export type SplitName = "train" | "test";

/** A quantile function given by knots (p ascending from 0 to 1, q non-decreasing). */
export interface QuantileKnots {
  readonly p: readonly number[];
  readonly q: readonly number[];
}

/** What the twin must match in one split. */
export interface SplitTarget {
  readonly n: number;
  readonly events: number;
  /** Number of patients at the non-reference level of each two-level variable. */
  readonly positives: Readonly<Record<string, number>>;
  /**
   * Published 2×2 tables with the outcome: number of events at the non-reference level of each
   * two-level variable (optional; when given, allocation is stratified by outcome to match it).
   */
  readonly eventsAtPositive?: Readonly<Record<string, number>>;
  /**
   * Published univariate OR intervals of continuous predictors (optional): when given, a split is
   * redrawn (from the next forked stream) until each realised univariate OR lies inside its interval.
   */
  readonly orIntervals?: Readonly<Partial<Record<ContinuousVariable, readonly [number, number]>>>;
  /** Quantile knots of each continuous variable. */
  readonly knots: Readonly<Record<ContinuousVariable, QuantileKnots>>;
}

/** Continuous variables of the twin. */
export type ContinuousVariable = "age_months" | "ki67_pct" | "max_diameter_cm" | "pfs_months";

const K = (min: number, q1: number, med: number, q3: number, max: number): QuantileKnots => ({
  p: [0, 0.25, 0.5, 0.75, 1],
  q: [min, q1, med, q3, max],
});

/**
 * Published Table 1 targets per split (counts of the non-reference level; minima and maxima are
 * synthetic). Resolutions: test midline infiltration + = 24 (printed 67/13 sums to 80), test
 * calcification + = 51 (printed 40/52 sums to 92); see ../codebook.csv.
 */
export const TWIN_TARGETS: Readonly<Record<SplitName, SplitTarget>> = {
  train: {
    n: 215,
    events: 32,
    positives: {
      gender: 127, // Female
      pathology: 129, // non-NB
      complete_resection: 40, // no
      location: 99, // R
      heterogeneity: 127,
      margin: 147, // ill-defined
      midline_infiltration: 89,
      vascular_wrapping: 117,
      pleural_effusion: 87,
      calcification: 140,
      necrosis: 62,
      enhancement: 127, // non-uniform
      metastasis: 50,
    },
    // Recovered exactly by lib/audit checkOrFromCounts: the only 2×2 tables with the Table 1 training
    // margins and 32 events whose Wald OR and 95% CI print as in Table 2.
    eventsAtPositive: {
      gender: 16,
      pathology: 17,
      complete_resection: 10,
      location: 15,
      heterogeneity: 23,
      margin: 26,
      midline_infiltration: 21,
      vascular_wrapping: 23,
      pleural_effusion: 17,
      calcification: 27,
      necrosis: 15,
      enhancement: 23,
      metastasis: 18,
    },
    // Table 2 univariate 95% CIs (per month, per percentage point, per cm).
    orIntervals: { age_months: [0.999, 1.017], ki67_pct: [1.023, 1.052], max_diameter_cm: [1.005, 1.253] },
    knots: {
      age_months: K(1, 16, 39, 65, 190),
      ki67_pct: K(1, 3, 8, 40, 90),
      max_diameter_cm: K(1.5, 4.2, 6.4, 8.9, 16),
      pfs_months: K(0.5, 4.45, 7.23, 18.08, 24),
    },
  },
  test: {
    n: 91,
    events: 13,
    positives: {
      gender: 37,
      pathology: 63,
      complete_resection: 7,
      location: 41,
      heterogeneity: 50,
      margin: 61,
      midline_infiltration: 24,
      vascular_wrapping: 39,
      pleural_effusion: 27,
      calcification: 51,
      necrosis: 17,
      enhancement: 50,
      metastasis: 17,
    },
    knots: {
      age_months: K(2, 21, 41, 72, 180),
      ki67_pct: K(1, 3, 5, 20, 80),
      max_diameter_cm: K(1.8, 4.5, 6.1, 8.4, 15),
      pfs_months: K(0.8, 7.17, 8.57, 16.33, 24),
    },
  },
};

/** Levels (reference first) of the two-level variables, as in ../codebook.csv. */
export const TWO_LEVELS: Readonly<Record<string, readonly [string, string]>> = {
  gender: ["Male", "Female"],
  pathology: ["NB", "non-NB"],
  complete_resection: ["yes", "no"],
  location: ["L", "R"],
  heterogeneity: ["negative", "positive"],
  margin: ["well-defined", "ill-defined"],
  midline_infiltration: ["negative", "positive"],
  vascular_wrapping: ["negative", "positive"],
  pleural_effusion: ["negative", "positive"],
  calcification: ["negative", "positive"],
  necrosis: ["negative", "positive"],
  enhancement: ["uniform", "non-uniform"],
  metastasis: ["negative", "positive"],
};

/** Logit loadings of a sign on metastasis (0/1), the standardised Ki-67 score and the latents. */
export interface SignLoadings {
  readonly met: number;
  readonly ki67: number;
  readonly heterogeneity: number;
  readonly vascularity: number;
}

/** Parameters of the generating model. */
export interface GeneratingModel {
  /** Correlation of the Ki-67 rank score with latent aggressiveness. */
  readonly rhoKi67: number;
  /** Log-odds of metastasis per SD of aggressiveness. */
  readonly deltaMet: number;
  /** Outcome: log-odds per Ki-67 percentage point. */
  readonly betaKi67: number;
  /** Outcome: log OR of metastasis. */
  readonly betaMet: number;
  /** Outcome: log-odds per SD of aggressiveness (the part radiomics can add). */
  readonly gammaAggr: number;
  /** Sign models (two-level variables other than metastasis). */
  readonly signs: Readonly<Record<string, SignLoadings>>;
  /** Rank scores of continuous predictors: weights on metastasis, Ki-67 score, heterogeneity latent (noise SD 1). */
  readonly diameter: { readonly met: number; readonly ki67: number; readonly heterogeneity: number };
  readonly age: { readonly met: number; readonly ki67: number };
  /** PFS rank score: −tauEvent·progression − tauAggr·aggressiveness + N(0,1); lower score, shorter time. */
  readonly tauEvent: number;
  readonly tauAggr: number;
}

const S = (met: number, ki67: number, heterogeneity = 0, vascularity = 0): SignLoadings => ({
  met,
  ki67,
  heterogeneity,
  vascularity,
});

/**
 * The calibrated generating model (signs: `calibrateSign`; Ki-67/metastasis, diameter and age weights:
 * bisection/fixed-point iteration on `populationOddsRatios`; training
 * split targets, population of 100 000, seed 1). Targets are the published Table 2 univariate ORs;
 * gender and location are not tumour properties and are drawn independently (OR 1, inside their CIs).
 */
export const GENERATING_MODEL: GeneratingModel = {
  rhoKi67: 0.3,
  deltaMet: 0.5,
  betaKi67: 0.03663,
  betaMet: 1.9027,
  gammaAggr: 1.0,
  signs: {
    gender: S(0, 0),
    location: S(0, 0),
    pathology: S(-0.3831, -0.1916),
    complete_resection: S(1.2823, 0.3847),
    heterogeneity: S(1.1768, 0.353, 0.8),
    margin: S(1.2945, 0.3884),
    midline_infiltration: S(1.699, 0.8495, 0, 0.6),
    vascular_wrapping: S(1.6252, 0.4876, 0, 0.8),
    pleural_effusion: S(1.0762, 0.2152),
    calcification: S(1.6378, 0.8189),
    necrosis: S(1.2603, 0.6301, 0.6),
    enhancement: S(1.1457, 0.3437, 0.5, 0.5),
  },
  diameter: { met: 0.6992, ki67: 0.2797, heterogeneity: 0.5 },
  age: { met: 0.5514, ki67: 0.2757 },
  tauEvent: 0.8,
  tauAggr: 0.3,
};

/** Options of {@link synthCohort}. */
export interface SynthCohortOptions {
  /** Seed of the one generator (default 20250411, the notebooks' seed). */
  readonly seed?: number;
  /** Generating model (default {@link GENERATING_MODEL}). */
  readonly model?: GeneratingModel;
  /** Targets per split (default {@link TWIN_TARGETS}). */
  readonly targets?: Readonly<Record<SplitName, SplitTarget>>;
}

/** One synthetic patient (column names as in ../codebook.csv). */
export interface TwinPatient {
  readonly id: string;
  readonly split: SplitName;
  readonly treatment_date: string;
  readonly gender: string;
  readonly age_months: number;
  readonly pathology: string;
  readonly ki67_pct: number;
  readonly complete_resection: string;
  readonly max_diameter_cm: number;
  readonly location: string;
  readonly heterogeneity: string;
  readonly margin: string;
  readonly midline_infiltration: string;
  readonly vascular_wrapping: string;
  readonly pleural_effusion: string;
  readonly calcification: string;
  readonly necrosis: string;
  readonly enhancement: string;
  readonly metastasis: string;
  readonly progression: 0 | 1;
  readonly pfs_months: number;
  /** Scheduled visit ("1", "3", "6", "12", "24") whose window holds pfs_months. */
  readonly last_visit_month: string;
  readonly latent_aggressiveness: number;
  readonly latent_heterogeneity: number;
  readonly latent_vascularity: number;
}

/** Column order of ../cohort.csv. */
export const TWIN_COLUMNS: readonly (keyof TwinPatient)[] = [
  "id",
  "split",
  "treatment_date",
  "gender",
  "age_months",
  "pathology",
  "ki67_pct",
  "complete_resection",
  "max_diameter_cm",
  "location",
  "heterogeneity",
  "margin",
  "midline_infiltration",
  "vascular_wrapping",
  "pleural_effusion",
  "calcification",
  "necrosis",
  "enhancement",
  "metastasis",
  "progression",
  "pfs_months",
  "last_visit_month",
  "latent_aggressiveness",
  "latent_heterogeneity",
  "latent_vascularity",
];

/** The generated twin with the settings used. */
export interface SynthCohort {
  readonly seed: number;
  /** Draws needed per split to meet `orIntervals` (1 = the first draw was kept). */
  readonly draws: Readonly<Record<SplitName, number>>;
  readonly patients: readonly TwinPatient[];
}

/** First and last treatment dates (Methods 2.1) and end of follow-up. */
export const TREATMENT_START = "2013-02-01";
export const TREATMENT_END = "2022-12-31";
export const FOLLOW_UP_END = "2024-12-31";
/** Scheduled follow-up visits (months after surgery), Methods 2.1. */
export const VISIT_MONTHS: readonly number[] = [1, 3, 6, 12, 24];
/** Days per month used to convert dates and months (365.25/12). */
export const DAYS_PER_MONTH = 365.25 / 12;

// ---------------------------------------------------------------------------------------------
// Building blocks

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * Exact draw from independent Bernoulli(σ(α + ηᵢ)) variables conditional on Σ yᵢ = k (conditional
 * Bernoulli / conditional logistic sampling): P(y) ∝ Πᵢ exp(ηᵢ yᵢ) over vectors with k ones, which does
 * not depend on α. Sequential algorithm with suffix elementary symmetric sums in log space:
 * P(yᵢ = 1 | j ones still needed) = exp(ηᵢ) R(i+1, j−1) / R(i, j). Reference: Chen, Dempster & Liu
 * (1994), Biometrika 81:457–469.
 * @param logits ηᵢ per unit
 * @param k number of ones (0 ≤ k ≤ n)
 */
export function conditionalBernoulli(logits: readonly number[], k: number, rng: Rng): Uint8Array {
  const n = logits.length;
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(`conditionalBernoulli: k must be an integer in [0, ${n}], got ${k}`);
  }
  // logR[i][j] = log Σ over subsets of {i..n-1} of size j of Π exp(η)
  const logR: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(k + 1).fill(-Infinity));
  logR[n][0] = 0;
  for (let i = n - 1; i >= 0; i--) {
    logR[i][0] = 0;
    for (let j = 1; j <= k; j++) logR[i][j] = logAddExp(logR[i + 1][j], logits[i] + logR[i + 1][j - 1]);
  }
  const y = new Uint8Array(n);
  let need = k;
  for (let i = 0; i < n && need > 0; i++) {
    const p = Math.exp(logits[i] + logR[i + 1][need - 1] - logR[i][need]);
    if (rng.uniform() < p) {
      y[i] = 1;
      need--;
    }
  }
  return y;
}

/**
 * {@link conditionalBernoulli} within strata: exactly `counts[s]` ones among the units of stratum s
 * (strata coded 0/1), e.g. events among metastatic and non-metastatic patients of a published 2×2 table.
 */
export function stratifiedConditionalBernoulli(
  logits: readonly number[],
  strata: ArrayLike<number>,
  counts: readonly [number, number],
  rng: Rng,
  what = "stratified allocation",
): Uint8Array {
  const y = new Uint8Array(logits.length);
  for (const s of [0, 1] as const) {
    const idx: number[] = [];
    for (let i = 0; i < logits.length; i++) if (strata[i] === s) idx.push(i);
    if (counts[s] < 0 || counts[s] > idx.length) {
      throw new Error(`${what}: stratum ${s} has ${idx.length} units, cannot hold ${counts[s]} ones`);
    }
    const ys = conditionalBernoulli(idx.map((i) => logits[i]), counts[s], rng);
    idx.forEach((i, k) => (y[i] = ys[k]));
  }
  return y;
}

/** Piecewise-linear quantile function through the knots, Q(u) for u in [0, 1]. */
export function knotQuantile(knots: QuantileKnots, u: number): number {
  const { p, q } = knots;
  if (u <= p[0]) return q[0];
  for (let i = 1; i < p.length; i++) {
    if (u <= p[i]) return q[i - 1] + ((q[i] - q[i - 1]) * (u - p[i - 1])) / (p[i] - p[i - 1]);
  }
  return q[q.length - 1];
}

/**
 * Quantile-matched values: the patient with the r-th smallest score (r = 1..n, ties by index) gets
 * Q((r − ½)/n), rounded to `digits` decimals.
 */
export function quantileMatched(scores: readonly number[], knots: QuantileKnots, digits: number): number[] {
  const n = scores.length;
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const out = new Array<number>(n);
  const f = 10 ** digits;
  order.forEach((i, r) => {
    out[i] = Math.round(knotQuantile(knots, (r + 0.5) / n) * f) / f;
  });
  return out;
}

/** Standardised rank score (normal scores of ranks), so loadings do not depend on skewness. */
function standardise(x: readonly number[]): number[] {
  const n = x.length;
  let m = 0;
  for (const v of x) m += v;
  m /= n;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  const sd = Math.sqrt(s / (n - 1)) || 1;
  return x.map((v) => (v - m) / sd);
}

/** Scheduled visit whose window holds `t` months (windows split at geometric midpoints of visits). */
export function visitOf(t: number): number {
  for (let i = 0; i < VISIT_MONTHS.length - 1; i++) {
    if (t < Math.sqrt(VISIT_MONTHS[i] * VISIT_MONTHS[i + 1])) return VISIT_MONTHS[i];
  }
  return VISIT_MONTHS[VISIT_MONTHS.length - 1];
}

function dayNumber(iso: string): number {
  return Math.round(Date.parse(iso + "T00:00:00Z") / 86400000);
}
function isoDate(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Observed and latent quantities of a set of patients, before formatting. */
interface Draw {
  a: number[];
  h: number[];
  v: number[];
  zKi: number[];
  ki67: number[];
  met: Uint8Array;
}

function signLogits(d: Draw, L: SignLoadings): number[] {
  return d.a.map((_, i) =>
    L.met * d.met[i] + L.ki67 * d.zKi[i] + L.heterogeneity * d.h[i] + L.vascularity * d.v[i]
  );
}

// ---------------------------------------------------------------------------------------------
// The twin

/**
 * Generate the synthetic twin cohort (deterministic in `seed`). Splits are assigned by shuffling
 * exactly 215 "train" and 91 "test" labels; each split is then generated from its own targets.
 */
export function synthCohort(options: SynthCohortOptions = {}): SynthCohort {
  const seed = options.seed ?? 20250411;
  const model = options.model ?? GENERATING_MODEL;
  const targets = options.targets ?? TWIN_TARGETS;
  const root = createRng(seed);
  const nTrain = targets.train.n, nTest = targets.test.n;
  const labels = root.fork("split").shuffle([
    ...Array<SplitName>(nTrain).fill("train"),
    ...Array<SplitName>(nTest).fill("test"),
  ]);
  const n = labels.length;
  const width = Math.max(3, String(n).length);
  const start = dayNumber(TREATMENT_START), end = dayNumber(TREATMENT_END);
  const dateRng = root.fork("treatment_date");
  const dates = labels.map(() => isoDate(dateRng.int(start, end)));
  const patients: TwinPatient[] = new Array(n);
  const draws: Record<SplitName, number> = { train: 0, test: 0 };
  for (const split of ["train", "test"] as const) {
    const idx = labels.flatMap((s, i) => (s === split ? [i] : []));
    const t = targets[split];
    let rows: SplitRow[] | null = null;
    for (let attempt = 0; attempt < MAX_DRAWS && rows === null; attempt++) {
      const candidate = generateSplit(root.fork(attempt === 0 ? split : `${split}#${attempt}`), t, model);
      draws[split] = attempt + 1;
      if (realisedOrsInside(candidate, t)) rows = candidate;
    }
    if (rows === null) {
      throw new Error(
        `synthCohort: no draw of the ${split} split in ${MAX_DRAWS} met the published OR intervals (seed ${seed})`,
      );
    }
    idx.forEach((i, k) => {
      patients[i] = {
        id: `P${String(i + 1).padStart(width, "0")}`,
        split,
        treatment_date: dates[i],
        ...rows![k],
      };
    });
  }
  return { seed, draws, patients };
}

/** Maximum draws per split when conditioning on published OR intervals. */
const MAX_DRAWS = 200;

/** Whether each realised univariate OR (ML logistic fit) of a continuous predictor is inside its interval. */
function realisedOrsInside(rows: readonly SplitRow[], t: SplitTarget): boolean {
  if (!t.orIntervals) return true;
  const y = rows.map((r) => r.progression);
  for (
    const [name, iv] of Object.entries(t.orIntervals) as [ContinuousVariable, readonly [number, number]][]
  ) {
    const or = Math.exp(expectedLogitSlope(rows.map((r) => r[name]), y));
    if (!(or >= iv[0] && or <= iv[1])) return false;
  }
  return true;
}

type SplitRow = Omit<TwinPatient, "id" | "split" | "treatment_date">;

function generateSplit(rng: Rng, t: SplitTarget, m: GeneratingModel): SplitRow[] {
  const n = t.n;
  const lat = rng.fork("latent");
  const a = Array.from({ length: n }, () => lat.normal());
  const h = Array.from({ length: n }, () => lat.normal());
  const v = Array.from({ length: n }, () => lat.normal());
  const kr = rng.fork("ki67");
  const kiScore = a.map((ai) => m.rhoKi67 * ai + Math.sqrt(1 - m.rhoKi67 ** 2) * kr.normal());
  const ki67 = quantileMatched(kiScore, t.knots.ki67_pct, 0);
  const zKi = standardise(kiScore);
  const met = conditionalBernoulli(
    a.map((ai) => m.deltaMet * ai),
    t.positives.metastasis,
    rng.fork("metastasis"),
  );
  const d: Draw = { a, h, v, zKi, ki67, met };
  const cells = t.eventsAtPositive;
  const yRng = rng.fork("progression");
  const y = cells?.metastasis !== undefined
    // Published 2×2 of metastasis: the outcome model within metastasis strata (its β_m is then fixed
    // by the table; β_k and γ act within strata).
    ? stratifiedConditionalBernoulli(
      a.map((ai, i) => m.betaKi67 * ki67[i] + m.gammaAggr * ai),
      met,
      [t.events - cells.metastasis, cells.metastasis],
      yRng,
      "progression by metastasis",
    )
    : conditionalBernoulli(
      a.map((ai, i) => m.betaKi67 * ki67[i] + m.betaMet * met[i] + m.gammaAggr * ai),
      t.events,
      yRng,
    );
  const signs: Record<string, Uint8Array> = { metastasis: met };
  for (const [name, L] of Object.entries(m.signs)) {
    const logits = signLogits(d, L), k = t.positives[name], sr = rng.fork(name);
    const a1 = cells?.[name];
    signs[name] = a1 !== undefined
      ? stratifiedConditionalBernoulli(logits, y, [k - a1, a1], sr, name)
      : conditionalBernoulli(logits, k, sr);
  }
  const dr = rng.fork("max_diameter_cm");
  const diameter = quantileMatched(
    a.map((_, i) =>
      m.diameter.met * met[i] + m.diameter.ki67 * zKi[i] + m.diameter.heterogeneity * h[i] + dr.normal()
    ),
    t.knots.max_diameter_cm,
    1,
  );
  const ar = rng.fork("age_months");
  const age = quantileMatched(
    a.map((_, i) => m.age.met * met[i] + m.age.ki67 * zKi[i] + ar.normal()),
    t.knots.age_months,
    0,
  );
  const pr = rng.fork("pfs_months");
  const pfs = quantileMatched(
    a.map((ai, i) => -m.tauEvent * y[i] - m.tauAggr * ai + pr.normal()),
    t.knots.pfs_months,
    2,
  );
  const lv = (name: string, i: number) => TWO_LEVELS[name][signs[name][i]];
  return a.map((ai, i) => ({
    gender: lv("gender", i),
    age_months: age[i],
    pathology: lv("pathology", i),
    ki67_pct: ki67[i],
    complete_resection: lv("complete_resection", i),
    max_diameter_cm: diameter[i],
    location: lv("location", i),
    heterogeneity: lv("heterogeneity", i),
    margin: lv("margin", i),
    midline_infiltration: lv("midline_infiltration", i),
    vascular_wrapping: lv("vascular_wrapping", i),
    pleural_effusion: lv("pleural_effusion", i),
    calcification: lv("calcification", i),
    necrosis: lv("necrosis", i),
    enhancement: lv("enhancement", i),
    metastasis: lv("metastasis", i),
    progression: y[i] as 0 | 1,
    pfs_months: pfs[i],
    last_visit_month: String(visitOf(pfs[i])),
    latent_aggressiveness: round(ai, 4),
    latent_heterogeneity: round(h[i], 4),
    latent_vascularity: round(v[i], 4),
  }));
}

/** The twin as CSV text (columns {@link TWIN_COLUMNS}, LF line ends). */
export function twinCsv(c: SynthCohort): string {
  return toCsv(TWIN_COLUMNS as readonly string[], c.patients as unknown as Record<string, unknown>[]);
}

// ---------------------------------------------------------------------------------------------
// The generating model's population odds ratios

/** Options of {@link populationOddsRatios}. */
export interface PopulationOptions {
  /** Population size (default 100 000). */
  readonly n?: number;
  /** Seed (default 1). */
  readonly seed?: number;
  /** Split whose targets define the population (default "train", the split of Table 2). */
  readonly split?: SplitName;
}

/** A population univariate odds ratio of the generating model. */
export interface PopulationOr {
  readonly variable: string;
  /** OR of progression: non-reference vs reference level, or per unit of a continuous variable. */
  readonly or: number;
}

/** Intercept α with mean σ(α + ηᵢ) = target (Newton on a monotone function). */
function solveIntercept(eta: ArrayLike<number>, target: number): number {
  let alpha = Math.log(target / (1 - target));
  for (let it = 0; it < 100; it++) {
    let f = 0, df = 0;
    for (let i = 0; i < eta.length; i++) {
      const p = sigmoid(alpha + eta[i]);
      f += p;
      df += p * (1 - p);
    }
    f = f / eta.length - target;
    df /= eta.length;
    const step = f / df;
    alpha -= step;
    if (Math.abs(step) < 1e-12) break;
  }
  return alpha;
}

/**
 * Univariate logistic slope maximising the expected log-likelihood Σ pᵢ log σ(b₀ + b₁xᵢ) +
 * (1 − pᵢ) log(1 − σ(b₀ + b₁xᵢ)) (the large-sample limit of the univariate fit), by Newton–Raphson.
 */
function expectedLogitSlope(x: ArrayLike<number>, p: ArrayLike<number>): number {
  let b0 = 0, b1 = 0;
  for (let it = 0; it < 100; it++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < x.length; i++) {
      const mu = sigmoid(b0 + b1 * x[i]);
      const r = p[i] - mu, w = mu * (1 - mu);
      g0 += r;
      g1 += r * x[i];
      h00 += w;
      h01 += w * x[i];
      h11 += w * x[i] * x[i];
    }
    const det = h00 * h11 - h01 * h01;
    const d0 = (h11 * g0 - h01 * g1) / det, d1 = (h00 * g1 - h01 * g0) / det;
    b0 += d0;
    b1 += d1;
    if (Math.abs(d0) + Math.abs(d1) < 1e-12) break;
  }
  return b1;
}

interface Population {
  d: Draw;
  py: Float64Array;
  t: SplitTarget;
  n: number;
}

function population(model: GeneratingModel, o: PopulationOptions): Population {
  const n = o.n ?? 100000;
  const t = TWIN_TARGETS[o.split ?? "train"];
  const rng = createRng(o.seed ?? 1);
  const a = Array.from({ length: n }, () => rng.normal());
  const h = Array.from({ length: n }, () => rng.normal());
  const v = Array.from({ length: n }, () => rng.normal());
  const kiScore = a.map((ai) => model.rhoKi67 * ai + Math.sqrt(1 - model.rhoKi67 ** 2) * rng.normal());
  const ki67 = quantileMatched(kiScore, t.knots.ki67_pct, 0);
  const zKi = standardise(kiScore);
  const etaM = a.map((ai) => model.deltaMet * ai);
  const alphaM = solveIntercept(etaM, t.positives.metastasis / t.n);
  const met = Uint8Array.from(etaM, (e) => (rng.uniform() < sigmoid(alphaM + e) ? 1 : 0));
  const etaY = a.map((ai, i) => model.betaKi67 * ki67[i] + model.betaMet * met[i] + model.gammaAggr * ai);
  const alphaY = solveIntercept(etaY, t.events / t.n);
  const py = Float64Array.from(etaY, (e) => sigmoid(alphaY + e));
  return { d: { a, h, v, zKi, ki67, met }, py, t, n };
}

function binaryOr(px: ArrayLike<number>, py: ArrayLike<number>): number {
  let n11 = 0, n10 = 0, n01 = 0, n00 = 0;
  for (let i = 0; i < px.length; i++) {
    n11 += px[i] * py[i];
    n10 += px[i] * (1 - py[i]);
    n01 += (1 - px[i]) * py[i];
    n00 += (1 - px[i]) * (1 - py[i]);
  }
  return (n11 * n00) / (n10 * n01);
}

function signOr(pop: Population, L: SignLoadings, positives: number): number {
  const eta = signLogits(pop.d, L);
  const alpha = solveIntercept(eta, positives / pop.t.n);
  return binaryOr(eta.map((e) => sigmoid(alpha + e)), pop.py);
}

/**
 * The generating model's population univariate odds ratios of progression, one per Table 1
 * predictor: a large population (default 100 000) is drawn from the model with independent
 * Bernoulli variables whose prevalences equal the split's published ones; binary ORs are
 * E[pₓp_y]E[(1−pₓ)(1−p_y)] / (E[pₓ(1−p_y)]E[(1−pₓ)p_y]) (signs and outcome are independent given
 * the covariates, so the expectation is exact given the draw), continuous ORs are exp of the slope
 * maximising the expected univariate log-likelihood. Monte Carlo error of log OR ≈ 0.01.
 */
export function populationOddsRatios(
  model: GeneratingModel = GENERATING_MODEL,
  options: PopulationOptions = {},
): PopulationOr[] {
  const pop = population(model, options);
  const out: PopulationOr[] = [];
  for (const name of Object.keys(TWO_LEVELS)) {
    if (name === "metastasis") {
      out.push({ variable: name, or: binaryOr(pop.d.met, pop.py) });
    } else {
      out.push({ variable: name, or: signOr(pop, model.signs[name], pop.t.positives[name]) });
    }
  }
  out.push({ variable: "ki67_pct", or: Math.exp(expectedLogitSlope(pop.d.ki67, pop.py)) });
  const dr = createRng((options.seed ?? 1) + 1);
  const t = pop.t;
  const dia = quantileMatched(
    pop.d.a.map((_, i) =>
      model.diameter.met * pop.d.met[i] + model.diameter.ki67 * pop.d.zKi[i] +
      model.diameter.heterogeneity * pop.d.h[i] +
      dr.normal()
    ),
    t.knots.max_diameter_cm,
    1,
  );
  out.push({ variable: "max_diameter_cm", or: Math.exp(expectedLogitSlope(dia, pop.py)) });
  const age = quantileMatched(
    pop.d.a.map((_, i) => model.age.met * pop.d.met[i] + model.age.ki67 * pop.d.zKi[i] + dr.normal()),
    t.knots.age_months,
    0,
  );
  out.push({ variable: "age_months", or: Math.exp(expectedLogitSlope(age, pop.py)) });
  return out;
}

/**
 * Calibrate one sign: the scale s of (met, ki67) loadings `shape` (latent loadings kept) whose
 * population univariate OR equals `target`, by bisection on s in [−maxScale, maxScale]; returns the
 * loadings (at the bound when the target is out of reach). Used to set {@link GENERATING_MODEL}.
 */
export function calibrateSign(
  target: number,
  shape: SignLoadings,
  positives: number,
  options: PopulationOptions & { model?: GeneratingModel; maxScale?: number } = {},
): { loadings: SignLoadings; or: number } {
  const pop = population(options.model ?? GENERATING_MODEL, options);
  const at = (s: number): SignLoadings => ({ ...shape, met: shape.met * s, ki67: shape.ki67 * s });
  let lo = 0, hi = options.maxScale ?? 4;
  const f = (s: number) => Math.log(signOr(pop, at(s), positives)) - Math.log(target);
  const flo = f(lo), fhi = f(hi);
  if (Math.sign(flo) === Math.sign(fhi)) {
    const s = Math.abs(flo) < Math.abs(fhi) ? lo : hi;
    return { loadings: at(s), or: Math.exp(f(s)) * target };
  }
  const increasing = fhi > flo;
  for (let it = 0; it < 40; it++) {
    const mid = (lo + hi) / 2;
    if ((f(mid) < 0) === increasing) lo = mid;
    else hi = mid;
  }
  const s = (lo + hi) / 2;
  return { loadings: at(s), or: Math.exp(f(s)) * target };
}

/** The rows as typed study patients of the twin cohort (the cohort must hold the columns of the study's codebook.csv). */
export function studyPatients(c: Cohort): TwinPatient[] {
  for (const col of ["id", "split", "progression", "pfs_months", "ki67_pct", "metastasis"]) {
    if (!c.columns.includes(col)) {
      throw new DataError(`${c.source}: not the study cohort (no column "${col}")`, c.source, undefined, col);
    }
  }
  return c.rows as unknown as TwinPatient[];
}
