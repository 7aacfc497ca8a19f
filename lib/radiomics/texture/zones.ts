/**
 * Zones and the distance-to-border map shared by GLSZM and GLDZM.
 *
 * A zone is a maximal set of ROI voxels of one grey level connected at Chebyshev distance 1 (IBSI:
 * 26-connectivity in 3D, 8-connectivity in a slice for 2D). The distance map gives each voxel of the
 * morphological mask the number of face steps (Manhattan norm: 6-connectivity in 3D, 4 in a slice) to the
 * nearest voxel outside the mask; voxels on the border get 1 (IBSI GLDZM section). The image/box edge counts
 * as outside.
 */
import { type CompactRoi, paddedGrid } from "./levels.ts";

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
 * Label the zones of `roi`, in-slice (`dim` "2D") or in 3D, by runs: the ROI is cut into maximal x-runs
 * of one grey level, and runs of the same level in neighbouring rows that touch at Chebyshev distance 1
 * (x-ranges overlapping after widening by one voxel; rows (y − 1, z) in 2D, also (y − 1…y + 1, z − 1) in
 * 3D) are joined by union–find. Zones are numbered in the order of their first voxel (z, then y, then x).
 * With `dist` (from `borderDistance`), each zone also gets its minimum distance.
 *
 * One raster pass: each run, once cut, scans the grey levels of its widened x-range in the (already
 * labelled) neighbour rows of the padded grid and joins the run of each stretch of its own level found
 * there (a run number per padded voxel; the padding reads "outside"), so no run list is merged.
 */
export function labelZones(roi: CompactRoi, dim: "2D" | "3D", dist?: Int32Array): Zones {
  const { nx, ny, nz } = roi;
  const pg = paddedGrid(roi, 1);
  const P = pg.index, px = pg.px, py = pg.py, plane = px * py;
  const runs = runScratch(P.length, roi.nVoxels);
  const { runOf, start, len, level: rl, parent } = runs;
  let nr = 0;
  const find = (r: number): number => {
    while (parent[r] !== r) {
      parent[r] = parent[parent[r]];
      r = parent[r];
    }
    return r;
  };
  // flat steps to the neighbour rows (row start to row start) that precede the current row
  const nbr = dim === "2D" ? Int32Array.of(-px) : Int32Array.of(-px, -px - plane, -plane, px - plane);
  const K = nbr.length;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const b = 1 + px * (y + 1 + py * (z + 1));
      for (let x = 0; x < nx; x++) {
        const g = P[b + x];
        if (g < 0) continue;
        const x0 = x;
        // the padding (−1) ends every row
        while (P[b + x + 1] === g) x++;
        const r = nr++;
        start[r] = x0 + nx * (y + ny * z), len[r] = x - x0 + 1, rl[r] = g, parent[r] = r;
        for (let k = b + x0, e = b + x; k <= e; k++) runOf[k] = r;
        // root of this run's set so far (only this run's joins change it)
        let ru = r;
        for (let t = 0; t < K; t++) {
          // neighbour-row voxels x0 − 1 … x + 1; one join per stretch of level g (a stretch is one run)
          let prev = 0;
          for (let k = b + nbr[t] + x0 - 1, e = b + nbr[t] + x + 1; k <= e; k++) {
            const eq = +(P[k] === g);
            const first = eq > prev;
            prev = eq;
            if (!first) continue;
            const v = find(runOf[k]);
            if (v === ru) continue;
            if (ru < v) parent[v] = ru;
            else parent[ru] = v, ru = v;
          }
        }
      }
    }
  }
  return zonesOfRuns(runs, nr, nx * ny, dist);
}

/**
 * Runs (maximal x-runs of one grey level, numbered in box order) joined into zones by union–find, as
 * built by labelZones and by the neighbourhood sweep (sweep.ts). Buffers shared between calls: only the
 * entries of the current labelling are meaningful.
 */
