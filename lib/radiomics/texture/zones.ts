/**
 * Zones and the distance-to-border map shared by GLSZM and GLDZM.
 *
 * A zone is a maximal set of ROI voxels of one grey level connected at Chebyshev distance 1 (IBSI:
 * 26-connectivity in 3D, 8-connectivity in a slice for 2D). The distance map gives each voxel of the
 * morphological mask the number of face steps (Manhattan norm: 6-connectivity in 3D, 4 in a slice) to the
 * nearest voxel outside the mask; voxels on the border get 1 (IBSI GLDZM section). The image/box edge counts
 * as outside.
 */
import type { CompactRoi } from "./levels.ts";
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
 * Label the zones of `roi`, in-slice (`dim` "2D") or in 3D, with an explicit stack (no recursion, one pass).
 * With `dist` (from `borderDistance`), each zone also gets its minimum distance.
 */
export function labelZones(roi: CompactRoi, dim: "2D" | "3D", dist?: Int32Array): Zones {
  const { nx, ny, nz, index } = roi;
  const offs = chebyshevNeighbourhood(dim, 1);
  const K = offs.length;
  const ox = Int32Array.from(offs, (o) => o[0]), oy = Int32Array.from(offs, (o) => o[1]);
  const oz = Int32Array.from(offs, (o) => o[2]);
  const n = nx * ny * nz;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(Math.max(1, roi.nVoxels));
  const level: number[] = [], size: number[] = [], slice: number[] = [], distance: number[] = [];
  for (let k0 = 0; k0 < n; k0++) {
    const g = index[k0];
    if (g < 0 || seen[k0]) continue;
    seen[k0] = 1;
    let top = 0;
    stack[top++] = k0;
    let sz = 0;
    let dmin = dist ? 0x7fffffff : 0;
    while (top > 0) {
      const k = stack[--top];
      sz++;
      if (dist && dist[k] < dmin) dmin = dist[k];
      const x = k % nx, r = (k - x) / nx, y = r % ny, z = (r - y) / ny;
      for (let t = 0; t < K; t++) {
        const qx = x + ox[t], qy = y + oy[t], qz = z + oz[t];
        if (qx < 0 || qx >= nx || qy < 0 || qy >= ny || qz < 0 || qz >= nz) continue;
        const q = qx + nx * (qy + ny * qz);
        if (seen[q] || index[q] !== g) continue;
        seen[q] = 1;
        stack[top++] = q;
      }
    }
    level.push(g);
    size.push(sz);
    slice.push(Math.floor(k0 / (nx * ny)));
    distance.push(dmin);
  }
  return {
    count: level.length,
    level: Int32Array.from(level),
    size: Int32Array.from(size),
    slice: Int32Array.from(slice),
    distance: Int32Array.from(distance),
  };
}

/**
 * Distance of every morphological-mask voxel to the mask border (1 on the border), by breadth-first search
 * from the border with face neighbours (6 in 3D, 4 in-slice for "2D"); 0 outside the mask.
 */
export function borderDistance(roi: CompactRoi, dim: "2D" | "3D"): Int32Array {
  const { nx, ny, nz, morph } = roi;
  const offs = faceNeighbourhood(dim);
  const K = offs.length;
  const n = nx * ny * nz;
  const dist = new Int32Array(n);
  const queue = new Int32Array(Math.max(1, n));
  let head = 0, tail = 0;
  const inside = (x: number, y: number, z: number) =>
    x >= 0 && x < nx && y >= 0 && y < ny && z >= 0 && z < nz && morph[x + nx * (y + ny * z)] !== 0;
  for (let z = 0, k = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, k++) {
        if (!morph[k]) continue;
        for (let t = 0; t < K; t++) {
          if (!inside(x + offs[t][0], y + offs[t][1], z + offs[t][2])) {
            dist[k] = 1;
            queue[tail++] = k;
            break;
          }
        }
      }
    }
  }
  while (head < tail) {
    const k = queue[head++];
    const x = k % nx, r = (k - x) / nx, y = r % ny, z = (r - y) / ny;
    for (let t = 0; t < K; t++) {
      const qx = x + offs[t][0], qy = y + offs[t][1], qz = z + offs[t][2];
      if (!inside(qx, qy, qz)) continue;
      const q = qx + nx * (qy + ny * qz);
      if (dist[q] !== 0) continue;
      dist[q] = dist[k] + 1;
      queue[tail++] = q;
    }
  }
  return dist;
}
