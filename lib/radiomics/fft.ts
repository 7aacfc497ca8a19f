/**
 * Complex FFTs for lengths whose prime factors are 2, 3 and 5, for the exact evaluation of
 * distance-weighted pair sums (Moran's I, Geary's C) by Parseval's identity.
 * - `fftDifRows` (used by `morphology.ts`): in-place decimation in frequency over many interleaved
 *   columns at once (radix 2, 4, 3, 5 stages, twiddle tables, zero-padded rows pruned), no reordering
 *   pass: each coefficient is read at its digit-reversed position (`difPlan`).
 * - `fft1` (natural order, recursive Cooley–Tukey; iterative radix 2 for powers of two) and `fft3` (3D by
 *   axis passes, skipping lines known to be zero): the reference transforms the tests compare against.
 */

interface Plan {
  n: number;
  factors: number[];
  cos: Float64Array;
  sin: Float64Array;
  /** scratch: input copy and output */
  ar: Float64Array;
  ai: Float64Array;
  br: Float64Array;
  bi: Float64Array;
}
const plans = new Map<number, Plan>();

/** Factor n into 4s, 2s, 3s and 5s (error for other primes). */
function factorize(n: number): number[] {
  const f: number[] = [];
  let m = n;
  while (m % 4 === 0) f.push(4), m /= 4;
  for (const p of [2, 3, 5]) while (m % p === 0) f.push(p), m /= p;
  if (m !== 1) throw new Error(`fft: length ${n} has a prime factor other than 2, 3, 5`);
  return f;
}

function plan(n: number): Plan {
  let p = plans.get(n);
  if (p) return p;
  const cos = new Float64Array(n), sin = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n), sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  p = {
    n,
    factors: factorize(n),
    cos,
    sin,
    ar: new Float64Array(n),
    ai: new Float64Array(n),
    br: new Float64Array(n),
    bi: new Float64Array(n),
  };
  plans.set(n, p);
  return p;
}

