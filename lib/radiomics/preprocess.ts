/**
 * Image preprocessing per IBSI 1, chapter 2 ("Image processing"): crop to the ROI, interpolation to a
 * new voxel spacing (VTM2) with the "align grid centres" placement (3WE3: n_new = ceil(n·s/s_new),
 * first point at 0.5·(n − 1 − (s_new/s)·(n_new − 1)) in old index units, step s_new/s), intensity
 * rounding (68QD), ROI mask interpolation with a partial-volume threshold (E8H9), re-segmentation by
 * range (USB3) and outliers (7ACA), and discretisation by fixed bin number (K15C) or size (Q3RU).
 *
 * Memory stays proportional to the ROI: the new grid is computed for the whole image (so results do
 * not depend on the crop), but only the points near the mask's bounding box are evaluated, and only
 * that part of the scan (plus an interpolation margin) is ever copied to floating point.
 */
import type { Image } from "./image.ts";
import type { DiscretisationRecord, DiscretisedRoi } from "./roi.ts";

/** Image interpolators: "linear" = (bi/tri)linear, "bspline" = cubic B-spline ("tricubic spline" in IBSI). */
export type Interpolator = "linear" | "bspline";

/** Discretisation settings. */
export type DiscretisationSettings =
  | {
    readonly method: "fbs";
    readonly binWidth: number; /** x_min; default: lower re-segmentation bound, else ROI minimum. */
    readonly lowerBound?: number;
  }
  | { readonly method: "fbn"; readonly binCount: number }
  | { readonly method: "none" };

/** Preprocessing options (IBSI chapter 2). Defaults give "no processing" except cropping. */
export interface PreprocessOptions {
  /**
   * Target spacing [sx, sy, sz] in mm; an axis given as 0 or null keeps its spacing (pyradiomics
   * convention, e.g. [2, 2, 0] for in-plane 2D interpolation). Default null: no interpolation.
   */
  readonly resampledSpacing?: readonly (number | null)[] | null;
  /** Image interpolator (default "linear"). */
  readonly interpolator?: Interpolator;
  /** ROI partial-volume threshold after linear mask interpolation (default 0.5; in ROI when ≥). */
  readonly maskThreshold?: number;
  /** Round intensities to the nearest integer after interpolation (default true, as IBSI for CT). */
  readonly roundIntensities?: boolean;
  /** Re-segmentation range [lo, hi] (closed); use ±Infinity for an open side. Default none. */
  readonly resegmentRange?: readonly [number, number] | null;
  /** Outlier re-segmentation: keep μ ± k·σ of the ROI intensities (k = this value). Default none. */
  readonly resegmentOutliers?: number | null;
  /** Discretisation for texture and intensity-histogram features (default fixed bin size 25, as pyradiomics' binWidth). */
  readonly discretisation?: DiscretisationSettings;
  /** Mask label in the ROI (default 1). */
  readonly label?: number;
  /** Extra margin (mm) of image kept around the ROI, for the local intensity peak (default 8 mm). */
  readonly marginMm?: number;
}

/** The preprocessed ROI: a {@link DiscretisedRoi} plus the cropped image around it. */
export interface PreprocessedRoi extends DiscretisedRoi {
  /** All intensities of the cropped grid (inside and outside the ROI), after interpolation/rounding. */
  readonly image: Float64Array;
  /** World (RAS) position of the centre of voxel (0,0,0) of the cropped grid. */
  readonly origin: readonly [number, number, number];
  /** The re-segmentation interval actually applied ([−∞, ∞] when none). */
  readonly resegmentInterval: readonly [number, number];
  /** Voxels in the morphological mask. */
  readonly nMorphVoxels: number;
  /** Settings echoed (with defaults applied). */
  readonly settings:
    & Required<Omit<PreprocessOptions, "resampledSpacing" | "resegmentRange" | "resegmentOutliers">>
    & {
      resampledSpacing: readonly number[] | null;
      resegmentRange: readonly [number, number] | null;
      resegmentOutliers: number | null;
    };
}

/** Error in preprocessing settings or data (names the option or the file). */
export class PreprocessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreprocessError";
  }
}

/** Bounding box [lo, hi] (inclusive) per axis of the mask voxels equal to `label`, or null when empty. */
export function maskBoundingBox(
  mask: Pick<Image, "dims" | "data" | "slope" | "inter">,
  label = 1,
): { lo: [number, number, number]; hi: [number, number, number]; count: number } | null {
  const [nx, ny, nz] = mask.dims;
  const lo: [number, number, number] = [nx, ny, nz], hi: [number, number, number] = [-1, -1, -1];
  const d = mask.data, s = mask.slope, t = mask.inter;
  // integer voxels with slope 1 and intercept 0: round(v · 1 + 0) = v, compared directly
  const exact = s === 1 && t === 0 && !(d instanceof Float32Array || d instanceof Float64Array);
  const row = new Int32Array(2);
  let count = 0, i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++, i += nx) {
      const c = exact ? labelRunExact(d, i, nx, label, row) : labelRunScaled(d, i, nx, s, t, label, row);
      if (!c) continue;
      count += c;
      if (row[0] < lo[0]) lo[0] = row[0];
      if (row[1] > hi[0]) hi[0] = row[1];
      if (y < lo[1]) lo[1] = y;
      if (y > hi[1]) hi[1] = y;
      if (z < lo[2]) lo[2] = z;
      if (z > hi[2]) hi[2] = z;
    }
  }
  return count ? { lo, hi, count } : null;
}

