/**
 * Undecimated (stationary) 3D wavelet transform, one level, eight sub-bands, as pyradiomics computes
 * its `wavelet-XYZ` images.
 *
 * ## Definition (pyradiomics `imageoperations._swt3` → PyWavelets `swtn`)
 *
 * pyradiomics takes the image as a numpy array of shape (z, y, x), pads every odd axis by one
 * element, calls `pywt.swtn(data, wavelet, level=1, start_level=0, axes=(2, 1, 0))` and crops the
 * padded element off every sub-band. In one dimension PyWavelets' `swt` at level 1 is the periodic
 * convolution (C routine `downsampling_convolution_periodization`, step 1)
 *
 *     y[o] = Σ_{j=0}^{F−1} f[j] · x[(o + ⌊F/2⌋ − j) mod N],   o = 0 … N − 1,
 *
 * with f the decomposition low-pass `dec_lo` (approximation "a" → "L") or high-pass `dec_hi`
 * (detail "d" → "H") of the wavelet, F its length. `swtn` applies this along `axes` in turn; the
 * sub-band key has one letter per axis in the order of `axes`, so with axes (2, 1, 0) the letters of
 * `wavelet-LHL` refer to x (NIfTI i, fastest), y (j) and z (k): L along x, H along y, L along z.
 * Sub-bands come in PyWavelets' order LLH, LHL, LHH, HLL, HLH, HHL, HHH, then the approximation LLL
 * (pyradiomics yields it last).
 *
 * Filters (PyWavelets `Wavelet(name)`):
 * - haar: dec_lo = [1, 1]/√2, dec_hi = [−1, 1]/√2;
 * - coif1: dec_lo = √2/32 · [√7 − 3, 1 − √7, 14 − 2√7, 14 + 2√7, 5 + √7, 1 − √7]
 *   (= −0.0156557, −0.0727326, 0.3848648, 0.8525720, 0.3378977, −0.0727326),
 *   dec_hi[k] = (−1)^(k+1) · dec_lo[F − 1 − k] (the quadrature mirror, PyWavelets' convention).
 *
 * Odd axis lengths (`oddPadding`):
 * - "wrap" (pyradiomics ≥ 3.0, default): `numpy.pad(data, (0, 1), 'wrap')`, the first element of the
 *   axis appended at its end; the transform then runs on N + 1 samples periodically;
 * - "resize" (pyradiomics 1.x/2.x): `ndarray.resize(adjusted_shape)` on the FLAT C-order buffer:
 *   the old buffer (x fastest) is laid into the larger shape in order and zero-filled at the end, so
 *   voxels of rows/slices after the first are shifted; reproduced exactly for comparisons with old
 *   pyradiomics outputs;
 * - "none": plain periodic transform on N samples (PyWavelets ≥ 1.0 accepts any length at level 1).
 *
 * The transform is separable and linear, hence shift-invariant: on a crop of the image the values
 * inside the crop are those of the whole image except within ⌊F/2⌋ + 1 voxels of the crop's faces
 * (where the periodic wrap reads the other side). `lib/radiomics/filters/mod.ts` keeps a margin of at
 * least that many voxels around the ROI, so ROI values equal the whole-image transform.
 *
 * Properties (orthogonal wavelets, periodic extension): with the 1/√2-normalised filters, each 1D
 * step preserves energy up to a factor 2 (‖L‖² + ‖H‖² = 2‖x‖²), so the eight 3D sub-bands hold
 * 8 × the input energy; the inverse is the average of the per-shift inverses (perfect
 * reconstruction; tested through the Haar identity x = (L − H)/√2 · … in tests/radiomics/filters_test.ts).
 *
 * References: PyWavelets `pywt/_swt.py` (`swtn`), `pywt/_extensions/c/convolution.template.c`;
 * pyradiomics `radiomics/imageoperations.py` (`getWaveletImage`, `_swt3`); Nason & Silverman (1995),
 * "The stationary wavelet transform and some statistical applications".
 */

/** Wavelets supported. */
export type WaveletName = "haar" | "coif1";

/** Sub-band name: one letter per axis x, y, z (L = low-pass, H = high-pass). */
export type WaveletBand = "LLH" | "LHL" | "LHH" | "HLL" | "HLH" | "HHL" | "HHH" | "LLL";

