/**
 * Local intensity features (IBSI 1, section 3.2): the mean intensity in a sphere of 1 cm³
 * (radius r = (3/(4π))^{1/3} cm ≈ 6.2035 mm) centred on a voxel, over all image voxels whose centres
 * lie within r (inside or outside the ROI).
 * - Local intensity peak (VJGA): the sphere mean around the ROI voxel of maximum intensity (when
 *   several share the maximum, the largest of their sphere means).
 * - Global intensity peak (0F91): the largest sphere mean over all ROI voxels.
 * Voxels are those of the intensity mask; the image is the cropped, interpolated image, which keeps a
 * margin (≥ r) of voxels around the ROI.
 */
import type { PreprocessedRoi } from "./preprocess.ts";
import { type FeatureValue, fv } from "./feature.ts";

/**
 * Both local intensity features. The sphere is decomposed into x-rows: for each (dy, dz) with a
 * non-empty row, the offsets dx with (dx·sx)² + (dy·sy)² + (dz·sz)² ≤ r² form the run [−a, a], so a
 * sphere sum is Σ over rows of row-box sums BX_a(x, y + dy, z + dz) = Σ_{|x' − x| ≤ a} img(x', …), each a
 * difference of per-row prefix sums (rows clipped at the grid's edges; the count is the number of voxels
 * inside the grid). The box sums of every distinct a are kept for the 2·max|dz| + 1 slices around the
 * current one (a ring, filled slice by slice), so each row costs one read per voxel. Exact up to
 * floating-point rounding, O(ROI voxels × rows) instead of O(ROI voxels × sphere voxels).
 */
export function localIntensity(roi: PreprocessedRoi): FeatureValue[] {
  const [nx, ny, nz] = roi.dims, [sx, sy, sz] = roi.spacing;
  const r = 10 * Math.cbrt(3 / (4 * Math.PI));
  const mx = Math.floor(r / sx), my = Math.floor(r / sy), mz = Math.floor(r / sz);
  const ry: number[] = [], rz: number[] = [], rr: number[] = [];
  for (let dz = -mz; dz <= mz; dz++) {
    for (let dy = -my; dy <= my; dy++) {
      let a = -1;
      for (let dx = 0; dx <= mx; dx++) {
        if ((dx * sx) ** 2 + (dy * sy) ** 2 + (dz * sz) ** 2 <= r * r + 1e-9) a = dx;
      }
      if (a >= 0) ry.push(dy), rz.push(dz), rr.push(a);
    }
  }
  const rdy = Int32Array.from(ry), rdz = Int32Array.from(rz), ra = Int32Array.from(rr);
  const R = ra.length;
  // distinct half-lengths a (index of each row's), the ring of W slices of box sums per a
  const aList = [...new Set(rr)].sort((p, q) => p - q);
  const rai = Int32Array.from(rr, (a) => aList.indexOf(a));
  let nInside = 0, aMax = 0, dyMax = 0, dzMax = 0;
  for (let t = 0; t < R; t++) {
    nInside += 2 * ra[t] + 1;
    aMax = Math.max(aMax, ra[t]),
      dyMax = Math.max(dyMax, Math.abs(rdy[t])),
      dzMax = Math.max(dzMax, Math.abs(rdz[t]));
  }
  const W = 2 * dzMax + 1, plane = nx * ny, NA = aList.length;
  const ring = new Float64Array(NA * W * plane);
  const pre = new Float64Array(nx + 1), al = Int32Array.from(aList);
  const img = roi.image, mask = roi.intensityMask;
  let maxI = -Infinity;
  for (let i = 0; i < mask.length; i++) if (mask[i] && roi.intensity[i] > maxI) maxI = roi.intensity[i];
  const peaks = new Float64Array([-Infinity, -Infinity]); // local, global
  const geo = Int32Array.of(nx, ny, nz, aMax, dyMax, dzMax, R, nInside, W, plane);
  const off = new Int32Array(R), zin = new Uint8Array(R);
  // one slice at a time, and in it one row (y, z) at a time (functions: V8 would otherwise leave its
  // on-stack-replaced inner loops at the end of every row and slice)
  for (let z = 0; z < nz; z++) {
    // slices up to z + dzMax get their box sums (each once, in order)
    if (z === 0) { for (let f = 0; f < nz && f <= dzMax; f++) boxSlice(img, f, nx, ny, al, W, ring, pre); }
    else if (z + dzMax < nz) boxSlice(img, z + dzMax, nx, ny, al, W, ring, pre);
    rowOffsets(z, nz, nx, W, plane, rdy, rdz, rai, off, zin);
    for (let y = 0; y < ny; y++) {
      peakRow(ring, mask, roi.intensity, maxI, y, z, geo, off, zin, rdy, ra, peaks);
    }
  }
  const [local, global] = peaks;
  return [
    fv("local_intensity", "Local intensity peak", "VJGA", local),
    fv("local_intensity", "Global intensity peak", "0F91", global),
  ];
}