/**
 * One x-row of {@link maskBoundingBox} (integer voxels, slope 1, intercept 0): the number of voxels
 * equal to `label` in d[i .. i + nx), the first and last such x written to `out`. A function per row
 * so that V8 does not deoptimise an on-stack-replaced inner loop at every row's end.
 */
function labelRunExact(d: ArrayLike<number>, i: number, nx: number, label: number, out: Int32Array): number {
  let first = -1, last = -1, c = 0;
  for (let x = 0; x < nx; x++) {
    if (d[i + x] !== label) continue;
    if (first < 0) first = x;
    last = x, c++;
  }
  out[0] = first, out[1] = last;
  return c;
}

/** As {@link labelRunExact}, the voxel value being round(d · s + t). */
function labelRunScaled(
  d: ArrayLike<number>,
  i: number,
  nx: number,
  s: number,
  t: number,
  label: number,
  out: Int32Array,
): number {
  let first = -1, last = -1, c = 0;
  for (let x = 0; x < nx; x++) {
    if (Math.round(d[i + x] * s + t) !== label) continue;
    if (first < 0) first = x;
    last = x, c++;
  }
  out[0] = first, out[1] = last;
  return c;
}

/** Per-axis sampling plan: new-grid positions (old index units) kept, and the old index range to copy. */
interface AxisPlan {
  resample: boolean;
  newSpacing: number;
  /** Positions of the kept new points, in old index units (full image). */
  positions: Float64Array;
  /** Old index range copied [lo, hi]. */
  cropLo: number;
  cropHi: number;
}

function planAxis(
  n: number,
  s: number,
  sNew: number | null,
  bbLo: number,
  bbHi: number,
  marginMm: number,
  interp: Interpolator,
): AxisPlan {
  if (!sNew || Math.abs(sNew - s) < 1e-9 * s) {
    const m = Math.ceil(marginMm / s);
    const lo = Math.max(0, bbLo - m), hi = Math.min(n - 1, bbHi + m);
    const positions = new Float64Array(hi - lo + 1);
    for (let j = 0; j < positions.length; j++) positions[j] = lo + j;
    return { resample: false, newSpacing: s, positions, cropLo: lo, cropHi: hi };
  }
  const nNew = Math.ceil(n * s / sNew - 1e-9);
  const step = sNew / s;
  const x0 = 0.5 * (n - 1 - step * (nNew - 1));
  const m = marginMm / s + 1;
  const kept: number[] = [];
  for (let j = 0; j < nNew; j++) {
    const p = x0 + j * step;
    if (p > bbLo - m && p < bbHi + m) kept.push(p);
  }
  const pad = interp === "bspline" ? 12 : 1;
  const cropLo = Math.max(0, Math.floor(kept[0]) - pad);
  const cropHi = Math.min(n - 1, Math.ceil(kept[kept.length - 1]) + pad);
  return { resample: true, newSpacing: sNew, positions: Float64Array.from(kept), cropLo, cropHi };
}

/**
 * Interpolation taps of one axis of length n at positions `pos` (index units, clamped to [0, n − 1]):
 * for output j the source indices idx[4j + k] and weights wts[4j + k], k < taps (2 linear, 4 cubic
 * B-spline with mirror boundaries).
 */
function axisTaps(
  n: number,
  pos: Float64Array,
  interp: Interpolator,
): { idx: Int32Array; wts: Float64Array; taps: number } {
  const m = pos.length;
  const idx = new Int32Array(m * 4), wts = new Float64Array(m * 4);
  for (let j = 0; j < m; j++) {
    const p = Math.min(Math.max(pos[j], 0), n - 1);
    if (interp === "linear") {
      let i0 = Math.floor(p);
      if (i0 >= n - 1) i0 = Math.max(0, n - 2);
      const t = n === 1 ? 0 : p - i0;
      idx[4 * j] = i0, wts[4 * j] = 1 - t;
      idx[4 * j + 1] = Math.min(i0 + 1, n - 1), wts[4 * j + 1] = t;
    } else {
      const i0 = Math.floor(p), t = p - i0;
      const w = [
        (1 - t) ** 3 / 6,
        (4 - 6 * t * t + 3 * t ** 3) / 6,
        (1 + 3 * t + 3 * t * t - 3 * t ** 3) / 6,
        t ** 3 / 6,
      ];
      for (let k = 0; k < 4; k++) {
        idx[4 * j + k] = mirror(i0 - 1 + k, n);
        wts[4 * j + k] = w[k];
      }
    }
  }
  return { idx, wts, taps: interp === "linear" ? 2 : 4 };
}

/**
 * Resample a volume along one axis at the given positions (index units of that axis, clamped to the
 * edge): out[j] = Σ_{k < taps} w_jk · c[i_jk], the terms added in order from 0, with c the line itself
 * (linear) or its cubic B-spline coefficients (bspline). For "bspline" `vol` is overwritten with the
 * coefficients along `axis` (callers pass a temporary). Along y and z whole x-rows / xy-planes are
 * combined at once (contiguous memory); every output is the same double as line-by-line evaluation.
 */