/** Out-of-place recursive step: X (length len, at outOff) = DFT of x[inOff + j·stride], j < len. */
function rec(
  P: Plan,
  sgn: number,
  inOff: number,
  stride: number,
  len: number,
  outOff: number,
  fi: number,
): void {
  const { ar, ai, br, bi, cos, sin, n } = P;
  if (len === 1) {
    br[outOff] = ar[inOff], bi[outOff] = ai[inOff];
    return;
  }
  const p = P.factors[fi], m = len / p;
  if (m === 1) {
    // last factor: copy the p inputs into place, the combine below then needs no twiddles (k = 0)
    for (let q = 0; q < p; q++) {
      br[outOff + q] = ar[inOff + q * stride], bi[outOff + q] = ai[inOff + q * stride];
    }
  } else {
    for (let q = 0; q < p; q++) rec(P, sgn, inOff + q * stride, stride * p, m, outOff + q * m, fi + 1);
  }
  const tw = n / len; // W_len^j = W_n^{j·tw}; q·k·tw < n, so no reduction is needed
  if (p === 2) {
    for (let k = 0; k < m; k++) {
      const a = outOff + k, b = a + m, t = k * tw;
      const c = cos[t], s = sgn * sin[t];
      const xr = br[b] * c - bi[b] * s, xi = br[b] * s + bi[b] * c;
      br[b] = br[a] - xr, bi[b] = bi[a] - xi;
      br[a] += xr, bi[a] += xi;
    }
    return;
  }
  if (p === 4) {
    for (let k = 0; k < m; k++) {
      const a0 = outOff + k, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
      const t1 = k * tw, t2 = 2 * t1, t3 = 3 * t1;
      const c1 = cos[t1],
        s1 = sgn * sin[t1],
        c2 = cos[t2],
        s2 = sgn * sin[t2],
        c3 = cos[t3],
        s3 = sgn * sin[t3];
      const y0r = br[a0], y0i = bi[a0];
      const y1r = br[a1] * c1 - bi[a1] * s1, y1i = br[a1] * s1 + bi[a1] * c1;
      const y2r = br[a2] * c2 - bi[a2] * s2, y2i = br[a2] * s2 + bi[a2] * c2;
      const y3r = br[a3] * c3 - bi[a3] * s3, y3i = br[a3] * s3 + bi[a3] * c3;
      const u0r = y0r + y2r, u0i = y0i + y2i, u1r = y0r - y2r, u1i = y0i - y2i;
      const u2r = y1r + y3r, u2i = y1i + y3i;
      // (y1 − y3)·W4 with W4 = sgn·i: (a + ib)·(sgn·i) = sgn·(−b + ia)
      const dr = y1r - y3r, di = y1i - y3i;
      const u3r = -sgn * di, u3i = sgn * dr;
      br[a0] = u0r + u2r, bi[a0] = u0i + u2i;
      br[a2] = u0r - u2r, bi[a2] = u0i - u2i;
      br[a1] = u1r + u3r, bi[a1] = u1i + u3i;
      br[a3] = u1r - u3r, bi[a3] = u1i - u3i;
    }
    return;
  }
  // radix 3 or 5: twiddle, then a small DFT with the matrix W_p^{(q·r) mod p} = W_n^{((q·r) mod p)·n/p}
  const np = n / p;
  for (let k = 0; k < m; k++) {
    for (let q = 0; q < p; q++) {
      const idx = outOff + q * m + k, t = q * k * tw;
      const c = cos[t], s = sgn * sin[t];
      tyr[q] = br[idx] * c - bi[idx] * s;
      tyi[q] = br[idx] * s + bi[idx] * c;
    }
    for (let r = 0; r < p; r++) {
      let sr = 0, si = 0;
      for (let q = 0; q < p; q++) {
        const t = SMALL_MOD[p][q * p + r] * np;
        const c = cos[t], s = sgn * sin[t];
        sr += tyr[q] * c - tyi[q] * s;
        si += tyr[q] * s + tyi[q] * c;
      }
      br[outOff + k + r * m] = sr, bi[outOff + k + r * m] = si;
    }
  }
}
const tyr = new Float64Array(5), tyi = new Float64Array(5);
const SMALL_MOD: Record<number, Int32Array> = { 3: mods(3), 5: mods(5) };
function mods(p: number): Int32Array {
  const a = new Int32Array(p * p);
  for (let q = 0; q < p; q++) for (let r = 0; r < p; r++) a[q * p + r] = (q * r) % p;
  return a;
}

/** Iterative radix-2 plan of a power-of-two length: bit-reversal permutation and twiddles. */
interface Pow2Plan {
  n: number;
  rev: Int32Array;
  cos: Float64Array;
  sin: Float64Array;
}
const pow2Plans = new Map<number, Pow2Plan>();

function pow2Plan(n: number): Pow2Plan {
  let p = pow2Plans.get(n);
  if (p) return p;
  const rev = new Int32Array(n);
  let bits = 0;
  while ((1 << bits) < n) bits++;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
    rev[i] = r;
  }
  const h = n >> 1;
  const cos = new Float64Array(h), sin = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n), sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  p = { n, rev, cos, sin };
  pow2Plans.set(n, p);
  return p;
}

/** In-place iterative radix-2 FFT (decimation in time) of (re, im)[off .. off + n), n a power of two, unscaled. */
function fftPow2(re: Float64Array, im: Float64Array, sgn: number, off: number, n: number): void {
  const { rev, cos, sin } = pow2Plan(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (i < j) {
      const a = off + i, b = off + j;
      const tr = re[a], ti = im[a];
      re[a] = re[b], im[a] = im[b];
      re[b] = tr, im[b] = ti;
    }
  }
  // size-2 stage without twiddles
  for (let i = off, e = off + n; i < e; i += 2) {
    const ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1];
    re[i] = ar + br, im[i] = ai + bi;
    re[i + 1] = ar - br, im[i + 1] = ai - bi;
  }
  for (let size = 4; size <= n; size <<= 1) {
    const half = size >> 1, tstep = n / size;
    for (let j = 0, t = 0; j < half; j++, t += tstep) {
      const c = cos[t], sn = sgn * sin[t];
      for (let i = off + j, e = off + n; i < e; i += size) {
        const b = i + half;
        const xr = re[b] * c - im[b] * sn, xi = re[b] * sn + im[b] * c;
        re[b] = re[i] - xr, im[b] = im[i] - xi;
        re[i] += xr, im[i] += xi;
      }
    }
  }
}