/** Ring offset (box-sum slot of the row's slice and a, plus its y shift) of each sphere row at slice z; zin[t] = 0 outside. */
function rowOffsets(
  z: number,
  nz: number,
  nx: number,
  W: number,
  plane: number,
  rdy: Int32Array,
  rdz: Int32Array,
  rai: Int32Array,
  off: Int32Array,
  zin: Uint8Array,
): void {
  for (let t = 0; t < off.length; t++) {
    const Z = z + rdz[t];
    zin[t] = Z < 0 || Z >= nz ? 0 : 1;
    off[t] = zin[t] ? (rai[t] * W + (Z % W)) * plane + rdy[t] * nx : 0;
  }
}

/**
 * Box sums of slice z into its ring slot: for each half-length al[ai] and voxel (x, y),
 * Σ img over x' ∈ [max(0, x − a), min(nx − 1, x + a)] as a difference of the row's prefix sums.
 */
function boxSlice(
  img: Float64Array,
  z: number,
  nx: number,
  ny: number,
  al: Int32Array,
  W: number,
  ring: Float64Array,
  pre: Float64Array,
): void {
  const plane = nx * ny;
  for (let y = 0; y < ny; y++) boxRow(img, y, z, nx, ny, al, W, plane, ring, pre);
}

/**
 * The box sums of row (y, z) for every half-length (boxSlice's rows as a function of their own: no
 * on-stack-replaced inner loop left at the end of every row).
 */
function boxRow(
  img: Float64Array,
  y: number,
  z: number,
  nx: number,
  ny: number,
  al: Int32Array,
  W: number,
  plane: number,
  ring: Float64Array,
  pre: Float64Array,
): void {
  const bi = (y + ny * z) * nx;
  let acc = 0;
  for (let x = 0; x < nx; x++) pre[x + 1] = acc += img[bi + x];
  for (let ai = 0; ai < al.length; ai++) {
    const a = al[ai], o = (ai * W + (z % W)) * plane + y * nx;
    for (let x = 0; x < nx; x++) {
      const x0 = x - a < 0 ? 0 : x - a, x1 = x + a >= nx ? nx - 1 : x + a;
      ring[o + x] = pre[x1 + 1] - pre[x0];
    }
  }
}

/**
 * Sphere means at the ROI voxels of row (y, z); peaks[1] takes their maximum, peaks[0] the maximum at
 * voxels of intensity maxI. geo = [nx, ny, nz, aMax, dyMax, dzMax, R, nInside, W, plane]; off[t] the
 * ring offset of row t's box sums for this z, zin[t] = 0 when its slice lies outside the grid.
 */
function peakRow(
  ring: Float64Array,
  mask: Uint8Array,
  intensity: Float64Array,
  maxI: number,
  y: number,
  z: number,
  geo: Int32Array,
  off: Int32Array,
  zin: Uint8Array,
  rdy: Int32Array,
  ra: Int32Array,
  peaks: Float64Array,
): void {
  const nx = geo[0], ny = geo[1], nz = geo[2], aMax = geo[3], dyMax = geo[4], dzMax = geo[5];
  const R = geo[6], nInside = geo[7];
  const i0 = (y + ny * z) * nx, yb = y * nx;
  const inner = y >= dyMax && y < ny - dyMax && z >= dzMax && z < nz - dzMax;
  let local = peaks[0], global = peaks[1];
  for (let x = 0; x < nx; x++) {
    if (!mask[i0 + x]) continue;
    const m = inner && x >= aMax && x < nx - aMax
      ? interiorSum(ring, yb + x, off, R) / nInside
      : edgeMean(ring, x, y, nx, ny, off, zin, rdy, ra, R);
    if (m > global) global = m;
    if (intensity[i0 + x] === maxI && m > local) local = m;
  }
  peaks[0] = local, peaks[1] = global;
}

/** Σ of the sphere's row-box sums at in-plane position p (the whole sphere inside the grid). */
function interiorSum(ring: Float64Array, p: number, off: Int32Array, R: number): number {
  let s = 0;
  for (let t = 0; t < R; t++) s += ring[off[t] + p];
  return s;
}

/** Mean over the sphere's voxels inside the grid around (x, y, z): rows clipped at the grid's edges. */
function edgeMean(
  ring: Float64Array,
  x: number,
  y: number,
  nx: number,
  ny: number,
  off: Int32Array,
  zin: Uint8Array,
  rdy: Int32Array,
  ra: Int32Array,
  R: number,
): number {
  let s = 0, c = 0;
  for (let t = 0; t < R; t++) {
    const Y = y + rdy[t];
    if (!zin[t] || Y < 0 || Y >= ny) continue;
    const a = ra[t];
    const x0 = x - a < 0 ? 0 : x - a, x1 = x + a >= nx ? nx - 1 : x + a;
    s += ring[off[t] + y * nx + x];
    c += x1 - x0 + 1;
  }
  return s / c;
}
