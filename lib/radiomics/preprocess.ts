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
  mask: Image,
  label = 1,
): { lo: [number, number, number]; hi: [number, number, number]; count: number } | null {
  const [nx, ny, nz] = mask.dims;
  const lo: [number, number, number] = [nx, ny, nz], hi: [number, number, number] = [-1, -1, -1];
  const d = mask.data, s = mask.slope, t = mask.inter;
  let count = 0, i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (Math.round(d[i] * s + t) !== label) continue;
        count++;
        if (x < lo[0]) lo[0] = x;
        if (x > hi[0]) hi[0] = x;
        if (y < lo[1]) lo[1] = y;
        if (y > hi[1]) hi[1] = y;
        if (z < lo[2]) lo[2] = z;
        if (z > hi[2]) hi[2] = z;
      }
    }
  }
  return count ? { lo, hi, count } : null;
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

/** Resample a volume along one axis at the given positions (index units of that axis, clamped to the edge). */
function resampleAxis(
  vol: Float64Array,
  dims: [number, number, number],
  axis: number,
  pos: Float64Array,
  interp: Interpolator,
): { vol: Float64Array; dims: [number, number, number] } {
  const n = dims[axis], m = pos.length;
  const nd: [number, number, number] = [dims[0], dims[1], dims[2]];
  nd[axis] = m;
  const out = new Float64Array(nd[0] * nd[1] * nd[2]);
  const strideIn = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  const strideOut = axis === 0 ? 1 : axis === 1 ? nd[0] : nd[0] * nd[1];
  const line = new Float64Array(n);
  // precompute interpolation indices/weights
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
  const taps = interp === "linear" ? 2 : 4;
  // iterate over all lines along `axis`
  const [a1, a2] = [0, 1, 2].filter((a) => a !== axis);
  for (let v = 0; v < dims[a2]; v++) {
    for (let u = 0; u < dims[a1]; u++) {
      const baseIn = u * (a1 === 0 ? 1 : a1 === 1 ? dims[0] : dims[0] * dims[1]) +
        v * (a2 === 0 ? 1 : a2 === 1 ? dims[0] : dims[0] * dims[1]);
      const baseOut = u * (a1 === 0 ? 1 : a1 === 1 ? nd[0] : nd[0] * nd[1]) +
        v * (a2 === 0 ? 1 : a2 === 1 ? nd[0] : nd[0] * nd[1]);
      for (let i = 0; i < n; i++) line[i] = vol[baseIn + i * strideIn];
      if (interp === "bspline") bsplinePrefilter(line);
      for (let j = 0; j < m; j++) {
        let acc = 0;
        for (let k = 0; k < taps; k++) acc += wts[4 * j + k] * line[idx[4 * j + k]];
        out[baseOut + j * strideOut] = acc;
      }
    }
  }
  return { vol: out, dims: nd };
}

function mirror(k: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  k = ((k % period) + period) % period;
  return k < n ? k : period - k;
}

/**
 * In-place cubic B-spline prefilter (interpolation coefficients), mirror boundaries.
 * Unser, Aldroubi & Eden (1993), IEEE Trans. Signal Process. 41(2):821–833; pole z = √3 − 2.
 */
function bsplinePrefilter(c: Float64Array): void {
  const n = c.length;
  if (n === 1) return;
  const z = Math.sqrt(3) - 2, lambda = (1 - z) * (1 - 1 / z);
  for (let k = 0; k < n; k++) c[k] *= lambda;
  const horizon = Math.min(n, Math.ceil(Math.log(1e-12) / Math.log(Math.abs(z))));
  let sum = c[0], zk = z;
  for (let k = 1; k < horizon; k++) {
    sum += zk * c[k];
    zk *= z;
  }
  c[0] = sum;
  for (let k = 1; k < n; k++) c[k] += z * c[k - 1];
  c[n - 1] = (z / (z * z - 1)) * (c[n - 1] + z * c[n - 2]);
  for (let k = n - 2; k >= 0; k--) c[k] = z * (c[k + 1] - c[k]);
}