/**
 * In-place FFT of (re, im)[off .. off + n) for n = 2^a·3^b·5^c (powers of two by an iterative radix-2
 * transform, other lengths by the recursive mixed-radix one); `inverse` uses e^{+i} and divides by n.
 * Forward: X_k = Σ_j x_j e^{−2πijk/n}.
 */
export function fft1(re: Float64Array, im: Float64Array, inverse: boolean, off = 0, n = re.length): void {
  if (n <= 1) return;
  if ((n & (n - 1)) === 0) {
    fftPow2(re, im, inverse ? 1 : -1, off, n);
    if (inverse) { for (let i = off; i < off + n; i++) re[i] /= n, im[i] /= n; }
    return;
  }
  const P = plan(n);
  P.ar.set(re.subarray(off, off + n));
  P.ai.set(im.subarray(off, off + n));
  rec(P, inverse ? 1 : -1, 0, 1, n, 0, 0);
  if (inverse) {
    for (let i = 0; i < n; i++) re[off + i] = P.br[i] / n, im[off + i] = P.bi[i] / n;
  } else {
    re.set(P.br, off);
    im.set(P.bi, off);
  }
}

/**
 * In-place 3D FFT (x fastest; each dim a 2^a·3^b·5^c length). Forward: the input is assumed zero
 * outside [0, extent) per axis. Inverse: only outputs inside [0, extent) are computed correctly.
 */
export function fft3(
  re: Float64Array,
  im: Float64Array,
  dims: readonly [number, number, number],
  inverse: boolean,
  extent: readonly [number, number, number] = dims,
): void {
  const [nx, ny, nz] = dims;
  const [, ey, ez] = extent;
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
}

/** Smallest n' ≥ n whose prime factors are 2, 3 and 5 (a fast FFT length). */
export function nextFastLength(n: number): number {
  for (let m = Math.max(1, n);; m++) {
    let r = m;
    for (const p of [2, 3, 5]) while (r % p === 0) r /= p;
    if (r === 1) return m;
  }
}

/** Smallest power of two ≥ n. */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

/**
 * Plan of the in-place decimation-in-frequency FFT ({@link fftDifRows}) of a length n = 2^a·3^b·5^c:
 * the radix of each stage (a radix-2 stage first when n is even, which prunes zero-padded inputs,
 * then radix 4 while possible, then 2, 3 and 5), the twiddles e^{−2πi·e/n} = cos[e] − i·sin[e], and
 * the output order: `freq[p]` is the frequency whose coefficient ends at position p (mixed-radix digit
 * reversal), `pos` its inverse.
 */
export interface DifPlan {
  readonly n: number;
  readonly radices: readonly number[];
  readonly freq: Int32Array;
  readonly pos: Int32Array;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}
const difPlans = new Map<number, DifPlan>();

/** The (cached) {@link DifPlan} of length n; RangeError when n has a prime factor other than 2, 3, 5. */
export function difPlan(n: number): DifPlan {
  let p = difPlans.get(n);
  if (p) return p;
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`fftDifRows: length must be a positive integer, got ${n}`);
  }
  const radices = difRadices(n);
  if (!radices) throw new RangeError(`fftDifRows: length ${n} has a prime factor other than 2, 3, 5`);
  const freq = new Int32Array(n), pos = new Int32Array(n);
  for (let q = 0; q < n; q++) {
    // q = q1·(n/r1) + q2·(n/(r1 r2)) + … holds X[q1 + r1·q2 + r1 r2·q3 + …]
    let rem = q, span = n, mult = 1, k = 0;
    for (const r of radices) {
      span /= r;
      const d = Math.floor(rem / span);
      rem -= d * span, k += d * mult, mult *= r;
    }
    freq[q] = k, pos[k] = q;
  }
  const cos = new Float64Array(n), sin = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    cos[e] = Math.cos((2 * Math.PI * e) / n), sin[e] = Math.sin((2 * Math.PI * e) / n);
  }
  p = { n, radices, freq, pos, cos, sin };
  difPlans.set(n, p);
  return p;
}

