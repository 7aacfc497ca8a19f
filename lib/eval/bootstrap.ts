/**
 * Nonparametric bootstrap of any statistic of a sample, stratified by class by default, with
 * percentile and BCa intervals.
 *
 * Resampling. Stratified (default): within each stratum (e.g. y = 0 and y = 1) draw as many indices,
 * with replacement, as the stratum holds, so every resample keeps the class counts of the data and
 * both classes are always present (pROC `ci(..., stratified = TRUE)`, boot `strata =`). Unstratified:
 * n indices from all rows; a resample may then hold one class only.
 *
 * Invalid resamples. A statistic that returns a non-finite value (NaN) — or throws an
 * `EvalInputError`, e.g. the AUC of a one-class resample — is counted in `nInvalid`, kept as NaN in
 * `replicates`, excluded from the intervals and reported in `warnings`; it is never averaged in.
 *
 * Intervals (confidence level 1 − α):
 * - percentile: the α/2 and 1 − α/2 quantiles (R `quantile` type 7) of the valid replicates θ*;
 * - BCa (Efron 1987): bias correction z₀ = Φ⁻¹((#{θ* < θ̂} + ½ #{θ* = θ̂}) / B_valid), acceleration
 *   a = Σ(θ̄₍.₎ − θ₍ᵢ₎)³ / (6 [Σ(θ̄₍.₎ − θ₍ᵢ₎)²]^{3/2}) from the leave-one-out jackknife values θ₍ᵢ₎
 *   over all n rows; levels αₖ = Φ(z₀ + (z₀ + z_k)/(1 − a(z₀ + z_k))) for z_k = z_{α/2}, z_{1−α/2},
 *   then type-7 quantiles of θ* at those levels. With z₀ = a = 0 BCa equals the percentile interval.
 *   BCa is null (with a note) when z₀ is infinite (θ̂ outside the bootstrap distribution).
 *
 * Randomness comes only from the `Rng` passed in: same seed, same replicates, same intervals.
 *
 * References: Efron & Tibshirani (1993) An Introduction to the Bootstrap, ch. 13–14; Davison &
 * Hinkley (1997) Bootstrap Methods, §5.3; R: boot::boot.ci(type = c("perc", "bca")),
 * pROC::ci.auc(method = "bootstrap", boot.stratified = TRUE).
 */
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import type { Rng } from "../random/rng.ts";
import { EvalInputError, formatCount, formatLevel } from "../stats/binary_input.ts";
import { checkConfLevel, checkInteger } from "../io/options.ts";
import { meanOnePass, quantileSorted } from "../stats/quantile.ts";

/** A statistic of the rows selected by `indices` (indices may repeat). */
export type IndexStatistic = (indices: Int32Array) => number;

/** Interval type. */
export type BootstrapCiType = "percentile" | "bca";

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  readonly B?: number;
  /** Confidence level (default 0.95). */
  readonly confLevel?: number;
  /** Resample within strata (default true). */
  readonly stratified?: boolean;
  /** Compute the BCa interval, which costs n extra evaluations (jackknife) (default true). */
  readonly bca?: boolean;
  /** Seed written in interval labels (default `rng.seed`). */
  readonly seedLabel?: number | string;
  /** Called as onProgress(done, B) about 100 times during the loop. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A bootstrap interval with its label. */
export interface BootstrapInterval {
  readonly lower: number | null;
  readonly upper: number | null;
  /** e.g. "95% CI, stratified bootstrap, 2,000 resamples, percentile, seed 20250411". */
  readonly method: string;
  /** Why the interval is null or unusual, or null. */
  readonly note: string | null;
}

