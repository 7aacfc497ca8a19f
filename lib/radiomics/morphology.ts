/**
 * Morphological features (IBSI 1, section 3.1, family "morphology").
 *
 * Shape comes from the morphological mask: the mesh by marching cubes (`mesh.ts`) gives volume V
 * and area A; voxel centres give the voxel-counting volume, the centre of mass and the PCA axes
 * (eigenvalues λ1 ≥ λ2 ≥ λ3 of the sample covariance (divisor N − 1) of voxel positions, mm²). Intensities (centre-of-mass
 * shift, integrated intensity, Moran's I, Geary's C) come from the intensity mask.
 *
 * Definitions: compactness 1 = V/(π^{1/2} A^{3/2}); compactness 2 = 36πV²/A³; spherical
 * disproportion = A/(36πV²)^{1/3}; sphericity = (36πV²)^{1/3}/A; asphericity = (A³/(36πV²))^{1/3} − 1;
 * axis lengths 4√λ; elongation √(λ2/λ1); flatness √(λ3/λ1); AABB densities V/V_aabb, A/A_aabb
 * over the mesh vertices; approximate enclosing ellipsoid with semi-axes 2√λ (volume 4πabc/3, area
 * by the Legendre series with 20 terms); convex hull densities V/V_hull, A/A_hull; maximum 3D
 * diameter over the hull's vertices; integrated intensity V·mean; Moran's I and Geary's C with
 * weights w_ij = 1/‖r_i − r_j‖ over all voxel pairs of the intensity mask (evaluated exactly by FFT
 * convolution). The oriented minimum bounding box and minimum-volume enclosing ellipsoid densities
 * have no IBSI reference values and are not computed.
 */
import type { DiscretisedRoi } from "./roi.ts";
import { marchingCubes, meshVolumeArea } from "./mesh.ts";
import { convexHull, maxDistance } from "./convex_hull.ts";
import { type DifPlan, difPlan, fftDifRows, nextFastLength } from "./fft.ts";
import { type FeatureValue, fv } from "./feature.ts";

/** Eigenvalues (descending) of a symmetric 3 × 3 matrix by cyclic Jacobi rotations. */
export function symmetricEigenvalues3(m: readonly number[]): [number, number, number] {
  const a = [[m[0], m[1], m[2]], [m[3], m[4], m[5]], [m[6], m[7], m[8]]];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[0][1] ** 2 + a[0][2] ** 2 + a[1][2] ** 2;
    if (off < 1e-30 * (a[0][0] ** 2 + a[1][1] ** 2 + a[2][2] ** 2 + 1e-300)) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]]) {
      if (Math.abs(a[p][q]) < 1e-300) continue;
      const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      for (let k = 0; k < 3; k++) {
        const akp = a[k][p], akq = a[k][q];
        a[k][p] = c * akp - s * akq;
        a[k][q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p][k], aqk = a[q][k];
        a[p][k] = c * apk - s * aqk;
        a[q][k] = s * apk + c * aqk;
      }
    }
  }
  const ev = [a[0][0], a[1][1], a[2][2]].sort((u, v) => v - u);
  return [ev[0], ev[1], ev[2]];
}

function legendre(n: number, x: number): number {
  if (n === 0) return 1;
  let p0 = 1, p1 = x;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
    p0 = p1, p1 = p2;
  }
  return p1;
}

/** Surface area of an ellipsoid with semi-axes a ≥ b ≥ c by the IBSI Legendre series (20 terms). */
export function ellipsoidArea(a: number, b: number, c: number): number {
  const alpha = Math.sqrt(Math.max(0, 1 - (b * b) / (a * a))),
    beta = Math.sqrt(Math.max(0, 1 - (c * c) / (a * a)));
  const ab = alpha * beta;
  if (ab === 0) return 4 * Math.PI * a * b;
  const arg = (alpha * alpha + beta * beta) / (2 * ab);
  let s = 0;
  for (let nu = 0; nu <= 20; nu++) s += (ab ** nu / (1 - 4 * nu * nu)) * legendre(nu, arg);
  return 4 * Math.PI * a * b * s;
}

