/**
 * Image filters (pyradiomics "image types"): the original image, the eight undecimated wavelet
 * sub-bands (`wavelet.ts`) and Laplacian of Gaussian images (`log.ts`), applied to an image cropped
 * around its ROI so memory stays proportional to the ROI.
 *
 * Cropping: the image is cut to the mask's bounding box plus a margin of at least the filters'
 * reach (wavelet: ⌊F/2⌋ + 1 voxels; LoG: ⌈4σ/s⌉ voxels per axis), clamped to the image. Inside the ROI
 * the filtered values then equal those of the filtered whole image, except where the ROI is closer
 * than that reach to the scan's own border (there pyradiomics' whole-image periodic wavelet or the
 * LoG border rule sees the other side of the scan; for CT crops of a lesion this does not occur).
 *
 * pyradiomics order of operations (kept): resample (if asked) → filter → crop → discretise →
 * features. `resampleForFilters` performs the first step with `preprocess.ts`.
 */
import { type Image, makeImage } from "../image.ts";
import { maskBoundingBox, type PreprocessOptions, resampleCrop } from "../preprocess.ts";
import {
  type OddPadding,
  swt3Bands,
  WAVELET_BANDS,
  type WaveletBand,
  waveletFilters,
  waveletImageName,
  type WaveletName,
} from "./wavelet.ts";
import { laplacianOfGaussian, logImageName, logKernels } from "./log.ts";

export * from "./wavelet.ts";
export * from "./log.ts";

/** Which image types to produce. */
export interface FilterSpec {
  /** The unfiltered image, "original" (default true). */
  readonly original?: boolean;
  /** Wavelet sub-bands (default none). */
  readonly wavelet?: {
    /** Default "coif1". */ readonly wavelet?: WaveletName;
    /** Default all eight. */ readonly bands?: readonly WaveletBand[];
    /** Default "wrap" (pyradiomics ≥ 3). */ readonly oddPadding?: OddPadding;
  } | null;
  /** LoG σ values in mm (default none). */
  readonly logSigmas?: readonly number[] | null;
}

/** One filtered image on the cropped grid. */
export interface FilteredImage {
  /** pyradiomics image-type name: "original", "wavelet-LHL", "log-sigma-1-0-mm-3D". */
  readonly name: string;
  readonly image: Image;
}

/** The cropped mask (label → 1, else 0) and a lazy sequence of filtered images on its grid. */
export interface FilteredCase {
  readonly mask: Image;
  /** Margin (voxels per axis) kept around the ROI. */
  readonly margin: readonly [number, number, number];
  /** Image-type names in pyradiomics' order (the order of `images()` unless `bandOrder` is "shared"). */
  readonly names: readonly string[];
  /** Filtered images, produced one at a time (drop each after use to keep memory low). */
  images(): Generator<FilteredImage>;
}

/** Margin in voxels per axis needed by the filters of `spec` on a grid of `spacing`. */
export function filterMargin(spec: FilterSpec, spacing: readonly number[]): [number, number, number] {
  let m = [0, 0, 0];
  if (spec.wavelet) {
    const F = waveletFilters(spec.wavelet.wavelet ?? "coif1").decLo.length;
    m = m.map((v) => Math.max(v, Math.floor(F / 2) + 1));
  }
  for (const s of spec.logSigmas ?? []) m = m.map((v, a) => Math.max(v, logKernels(s, spacing[a]).radius));
  return m as [number, number, number];
}

/**
 * Crop an image and mask to the mask's bounding box ± margin voxels (float image, 0/1 mask). When the
 * crop is the whole grid, a float64 image (slope 1, intercept 0) and a 0/1 uint8 mask (label 1) are
 * returned as they are (shared, not copied; neither is ever written).
 */
export function cropToRoi(
  image: Image,
  mask: Image,
  margin: readonly [number, number, number],
  label = 1,
): { image: Image; mask: Image } {
  const bb = maskBoundingBox(mask, label);
  if (!bb) throw new RangeError(`${mask.source}: the mask has no voxel with label ${label} (empty ROI)`);
  const lo = [0, 1, 2].map((a) => Math.max(0, bb.lo[a] - margin[a]));
  const hi = [0, 1, 2].map((a) => Math.min(image.dims[a] - 1, bb.hi[a] + margin[a]));
  const cd: [number, number, number] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const whole = cd.every((n, a) => n === image.dims[a]);
  const A = [...image.affine];
  for (let r = 0; r < 3; r++) {
    A[r * 4 + 3] = image.affine[r * 4 + 3] + A[r * 4] * lo[0] + A[r * 4 + 1] * lo[1] + A[r * 4 + 2] * lo[2];
  }
  const shareImage = whole && image.data instanceof Float64Array && image.slope === 1 && image.inter === 0;
  const shareMask = whole && label === 1 && mask.data instanceof Uint8Array && mask.slope === 1 &&
    mask.inter === 0 && zeroOne(mask.data);
  const img = shareImage ? image.data as Float64Array : new Float64Array(cd[0] * cd[1] * cd[2]);
  const msk = shareMask ? mask.data as Uint8Array : new Uint8Array(cd[0] * cd[1] * cd[2]);
  if (!shareImage || !shareMask) {
    const [nx, ny] = image.dims;
    let o = 0;
    for (let z = lo[2]; z <= hi[2]; z++) {
      for (let y = lo[1]; y <= hi[1]; y++) {
        let i = lo[0] + nx * (y + ny * z);
        for (let x = 0; x < cd[0]; x++, i++, o++) {
          if (!shareImage) img[o] = image.data[i] * image.slope + image.inter;
          if (!shareMask) msk[o] = Math.round(mask.data[i] * mask.slope + mask.inter) === label ? 1 : 0;
        }
      }
    }
  }
  return {
    image: makeImage(img, cd, A, { source: image.source }),
    mask: makeImage(msk, cd, A, { source: mask.source }),
  };
}