function resampleAxis(
  vol: Float64Array,
  dims: readonly [number, number, number],
  axis: number,
  pos: Float64Array,
  interp: Interpolator,
): { vol: Float64Array; dims: [number, number, number] } {
  const n = dims[axis], m = pos.length;
  const nd: [number, number, number] = [dims[0], dims[1], dims[2]];
  nd[axis] = m;
  const out = new Float64Array(nd[0] * nd[1] * nd[2]);
  const { idx, wts, taps } = axisTaps(n, pos, interp);
  const spline = interp === "bspline";
  if (axis === 0) {
    for (let base = 0, ob = 0; base < vol.length; base += n, ob += m) {
      if (spline) bsplinePrefilterRows(vol, base, 1, n);
      if (taps === 2) interpLine2(vol, out, base, ob, m, idx, wts);
      else interpLine4(vol, out, base, ob, m, idx, wts);
    }
    return { vol: out, dims: nd };
  }
  const run = axis === 1 ? dims[0] : dims[0] * dims[1];
  const outer = axis === 1 ? dims[2] : 1;
  for (let b = 0; b < outer; b++) {
    const b0 = b * run * n, o0 = b * run * m;
    if (spline) bsplinePrefilterRows(vol, b0, run, n);
    for (let j = 0; j < m; j++) {
      const d = o0 + j * run, q = 4 * j;
      const w0 = wts[q], w1 = wts[q + 1], s0 = b0 + idx[q] * run, s1 = b0 + idx[q + 1] * run;
      // each output's terms in one sweep, added in order from 0
      if (taps === 2) combineRun2(vol, out, d, run, w0, s0, w1, s1);
      else {
        const w2 = wts[q + 2], w3 = wts[q + 3], s2 = b0 + idx[q + 2] * run, s3 = b0 + idx[q + 3] * run;
        combineRun4(vol, out, d, run, w0, s0, w1, s1, w2, s2, w3, s3);
      }
    }
  }
  return { vol: out, dims: nd };
}

/** One x-line of {@link resampleAxis} (axis 0), two taps per output: 0 + w₀·v₀ + w₁·v₁. */
function interpLine2(
  vol: Float64Array,
  out: Float64Array,
  base: number,
  ob: number,
  m: number,
  idx: Int32Array,
  wts: Float64Array,
): void {
  for (let j = 0, q = 0; j < m; j++, q += 4) {
    out[ob + j] = 0 + wts[q] * vol[base + idx[q]] + wts[q + 1] * vol[base + idx[q + 1]];
  }
}

/** One x-line of {@link resampleAxis} (axis 0), four taps per output, added in order from 0. */
function interpLine4(
  vol: Float64Array,
  out: Float64Array,
  base: number,
  ob: number,
  m: number,
  idx: Int32Array,
  wts: Float64Array,
): void {
  for (let j = 0, q = 0; j < m; j++, q += 4) {
    out[ob + j] = 0 + wts[q] * vol[base + idx[q]] + wts[q + 1] * vol[base + idx[q + 1]] +
      wts[q + 2] * vol[base + idx[q + 2]] + wts[q + 3] * vol[base + idx[q + 3]];
  }
}

/** out[d + x] = 0 + w₀·vol[s₀ + x] + w₁·vol[s₁ + x] for x < run (a function per run: no OSR exits). */
function combineRun2(
  vol: Float64Array,
  out: Float64Array,
  d: number,
  run: number,
  w0: number,
  s0: number,
  w1: number,
  s1: number,
): void {
  for (let x = 0; x < run; x++) out[d + x] = 0 + w0 * vol[s0 + x] + w1 * vol[s1 + x];
}

/** out[d + x] = 0 + w₀·vol[s₀ + x] + … + w₃·vol[s₃ + x] for x < run, in this order. */
function combineRun4(
  vol: Float64Array,
  out: Float64Array,
  d: number,
  run: number,
  w0: number,
  s0: number,
  w1: number,
  s1: number,
  w2: number,
  s2: number,
  w3: number,
  s3: number,
): void {
  for (let x = 0; x < run; x++) {
    out[d + x] = 0 + w0 * vol[s0 + x] + w1 * vol[s1 + x] + w2 * vol[s2 + x] + w3 * vol[s3 + x];
  }
}

/**
 * Linear interpolation along z at `pos` (as {@link resampleAxis}, the same doubles) thresholded at
 * once: mask = 1 where the interpolated value is ≥ `thr`, one xy-plane at a time.
 */
function thresholdedZ(
  vol: Float64Array,
  dims: readonly [number, number, number],
  pos: Float64Array,
  thr: number,
): { mask: Uint8Array; dims: [number, number, number]; count: number } {
  const run = dims[0] * dims[1], m = pos.length;
  const { idx, wts } = axisTaps(dims[2], pos, "linear");
  const mask = new Uint8Array(run * m);
  let count = 0;
  for (let j = 0; j < m; j++) {
    const d = j * run, q = 4 * j;
    const w0 = wts[q], w1 = wts[q + 1], s0 = idx[q] * run, s1 = idx[q + 1] * run;
    count += thresholdRun(vol, mask, d, run, w0, s0, w1, s1, thr);
  }
  return { mask, dims: [dims[0], dims[1], m], count };
}