/**
 * Moran's I and Geary's C of the intensities in `mask` with weights 1/distance (IBSI N365, NPT7):
 * I = N/W · Σ_{i≠j} w_ij d_i d_j / Σ d_i², C = (N − 1)/(2W) · Σ_{i≠j} w_ij (x_i − x_j)² / Σ d_i²,
 * d = x − μ, W = Σ_{i≠j} w_ij. With the kernel k(r) = 1/‖r‖ (0 at r = 0) the three pair sums are
 * quadratic forms W = mᵀKm, S = dᵀKd, G = (d²)ᵀKm of the mask indicator m, the deviations d and their
 * squares (Σ w_ij (x_i − x_j)² = 2G − 2S), evaluated exactly (up to rounding) by Parseval's identity on
 * a grid zero-padded per axis to the smallest 2^a·3^b·5^c ≥ 2b − 1 (b the ROI box size; no wrap-around):
 * uᵀKv = (1/P) Σ_k K̂(k) Re(U(k) conj(V(k))), with K̂ the (real, even) spectrum of the kernel. Only
 * forward transforms are needed, and in no particular order (`fft.ts` `fftDifRows`: each coefficient is
 * read at its digit-reversed position). Along x the three real signals take one and a half complex
 * transforms (m + i·d of each box row, and the d² of two rows packed in one), keeping the half spectrum
 * kx ≤ P_x/2 (the other half is the complex conjugate and adds the same terms, weight 2); each kx plane
 * is then transformed in y and z and summed at once, so memory is ≈ 6 × (P_x/2 + 1) × b_y × b_z doubles
 * (less than one padded volume) plus two planes per signal.
 */
export function spatialAutocorrelation(
  values: Float64Array,
  mask: Uint8Array,
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number],
): { moran: number; geary: number } {
  // bounding box of the mask, row by row
  const [nx, ny, nz] = dims;
  const box = Int32Array.of(nx, ny, nz, -1, -1, -1, 0), tot = new Float64Array(1); // lo, hi, count; Σ x
  for (let row = 0; row < ny * nz; row++) boxRow(values, mask, nx, ny, row, box, tot);
  const lo = [box[0], box[1], box[2]], hi = [box[3], box[4], box[5]];
  const n = box[6], sum = tot[0];
  if (n < 2) return { moran: NaN, geary: NaN };
  const mu = sum / n;
  const [b0, b1, b2] = [0, 1, 2].map((a) => hi[a] - lo[a] + 1);
  // linear (not circular) correlation needs a padded length ≥ 2b − 1 per axis
  const P = [b0, b1, b2].map((b) => nextFastLength(2 * b - 1)) as [number, number, number];
  const [P0, P1, P2] = P;
  const H = P.map((p) => Math.floor(p / 2) + 1) as [number, number, number];
  const [H0, H1, H2] = H;
  const oct = evenKernelSpectrum(P, spacing);
  const X = difPlan(P0);
  // 1. per z slice, the x transforms of its box rows at once (rows x, columns y): m + i·d, and d² of
  // columns y and y + hy packed as real and imaginary part; half spectrum kx < H0 stored at
  // y + b1·(z + b2·kx) (each kx plane is then a contiguous [z][y] block)
  const plane = b1 * b2, hy = Math.ceil(b1 / 2);
  const spec = Array.from({ length: 6 }, () => new Float64Array(H0 * plane)); // M, D, Q: re, im
  const ar = new Float64Array(P0 * b1), ai = new Float64Array(P0 * b1);
  const qr = new Float64Array(P0 * hy), qi = new Float64Array(P0 * hy);
  let sdd = 0;
  for (let z = 0; z < b2; z++) {
    ar.fill(0), ai.fill(0), qr.fill(0), qi.fill(0);
    const s = sliceRows(
      values,
      mask,
      mu,
      lo[0] + nx * (lo[1] + ny * (z + lo[2])),
      nx,
      b0,
      b1,
      hy,
      ar,
      ai,
      qr,
      qi,
    );
    if (s < 0) continue;
    sdd += s;
    fftDifRows(ar, ai, P0, b1, b0);
    fftDifRows(qr, qi, P0, hy, b0);
    halfSpectrum(X, H0, b1, hy, b1 * z, plane, ar, ai, qr, qi, spec);
  }
  // 2. per kx plane: along z ([z][y] rows, y < b1 only), transposed, along y ([y][kz] rows), summed
  const zbuf = Array.from({ length: 6 }, () => new Float64Array(P2 * b1));
  const ybuf = Array.from({ length: 6 }, () => new Float64Array(P1 * P2));
  // octant index of each output position: min(k, P − k) of its frequency k
  const fold = (D: DifPlan, Pn: number) => D.freq.map((k) => (k <= Pn - k ? k : Pn - k));
  const fy = fold(difPlan(P1), P1), fz = fold(difPlan(P2), P2);
  let W = 0, S = 0, G = 0;
  const acc = new Float64Array(3);
  for (let kx = 0; kx < H0; kx++) {
    const wt = kx === 0 || 2 * kx === P0 ? 1 : 2;
    for (let s = 0; s < 6; s += 2) {
      for (let t = s; t < s + 2; t++) {
        zbuf[t].set(spec[t].subarray(plane * kx, plane * (kx + 1)));
        zbuf[t].fill(0, plane);
      }
      fftDifRows(zbuf[s], zbuf[s + 1], P2, b1, b2);
      for (let t = s; t < s + 2; t++) {
        transposeRows(zbuf[t], ybuf[t], P2, b1);
        ybuf[t].fill(0, b1 * P2); // rows y ≥ b1 still hold the previous plane's transform
      }
      fftDifRows(ybuf[s], ybuf[s + 1], P1, P2, b1);
    }
    // this plane's kernel octant, Kp[kz + H2·ky] (ky ≤ P1/2, kz ≤ P2/2)
    const Kp = oct.subarray(kx * H1 * H2, (kx + 1) * H1 * H2);
    planeSums(ybuf, Kp, fy, fz, H2, P1, P2, acc);
    W += wt * acc[0], S += wt * acc[1], G += wt * acc[2];
  }
  const N = P0 * P1 * P2;
  W /= N, S /= N, G /= N;
  const geary = sdd > 0 ? ((n - 1) / (2 * W)) * (2 * G - 2 * S) / sdd : NaN;
  const moran = sdd > 0 ? (n / W) * S / sdd : NaN;
  return { moran, geary };
}

