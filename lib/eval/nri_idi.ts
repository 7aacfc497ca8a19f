/**
 * Net reclassification improvement (NRI, continuous and categorical) and integrated discrimination
 * improvement (IDI) of a new model's predicted risks over an old model's, on the same subjects.
 *
 * Notation: y = 1 events (n_ev), y = 0 non-events (n_ne), d = p_new − p_old.
 * - Continuous NRI (Hmisc::improveProb): up = d > 0, down = d < 0 (d = 0 is neither).
 * - Categorical NRI: risk category k = 1..m+1 holds c_{k−1} ≤ p < c_k for cut-offs c_1 < … < c_m
 *   (c_0 = 0, c_{m+1} = 1, the last category closed at 1); up / down = the new category is higher /
 *   lower than the old one.
 * - NRI_ev = P(up | event) − P(down | event), NRI_ne = P(down | non-event) − P(up | non-event),
 *   NRI = NRI_ev + NRI_ne.
 * - se (improveProb): var_ev = (u + d)/n_ev² − (u − d)²/n_ev³ with u, d the up / down counts among
 *   events, var_ne likewise among non-events, se(NRI) = √(var_ev + var_ne); the null-hypothesis se of
 *   Pencina et al. (2008): √((p_up,ev + p_down,ev)/n_ev + (p_up,ne + p_down,ne)/n_ne) (each component
 *   its own single term).
 * - IDI = mean(d | event) − mean(d | non-event) = discrimination slope(new) − discrimination
 *   slope(old), discrimination slope = mean p | event − mean p | non-event; se = √(var(d | ev)/n_ev +
 *   var(d | ne)/n_ne) (sample variances, n − 1).
 * - z = estimate / se, p = 2 Φ(−|z|), CI = estimate ∓ Φ⁻¹((1 + level)/2) · se (print.improveProb).
 *
 * References: Pencina MJ, D'Agostino RB Sr, D'Agostino RB Jr, Vasan RS (2008) Stat Med 27:157–172;
 * Pencina MJ, D'Agostino RB Sr, Steyerberg EW (2011) Stat Med 30:11–21;
 * R: Hmisc::improveProb(x1 = p_old, x2 = p_new, y) and print.improveProb.
 */
import { checkBinary, checkProbabilities, EvalInputError } from "../stats/binary_input.ts";
import { checkConfLevel } from "../io/options.ts";
import { normalQuantile, normalTwoSided } from "../stats/distributions.ts";
import { meanUnchecked, varianceUnchecked } from "../stats/quantile.ts";

/** An estimate with its standard errors, z, two-sided p and confidence interval. */
export interface NriEstimate {
  readonly estimate: number;
  /** Standard error of improveProb (no null-hypothesis assumption). */
  readonly se: number;
  readonly z: number;
  readonly pValue: number;
  readonly lower: number;
  readonly upper: number;
  /** Standard error under H0 of Pencina et al. (2008), its z and p. */
  readonly sePencina2008: number;
  readonly zPencina2008: number;
  readonly pPencina2008: number;
}

/** One NRI (continuous or categorical): total and components, with the up / down counts. */
export interface NriResult {
  readonly nri: NriEstimate;
  readonly nriEvents: NriEstimate;
  readonly nriNonevents: NriEstimate;
  readonly nUpEvents: number;
  readonly nDownEvents: number;
  readonly nUpNonevents: number;
  readonly nDownNonevents: number;
  readonly pUpEvents: number;
  readonly pDownEvents: number;
  readonly pUpNonevents: number;
  readonly pDownNonevents: number;
}

/** Categorical NRI: adds the categories and the reclassification tables (rows old, columns new). */
export interface CategoricalNriResult extends NriResult {
  readonly cutoffs: readonly number[];
  readonly nCategories: number;
  /** Category labels, e.g. "< 20%", "20–50%", "≥ 50%". */
  readonly categories: readonly string[];
  readonly reclassificationEvents: readonly (readonly number[])[];
  readonly reclassificationNonevents: readonly (readonly number[])[];
}

/** The IDI with its se, z, p and CI and its parts. */
export interface IdiResult {
  readonly idi: number;
  readonly se: number;
  readonly z: number;
  readonly pValue: number;
  readonly lower: number;
  readonly upper: number;
  /** mean(d | event). */
  readonly improveSens: number;
  /** −mean(d | non-event). */
  readonly improveSpec: number;
  readonly discriminationSlopeOld: number;
  readonly discriminationSlopeNew: number;
}

