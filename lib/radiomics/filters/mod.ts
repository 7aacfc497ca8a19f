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
import { maskBoundingBox, preprocess, type PreprocessOptions } from "../preprocess.ts";
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

/** Crop an image and mask to the mask's bounding box ± margin voxels (float image, 0/1 mask). */
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
  const img = new Float64Array(cd[0] * cd[1] * cd[2]);
  const msk = new Uint8Array(img.length);
  const [nx, ny] = image.dims;
  let o = 0;
  for (let z = lo[2]; z <= hi[2]; z++) {
    for (let y = lo[1]; y <= hi[1]; y++) {
      let i = lo[0] + nx * (y + ny * z);
      for (let x = 0; x < cd[0]; x++, i++, o++) {
        img[o] = image.data[i] * image.slope + image.inter;
        msk[o] = Math.round(mask.data[i] * mask.slope + mask.inter) === label ? 1 : 0;
      }
    }
  }
  const A = [...image.affine];
  for (let r = 0; r < 3; r++) {
    A[r * 4 + 3] = image.affine[r * 4 + 3] + A[r * 4] * lo[0] + A[r * 4 + 1] * lo[1] + A[r * 4 + 2] * lo[2];
  }
  return {
    image: makeImage(img, cd, A, { source: image.source }),
    mask: makeImage(msk, cd, A, { source: mask.source }),
  };
}

/**
 * Resample image and mask to `resampledSpacing` (pyradiomics' first step) with `preprocess.ts`,
 * returning them as images on the resampled grid cropped to the ROI ± `marginMm`. Intensities are
 * not rounded unless `roundIntensities` is set (pyradiomics does not round).
 */
export function resampleForFilters(
  image: Image,
  mask: Image,
  options: PreprocessOptions & { marginMm: number },
): { image: Image; mask: Image } {
  const roi = preprocess(image, mask, {
    roundIntensities: false,
    ...options,
    discretisation: { method: "fbn", binCount: 1 },
    resegmentRange: null,
    resegmentOutliers: null,
  });
  const A: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) A.push(image.direction[r * 3 + c] * roi.spacing[c]);
    A.push(roi.origin[r]);
  }
  A.push(0, 0, 0, 1);
  return {
    image: makeImage(roi.image, roi.dims, A, { source: image.source }),
    mask: makeImage(roi.morphMask, roi.dims, A, { source: mask.source }),
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
    /** The consumer drops each image before asking for the next: wavelet bands reuse one buffer. */
    recycle?: boolean;
  } = {},
): FilteredCase {
  // the legacy flat-buffer padding depends on the whole image's shape: no crop then
  const margin = spec.wavelet?.oddPadding === "resize"
    ? [...image.dims] as [number, number, number]
    : filterMargin(spec, image.spacing);
  const c = cropToRoi(image, mask, margin, options.label ?? 1);
  const vol = { data: c.image.data as Float64Array, dims: c.image.dims };
  const withData = (name: string, data: Float64Array): FilteredImage => ({
    name,
    image: makeImage(data, c.image.dims, c.image.affine, { source: `${image.source} [${name}]` }),
  });
  return {
    mask: c.mask,
    margin,
    *images() {
      if (spec.original ?? true) yield { name: "original", image: c.image };
      if (spec.wavelet) {
        const bands = spec.wavelet.bands ?? WAVELET_BANDS;
        const opts = {
          wavelet: spec.wavelet.wavelet,
          oddPadding: spec.wavelet.oddPadding,
          bands,
          recycle: options.recycle,
        };
        for (const [b, data] of swt3Bands(vol, opts)) yield withData(waveletImageName(b), data);
      }
      for (const s of spec.logSigmas ?? []) {
        yield withData(logImageName(s), laplacianOfGaussian(vol, s, { spacing: c.image.spacing }));
      }
    },
  };
}
