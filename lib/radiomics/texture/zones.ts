/**
 * Zones and the distance-to-border map shared by GLSZM and GLDZM.
 *
 * A zone is a maximal set of ROI voxels of one grey level connected at Chebyshev distance 1 (IBSI:
 * 26-connectivity in 3D, 8-connectivity in a slice for 2D). The distance map gives each voxel of the
 * morphological mask the number of face steps (Manhattan norm: 6-connectivity in 3D, 4 in a slice) to the
 * nearest voxel outside the mask; voxels on the border get 1 (IBSI GLDZM section). The image/box edge counts
 * as outside.
 */
import { type CompactRoi, flatSteps, paddedGrid } from "./levels.ts";
import { chebyshevNeighbourhood, faceNeighbourhood } from "./directions.ts";

/** The zones of a ROI, one entry per zone. */
export interface Zones {
  readonly count: number;
  /** Compact grey-level index of each zone. */
  readonly level: Int32Array;
  /** Number of voxels of each zone. */
  readonly size: Int32Array;
  /** Slice (z in the box) of each zone; for 3D zones the slice of the first voxel. */
  readonly slice: Int32Array;
  /** Minimum distance to the border over the zone's voxels (when a distance map was given), else 0. */
  readonly distance: Int32Array;
}

/**
 * Label the zones of `roi`, in-slice (`dim` "2D") or in 3D, with an explicit stack (no recursion, one pass)
 * on the padded grid (levels.ts `paddedGrid`, so neighbours need no bounds checks). Zones are numbered in
 * the order of their first voxel (z, then y, then x). With `dist` (from `borderDistance`), each zone also
 * gets its minimum distance.
 */
export function labelZones(roi: CompactRoi, dim: "2D" | "3D", dist?: Int32Array): Zones {
  const { nz } = roi;
  const pg = paddedGrid(roi, 1);
  const step = flatSteps(chebyshevNeighbourhood(dim, 1), pg);
  const K = step.length;
  const P = pg.index, vox = pg.voxels;
  // distances moved onto the padded grid
  let pd: Int32Array | undefined;
  if (dist) {
    pd = new Int32Array(P.length);
    const { nx, ny } = roi;
    for (let z = 0, k = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        const b = 1 + pg.px * (y + 1 + pg.py * (z + 1));
        for (let x = 0; x < nx; x++, k++) pd[b + x] = dist[k];
      }
    }
  }
  const seen = new Uint8Array(P.length);
  const stack = new Int32Array(Math.max(1, roi.nVoxels));
  const nV = vox.length;
  let level = new Int32Array(64), size = new Int32Array(64), slice = new Int32Array(64), distance = new Int32Array(64);
  let count = 0;
  let z = 0;
  for (let v = 0; v < nV; v++) {
    while (v >= pg.sliceStart[z + 1]) z++;
    const k0 = vox[v];
    if (seen[k0]) continue;
    const g = P[k0];
    seen[k0] = 1;
    let top = 0;
    stack[top++] = k0;
    let sz = 0;
    let dmin = pd ? 0x7fffffff : 0;
    while (top > 0) {
      const k = stack[--top];
      sz++;
      if (pd && pd[k] < dmin) dmin = pd[k];
      for (let t = 0; t < K; t++) {
        const q = k + step[t];
        if (seen[q] || P[q] !== g) continue;
        seen[q] = 1;
        stack[top++] = q;
      }
    }
    if (count === level.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      level = grow(level), size = grow(size), slice = grow(slice), distance = grow(distance);
    }
    level[count] = g, size[count] = sz, slice[count] = z, distance[count] = dmin;
    count++;
  }
  return {
    count,
    level: level.slice(0, count),
    size: size.slice(0, count),
    slice: slice.slice(0, count),
    distance: distance.slice(0, count),
  };
}

/**
 * Distance of every morphological-mask voxel to the mask border (1 on the border), by breadth-first search
 * from the border with face neighbours (6 in 3D, 4 in-slice for "2D"); 0 outside the mask. Runs on the
 * mask padded by one voxel of "outside" per side (the box edge counts as outside).
 */
export function borderDistance(roi: CompactRoi, dim: "2D" | "3D"): Int32Array {
  const { nx, ny, nz, morph } = roi;
  const px = nx + 2, py = ny + 2, pz = nz + 2;
  const pm = new Uint8Array(px * py * pz);
  for (let z = 0, k = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const b = 1 + px * (y + 1 + py * (z + 1));
      for (let x = 0; x < nx; x++, k++) pm[b + x] = morph[k];
    }
  }
  const step = Int32Array.from(faceNeighbourhood(dim), ([dx, dy, dz]) => dx + px * (dy + py * dz));
  const K = step.length;
  const pdist = new Int32Array(pm.length);
  const queue = new Int32Array(Math.max(1, nx * ny * nz));
  let head = 0, tail = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const b = 1 + px * (y + 1 + py * (z + 1));
      for (let x = 0; x < nx; x++) {
        const k = b + x;
        if (!pm[k]) continue;
        for (let t = 0; t < K; t++) {
          if (!pm[k + step[t]]) {
            pdist[k] = 1;
            queue[tail++] = k;
            break;
          }
        }
      }
    }
  }
  while (head < tail) {
    const k = queue[head++];
    const d = pdist[k] + 1;
    for (let t = 0; t < K; t++) {
      const q = k + step[t];
      if (!pm[q] || pdist[q] !== 0) continue;
      pdist[q] = d;
      queue[tail++] = q;
    }
  }
  const dist = new Int32Array(nx * ny * nz);
  for (let z = 0, k = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const b = 1 + px * (y + 1 + py * (z + 1));
      for (let x = 0; x < nx; x++, k++) dist[k] = pdist[b + x];
    }
  }
  return dist;
}