/** Bounding box (lo, hi per axis), voxel count and Σ values of one mask row (y + ny·z), accumulated. */
function boxRow(
  values: Float64Array,
  mask: Uint8Array,
  nx: number,
  ny: number,
  row: number,
  box: Int32Array,
  tot: Float64Array,
): void {
  const y = row % ny, z = (row - y) / ny, i0 = row * nx;
  let first = -1, last = -1, c = 0, s = tot[0];
  for (let x = 0; x < nx; x++) {
    if (!mask[i0 + x]) continue;
    if (first < 0) first = x;
    last = x, c++, s += values[i0 + x];
  }
  if (c === 0) return;
  if (first < box[0]) box[0] = first;
  if (last > box[3]) box[3] = last;
  if (y < box[1]) box[1] = y;
  if (y > box[4]) box[4] = y;
  if (z < box[2]) box[2] = z;
  if (z > box[5]) box[5] = z;
  box[6] += c, tot[0] = s;
}

/**
 * One z slice of the box into the x-transform buffers (rows x, columns y): m + i·d in (ar, ai), d² of
 * columns y < hy in qr and y ≥ hy in qi. Returns Σ d² of the slice, or −1 when it has no ROI voxel.
 */
function sliceRows(
  values: Float64Array,
  mask: Uint8Array,
  mu: number,
  base: number,
  nx: number,
  b0: number,
  b1: number,
  hy: number,
  ar: Float64Array,
  ai: Float64Array,
  qr: Float64Array,
  qi: Float64Array,
): number {
  let sdd = 0, any = false;
  for (let y = 0; y < b1; y++) {
    const row = base + nx * y;
    const q = y < hy ? qr : qi, yq = y < hy ? y : y - hy;
    for (let x = 0; x < b0; x++) {
      if (!mask[row + x]) continue;
      const d = values[row + x] - mu;
      ar[x * b1 + y] = 1, ai[x * b1 + y] = d, q[x * hy + yq] = d * d;
      sdd += d * d;
      any = true;
    }
  }
  return any ? sdd : -1;
}

