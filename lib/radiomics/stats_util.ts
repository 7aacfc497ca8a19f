/** Small helpers on numeric samples shared by the intensity families. */
import { ScratchSlot } from "./scratch.ts";

/**
 * Percentile by linear interpolation between order statistics (Hyndman & Fan type 7, numpy's
 * default): h = (n − 1)·p, x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)). `sorted` ascending.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  return percentileOf((k) => sorted[k], sorted.length, p);
}

/**
 * The p-th percentile of n values from their order statistics `at(k)` (k-th smallest, 0-based), linear
 * interpolation between the ⌊(n − 1)p⌋-th and the next (R type 7): x₍lo₎ + (h − lo)(x₍lo+1₎ − x₍lo₎),
 * h = (n − 1)p. NaN for n = 0. The one interpolation rule of the radiomics families.
 */
function percentileOf(at: (k: number) => number, n: number, p: number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  const a = at(lo);
  return a + (h - lo) * (at(hi) - a);
}

/** The sums behind a {@link Dispersion}, and the order statistics it reports. */
interface DispersionParts {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  /** P10, P25, P50, P75, P90. */
  readonly pct: readonly [number, number, number, number, number];
  /** Σ|x − mean|, Σ|x − median|, Σ over P10 ≤ x ≤ P90 of |x − robust mean|, and that count. */
  readonly mad: number;
  readonly medad: number;
  readonly rmad: number;
  readonly rc: number;
}

/** {@link Dispersion} from its sums (both the value and the count paths end here). */
function dispersionRecord(q: DispersionParts): Dispersion {
  const [p10, p25, median, p75, p90] = q.pct;
  return {
    median,
    min: q.min,
    p10,
    p90,
    max: q.max,
    iqr: p75 - p25,
    range: q.max - q.min,
    mad: q.mad / q.n,
    rmad: q.rmad / q.rc,
    medad: q.medad / q.n,
    cov: Math.sqrt(q.variance) / q.mean,
    qcod: (p75 - p25) / (p75 + p25),
  };
}

/** P10, P25, P50, P75, P90 by {@link percentileOf}. */
function fivePercentiles(at: (k: number) => number, n: number): [number, number, number, number, number] {
  return [
    percentileOf(at, n, 0.1),
    percentileOf(at, n, 0.25),
    percentileOf(at, n, 0.5),
    percentileOf(at, n, 0.75),
    percentileOf(at, n, 0.9),
  ];
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

/** The dispersion features common to intensity statistics and the intensity histogram. */
export interface Dispersion {
  median: number;
  min: number;
  p10: number;
  p90: number;
  max: number;
  iqr: number;
  range: number;
  mad: number;
  rmad: number;
  medad: number;
  cov: number;
  qcod: number;
}

/**
 * The dispersion features common to intensity statistics and the intensity histogram (IBSI 3.3, 3.4):
 * median, min, P10, P90, max, IQR, range, MAD, robust MAD (over P10 ≤ x ≤ P90), median absolute
 * deviation (mean |x − median|), CoV σ/μ, QCoD (P75 − P25)/(P75 + P25). Percentiles as
 * {@link percentileSorted}. `x` sorted ascending, or (`sorted` false) in any order: then the order
 * statistics the percentiles need come from {@link orderStatistics} (no sort; `x` is not changed).
 */
export function dispersion(x: Float64Array, m: Moments, sorted = true): Dispersion {
  const n = x.length;
  const ks: number[] = [0, n - 1];
  for (const p of [0.1, 0.25, 0.5, 0.75, 0.9]) {
    const lo = Math.floor((n - 1) * p);
    ks.push(lo, Math.min(n - 1, lo + 1));
  }
  const os = sorted || n === 0 ? null : orderStatistics(x, ks);
  const at = (k: number): number => (os ? os.get(k)! : x[k]);
  const pct = fivePercentiles(at, n);
  const [p10, , median, , p90] = pct;
  const min = n ? at(0) : NaN, max = n ? at(n - 1) : NaN;
  const sums = new Float64Array(4); // mad, medad, rs, rc
  absDeviationSums(x, m.mean, median, p10, p90, sums);
  const [mad, medad, rs, rc] = sums;
  const rmean = rs / rc;
  const rmad = rangeAbsDeviation(x, rmean, p10, p90);
  return dispersionRecord({ n, mean: m.mean, variance: m.variance, min, max, pct, mad, medad, rmad, rc });
}

// branch-free (unsorted values would mispredict the range test): w is 1 inside [lo, hi], else 0,
// and adding w·v = 0 leaves a sum unchanged

/** Σ|x − mean|, Σ|x − median|, Σ x and the count over lo ≤ x ≤ hi, into out. */
function absDeviationSums(
  x: Float64Array,
  mean: number,
  median: number,
  lo: number,
  hi: number,
  out: Float64Array,
): void {
  let mad = 0, medad = 0, rs = 0, rc = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i], w = Number(v >= lo) & Number(v <= hi);
    mad += Math.abs(v - mean);
    medad += Math.abs(v - median);
    rs += w * v, rc += w;
  }
  out[0] = mad, out[1] = medad, out[2] = rs, out[3] = rc;
}