/** mask[d + x] = 1 where 0 + w₀·vol[s₀ + x] + w₁·vol[s₁ + x] ≥ thr, for x < run; the number set. */
function thresholdRun(
  vol: Float64Array,
  mask: Uint8Array,
  d: number,
  run: number,
  w0: number,
  s0: number,
  w1: number,
  s1: number,
  thr: number,
): number {
  let count = 0;
  for (let x = 0; x < run; x++) {
    if (0 + w0 * vol[s0 + x] + w1 * vol[s1 + x] >= thr) mask[d + x] = 1, count++;
  }
  return count;
}

function mirror(k: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  k = ((k % period) + period) % period;
  return k < n ? k : period - k;
}

/**
 * In-place cubic B-spline prefilter (interpolation coefficients), mirror boundaries, of the `run`
 * interleaved lines c[b0 + k·run + x], k < n, x < run (run = 1: one contiguous line).
 * Unser, Aldroubi & Eden (1993), IEEE Trans. Signal Process. 41(2):821–833; pole z = √3 − 2.
 */
function bsplinePrefilterRows(c: Float64Array, b0: number, run: number, n: number): void {
  if (n === 1) return;
  const z = Math.sqrt(3) - 2, lambda = (1 - z) * (1 - 1 / z);
  const end = b0 + n * run;
  for (let i = b0; i < end; i++) c[i] *= lambda;
  // c₀ = Σ_{k < horizon} z^k c_k (the initial causal coefficient)
  const horizon = Math.min(n, Math.ceil(Math.log(1e-12) / Math.log(Math.abs(z))));
  let zk = z;
  for (let k = 1; k < horizon; k++) {
    const s = b0 + k * run;
    for (let x = 0; x < run; x++) c[b0 + x] += zk * c[s + x];
    zk *= z;
  }
  for (let k = 1; k < n; k++) {
    const s = b0 + k * run;
    for (let x = 0; x < run; x++) c[s + x] += z * c[s - run + x];
  }
  const last = b0 + (n - 1) * run, f = z / (z * z - 1);
  for (let x = 0; x < run; x++) c[last + x] = f * (c[last + x] + z * c[last - run + x]);
  for (let k = n - 2; k >= 0; k--) {
    const s = b0 + k * run;
    for (let x = 0; x < run; x++) c[s + x] = z * (c[s + run + x] - c[s + x]);
  }
}

/** Validated, defaulted options of {@link preprocess}. */
interface Resolved {
  interp: Interpolator;
  thr: number;
  label: number;
  marginMm: number;
  rs: readonly (number | null)[] | null;
  roundI: boolean;
}

function resolveResampling(options: PreprocessOptions): Resolved {
  const interp: Interpolator = options.interpolator ?? "linear";
  if (interp !== "linear" && interp !== "bspline") {
    throw new PreprocessError(
      `option "interpolator": expected "linear" or "bspline", got ${JSON.stringify(interp)}`,
    );
  }
  const rs = options.resampledSpacing ?? null;
  if (rs !== null) {
    if (rs.length !== 3) {
      throw new PreprocessError(`option "resampledSpacing": expected 3 values, got ${rs.length}`);
    }
    for (const v of rs) {
      if (v !== null && !(Number.isFinite(v) && v >= 0)) {
        throw new PreprocessError(
          `option "resampledSpacing": values must be ≥ 0 (0 keeps the axis), got ${JSON.stringify(rs)}`,
        );
      }
    }
  }
  return {
    interp,
    thr: options.maskThreshold ?? 0.5,
    label: options.label ?? 1,
    marginMm: options.marginMm ?? 8,
    rs,
    roundI: options.roundIntensities ?? true,
  };
}

/** The image and mask on the new grid (crop of the ROI ± margin): what the intensity steps start from. */
interface Resampled {
  img: Float64Array;
  morph: Uint8Array;
  nMorph: number;
  dims: [number, number, number];
  plans: AxisPlan[];
  resampled: boolean;
}

/** Float64 copy of the old-grid crop of the plans, v = stored · slope + intercept (the scan itself when it is that already). */
function cropImage(image: Image, plans: readonly AxisPlan[], cd: readonly number[]): Float64Array {
  const d = image.data, s = image.slope, t = image.inter;
  if (
    d instanceof Float64Array && s === 1 && t === 0 && cd[0] === image.dims[0] && cd[1] === image.dims[1] &&
    cd[2] === image.dims[2]
  ) return d;
  const [nx, ny] = image.dims;
  const img = new Float64Array(cd[0] * cd[1] * cd[2]);
  let o = 0;
  for (let z = plans[2].cropLo; z <= plans[2].cropHi; z++) {
    for (let y = plans[1].cropLo; y <= plans[1].cropHi; y++) {
      scaledRow(d, plans[0].cropLo + nx * (y + ny * z), img, o, cd[0], s, t);
      o += cd[0];
    }
  }
  return img;
}

