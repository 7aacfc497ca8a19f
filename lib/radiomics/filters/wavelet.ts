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
  /**
   * {@link swt3Bands} only: the consumer is done with each band when it asks for the next, so the
   * buffer of a yielded band may be overwritten by a later one (default false).
   */
  readonly recycle?: boolean;
  /**
   * {@link swt3Bands} only: "pyradiomics" (default) yields the bands in pyradiomics' order, holding the
   * approximation LLL (computed with LLH from their shared intermediate) until the end; "shared"
   * yields LLL right after LLH, so no band is held back (one band array fewer alive).
   */
  readonly order?: "pyradiomics" | "shared";
}

/**
 * Filter every line of `vol` along `axis` with `f` (periodic, PyWavelets alignment):
 * out[o] = Σ_j f[j] · vol[q((o + ⌊F/2⌋ − j) mod P)], the terms added in order j = 0 … F − 1 from 0, so
 * the result is the same double for double whatever the loop order. P is the period: the axis length
 * n, or n + 1 for an odd axis padded by "wrap", whose appended sample is sample 0 (q(n) = 0, else
 * q(k) = k): the padded volume is never built, and along the other axes its extra samples are those
 * of index 0, which the passes along them reproduce. Along y and z whole x-rows / xy-planes are
 * combined at once (contiguous memory, no index tables); along x the interior of a line reads its taps
 * directly and only the ⌊F/2⌋ wrapped ends take the modulo.
 */
function filterAxis(
  vol: Float64Array,
  dims: readonly [number, number, number],
  axis: 0 | 1 | 2,
  f: Float64Array,
  period: number,
  into?: Float64Array,
): Float64Array {
  const [nx, ny, nz] = dims;
  const n = dims[axis], P = period;
  // `into` (a buffer of the same size to overwrite) spares an allocation per pass
  const out = into && into.length === vol.length && into !== vol ? into : new Float64Array(vol.length);
  const F = f.length, half = Math.floor(F / 2);
  const src = new Int32Array(F);
  if (axis === 0) {
    // interior outputs: o + half − j ∈ [0, n) for every j, i.e. o ∈ [F − 1 − half, n − half)
    const lo = Math.min(n, F - 1 - half), hi = Math.max(lo, n - half);
    for (let base = 0; base < vol.length; base += nx) filterLineX(vol, out, base, n, P, f, half, lo, hi);
    return out;
  }
  // y: rows of nx within each z slice; z: planes of nx·ny
  const run = axis === 1 ? nx : nx * ny;
  const outer = axis === 1 ? nz : 1;
  const block = run * n;
  for (let b = 0; b < outer; b++) {
    const b0 = b * block;
    for (let o = 0; o < n; o++) {
      for (let j = 0; j < F; j++) src[j] = b0 + wrapIndex(o + half - j, P, n) * run;
      const d = b0 + o * run;
      if (F === 6) {
        // coif1: the six terms of each output in one sweep, added in order from 0
        combineRun6(vol, out, d, run, f, src);
        continue;
      }
      // the first term assigned as 0 + f₀·v (the sum starts from 0, as along x)
      scaleRun(vol, out, d, run, f[0], src[0]);
      for (let j = 1; j < F; j++) addRun(vol, out, d, run, f[j], src[j]);
    }
  }
  return out;
}

/** Index k wrapped with period P onto an axis of n samples (q(n) = 0; see {@link filterAxis}). */
function wrapIndex(k: number, P: number, n: number): number {
  const q = ((k % P) + P) % P;
  return q === n ? 0 : q;
}

/**
 * One x-line of {@link filterAxis} (axis 0), starting at `base`: interior outputs o ∈ [lo, hi) read
 * their taps directly (coif1 unrolled), the ends wrap. The same sums in the same order; a function per
 * line so that V8 does not deoptimise an on-stack-replaced inner loop at every line's end.
 */