export interface RunLabels {
  /** Run number per voxel of the padded grid (entries of ROI voxels only). */
  readonly runOf: Int32Array;
  /** Box index (x + nx·(y + ny·z)) of each run's first voxel. */
  readonly start: Int32Array;
  /** Length of each run. */
  readonly len: Int32Array;
  /** Compact grey level of each run. */
  readonly level: Int32Array;
  /** Union–find parent of each run (roots point to themselves). */
  readonly parent: Int32Array;
}

// labelling buffers, weakly kept for the next call (the image types of a case share the grid)
let runBuffers: WeakRef<RunLabels> | null = null;

/** {@link RunLabels} buffers for a padded grid of `nPadded` voxels and up to `nRuns` runs (reused). */
export function runScratch(nPadded: number, nRuns: number): RunLabels {
  const s = runBuffers?.deref();
  if (s && s.runOf.length === nPadded && s.start.length >= nRuns) return s;
  const n = Math.max(1, nRuns);
  const t: RunLabels = {
    runOf: new Int32Array(nPadded),
    start: new Int32Array(n),
    len: new Int32Array(n),
    level: new Int32Array(n),
    parent: new Int32Array(n),
  };
  runBuffers = new WeakRef(t);
  return t;
}

/**
 * The zones of the first `nr` runs of `runs`: one per union–find root, numbered in the order of their
 * first run (box order), with level, size, slice of the first voxel (`plane` = nx·ny of the box) and,
 * with `dist`, the minimum border distance over the zone's voxels.
 */
export function zonesOfRuns(runs: RunLabels, nr: number, plane: number, dist?: Int32Array): Zones {
  const id = new Int32Array(nr).fill(-1);
  let z: ZoneArrays = {
    level: new Int32Array(64),
    size: new Int32Array(64),
    slice: new Int32Array(64),
    distance: new Int32Array(64),
  };
  let count = 0;
  // in chunks of runs, each with room for as many new zones (a kernel called often is optimised early)
  const chunk = 4096;
  for (let r0 = 0; r0 < nr; r0 += chunk) {
    const r1 = Math.min(nr, r0 + chunk);
    if (count + (r1 - r0) > z.level.length) {
      let cap = z.level.length;
      while (cap < count + (r1 - r0)) cap *= 2;
      const grow = (v: Int32Array) => {
        const w = new Int32Array(cap);
        w.set(v.subarray(0, count));
        return w;
      };
      z = { level: grow(z.level), size: grow(z.size), slice: grow(z.slice), distance: grow(z.distance) };
    }
    count = zoneChunk(runs, r0, r1, plane, dist, id, z, count);
  }
  return {
    count,
    level: z.level.slice(0, count),
    size: z.size.slice(0, count),
    slice: z.slice.slice(0, count),
    distance: z.distance.slice(0, count),
  };
}

interface ZoneArrays {
  readonly level: Int32Array;
  readonly size: Int32Array;
  readonly slice: Int32Array;
  readonly distance: Int32Array;
}

/** Runs r0..r1 − 1 into their zones (`id`: zone of each root run, −1 if none yet); returns the count. */
function zoneChunk(
  runs: RunLabels,
  r0: number,
  r1: number,
  plane: number,
  dist: Int32Array | undefined,
  id: Int32Array,
  z: ZoneArrays,
  count: number,
): number {
  const { start, len, level: rl, parent } = runs;
  const { level, size, slice, distance } = z;
  for (let r = r0; r < r1; r++) {
    let root = r;
    while (parent[root] !== root) {
      parent[root] = parent[parent[root]];
      root = parent[root];
    }
    let zi = id[root];
    if (zi < 0) {
      zi = id[root] = count++;
      level[zi] = rl[r], slice[zi] = Math.floor(start[r] / plane), distance[zi] = dist ? 0x7fffffff : 0;
      size[zi] = 0;
    }
    size[zi] += len[r];
    if (dist) {
      let dmin = distance[zi];
      for (let o = start[r], e = o + len[r]; o < e; o++) if (dist[o] < dmin) dmin = dist[o];
      distance[zi] = dmin;
    }
  }
  return count;
}