/** The old-grid crop of the mask as 0/1 (label or not), float64 when it is to be interpolated. */
function cropMask<T extends Float64Array | Uint8Array>(
  mask: Image,
  plans: readonly AxisPlan[],
  cd: readonly number[],
  label: number,
  out: T,
): T {
  const md = mask.data, ms = mask.slope, mt = mask.inter;
  const [nx, ny] = mask.dims;
  let o = 0;
  for (let z = plans[2].cropLo; z <= plans[2].cropHi; z++) {
    for (let y = plans[1].cropLo; y <= plans[1].cropHi; y++) {
      labelRow(md, plans[0].cropLo + nx * (y + ny * z), out, o, cd[0], ms, mt, label);
      o += cd[0];
    }
  }
  return out;
}

/** out[o + x] = d[i + x] · s + t for x < n (one row of {@link cropImage}). */
function scaledRow(
  d: ArrayLike<number>,
  i: number,
  out: Float64Array,
  o: number,
  n: number,
  s: number,
  t: number,
): void {
  for (let x = 0; x < n; x++) out[o + x] = d[i + x] * s + t;
}

/** out[o + x] = 1 where round(d[i + x] · s + t) is the label, else 0, for x < n (a row of {@link cropMask}). */
function labelRow(
  d: ArrayLike<number>,
  i: number,
  out: Float64Array | Uint8Array,
  o: number,
  n: number,
  s: number,
  t: number,
  label: number,
): void {
  for (let x = 0; x < n; x++) out[o + x] = Math.round(d[i + x] * s + t) === label ? 1 : 0;
}

/** Separable resampling of an old-grid crop along each resampled axis of the plans, x then y then z. */
function resampleVolume(
  vol: Float64Array,
  cd: [number, number, number],
  plans: readonly AxisPlan[],
  interp: Interpolator,
): { vol: Float64Array; dims: [number, number, number] } {
  let dims = cd;
  for (let a = 0; a < 3; a++) {
    const p = plans[a];
    if (!p.resample) continue;
    const r = resampleAxis(vol, dims, a, p.positions.map((q) => q - p.cropLo), interp);
    vol = r.vol, dims = r.dims;
  }
  return { vol, dims };
}

function cropDims(plans: readonly AxisPlan[]): [number, number, number] {
  return [0, 1, 2].map((a) => plans[a].cropHi - plans[a].cropLo + 1) as [number, number, number];
}

/**
 * Steps 1–4 of {@link preprocess}: crop, interpolation of image (`interp`) and mask (linear,
 * partial-volume threshold), rounding. `cropMargin`: keep only the new-grid points within that many
 * voxels of the thresholded mask's bounding box (same values, fewer points: each interpolated value
 * depends on the old-grid crop and its own position only).
 */
function resampleRoi(
  image: Image,
  mask: Image,
  o: Resolved,
  cropMargin?: readonly number[],
): Resampled {
  const { interp, thr, label, marginMm, rs } = o;
  const bb = maskBoundingBox(mask, label);
  if (!bb) throw new PreprocessError(`${mask.source}: the mask has no voxel with label ${label} (empty ROI)`);
  let plans = [0, 1, 2].map((a) =>
    planAxis(image.dims[a], image.spacing[a], rs ? rs[a] : null, bb.lo[a], bb.hi[a], marginMm, interp)
  );
  const resampled = plans.some((p) => p.resample);
  let cd = cropDims(plans);
  let morph: Uint8Array, dims: [number, number, number], nMorph = 0;
  if (!resampled) {
    // the mask is 0/1 on the old grid: no interpolation, thresholded as it is copied
    const msk = cropMask(mask, plans, cd, label, new Uint8Array(cd[0] * cd[1] * cd[2]));
    for (let i = 0; i < msk.length; i++) msk[i] = msk[i] >= thr ? 1 : 0, nMorph += msk[i];
    morph = msk, dims = cd;
  } else {
    const msk = cropMask(mask, plans, cd, label, new Float64Array(cd[0] * cd[1] * cd[2]));
    // x and y as the image; the last axis thresholded as it is interpolated (no float64 mask on the new grid)
    const z = plans[2];
    const r = resampleVolume(
      msk,
      cd,
      z.resample ? [plans[0], plans[1], { ...z, resample: false }] : plans,
      "linear",
    );
    if (z.resample) {
      const t = thresholdedZ(r.vol, r.dims, z.positions.map((q) => q - z.cropLo), thr - 1e-9);
      morph = t.mask, dims = t.dims, nMorph = t.count;
    } else {
      dims = r.dims;
      morph = new Uint8Array(r.vol.length);
      for (let i = 0; i < morph.length; i++) if (r.vol[i] >= thr - 1e-9) morph[i] = 1, nMorph++;
    }
  }
  if (nMorph === 0) {
    throw new PreprocessError(
      `${mask.source}: no voxel left in the ROI after mask interpolation (threshold ${thr}); the ROI is smaller than the new voxel spacing`,
    );
  }
  if (cropMargin) {
    const mb = maskBoundingBox({ data: morph, dims, slope: 1, inter: 0 }, 1)!;
    const lo = [0, 1, 2].map((a) => Math.max(0, mb.lo[a] - cropMargin[a]));
    const hi = [0, 1, 2].map((a) => Math.min(dims[a] - 1, mb.hi[a] + cropMargin[a]));
    if (lo.some((v, a) => v > 0 || hi[a] < dims[a] - 1)) {
      const nd = [0, 1, 2].map((a) => hi[a] - lo[a] + 1) as [number, number, number];
      const sub = new Uint8Array(nd[0] * nd[1] * nd[2]);
      let q = 0;
      for (let z = lo[2]; z <= hi[2]; z++) {
        for (let y = lo[1]; y <= hi[1]; y++) {
          const i = lo[0] + dims[0] * (y + dims[1] * z);
          sub.set(morph.subarray(i, i + nd[0]), q), q += nd[0];
        }
      }
      morph = sub, dims = nd;
      // a kept axis is a plain crop of the old grid; a resampled one keeps its old-grid crop (the
      // B-spline coefficients depend on it) and evaluates fewer positions
      plans = plans.map((p, a) =>
        p.resample ? { ...p, positions: p.positions.slice(lo[a], hi[a] + 1) } : {
          ...p,
          positions: p.positions.slice(lo[a], hi[a] + 1),
          cropLo: p.cropLo + lo[a],
          cropHi: p.cropLo + hi[a],
        }
      );
      cd = cropDims(plans);
    }
  }
  const crop = cropImage(image, plans, cd);
  let img: Float64Array;
  if (!resampled) img = crop;
  else {
    // the crop is a temporary here (overwritten by the B-spline coefficients); never the scan itself
    const own = crop === image.data ? crop.slice() : crop;
    img = resampleVolume(own, cd, plans, interp).vol;
  }
  if (resampled && o.roundI) { for (let i = 0; i < img.length; i++) img[i] = Math.round(img[i]); }
  return { img, morph, nMorph, dims, plans, resampled };
}

