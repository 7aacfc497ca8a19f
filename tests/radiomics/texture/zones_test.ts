import { assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import { borderDistance, labelZones } from "../../../lib/radiomics/texture/zones.ts";
import { createRng } from "../../../lib/random/rng.ts";

function randomRoi(seed: number, dims: readonly [number, number, number], nLevels: number, change: number) {
  const rng = createRng(seed);
  const levels = new Int32Array(dims[0] * dims[1] * dims[2]);
  const morphMask = new Uint8Array(levels.length);
  let g = 1;
  for (let i = 0; i < levels.length; i++) {
    if (rng.uniform() < change) g = 1 + Math.floor(rng.uniform() * nLevels);
    const inMorph = rng.uniform() < 0.9;
    morphMask[i] = inMorph ? 1 : 0;
    levels[i] = inMorph && rng.uniform() < 0.9 ? g : 0;
  }
  return compactRoi({ dims, levels, nLevels, morphMask });
}

// reference: flood fill of each zone voxel by voxel (26- or 8-connected), sizes and minimum distances
// listed in the order of each zone's first voxel
function floodZones(roi: ReturnType<typeof compactRoi>, dim: "2D" | "3D", dist: Int32Array) {
  const { nx, ny, nz, index } = roi;
  const seen = new Uint8Array(index.length);
  const out: [number, number, number][] = [];
  for (let s = 0; s < index.length; s++) {
    if (index[s] < 0 || seen[s]) continue;
    const g = index[s];
    let size = 0, dmin = Infinity;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      size++;
      dmin = Math.min(dmin, dist[k]);
      const x = k % nx, y = Math.floor(k / nx) % ny, z = Math.floor(k / (nx * ny));
      for (let dz = dim === "3D" ? -1 : 0; dz <= (dim === "3D" ? 1 : 0); dz++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const X = x + dx, Y = y + dy, Z = z + dz;
            if (X < 0 || Y < 0 || Z < 0 || X >= nx || Y >= ny || Z >= nz) continue;
            const q = X + nx * (Y + ny * Z);
            if (index[q] === g && !seen[q]) seen[q] = 1, stack.push(q);
          }
        }
      }
    }
    out.push([g, size, dmin]);
  }
  return out;
}

// reference: breadth-first search from the border through the mask with face steps
function bfsDistance(roi: ReturnType<typeof compactRoi>, dim: "2D" | "3D"): number[] {
  const { nx, ny, nz, morph } = roi;
  const inside = (x: number, y: number, z: number) =>
    x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && morph[x + nx * (y + ny * z)] === 1;
  const faces = [
    [1, 0, 0],
    [-1, 0, 0],
    [0, 1, 0],
    [0, -1, 0],
    ...(dim === "3D" ? [[0, 0, 1], [0, 0, -1]] : []),
  ];
  const d = new Array<number>(morph.length).fill(0);
  let frontier: number[] = [];
  for (let k = 0; k < morph.length; k++) {
    if (!morph[k]) continue;
    const x = k % nx, y = Math.floor(k / nx) % ny, z = Math.floor(k / (nx * ny));
    if (faces.some(([a, b, c]) => !inside(x + a, y + b, z + c))) d[k] = 1, frontier.push(k);
  }
  for (let level = 2; frontier.length; level++) {
    const next: number[] = [];
    for (const k of frontier) {
      const x = k % nx, y = Math.floor(k / nx) % ny, z = Math.floor(k / (nx * ny));
      for (const [a, b, c] of faces) {
        if (!inside(x + a, y + b, z + c)) continue;
        const q = x + a + nx * (y + b + ny * (z + c));
        if (d[q] === 0) d[q] = level, next.push(q);
      }
    }
    frontier = next;
  }
  return d;
}

const CASES = [
  { seed: 1, dims: [13, 11, 9] as const, nLevels: 4, change: 0.3 },
  { seed: 2, dims: [9, 14, 10] as const, nLevels: 2, change: 0.05 },
  { seed: 3, dims: [16, 5, 7] as const, nLevels: 9, change: 0.9 },
];

Deno.test("borderDistance equals a breadth-first search through the mask, 2D and 3D", () => {
  for (const { seed, dims, nLevels, change } of CASES) {
    const roi = randomRoi(seed, dims, nLevels, change);
    for (const dim of ["2D", "3D"] as const) {
      assertEquals(Array.from(borderDistance(roi, dim)), bfsDistance(roi, dim), `seed ${seed}, ${dim}`);
    }
  }
});

Deno.test("labelZones finds the flood-filled zones (level, size, minimum distance) in first-voxel order", () => {
  for (const { seed, dims, nLevels, change } of CASES) {
    const roi = randomRoi(seed, dims, nLevels, change);
    for (const dim of ["2D", "3D"] as const) {
      const dist = borderDistance(roi, dim);
      const z = labelZones(roi, dim, dist);
      const got = Array.from({ length: z.count }, (_, i) => [z.level[i], z.size[i], z.distance[i]]);
      assertEquals(got, floodZones(roi, dim, dist), `seed ${seed}, ${dim}`);
    }
  }
});