/** Stage radices of {@link difPlan} (2 first when n is even, then 4s, 2, 3s, 5s), or null if n is not 2,3,5-smooth. */
function difRadices(n: number): number[] | null {
  const radices: number[] = [];
  let m = n;
  if (m % 2 === 0) radices.push(2), m /= 2;
  while (m % 4 === 0) radices.push(4), m /= 4;
  for (const r of [2, 3, 5]) while (m % r === 0) radices.push(r), m /= r;
  return m === 1 ? radices : null;
}

/**
 * Forward FFTs, X_k = Σ_j x_j e^{−2πijk/n}, of `run` interleaved columns at once (element (i, c) at
 * i·run + c, i < n; n = 2^a·3^b·5^c), in place by decimation in frequency (Gentleman–Sande): stage by
 * stage each block of length L is split into r interleaved sub-sequences of length L/r (radix-r
 * butterfly, then the twiddles e^{−2πi·jq/L}). No reordering pass: coefficient X_k ends at position
 * `difPlan(n).pos[k]` (the caller reads it there, or pairs positions with `freq`). `nz` (default n):
 * rows i ≥ nz are zero on input, and the first stage skips the butterflies that only read zeros.
 */
export function fftDifRows(re: Float64Array, im: Float64Array, n: number, run: number, nz = n): void {
  if (n <= 1) return;
  const P = difPlan(n);
  const { cos, sin, radices } = P;
  let L = n;
  for (let s = 0; s < radices.length; s++) {
    const r = radices[s], m = L / r, ts = n / L;
    const jEnd = s === 0 ? Math.min(m, nz) : m;
    const half = s === 0 ? nz - m : m; // first radix-2 stage: for j ≥ nz − m the second input is zero
    if (r === 2) difStage2(re, im, run, n, L, m, ts, jEnd, half, cos, sin);
    else if (r === 4) difStage4(re, im, run, n, L, m, ts, jEnd, cos, sin);
    else if (r === 3) difStage3(re, im, run, n, L, m, ts, jEnd, cos, sin);
    else difStage5(re, im, run, n, L, m, ts, jEnd, cos, sin);
    L = m;
  }
}

function difStage2(
  re: Float64Array,
  im: Float64Array,
  run: number,
  n: number,
  L: number,
  m: number,
  ts: number,
  jEnd: number,
  full: number,
  cos: Float64Array,
  sin: Float64Array,
): void {
  for (let B = 0; B < n; B += L) {
    for (let j = 0; j < jEnd; j++) {
      const wr = cos[j * ts], wi = -sin[j * ts];
      const a = (B + j) * run, b = (B + j + m) * run;
      if (j === 0 && full > 0) pass2Plain(re, im, run, a, b);
      else if (j < full) pass2Twiddled(re, im, run, a, b, wr, wi);
      else pass2Half(re, im, run, a, b, wr, wi);
    }
  }
}

function difStage4(
  re: Float64Array,
  im: Float64Array,
  run: number,
  n: number,
  L: number,
  m: number,
  ts: number,
  jEnd: number,
  cos: Float64Array,
  sin: Float64Array,
): void {
  for (let B = 0; B < n; B += L) {
    for (let j = 0; j < jEnd; j++) {
      const e = j * ts;
      const i0 = (B + j) * run, i1 = i0 + m * run, i2 = i1 + m * run, i3 = i2 + m * run;
      if (e === 0) {
        butterfly4(re, im, run, i0, i1, i2, i3);
        continue;
      }
      twiddled4(
        re,
        im,
        run,
        i0,
        i1,
        i2,
        i3,
        cos[e],
        -sin[e],
        cos[2 * e],
        -sin[2 * e],
        cos[3 * e],
        -sin[3 * e],
      );
    }
  }
}

const S3 = Math.sqrt(3) / 2;