function filterLineX(
  vol: Float64Array,
  out: Float64Array,
  base: number,
  n: number,
  P: number,
  f: Float64Array,
  half: number,
  lo: number,
  hi: number,
): void {
  const F = f.length;
  if (F === 6) {
    const f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5];
    for (let o = 0; o < n; o++) {
      let s = 0;
      if (o >= lo && o < hi) {
        // coif1 unrolled: the same sums in the same order
        const c = base + o + half;
        s += f0 * vol[c];
        s += f1 * vol[c - 1];
        s += f2 * vol[c - 2];
        s += f3 * vol[c - 3];
        s += f4 * vol[c - 4];
        s += f5 * vol[c - 5];
      } else {
        for (let j = 0; j < F; j++) s += f[j] * vol[base + wrapIndex(o + half - j, P, n)];
      }
      out[base + o] = s;
    }
    return;
  }
  for (let o = 0; o < n; o++) {
    let s = 0;
    if (o >= lo && o < hi) {
      const c = base + o + half;
      for (let j = 0; j < F; j++) s += f[j] * vol[c - j];
    } else {
      for (let j = 0; j < F; j++) s += f[j] * vol[base + wrapIndex(o + half - j, P, n)];
    }
    out[base + o] = s;
  }
}

/** out[d + x] = 0 + f₀·vol[s₀ + x] + … + f₅·vol[s₅ + x] for x < run (coif1, in this order). */
function combineRun6(
  vol: Float64Array,
  out: Float64Array,
  d: number,
  run: number,
  f: Float64Array,
  src: Int32Array,
): void {
  const f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5];
  const s0 = src[0], s1 = src[1], s2 = src[2], s3 = src[3], s4 = src[4], s5 = src[5];
  for (let x = 0; x < run; x++) {
    out[d + x] = 0 + f0 * vol[s0 + x] + f1 * vol[s1 + x] + f2 * vol[s2 + x] + f3 * vol[s3 + x] +
      f4 * vol[s4 + x] + f5 * vol[s5 + x];
  }
}

/** out[d + x] = 0 + w·vol[s + x] for x < run. */
function scaleRun(vol: Float64Array, out: Float64Array, d: number, run: number, w: number, s: number): void {
  for (let x = 0; x < run; x++) out[d + x] = 0 + w * vol[s + x];
}

/** out[d + x] += w·vol[s + x] for x < run. */
function addRun(vol: Float64Array, out: Float64Array, d: number, run: number, w: number, s: number): void {
  for (let x = 0; x < run; x++) out[d + x] += w * vol[s + x];
}

/**
 * The z pass of {@link filterAxis} written straight onto the first `od` voxels of each axis (the crop
 * of a padded volume back to its size; "resize" padding): the same sums, in the same order, without
 * the padded output.
 */