/**
 * The half spectrum kx < H0 of a transformed slice into `spec` (M, D, Q real and imaginary parts, at
 * y + o + plane·kx): each real signal from its packed transform C at kx and at −kx (read at their
 * digit-reversed positions), M = (C(k) + conj C(−k))/2, D = (C(k) − conj C(−k))/(2i).
 */
function halfSpectrum(
  X: DifPlan,
  H0: number,
  b1: number,
  hy: number,
  o: number,
  plane: number,
  ar: Float64Array,
  ai: Float64Array,
  qr: Float64Array,
  qi: Float64Array,
  spec: Float64Array[],
): void {
  const [Mr, Mi, Dr, Di, Qr, Qi] = spec;
  const P0 = X.n;
  for (let k = 0; k < H0; k++) {
    const p = X.pos[k], pc = X.pos[k === 0 ? 0 : P0 - k];
    const j0 = o + plane * k;
    for (let y = 0, u = p * b1, v = pc * b1, j = j0; y < b1; y++, u++, v++, j++) {
      Mr[j] = (ar[u] + ar[v]) / 2, Mi[j] = (ai[u] - ai[v]) / 2;
      Dr[j] = (ai[u] + ai[v]) / 2, Di[j] = (ar[v] - ar[u]) / 2;
    }
    for (let y = 0, u = p * hy, v = pc * hy, j = j0; y < hy; y++, u++, v++, j++) {
      Qr[j] = (qr[u] + qr[v]) / 2, Qi[j] = (qi[u] - qi[v]) / 2;
      if (y + hy < b1) Qr[j + hy] = (qi[u] + qi[v]) / 2, Qi[j + hy] = (qr[v] - qr[u]) / 2;
    }
  }
}

/**
 * to[c·rows + r] = from[r·cols + c] for r < rows, c < cols (`to` has `cols` rows of `rows`), in 32 × 32
 * tiles (both sides stay in cache).
 */
function transposeRows(from: Float64Array, to: Float64Array, rows: number, cols: number): void {
  const T = 32;
  for (let r0 = 0; r0 < rows; r0 += T) {
    const r1 = Math.min(rows, r0 + T);
    for (let c0 = 0; c0 < cols; c0 += T) {
      transposeTile(from, to, rows, cols, r0, r1, c0, Math.min(cols, c0 + T));
    }
  }
}

/**
 * One tile of transposeRows, rows r0..r1 × columns c0..c1 (a function of its own: no on-stack-replaced
 * inner loop that deoptimises on every exit).
 */
function transposeTile(
  from: Float64Array,
  to: Float64Array,
  rows: number,
  cols: number,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
): void {
  for (let r = r0; r < r1; r++) {
    for (let c = c0, u = r * cols + c0, v = c0 * rows + r; c < c1; c++, u++, v += rows) to[v] = from[u];
  }
}

/**
 * Σ K·|M|², Σ K·|D|², Σ K·Re(Q conj M) over one kx plane ([y][z] positions, P1 × P2) into acc; K from
 * the plane's octant Kp[kz + H2·ky] at the folded frequencies of each position.
 */
function planeSums(
  b: Float64Array[],
  Kp: Float64Array,
  fy: Int32Array,
  fz: Int32Array,
  H2: number,
  P1: number,
  P2: number,
  acc: Float64Array,
): void {
  acc[0] = 0, acc[1] = 0, acc[2] = 0;
  for (let py = 0; py < P1; py++) planeRowSums(b, Kp, H2 * fy[py], P2 * py, fz, P2, acc);
}

/**
 * One y row of {@link planeSums}, added into acc in the same order (a function of its own, so V8
 * optimises it whole instead of leaving an on-stack-replaced inner loop at every row's end).
 */