/** Options of {@link nriIdi}. */
export interface NriIdiOptions {
  /** Risk cut-offs of the categorical NRI, increasing, inside (0, 1) (default none: no categorical NRI). */
  readonly cutoffs?: readonly number[];
  /** Confidence level of the intervals (default 0.95). */
  readonly confLevel?: number;
}

/** Result of {@link nriIdi}. */
export interface NriIdiResult {
  readonly n: number;
  readonly nEvents: number;
  readonly nNonevents: number;
  readonly confLevel: number;
  readonly continuous: NriResult;
  readonly categorical: CategoricalNriResult | null;
  readonly idi: IdiResult;
  /** One-line statement of the method for table footnotes. */
  readonly method: string;
}

function estimate(est: number, se: number, sePencina: number, zq: number): NriEstimate {
  const z = est / se;
  const zp = est / sePencina;
  return {
    estimate: est,
    se,
    z,
    pValue: normalTwoSided(z),
    lower: est - zq * se,
    upper: est + zq * se,
    sePencina2008: sePencina,
    zPencina2008: zp,
    pPencina2008: normalTwoSided(zp),
  };
}

/** NRI from the up / down counts among events and non-events (improveProb's formulas). */
function nriFromCounts(
  nUpEv: number,
  nDownEv: number,
  nUpNe: number,
  nDownNe: number,
  na: number,
  nb: number,
  zq: number,
): NriResult {
  const pUpEv = nUpEv / na;
  const pDownEv = nDownEv / na;
  const pUpNe = nUpNe / nb;
  const pDownNe = nDownNe / nb;
  const nriEv = pUpEv - pDownEv;
  const vEv = (nUpEv + nDownEv) / (na * na) - (nUpEv - nDownEv) ** 2 / (na ** 3);
  const nriNe = pDownNe - pUpNe;
  const vNe = (nDownNe + nUpNe) / (nb * nb) - (nDownNe - nUpNe) ** 2 / (nb ** 3);
  const nri = pUpEv - pDownEv - (pUpNe - pDownNe);
  const h0Ev = (pUpEv + pDownEv) / na;
  const h0Ne = (pUpNe + pDownNe) / nb;
  return {
    nri: estimate(nri, Math.sqrt(vEv + vNe), Math.sqrt(h0Ev + h0Ne), zq),
    nriEvents: estimate(nriEv, Math.sqrt(vEv), Math.sqrt(h0Ev), zq),
    nriNonevents: estimate(nriNe, Math.sqrt(vNe), Math.sqrt(h0Ne), zq),
    nUpEvents: nUpEv,
    nDownEvents: nDownEv,
    nUpNonevents: nUpNe,
    nDownNonevents: nDownNe,
    pUpEvents: pUpEv,
    pDownEvents: pDownEv,
    pUpNonevents: pUpNe,
    pDownNonevents: pDownNe,
  };
}

/** Risk category (0-based) of p for cut-offs c: k with c_{k−1} ≤ p < c_k, the last closed at 1. */
export function riskCategory(p: number, cutoffs: readonly number[]): number {
  let k = 0;
  while (k < cutoffs.length && p >= cutoffs[k]) k++;
  return k;
}

function pct(x: number): string {
  return `${Number((100 * x).toPrecision(4))}%`;
}

/** Labels of the risk categories of cut-offs c, e.g. ["< 20%", "20–50%", "≥ 50%"]. */
export function riskCategoryLabels(cutoffs: readonly number[]): string[] {
  if (cutoffs.length === 0) return ["all"];
  const out = [`< ${pct(cutoffs[0])}`];
  for (let k = 1; k < cutoffs.length; k++) out.push(`${pct(cutoffs[k - 1])}–${pct(cutoffs[k])}`);
  out.push(`≥ ${pct(cutoffs[cutoffs.length - 1])}`);
  return out;
}

function checkCutoffs(cutoffs: unknown): number[] {
  if (!Array.isArray(cutoffs)) {
    throw new EvalInputError(
      `nriIdi: option "cutoffs": expected an increasing array of risks in (0, 1), got ${
        JSON.stringify(cutoffs)
      }`,
    );
  }
  cutoffs.forEach((c, i) => {
    if (typeof c !== "number" || !(c > 0 && c < 1) || (i > 0 && !(c > cutoffs[i - 1]))) {
      throw new EvalInputError(
        `nriIdi: option "cutoffs[${i}]": expected a risk in (0, 1) above the previous cut-off, got ${
          JSON.stringify(c)
        }`,
      );
    }
  });
  return cutoffs as number[];
}