/** World (RAS) position of the first kept point of the plans. */
function planOrigin(image: Image, plans: readonly AxisPlan[]): [number, number, number] {
  return [0, 1, 2].map((r) => {
    let w = image.affine[r * 4 + 3];
    for (let a = 0; a < 3; a++) w += image.affine[r * 4 + a] * plans[a].positions[0];
    return w;
  }) as [number, number, number];
}

/**
 * Image and mask resampled to `resampledSpacing` (IBSI steps crop → interpolation → rounding → mask
 * threshold of {@link preprocess}, the same values) on the new grid cropped to the thresholded mask's
 * bounding box ± `cropMargin` voxels per axis (clamped to the points {@link preprocess} would keep
 * with `marginMm`). Returns the float64 intensities, the 0/1 mask, the grid (dims, spacing, world
 * position of voxel (0,0,0)). Nothing else is allocated at the new grid's size: this is the first step
 * of the filtered image types (`filters/mod.ts` `resampleForFilters`). Errors as {@link preprocess}.
 */
export function resampleCrop(
  image: Image,
  mask: Image,
  options: PreprocessOptions & { readonly cropMargin: readonly [number, number, number] },
): {
  image: Float64Array;
  mask: Uint8Array;
  dims: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
} {
  const o = resolveResampling(options);
  const r = resampleRoi(image, mask, o, options.cropMargin);
  return {
    image: r.img,
    mask: r.morph,
    dims: r.dims,
    spacing: [r.plans[0].newSpacing, r.plans[1].newSpacing, r.plans[2].newSpacing],
    origin: planOrigin(image, r.plans),
  };
}

/**
 * Preprocess one image + mask into the ROI handed to the feature families. The image and the mask
 * must share the grid (see `checks.ts`). Errors: empty mask, invalid options (named). Without
 * interpolation, a float64 scan (slope 1, intercept 0) whose crop is the whole image is referenced as
 * `image` of the result, not copied.
 */