/** The eight sub-bands in the order pyradiomics yields them (details first, approximation last). */
export const WAVELET_BANDS: readonly WaveletBand[] = ["LLH", "LHL", "LHH", "HLL", "HLH", "HHL", "HHH", "LLL"];

/** How odd axis lengths are padded before the transform (see the module documentation). */
export type OddPadding = "wrap" | "resize" | "none";

/** Decomposition filters of a wavelet. */
export interface WaveletFilters {
  readonly name: WaveletName;
  /** Decomposition low-pass (PyWavelets `dec_lo`). */
  readonly decLo: Float64Array;
  /** Decomposition high-pass (PyWavelets `dec_hi`). */
  readonly decHi: Float64Array;
}

/**
 * Decomposition filters of `name` (PyWavelets conventions): dec_hi[k] = (−1)^(k+1) dec_lo[F−1−k].
 * haar: dec_lo = [1, 1]/√2. coif1: dec_lo = √2/32 · [√7−3, 1−√7, 14−2√7, 14+2√7, 5+√7, 1−√7].
 */
export function waveletFilters(name: WaveletName): WaveletFilters {
  let lo: number[];
  if (name === "haar") lo = [Math.SQRT1_2, Math.SQRT1_2];
  else if (name === "coif1") {
    const r7 = Math.sqrt(7), c = Math.SQRT2 / 32;
    lo = [r7 - 3, 1 - r7, 14 - 2 * r7, 14 + 2 * r7, 5 + r7, 1 - r7].map((v) => v * c);
  } else {
    throw new RangeError(`option "wavelet": expected "haar" or "coif1", got ${JSON.stringify(name)}`);
  }
  const F = lo.length;
  const hi = lo.map((_, k) => ((k + 1) % 2 === 0 ? 1 : -1) * lo[F - 1 - k]);
  return { name, decLo: Float64Array.from(lo), decHi: Float64Array.from(hi) };
}

/**
 * Level-1 stationary wavelet step of a periodic signal (PyWavelets `swt`, level 1):
 * y[o] = Σ_j f[j] · x[(o + ⌊F/2⌋ − j) mod N], o = 0 … N − 1. Input not mutated.
 */
export function swt1(x: ArrayLike<number>, f: ArrayLike<number>): Float64Array {
  const N = x.length, F = f.length, half = Math.floor(F / 2);
  const y = new Float64Array(N);
  for (let o = 0; o < N; o++) {
    let s = 0;
    for (let j = 0; j < F; j++) s += f[j] * x[(((o + half - j) % N) + N) % N];
    y[o] = s;
  }
  return y;
}

/** A float volume, x fastest: index x + nx·(y + ny·z). */
export interface Volume {
  readonly data: Float64Array;
  readonly dims: readonly [number, number, number];
}

/** Options of {@link swt3}. */
export interface Swt3Options {
  /** Wavelet (default "coif1", as pyradiomics). */
  readonly wavelet?: WaveletName;
  /** Odd-length handling (default "wrap", pyradiomics ≥ 3.0). */
  readonly oddPadding?: OddPadding;
  /** Sub-bands to return (default all eight). */
  readonly bands?: readonly WaveletBand[];
}

/** Filter every line of `vol` along `axis` with `f` (periodic, PyWavelets alignment). */
function filterAxis(
  vol: Float64Array,
  dims: readonly [number, number, number],
  axis: 0 | 1 | 2,
  f: Float64Array,
): Float64Array {
  const [nx, ny, nz] = dims;
  const n = dims[axis];
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const out = new Float64Array(vol.length);
  const F = f.length, half = Math.floor(F / 2);
  // offsets table: for output o and tap j, input index (o + half − j) mod n
  const idx = new Int32Array(n * F);
  for (let o = 0; o < n; o++) {
    for (let j = 0; j < F; j++) idx[o * F + j] = ((((o + half - j) % n) + n) % n) * stride;
  }
  const lines: number[] = [];
  if (axis === 0) { for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) lines.push(nx * (y + ny * z)); }
  else if (axis === 1) {
    for (let z = 0; z < nz; z++) {
      for (let x = 0; x < nx; x++) lines.push(x + nx * ny * z);
    }
  } else for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) lines.push(x + nx * y);
  for (const base of lines) {
    for (let o = 0; o < n; o++) {
      let s = 0;
      const io = o * F;
      for (let j = 0; j < F; j++) s += f[j] * vol[base + idx[io + j]];
      out[base + o * stride] = s;
    }
  }
  return out;
}