/** Σ|x − c| over lo ≤ x ≤ hi. */
function rangeAbsDeviation(x: Float64Array, c: number, lo: number, hi: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i], w = Number(v >= lo) & Number(v <= hi);
    s += w * Math.abs(v - c);
  }
  return s;
}

/**
 * The k-th smallest values of `x` (0-based, numeric order: what a full sort puts at k) for every k in
 * `ks`, without sorting or changing `x`: one pass counts the values in 2^14 equal-width buckets over
 * [min, max] (the bucket index is non-decreasing in the value, so the buckets are ordered), the
 * cumulative counts give each target's bucket and rank inside it, and a second pass collects only
 * those buckets' values, which are then sorted ({@link selectInPlace} on them). O(n).
 */
export function orderStatistics(x: Float64Array, ks: readonly number[]): Map<number, number> {
  const n = x.length, out = new Map<number, number>();
  const t = [...new Set(ks)].filter((k) => k >= 0 && k < n).sort((p, q) => p - q);
  if (t.length === 0) return out;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const B = 1 << 14, scale = B / (hi - lo);
  if (!(hi > lo && Number.isFinite(lo) && Number.isFinite(hi) && scale > 0 && Number.isFinite(scale))) {
    // one value (or a range that does not bucket): sort a copy
    const s = x.slice().sort();
    for (const k of t) out.set(k, s[k]);
    return out;
  }
  // bucket of v: min(B − 1, ⌊(v − lo)·scale⌋), inline in both passes
  const counts = new Int32Array(B);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((x[i] - lo) * scale);
    counts[b >= B ? B - 1 : b]++;
  }
  // target bucket of each k and the number of values in lower buckets
  const tb = new Int32Array(t.length), below = new Float64Array(t.length);
  for (let b = 0, cum = 0, j = 0; b < B && j < t.length; b++) {
    while (j < t.length && t[j] < cum + counts[b]) tb[j] = b, below[j] = cum, j++;
    cum += counts[b];
  }
  // gather each needed bucket's values into its own slot of one buffer
  const need = new Int32Array(B).fill(-1);
  let size = 0;
  for (let j = 0; j < t.length; j++) if (need[tb[j]] < 0) need[tb[j]] = size, size += counts[tb[j]];
  const buf = new Float64Array(size), fill = need.slice();
  for (let i = 0; i < n; i++) {
    const v = x[i], f = Math.floor((v - lo) * scale), b = f >= B ? B - 1 : f;
    if (need[b] >= 0) buf[fill[b]++] = v;
  }
  for (let j = 0; j < t.length; j++) {
    const b = tb[j], s = need[b], part = buf.subarray(s, s + counts[b]);
    const r = t[j] - below[j];
    selectInPlace(part, [r]);
    out.set(t[j], part[r]);
  }
  return out;
}

/**
 * Reorder `a` in place so that a[k] is its k-th smallest value (0-based, numeric order) for every k
 * in `ks` (as a full sort would put it there); O(n) expected. Quickselect over all targets at once
 * (Hoare 1961; Floyd & Rivest 1975 for several targets): a three-way partition around the median of
 * three, recursing only into the parts that hold targets; parts under 32 values, and any part after
 * 2·log₂ n levels (guarding against quadratic cases), are sorted with `TypedArray.prototype.sort`.
 */
