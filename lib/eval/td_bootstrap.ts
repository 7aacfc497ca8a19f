/**
 * Bootstrap of the time-dependent AUC and IPCW Brier score: subjects are resampled with replacement
 * (B resamples, one seeded Rng), the censoring model is re-estimated in each resample, and percentile
 * intervals are taken at every horizon. A resample in which a horizon has no case or no control
 * gives no AUC there; such resamples are counted (`nValid`) and left out of that horizon's interval.
 *
 * Reference: Efron & Tibshirani (1993) An Introduction to the Bootstrap, ch. 13 (percentile interval).
 */
import type { Rng } from "../random/rng.ts";
import { timeDependentAucBrier } from "./td_auc_brier.ts";
import { meanOnePass, quantileSorted, varianceUnchecked } from "../stats/quantile.ts";
import { checkInteger } from "../io/options.ts";

/** Options of {@link bootstrapTdAucBrier}. */
export interface TdBootstrapOptions {
  /** Number of resamples (default 1000). */
  readonly B?: number;
  /** Confidence level of the percentile intervals (default 0.95). */
  readonly confLevel?: number;
  /** Progress callback after each resample. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Percentile interval of one metric per horizon. */
export interface TdBootstrapMetric {
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
  /** Bootstrap standard deviation per horizon. */
  readonly sd: readonly (number | null)[];
  /** Resamples in which the metric existed at that horizon. */
  readonly nValid: readonly number[];
}

/** Result of {@link bootstrapTdAucBrier}. */
export interface TdBootstrapResult {
  readonly times: readonly number[];
  readonly B: number;
  readonly seed: number;
  readonly confLevel: number;
  readonly auc: TdBootstrapMetric;
  readonly brier: TdBootstrapMetric;
  /** E.g. "95% CI, bootstrap, 1,000 resamples, percentile, seed 20250411". */
  readonly method: string;
}

function summarise(draws: number[][], alpha: number): TdBootstrapMetric {
  const lower: (number | null)[] = [],
    upper: (number | null)[] = [],
    sd: (number | null)[] = [],
    nValid: number[] = [];
  for (const d of draws) {
    nValid.push(d.length);
    if (d.length < 2) {
      lower.push(null);
      upper.push(null);
      sd.push(null);
      continue;
    }
    const s = [...d].sort((a, b) => a - b);
    lower.push(quantileSorted(s, alpha / 2));
    upper.push(quantileSorted(s, 1 - alpha / 2));
    sd.push(Math.sqrt(varianceUnchecked(d, meanOnePass(d))));
  }
  return { lower, upper, sd, nValid };
}

/**
 * Percentile bootstrap intervals of the cumulative/dynamic AUC and IPCW Brier score at each horizon.
 * `risk[k][i]` as in {@link timeDependentAucBrier}; the predictions are held fixed (validation of a
 * frozen model on this sample).
 */
export function bootstrapTdAucBrier(
  time: readonly number[],
  status: readonly number[],
  risk: readonly (readonly number[])[],
  times: readonly number[],
  rng: Rng,
  options: TdBootstrapOptions = {},
): TdBootstrapResult {
  const B = options.B ?? 1000;
  const confLevel = options.confLevel ?? 0.95;
  checkInteger("bootstrapTdAucBrier", "B", B, 2);
  const n = time.length;
  const aucDraws = times.map(() => [] as number[]);
  const brierDraws = times.map(() => [] as number[]);
  const idx = new Array<number>(n);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(0, n - 1);
    const r = timeDependentAucBrier(
      idx.map((i) => time[i]),
      idx.map((i) => status[i]),
      risk.map((row) => idx.map((i) => row[i])),
      times,
      { se: false, nullModel: false },
    );
    times.forEach((_, k) => {
      const a = r.auc!.estimate[k];
      if (a !== null) aucDraws[k].push(a);
      const br = r.brier!.model.estimate[k];
      if (br !== null) brierDraws[k].push(br);
    });
    options.onProgress?.(b + 1, B);
  }
  const alpha = 1 - confLevel;
  return {
    times: [...times],
    B,
    seed: rng.seed,
    confLevel,
    auc: summarise(aucDraws, alpha),
    brier: summarise(brierDraws, alpha),
    method: `${Math.round(confLevel * 100)}% CI, bootstrap, ${
      B.toLocaleString("en-US")
    } resamples, percentile, seed ${rng.seed}`,
  };
}
