/**
 * One sweep over the 26-neighbourhood of every ROI voxel (3D, Chebyshev distance δ = 1) that builds the
 * 3D matrices of four families at once, the 13 per-direction GLCMs (glcm.ts) and GLRLMs (glrlm.ts), the
 * NGTDM (ngtdm.ts) and the NGLDM with coarseness α = 0 (ngldm.ts), and labels the 3D zones of the GLSZM
 * and GLDZM (zones.ts), reading the padded grid once instead of once per family and direction.
 *
 * For each ROI voxel k of compact level g (box order: z, then y, then x) and each of its 26 neighbours
 * k ± s_d (s_d the flat steps of the 13 directions of directions.ts on the grid padded by one voxel, so a
 * neighbour outside the box reads "outside the ROI"):
 * - GLCM: the ordered pair (g, level of k + s_d) is counted for direction d; M_d = C_d + C_dᵀ at the end,
 *   the symmetric count of glcmMatrices;
 * - NGTDM: the sum of the neighbours' grey levels and their count (integers, packed into one exact sum);
 *   then n_g += 1 and s_g += |g − sum / count| in box order, as ngtdmMatrices does;
 * - GLRLM: with s_d > 0 (a direction and its opposite give the same runs), the run length at k is
 *   1 + the run length at k − s_d when that voxel has level g, else 1, and a run of level g is counted
 *   at its last voxel (k + s_d not of level g), as glrlmMatrix does. The lengths are kept in a ring of
 *   B > s_d slots per direction (slot k mod B; the slot of k − s_d is not overwritten before k is reached;
 *   it is read only when k − s_d has level g, so was written in this sweep);
 * - NGLDM (α = 0): the dependence count 1 + #{neighbours of level g}, counted per (g, count) bin, as
 *   ngldmMatrices does;
 * - zones (3D, 26-connected): the 13 backward neighbours k − s_d are the voxel before k in its row and
 *   three voxels (x − 1, x, x + 1) in each of the four preceding neighbour rows (y − 1, z), (y − 1, z − 1),
 *   (y, z − 1), (y + 1, z − 1). A voxel whose predecessor in the row has another level starts a run;
 *   the run is joined (union–find) to the run of each stretch of its level met in its widened x-range
 *   of a neighbour row: at the run's first voxel the stretches starting at x − 1, x or x + 1, at later
 *   voxels a stretch starting at x + 1. These are the joins of labelZones (in another order, which
 *   does not change the zones), and the zones are numbered the same way (zonesOfRuns).
 * The results are those of the per-family builders, count for count and bit for bit
 * (tests/radiomics/texture/sweep_test.ts).
 */
import { type CompactRoi, paddedGrid } from "./levels.ts";
import { DIRECTIONS_3D } from "./directions.ts";
import type { CoMatrix } from "./glcm.ts";
import type { ToneMatrix } from "./ngtdm.ts";
import { SizeAccumulator, type SizeMatrix } from "./size_matrix.ts";
import { type RunLabels, runScratch, type Zones, zonesOfRuns } from "./zones.ts";

/** The 3D matrices of one neighbourhood sweep (those not requested are absent). */
export interface SweepMatrices {
  /** The 13 GLCMs of DIRECTIONS_3D (δ = 1). */
  readonly glcm?: CoMatrix[];
  /** The 13 GLRLMs of DIRECTIONS_3D. */
  readonly glrlm?: SizeMatrix[];
  /** The NGTDM of the volume (δ = 1). */
  readonly ngtdm?: ToneMatrix;
  /** The NGLDM of the volume (δ = 1, α = 0). */
  readonly ngldm?: SizeMatrix;
  /** The 3D zones (26-connected), as labelZones(roi, "3D", dist) gives them. */
  readonly zones?: Zones;
}

/** Which matrices {@link neighbourhoodSweep} builds. */
export interface SweepRequest {
  readonly glcm: boolean;
  readonly glrlm: boolean;
  readonly ngtdm: boolean;
  readonly ngldm: boolean;
  /** Label the 3D zones (GLSZM, GLDZM). */
  readonly zones: boolean;
  /** Border distances for the zones (borderDistance(roi, "3D")), when the GLDZM is wanted. */
  readonly dist?: Int32Array;
}