function difStage3(
  re: Float64Array,
  im: Float64Array,
  run: number,
  n: number,
  L: number,
  m: number,
  ts: number,
  jEnd: number,
  cos: Float64Array,
  sin: Float64Array,
): void {
  for (let B = 0; B < n; B += L) {
    for (let j = 0; j < jEnd; j++) {
      const e = j * ts;
      const i0 = (B + j) * run, i1 = i0 + m * run, i2 = i1 + m * run;
      if (e === 0) {
        butterfly3(re, im, run, i0, i1, i2);
        continue;
      }
      twiddled3(re, im, run, i0, i1, i2, cos[e], -sin[e], cos[2 * e], -sin[2 * e]);
    }
  }
}

const C51 = Math.cos((2 * Math.PI) / 5),
  C52 = Math.cos((4 * Math.PI) / 5),
  S51 = Math.sin((2 * Math.PI) / 5),
  S52 = Math.sin((4 * Math.PI) / 5);

function difStage5(
  re: Float64Array,
  im: Float64Array,
  run: number,
  n: number,
  L: number,
  m: number,
  ts: number,
  jEnd: number,
  cos: Float64Array,
  sin: Float64Array,
): void {
  for (let B = 0; B < n; B += L) {
    for (let j = 0; j < jEnd; j++) {
      const e = j * ts;
      const i0 = (B + j) * run, i1 = i0 + m * run, i2 = i1 + m * run, i3 = i2 + m * run, i4 = i3 + m * run;
      if (e === 0) {
        butterfly5(re, im, run, i0, i1, i2, i3, i4);
        continue;
      }
      twiddled5(
        re,
        im,
        run,
        i0,
        i1,
        i2,
        i3,
        i4,
        cos[e],
        -sin[e],
        cos[2 * e],
        -sin[2 * e],
        cos[3 * e],
        -sin[3 * e],
        cos[4 * e],
        -sin[4 * e],
      );
    }
  }
}

/** Radix-4 butterflies of `run` columns without twiddles (j = 0: every twiddle is 1). */
function butterfly4(
  re: Float64Array,
  im: Float64Array,
  run: number,
  i0: number,
  i1: number,
  i2: number,
  i3: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[i0 + c], x0i = im[i0 + c], x1r = re[i1 + c], x1i = im[i1 + c];
    const x2r = re[i2 + c], x2i = im[i2 + c], x3r = re[i3 + c], x3i = im[i3 + c];
    const ar = x0r + x2r, ai = x0i + x2i, br = x0r - x2r, bi = x0i - x2i;
    const cr = x1r + x3r, ci = x1i + x3i, dr = x1r - x3r, di = x1i - x3i;
    re[i0 + c] = ar + cr, im[i0 + c] = ai + ci;
    re[i1 + c] = br + di, im[i1 + c] = bi - dr;
    re[i2 + c] = ar - cr, im[i2 + c] = ai - ci;
    re[i3 + c] = br - di, im[i3 + c] = bi + dr;
  }
}

/** Radix-5 butterflies of `run` columns without twiddles (j = 0: every twiddle is 1). */
function butterfly5(
  re: Float64Array,
  im: Float64Array,
  run: number,
  i0: number,
  i1: number,
  i2: number,
  i3: number,
  i4: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[i0 + c], x0i = im[i0 + c];
    const a1r = re[i1 + c] + re[i4 + c], a1i = im[i1 + c] + im[i4 + c];
    const b1r = re[i1 + c] - re[i4 + c], b1i = im[i1 + c] - im[i4 + c];
    const a2r = re[i2 + c] + re[i3 + c], a2i = im[i2 + c] + im[i3 + c];
    const b2r = re[i2 + c] - re[i3 + c], b2i = im[i2 + c] - im[i3 + c];
    re[i0 + c] = x0r + a1r + a2r, im[i0 + c] = x0i + a1i + a2i;
    const pr = x0r + C51 * a1r + C52 * a2r, pi = x0i + C51 * a1i + C52 * a2i;
    const qr = x0r + C52 * a1r + C51 * a2r, qi = x0i + C52 * a1i + C51 * a2i;
    const ur = S51 * b1r + S52 * b2r, ui = S51 * b1i + S52 * b2i;
    const vr = S52 * b1r - S51 * b2r, vi = S52 * b1i - S51 * b2i;
    re[i1 + c] = pr + ui, im[i1 + c] = pi - ur;
    re[i4 + c] = pr - ui, im[i4 + c] = pi + ur;
    re[i2 + c] = qr + vi, im[i2 + c] = qi - vr;
    re[i3 + c] = qr - vi, im[i3 + c] = qi + vr;
  }
}

