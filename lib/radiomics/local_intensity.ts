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

/** Both local intensity features. */
export function localIntensity(roi: PreprocessedRoi): FeatureValue[] {
  const [nx, ny, nz] = roi.dims, [sx, sy, sz] = roi.spacing;
  const r = 10 * Math.cbrt(3 / (4 * Math.PI));
  const offs: number[][] = [];
  const mx = Math.floor(r / sx), my = Math.floor(r / sy), mz = Math.floor(r / sz);
  for (let dz = -mz; dz <= mz; dz++) {
    for (let dy = -my; dy <= my; dy++) {
      for (let dx = -mx; dx <= mx; dx++) {
        if ((dx * sx) ** 2 + (dy * sy) ** 2 + (dz * sz) ** 2 <= r * r + 1e-9) offs.push([dx, dy, dz]);
      }
    }
  }
  const img = roi.image, mask = roi.intensityMask;
  const sphereMean = (x: number, y: number, z: number): number => {
    let s = 0, c = 0;
    for (const [dx, dy, dz] of offs) {
      const X = x + dx, Y = y + dy, Z = z + dz;
      if (X < 0 || Y < 0 || Z < 0 || X >= nx || Y >= ny || Z >= nz) continue;
      s += img[X + nx * (Y + ny * Z)];
      c++;
    }
    return s / c;
  };
  let maxI = -Infinity;
  for (let i = 0; i < mask.length; i++) if (mask[i] && roi.intensity[i] > maxI) maxI = roi.intensity[i];
  let local = -Infinity, global = -Infinity;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!mask[i]) continue;
        const m = sphereMean(x, y, z);
        if (m > global) global = m;
        if (roi.intensity[i] === maxI && m > local) local = m;
      }
    }
  }
  return [
    fv("local_intensity", "Local intensity peak", "VJGA", local),
    fv("local_intensity", "Global intensity peak", "0F91", global),
  ];
}