/**
 * The 3D GLCMs and GLRLMs (13 directions), NGTDM and NGLDM (α = 0) of `roi` at distance 1 from one pass
 * over the 26 neighbours of each ROI voxel; see the module documentation. Only the requested matrices are
 * returned. The GLCM counts are kept in one Int32Array of 13·G(G + 1) (G ≤ 128 keeps it ≤ 860 KiB);
 * for more grey levels use glcmMatrices, which works in chunks.
 */
export function neighbourhoodSweep(roi: CompactRoi, want: SweepRequest): SweepMatrices {
  const { G, values, nz } = roi;
  const GG = G * G;
  const pg = paddedGrid(roi, 1);
  const P = pg.index, vox = pg.voxels, nv = pg.sliceStart[nz];
  // positive flat steps: the GLCM M_d = C_d + C_dᵀ and the runs are the same for s_d and −s_d
  const steps = Int32Array.from(DIRECTIONS_3D, ([dx, dy, dz]) => Math.abs(dx + pg.px * (dy + pg.py * dz)));
  // GLCM counts with a leading column per row for "outside" (index −1 + 1 = 0), so no branch: C_d(a, b)
  // at d·G(G + 1) + a(G + 1) + b + 1
  const R = G + 1, GR = G * R;
  // without the GLCM, the 13 directions share one (unused) block
  const c = new Int32Array(want.glcm ? 13 * GR : GR);
  const cStep = want.glcm ? GR : 0;
  const n = new Float64Array(G), s = new Float64Array(G);
  // dependence counts 1..27
  const W = 28, bins = new Int32Array(G * W);
  // v1[h + 1] = 32·(grey level of compact index h) + 1, 0 for h = −1 (outside): the sum over the 26
  // neighbours is 32·(sum of their levels) + their count (< 32), integers, exact (levels < 2⁴⁰)
  const v1 = new Float64Array(G + 1);
  for (let i = 0; i < G; i++) v1[i + 1] = values[i] * 32 + 1;
  // GLRLM: run-length rings (B > every step) and counts per direction, grey level and length 1..L
  const runs = want.glrlm;
  const L = Math.max(roi.nx, roi.ny, nz), RW = L + 1, RB = G * RW;
  let B = 1;
  for (const st of steps) while (runs && B <= st) B *= 2;
  const mask = B - 1;
  const ring = new Int32Array(runs ? 13 * B : 0);
  const rc = new Int32Array(runs ? 13 * RB : 0);
  // zones: runs and union–find (see the module documentation)
  const zones = want.zones;
  const lab: RunLabels = zones ? runScratch(P.length, nv) : {
    runOf: new Int32Array(0),
    start: new Int32Array(0),
    len: new Int32Array(0),
    level: new Int32Array(0),
    parent: new Int32Array(0),
  };
  const { runOf, start: zStart, len: zLen, level: zLevel, parent } = lab;
  const { px, py } = pg, plane = px * py, pxy = 1 + px + plane, { nx, ny } = roi;
  const st: SweepState = {
    P,
    vox,
    steps,
    c,
    cStep,
    R,
    v1,
    values,
    n,
    s,
    bins,
    W,
    runs,
    ring,
    mask,
    rc,
    RB,
    RW,
    zones,
    runOf,
    zStart,
    zLen,
    zLevel,
    parent,
    px,
    plane,
    pxy,
    nx,
    ny,
  };
  // slice by slice (a run never crosses a row): a kernel called often is optimised early, where one
  // long loop would first run as less optimised on-stack-replacement code
  let nr = 0;
  for (let z = 0; z < nz; z++) nr = sweepVoxels(st, pg.sliceStart[z], pg.sliceStart[z + 1], nr);
  const out: {
    glcm?: CoMatrix[];
    glrlm?: SizeMatrix[];
    ngtdm?: ToneMatrix;
    ngldm?: SizeMatrix;
    zones?: Zones;
  } = {};
  if (zones) out.zones = zonesOfRuns(lab, nr, nx * ny, want.dist);
  if (runs) {
    out.glrlm = [];
    for (let d = 0; d < 13; d++) {
      const acc = new SizeAccumulator(G, L);
      for (let g = 0, o = d * RB; g < G; g++, o += RW) {
        for (let len = 1; len < RW; len++) if (rc[o + len]) acc.add(g, len, rc[o + len]);
      }
      out.glrlm.push(acc.finish(values, nv));
    }
  }
  if (want.glcm) {
    out.glcm = [];
    for (let d = 0; d < 13; d++) {
      const counts = new Float64Array(GG), o = d * GR + 1;
      for (let a = 0; a < G; a++) {
        for (let b = 0; b < G; b++) counts[a * G + b] = c[o + a * R + b] + c[o + b * R + a];
      }
      out.glcm.push({ levels: values, counts, nG: roi.nG });
    }
  }
  if (want.ngtdm) out.ngtdm = { levels: values, n, s };
  if (want.ngldm) {
    const acc = new SizeAccumulator(G, 27);
    for (let g = 0; g < G; g++) {
      for (let d = 1; d < W; d++) if (bins[g * W + d]) acc.add(g, d, bins[g * W + d]);
    }
    out.ngldm = acc.finish(values, roi.nVoxels);
  }
  return out;
}