/** Result of {@link bootstrap}. */
export interface BootstrapResult {
  /** Statistic on the original sample (NaN if undefined there). */
  readonly estimate: number;
  readonly B: number;
  readonly nValid: number;
  readonly nInvalid: number;
  readonly stratified: boolean;
  readonly confLevel: number;
  readonly seed: number | string;
  /** All B replicates in resample order (NaN for invalid ones). */
  readonly replicates: Float64Array;
  /** Standard deviation of the valid replicates (divisor B_valid − 1). */
  readonly se: number | null;
  /** mean(θ*) − θ̂. */
  readonly bias: number | null;
  readonly percentile: BootstrapInterval;
  readonly bca:
    | (BootstrapInterval & { readonly z0: number | null; readonly acceleration: number | null })
    | null;
  readonly warnings: readonly string[];
}

/**
 * Label of a bootstrap interval, e.g.
 * "95% CI, stratified bootstrap, 2,000 resamples, percentile, seed 20250411".
 */
export function bootstrapLabel(
  o: { confLevel: number; B: number; type: BootstrapCiType; seed: number | string; stratified: boolean },
): string {
  return `${formatLevel(o.confLevel)} CI, ${o.stratified ? "stratified " : ""}bootstrap, ${
    formatCount(o.B)
  } resamples, ` +
    `${o.type === "bca" ? "BCa" : "percentile"}, seed ${o.seed}`;
}

/** Groups of row indices per stratum, in order of first appearance. */
function strataGroups(strata: ArrayLike<number>, stratified: boolean): Int32Array[] {
  if (!stratified) return [Int32Array.from({ length: strata.length }, (_, i) => i)];
  const map = new Map<number, number[]>();
  for (let i = 0; i < strata.length; i++) {
    const k = strata[i];
    if (!map.has(k)) map.set(k, []);
    map.get(k)!.push(i);
  }
  return [...map.values()].map((g) => Int32Array.from(g));
}

/** Draw one resample: for each group, |group| indices with replacement (uses `rng.int`). */
export function resampleIndices(groups: readonly Int32Array[], rng: Rng, out?: Int32Array): Int32Array {
  const n = groups.reduce((s, g) => s + g.length, 0);
  const idx = out ?? new Int32Array(n);
  let k = 0;
  for (const g of groups) {
    const last = g.length - 1;
    for (let j = 0; j <= last; j++) idx[k++] = g[rng.int(0, last)];
  }
  return idx;
}

function safeEval(stat: IndexStatistic, idx: Int32Array): number {
  try {
    const v = stat(idx);
    return Number.isFinite(v) ? v : NaN;
  } catch (e) {
    if (e instanceof EvalInputError) return NaN;
    throw e;
  }
}

/**
 * Bootstrap a statistic. `strata` has one entry per row (e.g. the 0/1 outcome); with
 * `stratified: false` only its length is used. See the module documentation for the intervals.
 */