/**
 * NRI (continuous; categorical when `cutoffs` are given) and IDI of `pNew` over `pOld` for the 0/1
 * outcomes `y` (see the module documentation for every definition). R: Hmisc::improveProb(x1 = pOld,
 * x2 = pNew, y); categorical NRI as Pencina et al. (2008). Inputs are not modified.
 */
export function nriIdi(
  y: ArrayLike<number>,
  pOld: ArrayLike<number>,
  pNew: ArrayLike<number>,
  options: NriIdiOptions = {},
): NriIdiResult {
  checkBinary("nriIdi", y);
  const n = y.length;
  checkProbabilities("nriIdi", "pOld", pOld, n);
  checkProbabilities("nriIdi", "pNew", pNew, n);
  const confLevel = checkConfLevel("nriIdi", options.confLevel ?? 0.95);
  const cutoffs = options.cutoffs === undefined ? null : checkCutoffs(options.cutoffs);
  const zq = normalQuantile((1 + confLevel) / 2);
  const dEv: number[] = [];
  const dNe: number[] = [];
  const oldEv: number[] = [];
  const oldNe: number[] = [];
  const newEv: number[] = [];
  const newNe: number[] = [];
  const m = cutoffs ? cutoffs.length + 1 : 0;
  const tabEv = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const tabNe = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++) {
    const d = pNew[i] - pOld[i];
    const ev = y[i] === 1;
    (ev ? dEv : dNe).push(d);
    (ev ? oldEv : oldNe).push(pOld[i]);
    (ev ? newEv : newNe).push(pNew[i]);
    if (cutoffs) (ev ? tabEv : tabNe)[riskCategory(pOld[i], cutoffs)][riskCategory(pNew[i], cutoffs)]++;
  }
  const na = dEv.length;
  const nb = dNe.length;
  if (na === 0 || nb === 0) {
    throw new EvalInputError(
      `nriIdi: y needs both events and non-events, got ${na} events and ${nb} non-events`,
    );
  }
  const count = (xs: number[], f: (d: number) => boolean) => xs.reduce((s, d) => s + (f(d) ? 1 : 0), 0);
  const continuous = nriFromCounts(
    count(dEv, (d) => d > 0),
    count(dEv, (d) => d < 0),
    count(dNe, (d) => d > 0),
    count(dNe, (d) => d < 0),
    na,
    nb,
    zq,
  );
  let categorical: CategoricalNriResult | null = null;
  if (cutoffs) {
    let upEv = 0, downEv = 0, upNe = 0, downNe = 0;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        if (b > a) {
          upEv += tabEv[a][b];
          upNe += tabNe[a][b];
        } else if (b < a) {
          downEv += tabEv[a][b];
          downNe += tabNe[a][b];
        }
      }
    }
    categorical = {
      ...nriFromCounts(upEv, downEv, upNe, downNe, na, nb, zq),
      cutoffs,
      nCategories: m,
      categories: riskCategoryLabels(cutoffs),
      reclassificationEvents: tabEv,
      reclassificationNonevents: tabNe,
    };
  }
  const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
  const idi = meanUnchecked(dEv) - meanUnchecked(dNe);
  const se = Math.sqrt(varianceUnchecked(dEv) / na + varianceUnchecked(dNe) / nb);
  const z = idi / se;
  return {
    n,
    nEvents: na,
    nNonevents: nb,
    confLevel,
    continuous,
    categorical,
    idi: {
      idi,
      se,
      z,
      pValue: normalTwoSided(z),
      lower: idi - zq * se,
      upper: idi + zq * se,
      improveSens: sum(dEv) / na,
      improveSpec: -sum(dNe) / nb,
      discriminationSlopeOld: meanUnchecked(oldEv) - meanUnchecked(oldNe),
      discriminationSlopeNew: meanUnchecked(newEv) - meanUnchecked(newNe),
    },
    method:
      "NRI and IDI as Hmisc::improveProb (se without the null-hypothesis assumption; Pencina 2008 se also given)" +
      (cutoffs ? `; categorical NRI with risk cut-offs ${cutoffs.map(pct).join(", ")}` : "") +
      `; ${Number((100 * confLevel).toPrecision(4))}% normal CIs`,
  };
}