function planeRowSums(
  b: Float64Array[],
  Kp: Float64Array,
  kb: number,
  qb: number,
  fz: Int32Array,
  P2: number,
  acc: Float64Array,
): void {
  const [mr, mi, dr, di, gr, gi] = b;
  let w = acc[0], sS = acc[1], g = acc[2];
  for (let pz = 0; pz < P2; pz++) {
    const K = Kp[kb + fz[pz]], q = qb + pz;
    const xr = mr[q], xi = mi[q], er = dr[q], ei = di[q];
    w += K * (xr * xr + xi * xi);
    sS += K * (er * er + ei * ei);
    g += K * (gr[q] * xr + gi[q] * xi);
  }
  acc[0] = w, acc[1] = sS, acc[2] = g;
}

/**
 * Spectrum of the kernel k(r) = 1/‖r‖ (0 at the origin) on a P-periodic grid with the given spacing
 * (P per axis a 2^a·3^b·5^c length), returned as its first octant (indices ≤ P/2 per axis) at
 * z + H2·(y + H1·x): z fastest, so each x plane is one contiguous block.
 * The kernel is real and even in each axis, so its spectrum is too: each 1D pass transforms only the
 * lines of the octant (extended evenly to length P) and keeps real parts (a quarter of the work of a
 * full 3D transform and no full-size buffer); lines go 2 × 64 at a time through one complex
 * `fftDifRows` (two real even lines as real and imaginary part: their spectra are real, so they
 * separate exactly).
 */
export function evenKernelSpectrum(
  P: readonly [number, number, number],
  spacing: readonly [number, number, number],
): Float64Array {
  const H = P.map((p) => Math.floor(p / 2) + 1) as [number, number, number];
  const oct = new Float64Array(H[0] * H[1] * H[2]);
  for (let row = 0; row < H[0] * H[1]; row++) inverseDistanceRow(oct, H, spacing, row);
  const strides = [H[1] * H[2], H[2], 1];
  const C = 64;
  for (let axis = 0; axis < 3; axis++) {
    const n = P[axis], h = H[axis], st = strides[axis], { pos } = difPlan(n);
    const [a1, a2] = [0, 1, 2].filter((a) => a !== axis);
    const lines = new Int32Array(H[a1] * H[a2]);
    for (let v = 0, t = 0; v < H[a2]; v++) {
      for (let u = 0; u < H[a1]; u++, t++) lines[t] = u * strides[a1] + v * strides[a2];
    }
    const br = new Float64Array(n * C), bi = new Float64Array(n * C);
    const src = new Int32Array(n);
    for (let k = 0; k < n; k++) src[k] = (k < h ? k : n - k) * st;
    for (let t0 = 0; t0 < lines.length; t0 += 2 * C) {
      const cr = Math.min(C, lines.length - t0), ci = Math.max(0, Math.min(C, lines.length - t0 - C));
      br.fill(0), bi.fill(0);
      gatherEven(oct, lines, t0, cr, src, br, n, C, st === 1);
      gatherEven(oct, lines, t0 + C, ci, src, bi, n, C, st === 1);
      fftDifRows(br, bi, n, C);
      scatterReal(oct, lines, t0, cr, br, pos, h, st, C);
      scatterReal(oct, lines, t0 + C, ci, bi, pos, h, st, C);
    }
  }
  return oct;
}

/** 1/‖r‖ (0 at the origin) along one z row (y + H1·x) of the octant grid (z fastest). */
function inverseDistanceRow(
  oct: Float64Array,
  H: readonly [number, number, number],
  spacing: readonly [number, number, number],
  row: number,
): void {
  const hz = H[2], y = row % H[1], x = (row - y) / H[1];
  const rx = x * spacing[0], ry = y * spacing[1], rx2 = rx * rx, ry2 = ry * ry, sz = spacing[2];
  for (let z = 0, i = row * hz; z < hz; z++, i++) {
    const rz = z * sz, r2 = rx2 + (ry2 + rz * rz);
    oct[i] = r2 > 0 ? 1 / Math.sqrt(r2) : 0;
  }
}

/** oct[lines[t0 + c] + k·st] = buf[pos[k]·C + c] for c < count, k < h (coefficient k read at its position). */
function scatterReal(
  oct: Float64Array,
  lines: Int32Array,
  t0: number,
  count: number,
  buf: Float64Array,
  pos: Int32Array,
  h: number,
  st: number,
  C: number,
): void {
  for (let c = 0; c < count; c++) {
    const b = lines[t0 + c];
    for (let k = 0, o = b; k < h; k++, o += st) oct[o] = buf[pos[k] * C + c];
  }
}