export function preprocess(image: Image, mask: Image, options: PreprocessOptions = {}): PreprocessedRoi {
  const o = resolveResampling(options);
  const { interp, thr, label, marginMm, rs, roundI } = o;
  const range = options.resegmentRange ?? null;
  if (range && !(range[0] <= range[1])) {
    throw new PreprocessError(
      `option "resegmentRange": expected [lo, hi] with lo ≤ hi, got ${JSON.stringify(range)}`,
    );
  }
  const outliers = options.resegmentOutliers ?? null;
  if (outliers !== null && !(outliers > 0)) {
    throw new PreprocessError(`option "resegmentOutliers": must be > 0, got ${outliers}`);
  }
  const disc: DiscretisationSettings = options.discretisation ?? { method: "fbs", binWidth: 25 };
  if (disc.method === "fbs" && !(disc.binWidth > 0)) {
    throw new PreprocessError(`option "binWidth": must be > 0, got ${disc.binWidth}`);
  }
  if (disc.method === "fbn" && !(Number.isInteger(disc.binCount) && disc.binCount >= 1)) {
    throw new PreprocessError(`option "binCount": must be a positive integer, got ${disc.binCount}`);
  }

  const { img, morph, nMorph, dims, plans } = resampleRoi(image, mask, o);
  const nvox = img.length;

  // re-segmentation
  let lo = range ? range[0] : -Infinity, hi = range ? range[1] : Infinity;
  if (outliers !== null) {
    let s1 = 0, s2 = 0, c = 0;
    for (let i = 0; i < nvox; i++) if (morph[i]) s1 += img[i], c++;
    const mu = s1 / c;
    for (let i = 0; i < nvox; i++) if (morph[i]) s2 += (img[i] - mu) ** 2;
    const sd = Math.sqrt(s2 / c);
    lo = Math.max(lo, mu - outliers * sd);
    hi = Math.min(hi, mu + outliers * sd);
  }
  const imask = new Uint8Array(nvox);
  const intensity = new Float64Array(nvox).fill(NaN);
  let nI = 0, vmin = Infinity, vmax = -Infinity;
  for (let i = 0; i < nvox; i++) {
    if (!morph[i]) continue;
    const v = img[i];
    if (v < lo || v > hi) continue;
    imask[i] = 1;
    intensity[i] = v;
    nI++;
    if (v < vmin) vmin = v;
    if (v > vmax) vmax = v;
  }
  if (nI === 0) {
    throw new PreprocessError(`${image.source}: no ROI voxel left after re-segmentation to [${lo}, ${hi}]`);
  }

  let disced: ReturnType<typeof discretise>;
  try {
    disced = discretise(intensity, imask, disc, vmin, vmax, range ? range[0] : -Infinity);
  } catch (e) {
    if (e instanceof PreprocessError) throw new PreprocessError(`${image.source}: ${e.message}`);
    throw e;
  }
  const { levels, nLevels, record } = disced;
  return {
    dims,
    spacing: [plans[0].newSpacing, plans[1].newSpacing, plans[2].newSpacing],
    morphMask: morph,
    intensityMask: imask,
    intensity,
    levels,
    nLevels,
    nVoxels: nI,
    discretisation: record,
    image: img,
    origin: planOrigin(image, plans),
    resegmentInterval: [lo, hi],
    nMorphVoxels: nMorph,
    settings: {
      resampledSpacing: rs ? rs.map((v) => v ?? 0) : null,
      interpolator: interp,
      maskThreshold: thr,
      roundIntensities: roundI,
      resegmentRange: range,
      resegmentOutliers: outliers,
      discretisation: disc,
      label,
      marginMm,
    },
  };
}

/** The part of a {@link PreprocessedRoi} that depends on the mask and the grid only (what {@link preprocessLike} reads). */
export type RoiGrid = Pick<
  PreprocessedRoi,
  "dims" | "spacing" | "morphMask" | "origin" | "nMorphVoxels" | "settings"
>;

/** The mask-and-grid part of `roi` (holding on to it does not keep the intensity arrays alive). */
export function roiGrid(roi: PreprocessedRoi): RoiGrid {
  const { dims, spacing, morphMask, origin, nMorphVoxels, settings } = roi;
  return { dims, spacing, morphMask, origin, nMorphVoxels, settings };
}

/**
 * {@link preprocess} of another image on the grid of an already preprocessed ROI, without
 * interpolation or re-segmentation (the filtered image types of one case): `like` was produced by
 * `preprocess(likeImage, mask, { resampledSpacing: null, … })` with `image` on the same grid as
 * `likeImage`, and the crop of `like` must be that whole grid (checked: dims and origin; true for the
 * images of `filters/mod.ts` `filterCase`, whose crop margin is within `marginMm`). The morphological
 * mask and everything that depends only on the mask are taken from `like` (shared, not copied); the
 * intensity mask is the morphological mask (no re-segmentation range). Intensities and grey levels
 * are computed from `image` exactly as `preprocess(image, mask, { resegmentRange: null, … })` would:
 * v = stored value · slope + intercept, discretised by `discretisation` — the same numbers, with a
 * third of the allocations. A float64 `image` with slope 1 and intercept 0 is referenced as the
 * cropped image `image` of the result (not copied). `reuse`: an earlier result of this function
 * for the same `like` that is no longer needed; its intensity and grey-level arrays are overwritten
 * and returned in the new result (fewer large allocations across the image types of a case).
 * `consume`: the caller is done with `image` (a float64 image, slope 1, intercept 0): its voxels
 * outside the ROI are set to NaN and the array serves as both `intensity` and `image` of the result
 * (one array fewer; for families that read the ROI's intensities only, not local intensity).
 */