/** Arrays and sizes of one sweep (see neighbourhoodSweep). */
interface SweepState {
  readonly P: Int32Array;
  readonly vox: Int32Array;
  readonly steps: Int32Array;
  readonly c: Int32Array;
  readonly cStep: number;
  readonly R: number;
  readonly v1: Float64Array;
  readonly values: Float64Array;
  readonly n: Float64Array;
  readonly s: Float64Array;
  readonly bins: Int32Array;
  readonly W: number;
  readonly runs: boolean;
  readonly ring: Int32Array;
  readonly mask: number;
  readonly rc: Int32Array;
  readonly RB: number;
  readonly RW: number;
  readonly zones: boolean;
  readonly runOf: Int32Array;
  readonly zStart: Int32Array;
  readonly zLen: Int32Array;
  readonly zLevel: Int32Array;
  readonly parent: Int32Array;
  readonly px: number;
  readonly plane: number;
  readonly pxy: number;
  readonly nx: number;
  readonly ny: number;
}

/** The root of run `u`'s set (`u` a root) joined with the set of run `w`: the smaller root wins. */
function join(parent: Int32Array, u: number, w: number): number {
  while (parent[w] !== w) {
    parent[w] = parent[parent[w]];
    w = parent[w];
  }
  if (w === u) return u;
  if (u < w) {
    parent[w] = u;
    return u;
  }
  parent[u] = w;
  return w;
}