/**
 * buf[k·C + c] = oct[lines[t0 + c] + src[k]] for c < count, k < n (line by line when the lines are
 * contiguous, else row by row: reads in order either way).
 */
function gatherEven(
  oct: Float64Array,
  lines: Int32Array,
  t0: number,
  count: number,
  src: Int32Array,
  buf: Float64Array,
  n: number,
  C: number,
  contiguous: boolean,
): void {
  if (contiguous) {
    for (let c = 0; c < count; c++) {
      const b = lines[t0 + c];
      for (let k = 0, o = c; k < n; k++, o += C) buf[o] = oct[b + src[k]];
    }
  } else {
    for (let k = 0; k < n; k++) {
      const s = src[k], o = k * C;
      for (let c = 0; c < count; c++) buf[o + c] = oct[lines[t0 + c] + s];
    }
  }
}

/** Voxel counts and first moments of one row (y + ny·z) of the morphological and intensity masks into acc. */
function voxelMomentsRow(
  mm: Uint8Array,
  im: Uint8Array,
  iv: Float64Array,
  nx: number,
  ny: number,
  row: number,
  spacing: readonly [number, number, number],
  acc: Float64Array,
): void {
  const yi = row % ny, zi = (row - yi) / ny, i0 = row * nx;
  const y = yi * spacing[1], z = zi * spacing[2], s0 = spacing[0];
  let nm = acc[0], sx = acc[1], sy = acc[2], sz = acc[3];
  let ni = acc[4], si = acc[5], wx = acc[6], wy = acc[7], wz = acc[8];
  for (let xi = 0; xi < nx; xi++) {
    if (!mm[i0 + xi]) continue;
    const x = xi * s0;
    nm++, sx += x, sy += y, sz += z;
    if (im[i0 + xi]) {
      const v = iv[i0 + xi];
      ni++, si += v, wx += v * x, wy += v * y, wz += v * z;
    }
  }
  acc[0] = nm, acc[1] = sx, acc[2] = sy, acc[3] = sz;
  acc[4] = ni, acc[5] = si, acc[6] = wx, acc[7] = wy, acc[8] = wz;
}

/** Centred second moments of one row (y + ny·z) of the morphological mask into cov (xx, yy, zz, xy, xz, yz). */
function voxelCovarianceRow(
  mm: Uint8Array,
  nx: number,
  ny: number,
  row: number,
  spacing: readonly [number, number, number],
  cx: number,
  cy: number,
  cz: number,
  cov: Float64Array,
): void {
  const yi = row % ny, zi = (row - yi) / ny, i0 = row * nx;
  const y = yi * spacing[1] - cy, z = zi * spacing[2] - cz, s0 = spacing[0];
  let cxx = cov[0], cyy = cov[1], czz = cov[2], cxy = cov[3], cxz = cov[4], cyz = cov[5];
  for (let xi = 0; xi < nx; xi++) {
    if (!mm[i0 + xi]) continue;
    const x = xi * s0 - cx;
    cxx += x * x, cyy += y * y, czz += z * z, cxy += x * y, cxz += x * z, cyz += y * z;
  }
  cov[0] = cxx, cov[1] = cyy, cov[2] = czz, cov[3] = cxy, cov[4] = cxz, cov[5] = cyz;
}

