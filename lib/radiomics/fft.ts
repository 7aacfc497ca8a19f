/**
 * Radix-2 complex FFT (iterative Cooley–Tukey) and 3D transforms by axis passes, for the exact
 * evaluation of distance-weighted sums (Moran's I, Geary's C) by convolution.
 */

/** In-place FFT of (re, im) of power-of-two length; `inverse` divides by n. */
export function fft1(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (inverse ? 2 : -2) * Math.PI / len;
    const wr = Math.cos(ang), wi = Math.sin(ang), half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k, b = a + half;
        const xr = re[b] * cr - im[b] * ci, xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr, im[b] = im[a] - xi;
        re[a] += xr, im[a] += xi;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
  if (inverse) for (let i = 0; i < n; i++) re[i] /= n, im[i] /= n;
}

/** In-place 3D FFT of arrays laid out x fastest with power-of-two dims. */
export function fft3(re: Float64Array, im: Float64Array, dims: readonly [number, number, number], inverse: boolean): void {
  const [nx, ny, nz] = dims;
  const strides = [1, nx, nx * ny];
  for (let axis = 0; axis < 3; axis++) {
    const n = dims[axis], st = strides[axis];
    const br = new Float64Array(n), bi = new Float64Array(n);
    const [a1, a2] = [0, 1, 2].filter((a) => a !== axis);
    for (let v = 0; v < dims[a2]; v++) {
      for (let u = 0; u < dims[a1]; u++) {
        const base = u * strides[a1] + v * strides[a2];
        for (let k = 0; k < n; k++) br[k] = re[base + k * st], bi[k] = im[base + k * st];
        fft1(br, bi, inverse);
        for (let k = 0; k < n; k++) re[base + k * st] = br[k], im[base + k * st] = bi[k];
      }
    }
  }
}

/** Smallest power of two ≥ n. */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}
