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
 * sphere sum is Σ over rows of a difference of per-row prefix sums of the image (rows clipped at the
 * grid's edges; the count is the number of voxels inside the grid). Exact up to floating-point
 * rounding, O(ROI voxels × rows) instead of O(ROI voxels × sphere voxels).
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
  const img = roi.image, mask = roi.intensityMask;
  // prefix sums per x-row: pre[(y + ny·z)·(nx + 1) + x] = Σ_{x' < x} img[x', y, z]
  const w = nx + 1;
  const pre = new Float64Array(w * ny * nz);
  for (let row = 0; row < ny * nz; row++) {
    let acc = 0;
    const b = row * w, bi = row * nx;
    for (let x = 0; x < nx; x++) pre[b + x + 1] = acc += img[bi + x];
  }
  // flat offsets of each row's run ends, for voxels whose whole sphere lies inside the grid
  const offHi = new Int32Array(R), offLo = new Int32Array(R);
  let nInside = 0, aMax = 0, dyMax = 0, dzMax = 0;
  for (let t = 0; t < R; t++) {
    const o = (rdy[t] + ny * rdz[t]) * w;
    offHi[t] = o + ra[t] + 1, offLo[t] = o - ra[t];
    nInside += 2 * ra[t] + 1;
    aMax = Math.max(aMax, ra[t]),
      dyMax = Math.max(dyMax, Math.abs(rdy[t])),
      dzMax = Math.max(dzMax, Math.abs(rdz[t]));
  }
  let maxI = -Infinity;
  for (let i = 0; i < mask.length; i++) if (mask[i] && roi.intensity[i] > maxI) maxI = roi.intensity[i];
  // one row (y, z) at a time (a flat loop over rows calling a function: V8 would otherwise leave its
  // on-stack-replaced inner loop at the end of every row)
  const peaks = new Float64Array([-Infinity, -Infinity]); // local, global
  const geo = Int32Array.of(nx, ny, nz, aMax, dyMax, dzMax, R, nInside);
  for (let row = 0; row < ny * nz; row++) {
    peakRow(pre, mask, roi.intensity, maxI, row, geo, offHi, offLo, rdy, rdz, ra, peaks);
  }
  const [local, global] = peaks;
  return [
    fv("local_intensity", "Local intensity peak", "VJGA", local),
    fv("local_intensity", "Global intensity peak", "0F91", global),
  ];
}

/**
 * Sphere means at the ROI voxels of one row (index y + ny·z); peaks[1] takes their maximum, peaks[0]
 * the maximum at voxels of intensity maxI. geo = [nx, ny, nz, aMax, dyMax, dzMax, R, nInside].
 */
function peakRow(
  pre: Float64Array,
  mask: Uint8Array,
  intensity: Float64Array,
  maxI: number,
  row: number,
  geo: Int32Array,
  offHi: Int32Array,
  offLo: Int32Array,
  rdy: Int32Array,
  rdz: Int32Array,
  ra: Int32Array,
  peaks: Float64Array,
): void {
  const nx = geo[0], ny = geo[1], nz = geo[2], aMax = geo[3], dyMax = geo[4], dzMax = geo[5];
  const R = geo[6], nInside = geo[7];
  const y = row % ny, z = (row - y) / ny, i0 = row * nx;
  const inner = y >= dyMax && y < ny - dyMax && z >= dzMax && z < nz - dzMax;
  let local = peaks[0], global = peaks[1];
  for (let x = 0; x < nx; x++) {
    if (!mask[i0 + x]) continue;
    const m = inner && x >= aMax && x < nx - aMax
      ? interiorSum(pre, row * (nx + 1) + x, offHi, offLo, R) / nInside
      : edgeMean(pre, x, y, z, nx, ny, nz, rdy, rdz, ra, R);
    if (m > global) global = m;
    if (intensity[i0 + x] === maxI && m > local) local = m;
  }
  peaks[0] = local, peaks[1] = global;
}

/** Σ of the sphere's rows around flat position b of the prefix-sum grid (the whole sphere inside the grid). */
function interiorSum(pre: Float64Array, b: number, offHi: Int32Array, offLo: Int32Array, R: number): number {
  let s = 0;
  for (let t = 0; t < R; t++) s += pre[b + offHi[t]] - pre[b + offLo[t]];
  return s;
}

/** Mean over the sphere's voxels inside the grid around (x, y, z): rows clipped at the grid's edges. */
function edgeMean(
  pre: Float64Array,
  x: number,
  y: number,
  z: number,
  nx: number,
  ny: number,
  nz: number,
  rdy: Int32Array,
  rdz: Int32Array,
  ra: Int32Array,
  R: number,
): number {
  const w = nx + 1;
  let s = 0, c = 0;
  for (let t = 0; t < R; t++) {
    const Y = y + rdy[t], Z = z + rdz[t];
    if (Y < 0 || Z < 0 || Y >= ny || Z >= nz) continue;
    const a = ra[t];
    const x0 = x - a < 0 ? 0 : x - a, x1 = x + a >= nx ? nx - 1 : x + a;
    const b = (Y + ny * Z) * w;
    s += pre[b + x1 + 1] - pre[b + x0];
    c += x1 - x0 + 1;
  }
  return s / c;
}
