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

/**
 * Values of `data` where `mask` is set, sorted ascending (the same array as `Float64Array.prototype.sort`:
 * numeric order, −0 before +0; no NaN expected). Integer data in a small range (grey levels) by counting
 * sort, other data by an LSD radix sort on the order-preserving transform of the IEEE-754 bits (16-bit
 * digits, passes whose digit is constant skipped), O(n) instead of O(n log n).
 */
export function sortedMasked(data: ArrayLike<number>, mask: Uint8Array): Float64Array {
  let c = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) c++;
  const out = new Float64Array(c);
  let k = 0;
  let lo = Infinity, hi = -Infinity, integral = true;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const v = data[i];
    out[k++] = v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (integral && !(Number.isInteger(v) && !Object.is(v, -0))) integral = false;
  }
  if (c < 2) return out;
  if (integral && hi - lo <= 1 << 20) {
    const counts = new Int32Array(hi - lo + 1);
    for (let i = 0; i < c; i++) counts[out[i] - lo]++;
    for (let v = 0, j = 0; v < counts.length; v++) {
      const e = j + counts[v];
      for (; j < e; j++) out[j] = v + lo;
    }
    return out;
  }
  if (c < 256) return out.sort();
  return radixSortFloat64(out);
}

// key buffers of the radix sort, weakly kept for the next call of the same length (the image types
// of a case sort the same number of voxels); the garbage collector may drop them in between
let radixBuffers: WeakRef<Uint32Array[]> | null = null;

function radixScratch(n: number): Uint32Array[] {
  let b = radixBuffers?.deref();
  if (!b || b[0].length !== n) {
    b = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
    radixBuffers = new WeakRef(b);
  }
  return b;
}

/** LSD radix sort of a Float64Array (numeric order; see {@link sortedMasked}), in place; returns `a`. */
function radixSortFloat64(a: Float64Array): Float64Array {
  const n = a.length;
  // order-preserving keys: negative → all bits flipped, non-negative → sign bit flipped
  const src = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  let [kh, kl, th, tl] = radixScratch(n);
  for (let i = 0; i < n; i++) {
    const h = src[2 * i + 1], l = src[2 * i];
    if (h >>> 31) kh[i] = ~h >>> 0, kl[i] = ~l >>> 0;
    else kh[i] = (h ^ 0x80000000) >>> 0, kl[i] = l;
  }
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? kl : kh, shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(word[i] >>> shift) & 0xffff]++;
    if (count[(word[0] >>> shift) & 0xffff] === n) continue; // constant digit
    for (let d = 0, s = 0; d < 65536; d++) {
      const t = count[d];
      count[d] = s, s += t;
    }
    for (let i = 0; i < n; i++) {
      const j = count[(word[i] >>> shift) & 0xffff]++;
      th[j] = kh[i], tl[j] = kl[i];
    }
    let t = kh;
    kh = th, th = t;
    t = kl;
    kl = tl, tl = t;
  }
  // the keys hold every value: write the sorted values back into `a`
  const out = a;
  const dst = src;
  for (let i = 0; i < n; i++) {
    const h = kh[i], l = kl[i];
    if (h >>> 31) dst[2 * i + 1] = (h ^ 0x80000000) >>> 0, dst[2 * i] = l;
    else dst[2 * i + 1] = ~h >>> 0, dst[2 * i] = ~l >>> 0;
  }
  return out;
}