/** The sweep over the ROI voxels vox[lo..hi) (whole rows), `nr` runs so far; returns the new run count. */
function sweepVoxels(st: SweepState, lo: number, hi: number, nr: number): number {
  const { P, vox, steps, c, cStep, R, v1, values, n, s, bins, W, runs, ring, mask, rc, RB, RW } = st;
  const { zones, runOf, zStart, zLen, zLevel, parent, px, plane, pxy, nx, ny } = st;
  let r = -1, ru = -1, l0 = 0;
  // the loop over the 13 directions d is unrolled (the same statements for each d, with s_d, the GLCM
  // block d·cStep, the ring slot d and the run counts d·G(L + 1)); ring slots interleave the directions
  const [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12] = steps;
  const o1 = cStep, o2 = 2 * cStep, o3 = 3 * cStep, o4 = 4 * cStep, o5 = 5 * cStep, o6 = 6 * cStep;
  const o7 = 7 * cStep, o8 = 8 * cStep, o9 = 9 * cStep, o10 = 10 * cStep, o11 = 11 * cStep, o12 = 12 * cStep;
  for (let v = lo; v < hi; v++) {
    const k = vox[v];
    const g = P[k];
    const cr = g * R + 1, rr = g * RW, slot = (k & mask) * 13;
    let dep = 1, sum = 0;
    const b0 = P[k - s0],
      b1 = P[k - s1],
      b2 = P[k - s2],
      b3 = P[k - s3],
      b4 = P[k - s4],
      b5 = P[k - s5],
      b6 = P[k - s6],
      b7 = P[k - s7],
      b8 = P[k - s8],
      b9 = P[k - s9],
      b10 = P[k - s10],
      b11 = P[k - s11],
      b12 = P[k - s12];
    if (zones) {
      // rows: (y − 1, z) x − 1, x, x + 1 = d 2, 1, 3; (y − 1, z − 1) = 9, 7, 12; (y, z − 1) = 5, 4, 6;
      // (y + 1, z − 1) = 11, 8, 10; the voxel before k in its row = d 0
      if (b0 !== g) {
        r = nr++;
        const q = k - pxy, zz = Math.floor(q / plane), rem = q - zz * plane, yy = Math.floor(rem / px);
        zStart[r] = rem - yy * px + nx * (yy + ny * zz), zLen[r] = 0, zLevel[r] = g, parent[r] = r;
        ru = r;
        if (b2 === g) ru = join(parent, ru, runOf[k - s2]);
        else if (b1 === g) ru = join(parent, ru, runOf[k - s1]);
        if (b9 === g) ru = join(parent, ru, runOf[k - s9]);
        else if (b7 === g) ru = join(parent, ru, runOf[k - s7]);
        if (b5 === g) ru = join(parent, ru, runOf[k - s5]);
        else if (b4 === g) ru = join(parent, ru, runOf[k - s4]);
        if (b11 === g) ru = join(parent, ru, runOf[k - s11]);
        else if (b8 === g) ru = join(parent, ru, runOf[k - s8]);
      }
      runOf[k] = r;
      zLen[r]++;
      if (b3 === g && b1 !== g) ru = join(parent, ru, runOf[k - s3]);
      if (b12 === g && b7 !== g) ru = join(parent, ru, runOf[k - s12]);
      if (b6 === g && b4 !== g) ru = join(parent, ru, runOf[k - s6]);
      if (b10 === g && b8 !== g) ru = join(parent, ru, runOf[k - s10]);
    }
    {
      const f = P[k + s0], b = b0;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[cr + f]++;
      if (runs) {
        // along x the previous ROI voxel is the previous voxel of the sweep: a scalar, no ring
        const l = l0 = 1 + (l0 & -(b === g));
        rc[0 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s1], b = b1;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o1 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s1) & mask) * 13 + 1] & -(b === g));
        ring[slot + 1] = l;
        rc[1 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s2], b = b2;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o2 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s2) & mask) * 13 + 2] & -(b === g));
        ring[slot + 2] = l;
        rc[2 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s3], b = b3;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o3 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s3) & mask) * 13 + 3] & -(b === g));
        ring[slot + 3] = l;
        rc[3 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s4], b = b4;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o4 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s4) & mask) * 13 + 4] & -(b === g));
        ring[slot + 4] = l;
        rc[4 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s5], b = b5;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o5 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s5) & mask) * 13 + 5] & -(b === g));
        ring[slot + 5] = l;
        rc[5 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s6], b = b6;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o6 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s6) & mask) * 13 + 6] & -(b === g));
        ring[slot + 6] = l;
        rc[6 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s7], b = b7;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o7 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s7) & mask) * 13 + 7] & -(b === g));
        ring[slot + 7] = l;
        rc[7 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s8], b = b8;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o8 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s8) & mask) * 13 + 8] & -(b === g));
        ring[slot + 8] = l;
        rc[8 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s9], b = b9;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o9 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s9) & mask) * 13 + 9] & -(b === g));
        ring[slot + 9] = l;
        rc[9 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s10], b = b10;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o10 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s10) & mask) * 13 + 10] & -(b === g));
        ring[slot + 10] = l;
        rc[10 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s11], b = b11;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o11 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s11) & mask) * 13 + 11] & -(b === g));
        ring[slot + 11] = l;
        rc[11 * RB + rr + l] += +(f !== g);
      }
    }
    {
      const f = P[k + s12], b = b12;
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      c[o12 + cr + f]++;
      if (runs) {
        const l = 1 + (ring[((k - s12) & mask) * 13 + 12] & -(b === g));
        ring[slot + 12] = l;
        rc[12 * RB + rr + l] += +(f !== g);
      }
    }
    bins[g * W + dep]++;
    // the packed sum: ⌊sum / 32⌋ and sum mod 32 are exact (32 a power of two)
    const q = Math.floor(sum / 32);
    const cnt = sum - q * 32;
    sum = q;
    if (cnt !== 0) {
      n[g]++;
      s[g] += Math.abs(values[g] - sum / cnt);
    }
  }
  return nr;
}