export function selectInPlace(a: Float64Array, ks: readonly number[]): void {
  const n = a.length;
  const t = [...new Set(ks)].filter((k) => k >= 0 && k < n).sort((p, q) => p - q);
  if (t.length === 0) return;
  // work items: lo, hi (inclusive range), first and last target index into t, depth budget
  const stack: number[] = [0, n - 1, 0, t.length - 1, 2 * Math.ceil(Math.log2(n + 1))];
  while (stack.length) {
    const depth = stack.pop()!, kh = stack.pop()!, kl = stack.pop()!, hi = stack.pop()!, lo = stack.pop()!;
    if (kl > kh || lo >= hi) continue;
    if (hi - lo < 32 || depth === 0) {
      a.subarray(lo, hi + 1).sort();
      continue;
    }
    const x = a[lo], y = a[(lo + hi) >>> 1], z = a[hi];
    const pv = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    // [lo, lt) < pv, [lt, gt] = pv, (gt, hi] > pv
    const [lt, gt] = partition3(a, lo, hi, pv);
    let j = kl;
    while (j <= kh && t[j] < lt) j++;
    let m = j;
    while (m <= kh && t[m] <= gt) m++;
    stack.push(lo, lt - 1, kl, j - 1, depth - 1, gt + 1, hi, m, kh, depth - 1);
  }
}

/** Three-way (Dutch national flag) partition of a[lo..hi] around pv; returns [lt, gt]. */
function partition3(a: Float64Array, lo: number, hi: number, pv: number): [number, number] {
  let lt = lo, gt = hi, i = lo;
  while (i <= gt) {
    const v = a[i];
    if (v < pv) a[i++] = a[lt], a[lt++] = v;
    else if (v > pv) a[i] = a[gt], a[gt--] = v;
    else i++;
  }
  return [lt, gt];
}

/**
 * {@link moments} and {@link dispersion} of integer values given by their counts: `counts[v − offset]`
 * voxels have value v (counts are integers). No sorted array is built: order statistics come from the
 * cumulative counts, and each sum adds a distinct value's term once per voxel in ascending order of
 * value (a register loop, no memory traffic), so every result has the doubles `moments` and
 * `dispersion` give on the sorted values.
 */
export function countsSummary(counts: Float64Array, offset: number): { m: Moments; d: Dispersion } {
  const L = counts.length;
  let n = 0, s = 0, first = -1, last = -1;
  for (let i = 0; i < L; i++) {
    const c = counts[i];
    if (c === 0) continue;
    if (first < 0) first = i;
    last = i, n += c;
    s = addRepeated(s, i + offset, c);
  }
  const mean = s / n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = first; i <= last; i++) {
    const c = counts[i];
    const d = i + offset - mean, d2 = d * d, d3 = d2 * d, d4 = d2 * d2;
    m2 = addRepeated(m2, d2, c), m3 = addRepeated(m3, d3, c), m4 = addRepeated(m4, d4, c);
  }
  m2 /= n, m3 /= n, m4 /= n;
  const m: Moments = {
    n,
    mean,
    variance: m2,
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0,
    kurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : 0,
  };
  // k-th smallest value (0-based) by a walk over the cumulative counts
  const order = (k: number): number => {
    let cum = 0;
    for (let i = first; i <= last; i++) {
      cum += counts[i];
      if (cum > k) return i + offset;
    }
    return last + offset;
  };
  const pct = fivePercentiles(order, n);
  const [p10, , median, , p90] = pct;
  let mad = 0, medad = 0, rs = 0, rc = 0;
  for (let i = first; i <= last; i++) {
    const c = counts[i], v = i + offset;
    const a = Math.abs(v - mean), b = Math.abs(v - median), inside = v >= p10 && v <= p90;
    mad = addRepeated(mad, a, c), medad = addRepeated(medad, b, c);
    if (inside) rs = addRepeated(rs, v, c), rc += c;
  }
  const rmean = rs / rc;
  let rmad = 0;
  for (let i = first; i <= last; i++) {
    const c = counts[i], v = i + offset;
    if (!(v >= p10 && v <= p90)) continue;
    const a = Math.abs(v - rmean);
    rmad = addRepeated(rmad, a, c);
  }
  const min = first + offset, max = last + offset;
  const d = dispersionRecord({ n, mean, variance: m2, min, max, pct, mad, medad, rmad, rc });

  return { m, d };
}

/** acc + term + term + … (c times, each addition rounded, as a per-voxel loop adds them). */
function addRepeated(acc: number, term: number, c: number): number {
  for (let j = 0; j < c; j++) acc += term;
  return acc;
}

// the buffer of the last `maskedValues(…, true)` (the image types of a case have the same ROI)
const maskedBuffer = new ScratchSlot((n) => new Float64Array(n));

/**
 * Values of `data` where `mask` is set, in grid order. With `reuse`, the array may be the one returned
 * by the previous such call (overwritten): for a caller that drops it before calling again.
 */
export function maskedValues(data: ArrayLike<number>, mask: Uint8Array, reuse = false): Float64Array {
  let c = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) c++;
  const out = reuse ? maskedBuffer.get(c) : new Float64Array(c);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) out[k++] = data[i];
  return out;
}