function zeroOne(d: Uint8Array): boolean {
  for (let i = 0; i < d.length; i++) if (d[i] > 1) return false;
  return true;
}

/**
 * Resample image and mask to `resampledSpacing` (pyradiomics' first step) with `preprocess.ts`
 * (`resampleCrop`), returning them as images on the resampled grid cropped to the ROI ± `marginMm`,
 * or, with `filters`, to the ROI ± the margin {@link filterCase} will keep for them (the same values
 * on fewer points; filterCase then crops nothing). Intensities are not rounded unless
 * `roundIntensities` is set (pyradiomics does not round).
 */
export function resampleForFilters(
  image: Image,
  mask: Image,
  options: PreprocessOptions & { marginMm: number; filters?: FilterSpec },
): { image: Image; mask: Image } {
  const rs = options.resampledSpacing ?? null;
  // the spacing and affine the resampled images get (preprocess' rule: an axis within 1e-9 keeps its spacing)
  const sp = [0, 1, 2].map((a) => {
    const s = image.spacing[a], v = rs ? rs[a] : null;
    return !v || Math.abs(v - s) < 1e-9 * s ? s : v;
  });
  const columns = (spacing: readonly number[]) =>
    [0, 1, 2].map((c) => Math.hypot(...[0, 1, 2].map((r) => image.direction[r * 3 + c] * spacing[c])));
  const spec = options.filters;
  const cropMargin: [number, number, number] = spec && spec.wavelet?.oddPadding !== "resize"
    ? filterMargin(spec, columns(sp))
    : [Infinity, Infinity, Infinity];
  const r = resampleCrop(image, mask, {
    roundIntensities: false,
    ...options,
    cropMargin,
  });
  const A: number[] = [];
  for (let row = 0; row < 3; row++) {
    for (let c = 0; c < 3; c++) A.push(image.direction[row * 3 + c] * r.spacing[c]);
    A.push(r.origin[row]);
  }
  A.push(0, 0, 0, 1);
  return {
    image: makeImage(r.image, r.dims, A, { source: image.source }),
    mask: makeImage(r.mask, r.dims, A, { source: mask.source }),
  };
}

/**
 * The image types of `spec` for one image and mask (same grid, see `checks.ts`), on a crop around
 * the ROI (see the module documentation). Images are built lazily, one per iteration.
 */
export function filterCase(
  image: Image,
  mask: Image,
  spec: FilterSpec,
  options: {
    label?: number;
    /**
     * The consumer drops each image before asking for the next and iterates `images()` once: wavelet
     * bands reuse one buffer, and the crop is released once no filter needs it.
     */
    recycle?: boolean;
    /** Wavelet bands in pyradiomics' order (default) or "shared" (LLL right after LLH; see `swt3Bands`). */
    bandOrder?: "pyradiomics" | "shared";
  } = {},
): FilteredCase {
  // the legacy flat-buffer padding depends on the whole image's shape: no crop then
  const margin = spec.wavelet?.oddPadding === "resize"
    ? [...image.dims] as [number, number, number]
    : filterMargin(spec, image.spacing);
  const c = cropToRoi(image, mask, margin, options.label ?? 1);
  // the closures hold the crop through `held` only, not the image it was cut from; a recycling
  // iteration releases it once no filter still needs it
  const held = { image: c.image as Image | null };
  const source = image.source, dims = c.image.dims, affine = c.image.affine;
  const withData = (name: string, data: Float64Array): FilteredImage => ({
    name,
    image: makeImage(data, dims, affine, { source: `${source} [${name}]` }),
  });
  const recycle = options.recycle ?? false;
  function* iterate(h: { image: Image | null }): Generator<FilteredImage> {
    if (spec.original ?? true) yield { name: "original", image: h.image! };
    const logs = spec.logSigmas ?? [];
    if (spec.wavelet) {
      const bands = spec.wavelet.bands ?? WAVELET_BANDS;
      const opts = {
        wavelet: spec.wavelet.wavelet,
        oddPadding: spec.wavelet.oddPadding,
        bands,
        recycle,
        order: options.bandOrder,
      };
      const it = swt3Bands({ data: h.image!.data as Float64Array, dims }, opts);
      if (recycle && !logs.length) h.image = null;
      for (const [b, data] of it) yield withData(waveletImageName(b), data);
    }
    for (const s of logs) {
      const vol = { data: h.image!.data as Float64Array, dims };
      yield withData(logImageName(s), laplacianOfGaussian(vol, s, { spacing: h.image!.spacing }));
    }
  }
  const wanted = spec.wavelet ? spec.wavelet.bands ?? WAVELET_BANDS : [];
  const names = [
    ...(spec.original ?? true ? ["original"] : []),
    ...WAVELET_BANDS.filter((b) => wanted.includes(b)).map(waveletImageName),
    ...(spec.logSigmas ?? []).map(logImageName),
  ];
  return {
    mask: c.mask,
    margin,
    names,
    images() {
      if (!held.image) throw new RangeError(`filterCase: a recycling case's images() can be iterated once`);
      const h = { image: held.image };
      if (recycle) held.image = null;
      return iterate(h);
    },
  };
}
