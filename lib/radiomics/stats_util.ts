/** Small helpers on numeric samples shared by the intensity families. */

/**
 * Percentile by linear interpolation between order statistics (Hyndman & Fan type 7, numpy's
 * default): h = (n − 1)·p, x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)). `sorted` ascending.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Population moments summary used by the statistics and histogram families. */
export interface Moments {
  n: number;
  mean: number;
  /** Population variance (divide by n). */
  variance: number;
  skewness: number;
  /** Excess kurtosis. */
  kurtosis: number;
}

/** Population mean, variance, skewness m3/m2^1.5 and excess kurtosis m4/m2² − 3. */
export function moments(x: ArrayLike<number>): Moments {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n, m3 /= n, m4 /= n;
  return {
    n,
    mean,
    variance: m2,
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0,
    kurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : 0,
  };
}

/**
 * The dispersion features common to intensity statistics and the intensity histogram (IBSI 3.3, 3.4),
 * from sorted values: median, min, P10, P90, max, IQR, range, MAD, robust MAD (over P10 ≤ x ≤ P90),
 * median absolute deviation (mean |x − median|), CoV σ/μ, QCoD (P75 − P25)/(P75 + P25).
 */
export function dispersion(sorted: Float64Array, m: Moments) {
  const n = sorted.length;
  const median = percentileSorted(sorted, 0.5);
  const p10 = percentileSorted(sorted, 0.1), p90 = percentileSorted(sorted, 0.9);
  const p25 = percentileSorted(sorted, 0.25), p75 = percentileSorted(sorted, 0.75);
  let mad = 0, medad = 0, rs = 0, rc = 0;
  for (let i = 0; i < n; i++) {
    mad += Math.abs(sorted[i] - m.mean);
    medad += Math.abs(sorted[i] - median);
    if (sorted[i] >= p10 && sorted[i] <= p90) rs += sorted[i], rc++;
  }
  const rmean = rs / rc;
  let rmad = 0;
  for (let i = 0; i < n; i++) if (sorted[i] >= p10 && sorted[i] <= p90) rmad += Math.abs(sorted[i] - rmean);
  return {
    median,
    min: sorted[0],
    p10,
    p90,
    max: sorted[n - 1],
    iqr: p75 - p25,
    range: sorted[n - 1] - sorted[0],
    mad: mad / n,
    rmad: rmad / rc,
    medad: medad / n,
    cov: Math.sqrt(m.variance) / m.mean,
    qcod: (p75 - p25) / (p75 + p25),
  };
}

/** Values of `data` where `mask` is set, sorted ascending. */
export function sortedMasked(data: ArrayLike<number>, mask: Uint8Array): Float64Array {
  let c = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) c++;
  const out = new Float64Array(c);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = data[i];
  return out.sort();
}