/** Radix-3 butterflies of `run` columns without twiddles (j = 0: every twiddle is 1). */
function butterfly3(
  re: Float64Array,
  im: Float64Array,
  run: number,
  i0: number,
  i1: number,
  i2: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[i0 + c], x0i = im[i0 + c], x1r = re[i1 + c], x1i = im[i1 + c];
    const x2r = re[i2 + c], x2i = im[i2 + c];
    const tr = x1r + x2r, ti = x1i + x2i, ur = S3 * (x1r - x2r), ui = S3 * (x1i - x2i);
    const hr = x0r - 0.5 * tr, hi = x0i - 0.5 * ti;
    re[i0 + c] = x0r + tr, im[i0 + c] = x0i + ti;
    re[i1 + c] = hr + ui, im[i1 + c] = hi - ur;
    re[i2 + c] = hr - ui, im[i2 + c] = hi + ur;
  }
}

/** Radix-2 butterflies of `run` columns, no twiddle (j = 0). */
function pass2Plain(
  re: Float64Array,
  im: Float64Array,
  run: number,
  a: number,
  b: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[a + c], x0i = im[a + c], x1r = re[b + c], x1i = im[b + c];
    re[a + c] = x0r + x1r, im[a + c] = x0i + x1i;
    re[b + c] = x0r - x1r, im[b + c] = x0i - x1i;
  }
}

/** Radix-2 butterflies of `run` columns, the difference times w = (wr, wi). */
function pass2Twiddled(
  re: Float64Array,
  im: Float64Array,
  run: number,
  a: number,
  b: number,
  wr: number,
  wi: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[a + c], x0i = im[a + c], x1r = re[b + c], x1i = im[b + c];
    re[a + c] = x0r + x1r, im[a + c] = x0i + x1i;
    const dr = x0r - x1r, di = x0i - x1i;
    re[b + c] = dr * wr - di * wi, im[b + c] = dr * wi + di * wr;
  }
}

/** Radix-2 butterflies of `run` columns whose second half is zero (pruned): both outputs from x0. */
function pass2Half(
  re: Float64Array,
  im: Float64Array,
  run: number,
  a: number,
  b: number,
  wr: number,
  wi: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[a + c], x0i = im[a + c];
    re[b + c] = x0r * wr - x0i * wi, im[b + c] = x0r * wi + x0i * wr;
  }
}

/** Radix-3 butterflies of `run` columns times the twiddles w1 = (w1r, w1i), w2 (a function of its own, see fftDifRows). */
function twiddled3(
  re: Float64Array,
  im: Float64Array,
  run: number,
  i0: number,
  i1: number,
  i2: number,
  w1r: number,
  w1i: number,
  w2r: number,
  w2i: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[i0 + c], x0i = im[i0 + c], x1r = re[i1 + c], x1i = im[i1 + c];
    const x2r = re[i2 + c], x2i = im[i2 + c];
    const tr = x1r + x2r, ti = x1i + x2i, ur = S3 * (x1r - x2r), ui = S3 * (x1i - x2i);
    const hr = x0r - 0.5 * tr, hi = x0i - 0.5 * ti;
    re[i0 + c] = x0r + tr, im[i0 + c] = x0i + ti;
    // y1 = h − i·u, y2 = h + i·u (u = (√3/2)(x1 − x2))
    const y1r = hr + ui, y1i = hi - ur, y2r = hr - ui, y2i = hi + ur;
    re[i1 + c] = y1r * w1r - y1i * w1i, im[i1 + c] = y1r * w1i + y1i * w1r;
    re[i2 + c] = y2r * w2r - y2i * w2i, im[i2 + c] = y2r * w2i + y2i * w2r;
  }
}