/** All morphological features with IBSI reference values (23) plus voxel-count volume. */
export function morphology(roi: DiscretisedRoi): FeatureValue[] {
  const { dims, spacing } = roi;
  const [nx, ny] = dims;
  const mesh = marchingCubes(roi.morphMask, dims, spacing);
  const { volume: V, area: A } = meshVolumeArea(mesh);
  // voxel statistics, row by row (a flat loop over rows calling a function: V8 would otherwise leave
  // its on-stack-replaced inner loop at the end of every row)
  const vox = spacing[0] * spacing[1] * spacing[2];
  const nz = dims[2], mm = roi.morphMask, im = roi.intensityMask, iv = roi.intensity;
  const acc = new Float64Array(9); // nm, sx, sy, sz, ni, si, wx, wy, wz
  for (let row = 0; row < ny * nz; row++) voxelMomentsRow(mm, im, iv, nx, ny, row, spacing, acc);
  const [nm, sx, sy, sz, ni, si, wx, wy, wz] = acc;
  const cx = sx / nm, cy = sy / nm, cz = sz / nm;
  const comShift = Math.hypot(cx - wx / si, cy - wy / si, cz - wz / si);
  const cov = new Float64Array(6); // xx, yy, zz, xy, xz, yz
  for (let row = 0; row < ny * nz; row++) voxelCovarianceRow(mm, nx, ny, row, spacing, cx, cy, cz, cov);
  const [cxx, cyy, czz, cxy, cxz, cyz] = cov;
  const [l1, l2, l3] = symmetricEigenvalues3(
    [cxx, cxy, cxz, cxy, cyy, cyz, cxz, cyz, czz].map((v) => v / (nm - 1)),
  );
  // AABB of the mesh
  const mv = mesh.vertices;
  const mn = [Infinity, Infinity, Infinity], mx = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < mv.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      if (mv[i + k] < mn[k]) mn[k] = mv[i + k];
      if (mv[i + k] > mx[k]) mx[k] = mv[i + k];
    }
  }
  const ext = [0, 1, 2].map((k) => mx[k] - mn[k]);
  const vAabb = ext[0] * ext[1] * ext[2], aAabb = 2 * (ext[0] * ext[1] + ext[0] * ext[2] + ext[1] * ext[2]);
  const hull = convexHull(mv);
  const diameter = maxDistance(hull.vertices.length ? hull.vertices : mv);
  const a = 2 * Math.sqrt(l1), b = 2 * Math.sqrt(l2), c = 2 * Math.sqrt(l3);
  const vAee = (4 * Math.PI * a * b * c) / 3, aAee = ellipsoidArea(a, b, c);
  const { moran, geary } = spatialAutocorrelation(roi.intensity, roi.intensityMask, dims, spacing);
  const F = (name: string, code: string, v: number) => fv("morphology", name, code, v);
  const k36 = 36 * Math.PI * V * V;
  return [
    F("Volume (mesh)", "RNU0", V),
    F("Volume (voxel counting)", "YEKZ", nm * vox),
    F("Surface area (mesh)", "C0JK", A),
    F("Surface to volume ratio", "2PR5", A / V),
    F("Compactness 1", "SKGS", V / (Math.sqrt(Math.PI) * A ** 1.5)),
    F("Compactness 2", "BQWJ", k36 / A ** 3),
    F("Spherical disproportion", "KRCK", A / Math.cbrt(k36)),
    F("Sphericity", "QCFX", Math.cbrt(k36) / A),
    F("Asphericity", "25C7", Math.cbrt(A ** 3 / k36) - 1),
    F("Centre of mass shift", "KLMA", comShift),
    F("Maximum 3D diameter", "L0JK", diameter),
    F("Major axis length", "TDIC", 4 * Math.sqrt(l1)),
    F("Minor axis length", "P9VJ", 4 * Math.sqrt(l2)),
    F("Least axis length", "7J51", 4 * Math.sqrt(l3)),
    F("Elongation", "Q3CK", Math.sqrt(l2 / l1)),
    F("Flatness", "N17B", Math.sqrt(l3 / l1)),
    F("Volume density (axis-aligned bounding box)", "PBX1", V / vAabb),
    F("Area density (axis-aligned bounding box)", "R59B", A / aAabb),
    F("Volume density (approximate enclosing ellipsoid)", "6BDE", V / vAee),
    F("Area density (approximate enclosing ellipsoid)", "RDD2", A / aAee),
    F("Volume density (convex hull)", "R3ER", V / hull.volume),
    F("Area density (convex hull)", "7T7F", A / hull.area),
    F("Integrated intensity", "99N0", V * (si / ni)),
    F("Moran's I index", "N365", moran),
    F("Geary's C measure", "NPT7", geary),
  ];
}