/**
 * Distance of every morphological-mask voxel to the mask border (1 on the border): the number of face
 * steps (6 in 3D, 4 in-slice for "2D") to the nearest voxel outside the mask; 0 outside the mask. The
 * box edge counts as outside (the mask is padded by one voxel of "outside" per side).
 *
 * Computed as the city-block (L1) distance transform to the outside voxels by forward and backward
 * 1D passes d(i) = min(d(i), d(i ∓ 1) + 1) along x, y (and z): L1 distance is separable, and the
 * shortest face-step path to the nearest outside voxel runs inside the mask (a voxel of it outside the
 * mask would be nearer), so this is the breadth-first distance through the mask, integer for integer.
 * The map is shared with a one-entry cache per `dim` (the filtered images of a case have the same
 * mask): read it, do not modify it.
 */
export function borderDistance(roi: CompactRoi, dim: "2D" | "3D"): Int32Array {
  const { nx, ny, nz, morph } = roi;
  // the filtered images of one case share the mask: reuse the last map of an identical mask
  const hit = lastDistance.find((e) =>
    e.dim === dim && e.nx === nx && e.ny === ny && e.nz === nz && e.morph.length === morph.length &&
    sameBytes(e.morph, morph)
  );
  if (hit) return hit.dist;
  const px = nx + 2, py = ny + 2, pz = nz + 2, plane = px * py;
  // 0 outside (and in the padding), "infinity" inside; every inside voxel is < px + py + pz from outside
  const pdist = new Int32Array(px * py * pz);
  const inf = px + py + pz;
  // row by row (functions: no on-stack-replaced inner loop left at the end of every row)
  for (let z = 0, k = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++, k += nx) fillRow(pdist, morph, 1 + px * (y + 1 + py * (z + 1)), k, nx, inf);
  }
  // forward and backward passes along the axis of flat stride `st`, over the whole padded array in
  // raster order: each cell follows the one before it on its line, and a line never leaks into the next
  // (lines start and end in the padding, which stays 0). Run plane by plane (in order, forward; in
  // reverse, backward), so the kernels are called often and optimised early.
  const pass = (st: number) => {
    for (let z = 0; z < pz; z++) forwardPass(pdist, st, Math.max(st, z * plane), (z + 1) * plane);
    for (let z = pz - 1; z >= 0; z--) {
      backwardPass(pdist, st, z * plane, Math.min((z + 1) * plane, pdist.length - st));
    }
  };
  pass(1);
  pass(px);
  if (dim === "3D") pass(plane);
  const dist = new Int32Array(nx * ny * nz);
  for (let z = 0, k = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++, k += nx) {
      const b = 1 + px * (y + 1 + py * (z + 1));
      dist.set(pdist.subarray(b, b + nx), k);
    }
  }
  lastDistance = [
    { dim, nx, ny, nz, morph: morph.slice(), dist },
    ...lastDistance.filter((e) => e.dim !== dim),
  ];
  return dist;
}

/** d[b + x] = inf where morph[k + x] is set, x < nx (one row of borderDistance's padded map). */
function fillRow(d: Int32Array, morph: Uint8Array, b: number, k: number, nx: number, inf: number): void {
  for (let x = 0; x < nx; x++) if (morph[k + x]) d[b + x] = inf;
}

/** d[k] = min(d[k], d[k − st] + 1) for k = a, a + 1, …, b − 1 (a ≥ st). */
function forwardPass(d: Int32Array, st: number, a: number, b: number): void {
  for (let k = a; k < b; k++) {
    const v = d[k - st] + 1;
    if (v < d[k]) d[k] = v;
  }
}

/** d[k] = min(d[k], d[k + st] + 1) for k = b − 1, b − 2, …, a (b ≤ d.length − st). */
function backwardPass(d: Int32Array, st: number, a: number, b: number): void {
  for (let k = b - 1; k >= a; k--) {
    const v = d[k + st] + 1;
    if (v < d[k]) d[k] = v;
  }
}

/** The last border-distance map per dimension (a one-entry memo per "2D"/"3D"). */
let lastDistance: { dim: string; nx: number; ny: number; nz: number; morph: Uint8Array; dist: Int32Array }[] =
  [];

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