/** Radix-4 butterflies of `run` columns times the twiddles w1, w2, w3. */
function twiddled4(
  re: Float64Array,
  im: Float64Array,
  run: number,
  i0: number,
  i1: number,
  i2: number,
  i3: number,
  w1r: number,
  w1i: number,
  w2r: number,
  w2i: number,
  w3r: number,
  w3i: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[i0 + c], x0i = im[i0 + c], x1r = re[i1 + c], x1i = im[i1 + c];
    const x2r = re[i2 + c], x2i = im[i2 + c], x3r = re[i3 + c], x3i = im[i3 + c];
    const ar = x0r + x2r, ai = x0i + x2i, br = x0r - x2r, bi = x0i - x2i;
    const cr = x1r + x3r, ci = x1i + x3i, dr = x1r - x3r, di = x1i - x3i;
    re[i0 + c] = ar + cr, im[i0 + c] = ai + ci;
    // y1 = b − i·d, y2 = a − c, y3 = b + i·d, each times its twiddle
    const y1r = br + di, y1i = bi - dr, y2r = ar - cr, y2i = ai - ci, y3r = br - di, y3i = bi + dr;
    re[i1 + c] = y1r * w1r - y1i * w1i, im[i1 + c] = y1r * w1i + y1i * w1r;
    re[i2 + c] = y2r * w2r - y2i * w2i, im[i2 + c] = y2r * w2i + y2i * w2r;
    re[i3 + c] = y3r * w3r - y3i * w3i, im[i3 + c] = y3r * w3i + y3i * w3r;
  }
}

/** Radix-5 butterflies of `run` columns times the twiddles w1..w4. */
function twiddled5(
  re: Float64Array,
  im: Float64Array,
  run: number,
  i0: number,
  i1: number,
  i2: number,
  i3: number,
  i4: number,
  w1r: number,
  w1i: number,
  w2r: number,
  w2i: number,
  w3r: number,
  w3i: number,
  w4r: number,
  w4i: number,
): void {
  for (let c = 0; c < run; c++) {
    const x0r = re[i0 + c], x0i = im[i0 + c];
    const a1r = re[i1 + c] + re[i4 + c], a1i = im[i1 + c] + im[i4 + c];
    const b1r = re[i1 + c] - re[i4 + c], b1i = im[i1 + c] - im[i4 + c];
    const a2r = re[i2 + c] + re[i3 + c], a2i = im[i2 + c] + im[i3 + c];
    const b2r = re[i2 + c] - re[i3 + c], b2i = im[i2 + c] - im[i3 + c];
    re[i0 + c] = x0r + a1r + a2r, im[i0 + c] = x0i + a1i + a2i;
    // y1,4 = p ∓ i·u, y2,3 = q ∓ i·v
    const pr = x0r + C51 * a1r + C52 * a2r, pi = x0i + C51 * a1i + C52 * a2i;
    const qr = x0r + C52 * a1r + C51 * a2r, qi = x0i + C52 * a1i + C51 * a2i;
    const ur = S51 * b1r + S52 * b2r, ui = S51 * b1i + S52 * b2i;
    const vr = S52 * b1r - S51 * b2r, vi = S52 * b1i - S51 * b2i;
    const y1r = pr + ui, y1i = pi - ur, y4r = pr - ui, y4i = pi + ur;
    const y2r = qr + vi, y2i = qi - vr, y3r = qr - vi, y3i = qi + vr;
    re[i1 + c] = y1r * w1r - y1i * w1i, im[i1 + c] = y1r * w1i + y1i * w1r;
    re[i2 + c] = y2r * w2r - y2i * w2i, im[i2 + c] = y2r * w2i + y2i * w2r;
    re[i3 + c] = y3r * w3r - y3i * w3i, im[i3 + c] = y3r * w3i + y3i * w3r;
    re[i4 + c] = y4r * w4r - y4i * w4i, im[i4 + c] = y4r * w4i + y4i * w4r;
  }
}