/**
 * Preprocess one image + mask into the ROI handed to the feature families. The image and the mask
 * must share the grid (see `checks.ts`). Errors: empty mask, invalid options (named).
 */
export function preprocess(image: Image, mask: Image, options: PreprocessOptions = {}): PreprocessedRoi {
  const interp: Interpolator = options.interpolator ?? "linear";
  if (interp !== "linear" && interp !== "bspline") {
    throw new PreprocessError(
      `option "interpolator": expected "linear" or "bspline", got ${JSON.stringify(interp)}`,
    );
  }
  const thr = options.maskThreshold ?? 0.5;
  const label = options.label ?? 1;
  const marginMm = options.marginMm ?? 8;
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
  const roundI = options.roundIntensities ?? true;

  const bb = maskBoundingBox(mask, label);
  if (!bb) throw new PreprocessError(`${mask.source}: the mask has no voxel with label ${label} (empty ROI)`);
  const plans = [0, 1, 2].map((a) =>
    planAxis(image.dims[a], image.spacing[a], rs ? rs[a] : null, bb.lo[a], bb.hi[a], marginMm, interp)
  );

  // copy the crop (the only float copy of the scan)
  const cd: [number, number, number] = [0, 1, 2].map((a) => plans[a].cropHi - plans[a].cropLo + 1) as [
    number,
    number,
    number,
  ];
  const [nx, ny] = image.dims;
  let img: Float64Array = new Float64Array(cd[0] * cd[1] * cd[2]);
  let msk: Float64Array = new Float64Array(img.length);
  {
    const d = image.data, s = image.slope, t = image.inter, md = mask.data, ms = mask.slope, mt = mask.inter;
    let o = 0;
    for (let z = plans[2].cropLo; z <= plans[2].cropHi; z++) {
      for (let y = plans[1].cropLo; y <= plans[1].cropHi; y++) {
        let i = plans[0].cropLo + nx * (y + ny * z);
        for (let x = 0; x < cd[0]; x++, i++, o++) {
          img[o] = d[i] * s + t;
          msk[o] = Math.round(md[i] * ms + mt) === label ? 1 : 0;
        }
      }
    }
  }
  let dims = cd;
  for (let a = 0; a < 3; a++) {
    const p = plans[a];
    const rel = p.positions.map((q) => q - p.cropLo);
    if (!p.resample) {
      // plain crop along this axis: positions are integers
      if (rel.length !== dims[a]) {
        const r = resampleAxis(img, dims, a, rel, "linear");
        msk = resampleAxis(msk, dims, a, rel, "linear").vol;
        img = r.vol;
        dims = r.dims;
      }
      continue;
    }
    const r = resampleAxis(img, dims, a, rel, interp);
    msk = resampleAxis(msk, dims, a, rel, "linear").vol;
    img = r.vol;
    dims = r.dims;
  }
  const resampled = plans.some((p) => p.resample);
  const nvox = img.length;
  if (resampled && roundI) { for (let i = 0; i < nvox; i++) img[i] = Math.round(img[i]); }
  const morph = new Uint8Array(nvox);
  let nMorph = 0;
  for (let i = 0; i < nvox; i++) if (msk[i] >= thr - 1e-9 * (resampled ? 1 : 0)) morph[i] = 1, nMorph++;
  if (nMorph === 0) {
    throw new PreprocessError(
      `${mask.source}: no voxel left in the ROI after mask interpolation (threshold ${thr}); the ROI is smaller than the new voxel spacing`,
    );
  }

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
  const origin = [0, 1, 2].map((r) => {
    let w = image.affine[r * 4 + 3];
    for (let a = 0; a < 3; a++) w += image.affine[r * 4 + a] * plans[a].positions[0];
    return w;
  }) as [number, number, number];
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
    origin,
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
 */
export function preprocessLike(
  image: Image,
  like: RoiGrid,
  discretisation: DiscretisationSettings,
  reuse?: PreprocessedRoi,
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
  const mine = reuse && reuse.morphMask === morph && reuse.intensity.length === nvox;
  const intensity = mine ? reuse.intensity : new Float64Array(nvox);
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
