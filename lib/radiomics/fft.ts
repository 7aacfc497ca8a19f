/**
 * Radix-2 complex FFT (iterative Cooley–Tukey, table twiddles) and 3D transforms by axis passes, for
 * the exact evaluation of distance-weighted pair sums (Moran's I, Geary's C) by convolution.
 * The 3D transform gathers each plane into a small buffer (cache locality) and skips lines that
 * are known to be zero (forward, data confined to `extent`) or whose output is not needed (inverse).
 */

interface Plan {
  n: number;
  rev: Uint32Array;
  cos: Float64Array;
  sin: Float64Array;
}
const plans = new Map<number, Plan>();

function plan(n: number): Plan {
  let p = plans.get(n);
  if (p) return p;
  const rev = new Uint32Array(n);
  const bits = Math.round(Math.log2(n));
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
    rev[i] = r;
  }
  const cos = new Float64Array(n / 2), sin = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n), sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  p = { n, rev, cos, sin };
  plans.set(n, p);
  return p;
}

/** In-place FFT of (re, im)[off .. off + n) (n a power of two); `inverse` uses e^{+i} and divides by n. */
export function fft1(re: Float64Array, im: Float64Array, inverse: boolean, off = 0, n = re.length): void {
  if (n <= 1) return;
  const { rev, cos, sin } = plan(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (i < j) {
      const a = off + i, b = off + j;
      let t = re[a];
      re[a] = re[b];
      re[b] = t;
      t = im[a];
      im[a] = im[b];
      im[b] = t;
    }
  }
  const sgn = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1, step = n / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step], wi = sgn * sin[k * step];
        const a = off + i + k, b = a + half;
        const xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr, im[b] = im[a] - xi;
        re[a] += xr, im[a] += xi;
      }
    }
  }
  if (inverse) { for (let i = off; i < off + n; i++) re[i] /= n, im[i] /= n; }
}

/**
 * In-place 3D FFT (x fastest, power-of-two dims). Forward: the input is assumed zero outside
 * [0, extent) per axis. Inverse: only outputs inside [0, extent) are computed correctly.
 */
export function fft3(
  re: Float64Array,
  im: Float64Array,
  dims: readonly [number, number, number],
  inverse: boolean,
  extent: readonly [number, number, number] = dims,
): void {
  const [nx, ny, nz] = dims;
  const [ex, ey, ez] = extent;
  const passX = (yMax: number, zMax: number) => {
    for (let z = 0; z < zMax; z++) {
      for (let y = 0; y < yMax; y++) fft1(re, im, inverse, nx * (y + ny * z), nx);
    }
  };
  const br = new Float64Array(Math.max(nx * ny, nx * nz)), bi = new Float64Array(br.length);
  const passY = (zMax: number) => {
    for (let z = 0; z < zMax; z++) {
      const base = nx * ny * z;
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          br[x * ny + y] = re[base + x + nx * y], bi[x * ny + y] = im[base + x + nx * y];
        }
      }
      for (let x = 0; x < nx; x++) fft1(br, bi, inverse, x * ny, ny);
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          re[base + x + nx * y] = br[x * ny + y], im[base + x + nx * y] = bi[x * ny + y];
        }
      }
    }
  };
  const passZ = () => {
    for (let y = 0; y < ny; y++) {
      for (let z = 0; z < nz; z++) {
        const base = nx * (y + ny * z);
        for (let x = 0; x < nx; x++) br[x * nz + z] = re[base + x], bi[x * nz + z] = im[base + x];
      }
      for (let x = 0; x < nx; x++) fft1(br, bi, inverse, x * nz, nz);
      for (let z = 0; z < nz; z++) {
        const base = nx * (y + ny * z);
        for (let x = 0; x < nx; x++) re[base + x] = br[x * nz + z], im[base + x] = bi[x * nz + z];
      }
    }
  };
  if (!inverse) {
    passX(ey, ez);
    passY(ez);
    passZ();
  } else {
    passZ();
    passY(ez);
    passX(ey, ez);
  }
  void ex;
}

/** Smallest power of two ≥ n. */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}