export function bootstrap(
  strata: ArrayLike<number>,
  statistic: IndexStatistic,
  rng: Rng,
  options: BootstrapOptions = {},
): BootstrapResult {
  const B = checkInteger("bootstrap", "B", options.B ?? 2000, 1);
  const confLevel = checkConfLevel("bootstrap", options.confLevel ?? 0.95);
  const stratified = options.stratified ?? true;
  const seed = options.seedLabel ?? rng.seed;
  const n = strata.length;
  if (n === 0) throw new EvalInputError("bootstrap: no rows");
  const groups = strataGroups(strata, stratified);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const estimate = safeEval(statistic, all);
  const warnings: string[] = [];
  if (Number.isNaN(estimate)) warnings.push("the statistic is undefined (NaN) on the original sample");

  const reps = new Float64Array(B);
  const idx = new Int32Array(n);
  const step = Math.max(1, Math.floor(B / 100));
  for (let b = 0; b < B; b++) {
    resampleIndices(groups, rng, idx);
    reps[b] = safeEval(statistic, idx);
    if (options.onProgress && ((b + 1) % step === 0 || b + 1 === B)) options.onProgress(b + 1, B);
  }
  const valid = Float64Array.from(reps.filter((v) => !Number.isNaN(v))).sort();
  const nValid = valid.length, nInvalid = B - nValid;
  if (nInvalid > 0) {
    warnings.push(
      `${nInvalid} of ${B} resamples gave no value (NaN, e.g. one class only) and were excluded from the intervals` +
        (stratified ? "" : "; use stratified resampling to keep both classes"),
    );
  }
  const alpha = 1 - confLevel;
  const label = (type: BootstrapCiType) => bootstrapLabel({ confLevel, B, type, seed, stratified });
  let se: number | null = null, bias: number | null = null;
  if (nValid >= 2) {
    let s = 0;
    for (const v of valid) s += v;
    const mu = s / nValid;
    let ss = 0;
    for (const v of valid) ss += (v - mu) ** 2;
    se = Math.sqrt(ss / (nValid - 1));
    bias = Number.isNaN(estimate) ? null : mu - estimate;
  }
  const tooFew = nValid < 2 ? `only ${nValid} valid resample(s) of ${B}: no interval` : null;
  const percentile: BootstrapInterval = tooFew
    ? { lower: null, upper: null, method: label("percentile"), note: tooFew }
    : {
      lower: quantileSorted(valid, alpha / 2),
      upper: quantileSorted(valid, 1 - alpha / 2),
      method: label("percentile"),
      note: nInvalid > 0 ? `${nInvalid} invalid resamples excluded` : null,
    };

  let bca: BootstrapResult["bca"] = null;
  if (options.bca ?? true) {
    const nullBca = (note: string) => ({
      lower: null,
      upper: null,
      method: label("bca"),
      note,
      z0: null,
      acceleration: null,
    });
    if (tooFew) bca = nullBca(tooFew);
    else if (Number.isNaN(estimate)) bca = nullBca("BCa needs the statistic on the original sample");
    else {
      let below = 0, equal = 0;
      for (const v of valid) {
        if (v < estimate) below++;
        else if (v === estimate) equal++;
      }
      const z0 = normalQuantile((below + equal / 2) / nValid, 0, 1);
      if (!Number.isFinite(z0)) {
        bca = nullBca(
          `BCa undefined: the estimate ${estimate} lies outside the bootstrap distribution (bias correction z0 infinite)`,
        );
      } else {
        // jackknife over all rows
        const jack: number[] = [];
        const loo = new Int32Array(n - 1);
        for (let i = 0; i < n; i++) {
          for (let j = 0, k = 0; j < n; j++) if (j !== i) loo[k++] = j;
          const v = safeEval(statistic, loo);
          if (!Number.isNaN(v)) jack.push(v);
        }
        let a = 0;
        if (jack.length >= 2) {
          const jm = meanOnePass(jack);
          let num = 0, den = 0;
          for (const v of jack) {
            const d = jm - v;
            num += d ** 3;
            den += d * d;
          }
          a = den > 0 ? num / (6 * den ** 1.5) : 0;
        }
        const adj = (zq: number) => normalCdf(z0 + (z0 + zq) / (1 - a * (z0 + zq)), 0, 1);
        const a1 = adj(normalQuantile(alpha / 2, 0, 1));
        const a2 = adj(normalQuantile(1 - alpha / 2, 0, 1));
        const notes: string[] = [];
        if (jack.length < n) {
          notes.push(
            `${n - jack.length} of ${n} jackknife values undefined and excluded from the acceleration`,
          );
        }
        if (nInvalid > 0) notes.push(`${nInvalid} invalid resamples excluded`);
        bca = {
          lower: quantileSorted(valid, a1),
          upper: quantileSorted(valid, a2),
          method: label("bca"),
          note: notes.length ? notes.join("; ") : null,
          z0,
          acceleration: a,
        };
      }
    }
  }
  return {
    estimate,
    B,
    nValid,
    nInvalid,
    stratified,
    confLevel,
    seed,
    replicates: reps,
    se,
    bias,
    percentile,
    bca,
    warnings,
  };
}