/** Pad odd axes by one element as pyradiomics does (see {@link OddPadding}). */
export function padOdd(vol: Volume, mode: OddPadding): Volume {
  const [nx, ny, nz] = vol.dims;
  const pd: [number, number, number] = mode === "none"
    ? [nx, ny, nz]
    : [nx + (nx % 2), ny + (ny % 2), nz + (nz % 2)];
  if (pd[0] === nx && pd[1] === ny && pd[2] === nz) return vol;
  const out = new Float64Array(pd[0] * pd[1] * pd[2]);
  if (mode === "resize") {
    // numpy ndarray.resize: the flat C-order buffer laid into the new shape, zero-filled at the end
    out.set(vol.data);
  } else {
    // numpy.pad(..., (0, 1), 'wrap'): index i of the padded axis reads i mod n
    let o = 0;
    for (let z = 0; z < pd[2]; z++) {
      const zz = z % nz;
      for (let y = 0; y < pd[1]; y++) {
        const yy = y % ny;
        for (let x = 0; x < pd[0]; x++, o++) out[o] = vol.data[(x % nx) + nx * (yy + ny * zz)];
      }
    }
  }
  return { data: out, dims: pd };
}

/** Keep the first dims of a padded volume. */
function cropTo(
  vol: Float64Array,
  pd: readonly [number, number, number],
  dims: readonly [number, number, number],
): Float64Array {
  if (pd[0] === dims[0] && pd[1] === dims[1] && pd[2] === dims[2]) return vol;
  const out = new Float64Array(dims[0] * dims[1] * dims[2]);
  let o = 0;
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      const b = pd[0] * (y + pd[1] * z);
      for (let x = 0; x < dims[0]; x++, o++) out[o] = vol[b + x];
    }
  }
  return out;
}

/**
 * One-level undecimated 3D wavelet transform (pyradiomics `_swt3`, see the module documentation):
 * the requested sub-bands, each of the input's size. Input not mutated.
 */
export function swt3(vol: Volume, options: Swt3Options = {}): Map<WaveletBand, Float64Array> {
  const fl = waveletFilters(options.wavelet ?? "coif1");
  const mode = options.oddPadding ?? "wrap";
  if (mode !== "wrap" && mode !== "resize" && mode !== "none") {
    throw new RangeError(
      `option "oddPadding": expected "wrap", "resize" or "none", got ${JSON.stringify(mode)}`,
    );
  }
  const want = new Set(options.bands ?? WAVELET_BANDS);
  for (const b of want) {
    if (!WAVELET_BANDS.includes(b)) {
      throw new RangeError(`option "bands": unknown sub-band ${JSON.stringify(b)}`);
    }
  }
  const [nx, ny, nz] = vol.dims;
  if (vol.data.length !== nx * ny * nz) {
    throw new RangeError(`swt3: ${vol.data.length} values for dims ${vol.dims.join(" × ")}`);
  }
  const padded = padOdd(vol, mode);
  const pd = padded.dims;
  const out = new Map<WaveletBand, Float64Array>();
  const filt = (c: string) => (c === "L" ? fl.decLo : fl.decHi);
  for (const a of ["L", "H"]) {
    if (![...want].some((b) => b[0] === a)) continue;
    const vx = filterAxis(padded.data, pd, 0, filt(a));
    for (const b of ["L", "H"]) {
      if (![...want].some((w) => w[0] === a && w[1] === b)) continue;
      const vy = filterAxis(vx, pd, 1, filt(b));
      for (const c of ["L", "H"]) {
        const name = (a + b + c) as WaveletBand;
        if (!want.has(name)) continue;
        out.set(name, cropTo(filterAxis(vy, pd, 2, filt(c)), pd, vol.dims));
      }
    }
  }
  // pyradiomics' order
  return new Map(WAVELET_BANDS.filter((b) => out.has(b)).map((b) => [b, out.get(b)!]));
}

/** Image-type name pyradiomics gives a level-1 sub-band: "wavelet-LHL". */
export function waveletImageName(band: WaveletBand): string {
  return `wavelet-${band}`;
}