function filterZCropped(
  vol: Float64Array,
  pd: readonly [number, number, number],
  f: Float64Array,
  od: readonly [number, number, number],
  into?: Float64Array,
): Float64Array {
  const [px, py, n] = pd, [ox, oy, oz] = od;
  const out = into && into.length === ox * oy * oz ? into : new Float64Array(ox * oy * oz);
  const F = f.length, half = Math.floor(F / 2);
  const plane = px * py;
  for (let o = 0; o < oz; o++) {
    const d0 = o * ox * oy;
    for (let j = 0; j < F; j++) {
      const w = f[j], s0 = ((((o + half - j) % n) + n) % n) * plane;
      for (let y = 0; y < oy; y++) {
        const d = d0 + y * ox, q = s0 + y * px;
        if (j === 0) { for (let x = 0; x < ox; x++) out[d + x] = 0 + w * vol[q + x]; }
        else for (let x = 0; x < ox; x++) out[d + x] += w * vol[q + x];
      }
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

/**
 * One-level undecimated 3D wavelet transform (pyradiomics `_swt3`, see the module documentation):
 * the requested sub-bands, each of the input's size. Input not mutated.
 */
export function swt3(vol: Volume, options: Swt3Options = {}): Map<WaveletBand, Float64Array> {
  return new Map(swt3Bands(vol, options));
}

/**
 * The sub-bands of {@link swt3} one at a time, in pyradiomics' order (or with `order: "shared"` LLL
 * right after LLH), computed lazily so that only the x- and xy-filtered intermediates in use and the
 * band being yielded are held (about four volumes instead of eight bands plus intermediates): the
 * input is released after the last x pass, the x-intermediate after the last xy pass; the
 * approximation LLL is computed with LLH from the same xy-intermediate and, in pyradiomics' order,
 * kept until the end. Options are checked at the call. Values are those of {@link swt3}.
 */
export function swt3Bands(vol: Volume, options: Swt3Options = {}): Generator<[WaveletBand, Float64Array]> {
  // options checked at the call; the generator holds the input through `held` only, dropped after
  // the last x pass (a generator's own parameters stay alive as long as it does)
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
  const order = WAVELET_BANDS.filter((b) => want.has(b));
  const [nx, ny, nz] = vol.dims;
  if (vol.data.length !== nx * ny * nz) {
    throw new RangeError(`swt3: ${vol.data.length} values for dims ${vol.dims.join(" × ")}`);
  }
  // "wrap" and "none" run on the unpadded volume (periods n + 1 on odd axes for "wrap", see
  // filterAxis); "resize" moves voxels across rows, so its padded volume is built
  const held = { vol: mode === "resize" ? padOdd(vol, mode) : vol as Volume | null };
  const shared = options.order === "shared";
  if (!shared && options.order !== undefined && options.order !== "pyradiomics") {
    throw new RangeError(
      `option "order": expected "pyradiomics" or "shared", got ${JSON.stringify(options.order)}`,
    );
  }
  return bandsOf(held, vol.dims, fl, mode, order, want, options.recycle ?? false, shared);
}

function* bandsOf(
  held: { vol: Volume | null },
  od: readonly [number, number, number],
  fl: WaveletFilters,
  mode: OddPadding,
  order: readonly WaveletBand[],
  want: ReadonlySet<WaveletBand>,
  recycle: boolean,
  shared: boolean,
): Generator<[WaveletBand, Float64Array]> {
  const [nx, ny, nz] = od;
  const pd = held.vol!.dims;
  const period = (a: number) => mode === "wrap" ? pd[a] + (pd[a] % 2) : pd[a];
  const filt = (c: string) => (c === "L" ? fl.decLo : fl.decHi);
  // one x-filtered and one xy-filtered intermediate at a time (bands in order share their prefixes)
  let xKey = "", xVol: Float64Array | null = null, xyKey = "", xyVol: Float64Array | null = null;
  let lll: Float64Array | null = null;
  // a band of a padded grid is written cropped by its z pass
  const crop = pd[0] !== nx || pd[1] !== ny || pd[2] !== nz;
  let free: Float64Array | undefined; // a yielded band's buffer, when recycling
  const band = (name: WaveletBand): Float64Array => {
    if (xKey !== name[0]) {
      xyKey = "", xKey = name[0];
      xVol = filterAxis(held.vol!.data, pd, 0, filt(name[0]), period(0), xVol ?? undefined);
      // after the last x pass the input is no longer needed here
      if (--xPasses === 0) held.vol = null;
    }
    if (xyKey !== name.slice(0, 2)) {
      xyKey = name.slice(0, 2);
      xyVol = filterAxis(xVol!, pd, 1, filt(name[1]), period(1), xyVol ?? undefined);
      // after the last xy pass the x-intermediate is no longer needed
      if (--xyPasses === 0) xVol = null;
    }
    const into = free;
    free = undefined;
    return crop
      ? filterZCropped(xyVol!, pd, filt(name[2]), od, into)
      : filterAxis(xyVol!, pd, 2, filt(name[2]), period(2), into);
  };
  const cached = order.includes("LLH") && want.has("LLL");
  const lastComputed = order.filter((b) => !(cached && b === "LLL")).pop();
  // x passes in computing order (a cached LLL is computed with LLH, from the same x pass)
  let xPasses = 0, xyPasses = 0;
  const computed = order.filter((b) => !(cached && b === "LLL"));
  computed.reduce((prev, b) => (b[0] !== prev && xPasses++, b[0]), "");
  computed.reduce((prev, b) => (b.slice(0, 2) !== prev && xyPasses++, b.slice(0, 2)), "");
  for (const name of order) {
    if (name === "LLL" && cached) {
      if (shared) continue; // yielded right after LLH
      const out = lll!;
      lll = null;
      yield [name, out];
      continue;
    }
    const out = band(name);
    // LLL shares LLH's xy-intermediate: compute it now rather than recompute x and y at the end
    const withLll = name === "LLH" && cached;
    if (withLll && !shared) lll = band("LLL");
    if (name === lastComputed && !(withLll && shared)) xyVol = null;
    yield [name, out];
    if (recycle) free = out;
    if (withLll && shared) {
      const approx = band("LLL");
      if (name === lastComputed) xyVol = null;
      yield ["LLL", approx];
      if (recycle) free = approx;
    }
  }
}

/** Image-type name pyradiomics gives a level-1 sub-band: "wavelet-LHL". */
export function waveletImageName(band: WaveletBand): string {
  return `wavelet-${band}`;
}
