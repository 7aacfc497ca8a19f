/**
 * Directions and neighbourhoods of the IBSI texture families.
 *
 * - Co-occurrence (GLCM) and run-length (GLRLM) matrices use the *unique* directions of a neighbourhood at
 *   Chebyshev distance 1 (IBSI PVMT): 13 in 3D (26 neighbours, each direction and its opposite counted once)
 *   and 4 in a slice (8 neighbours: 0°, 45°, 90°, 135°).
 * - Zones (GLSZM, GLDZM) join voxels at Chebyshev distance 1: 26-connected in 3D, 8-connected in 2D.
 * - The GLDZM distance map counts steps to the ROI border with 6-connectivity in 3D, 4 in 2D (Manhattan
 *   norm, IBSI LIFZ).
 * - NGTDM and NGLDM take the neighbourhood of Chebyshev distance δ around the centre voxel (centre excluded):
 *   (2δ+1)³ − 1 voxels in 3D, (2δ+1)² − 1 in a slice.
 *
 * Offsets are (dx, dy, dz) in voxel index units; z is the slice axis (NIfTI k).
 * Reference: IBSI reference manual (Zwanenburg et al., Radiology 2020; theibsi/ibsi-doc, chapter Image
 * features, sections Grid distances and the texture families).
 */

/** One offset in voxel units. */
export type Offset = readonly [number, number, number];

/** The 13 unique 3D directions at Chebyshev distance 1 (one of each opposite pair). */
export const DIRECTIONS_3D: readonly Offset[] = [
  [1, 0, 0],
  [0, 1, 0],
  [1, 1, 0],
  [1, -1, 0],
  [0, 0, 1],
  [1, 0, 1],
  [1, 0, -1],
  [0, 1, 1],
  [0, 1, -1],
  [1, 1, 1],
  [1, 1, -1],
  [1, -1, 1],
  [1, -1, -1],
];

/** The 4 unique in-slice directions at Chebyshev distance 1: 0°, 45°, 90°, 135°. */
export const DIRECTIONS_2D: readonly Offset[] = [[1, 0, 0], [1, 1, 0], [0, 1, 0], [-1, 1, 0]];

/** Directions of a texture computation: 2D (in-slice) or 3D. */
export function directions(dim: "2D" | "3D"): readonly Offset[] {
  return dim === "2D" ? DIRECTIONS_2D : DIRECTIONS_3D;
}

/**
 * All offsets at Chebyshev distance 1..δ from the centre (centre excluded), in-slice only for 2D.
 * δ = 1 gives 26 offsets in 3D and 8 in 2D.
 */
export function chebyshevNeighbourhood(dim: "2D" | "3D", delta = 1): Offset[] {
  if (!Number.isInteger(delta) || delta < 1) {
    throw new RangeError(`option "distance": must be an integer >= 1, got ${delta}`);
  }
  const out: Offset[] = [];
  const dzMax = dim === "2D" ? 0 : delta;
  for (let dz = -dzMax; dz <= dzMax; dz++) {
    for (let dy = -delta; dy <= delta; dy++) {
      for (let dx = -delta; dx <= delta; dx++) {
        if (dx !== 0 || dy !== 0 || dz !== 0) out.push([dx, dy, dz]);
      }
    }
  }
  return out;
}

/** Face neighbours (Manhattan distance 1): 6 in 3D, 4 in a slice. */
export function faceNeighbourhood(dim: "2D" | "3D"): Offset[] {
  const out: Offset[] = [[-1, 0, 0], [1, 0, 0], [0, -1, 0], [0, 1, 0]];
  if (dim === "3D") out.push([0, 0, -1], [0, 0, 1]);
  return out;
}