export function preprocessLike(
  image: Image,
  like: RoiGrid,
  discretisation: DiscretisationSettings,
  reuse?: PreprocessedRoi,
  options: { readonly consume?: boolean } = {},
): PreprocessedRoi {
  if (like.settings.resampledSpacing !== null) {
    throw new PreprocessError(`preprocessLike: the ROI it follows was resampled; use preprocess`);
  }
  const [cx, cy, cz] = like.dims;
  const A = image.affine;
  if (
    image.dims[0] !== cx || image.dims[1] !== cy || image.dims[2] !== cz ||
    like.origin[0] !== A[3] || like.origin[1] !== A[7] || like.origin[2] !== A[11]
  ) {
    throw new PreprocessError(
      `${image.source}: preprocessLike needs the ROI's crop to be the whole grid of the image (use preprocess)`,
    );
  }
  const nvox = cx * cy * cz;
  const d = image.data, s = image.slope, t = image.inter;
  const img: Float64Array = s === 1 && t === 0 && d instanceof Float64Array ? d : new Float64Array(nvox);
  const morph = like.morphMask;
  const mine = reuse && reuse.morphMask === morph && reuse.levels.length === nvox;
  // consumed: intensity[o] = v = d[o] written over d itself (read before written, the same numbers)
  const intensity = options.consume && img === d
    ? img
    : mine && reuse.intensity.length === nvox && reuse.intensity !== d
    ? reuse.intensity
    : new Float64Array(nvox);
  let vmin = Infinity, vmax = -Infinity;
  const copy = img !== d;
  for (let o = 0; o < nvox; o++) {
    const v = d[o] * s + t;
    if (copy) img[o] = v;
    if (!morph[o]) {
      intensity[o] = NaN;
      continue;
    }
    intensity[o] = v;
    if (v < vmin) vmin = v;
    if (v > vmax) vmax = v;
  }
  let disced: ReturnType<typeof discretise>;
  try {
    disced = discretise(
      intensity,
      morph,
      discretisation,
      vmin,
      vmax,
      -Infinity,
      mine ? reuse.levels : undefined,
    );
  } catch (e) {
    if (e instanceof PreprocessError) throw new PreprocessError(`${image.source}: ${e.message}`);
    throw e;
  }
  return {
    dims: like.dims,
    spacing: like.spacing,
    morphMask: morph,
    intensityMask: morph,
    intensity,
    levels: disced.levels,
    nLevels: disced.nLevels,
    nVoxels: like.nMorphVoxels,
    discretisation: disced.record,
    image: img,
    origin: like.origin,
    resegmentInterval: [-Infinity, Infinity],
    nMorphVoxels: like.nMorphVoxels,
    settings: { ...like.settings, resegmentRange: null, resegmentOutliers: null, discretisation },
  };
}

/**
 * Largest number of grey levels a discretisation may give (default 16384, or the environment variable
 * `NOMOGRAM_MAX_GREY_LEVELS`): beyond it histograms and matrices would exhaust memory (a single voxel of
 * 1e10 HU with bin width 25 means 4e8 levels), and the settings are almost surely wrong.
 */
export function maxGreyLevels(): number {
  try {
    const v = Number(Deno.env.get("NOMOGRAM_MAX_GREY_LEVELS"));
    if (Number.isFinite(v) && v >= 1) return v;
  } catch { /* no env permission */ }
  return 16384;
}

function checkLevelCount(n: number, vmin: number, vmax: number, what: string): void {
  const max = maxGreyLevels();
  if (!(n <= max)) {
    throw new PreprocessError(
      `discretisation: ROI intensities ${vmin} … ${vmax} with ${what} give ${n} grey levels, more than the limit of ${max}: ` +
        `raise "binWidth", use "binCount", re-segment ("resegmentRange"), or raise NOMOGRAM_MAX_GREY_LEVELS`,
    );
  }
}

/**
 * Discretise intensities inside `mask`. FBN (K15C): floor(N·(x − min)/(max − min)) + 1, the maximum
 * to bin N. FBS (Q3RU): floor((x − x_min)/w) + 1 with x_min the lower bound (option, else the
 * re-segmentation lower bound, else the ROI minimum). "none": values rounded to integers are the
 * levels (they must be ≥ 1). `into`: an array of the same length to overwrite instead of allocating.
 */
export function discretise(
  intensity: Float64Array,
  mask: Uint8Array,
  disc: DiscretisationSettings,
  vmin: number,
  vmax: number,
  resegLower = -Infinity,
  into?: Int32Array,
): { levels: Int32Array; nLevels: number; record: DiscretisationRecord } {
  const n = intensity.length;
  const levels = into && into.length === n ? into.fill(0) : new Int32Array(n);
  let nLevels = 0;
  if (disc.method === "fbn") {
    const N = disc.binCount, w = vmax - vmin;
    checkLevelCount(N, vmin, vmax, `binCount ${N}`);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const l = w > 0 ? Math.min(N, Math.floor(N * (intensity[i] - vmin) / w) + 1) : 1;
      levels[i] = l;
    }
    nLevels = N;
    return { levels, nLevels, record: { method: "fbn", binCount: N } };
  }
  if (disc.method === "fbs") {
    const lb = disc.lowerBound ?? (Number.isFinite(resegLower) ? resegLower : vmin);
    const w = disc.binWidth;
    checkLevelCount(Math.floor((vmax - lb) / w + 1e-9) + 1, vmin, vmax, `binWidth ${w} from ${lb}`);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const l = Math.floor((intensity[i] - lb) / w + 1e-9) + 1;
      if (l < 1) {
        throw new PreprocessError(
          `discretisation: intensity ${intensity[i]} lies below the lower bound ${lb} (option "lowerBound")`,
        );
      }
      levels[i] = l;
      if (l > nLevels) nLevels = l;
    }
    return { levels, nLevels, record: { method: "fbs", binWidth: w, lowerBound: lb } };
  }
  checkLevelCount(Math.round(vmax), vmin, vmax, `no discretisation ("none")`);
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    const l = Math.round(intensity[i]);
    if (l < 1) {
      throw new PreprocessError(
        `discretisation "none": intensities must be integers ≥ 1 to serve as grey levels, got ${
          intensity[i]
        }; choose fbs or fbn`,
      );
    }
    levels[i] = l;
    if (l > nLevels) nLevels = l;
  }
  return { levels, nLevels, record: { method: "none" } };
}
