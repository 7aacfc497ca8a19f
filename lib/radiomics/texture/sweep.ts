/**
 * One sweep over the 26-neighbourhood of every ROI voxel (3D, Chebyshev distance δ = 1) that builds the
 * 3D matrices of four families at once: the 13 per-direction GLCMs (glcm.ts) and GLRLMs (glrlm.ts), the
 * NGTDM (ngtdm.ts) and the NGLDM with coarseness α = 0 (ngldm.ts).
 *
 * For each ROI voxel k of compact level g (box order: z, then y, then x) and each of its 26 neighbours
 * k ± s_d (s_d the flat steps of the 13 directions of directions.ts on the grid padded by one voxel, so a
 * neighbour outside the box reads "outside the ROI"):
 * - GLCM: the ordered pair (g, level of k + s_d) is counted for direction d; M_d = C_d + C_dᵀ at the end,
 *   the symmetric count of glcmMatrices;
 * - NGTDM: the sum of the neighbours' grey levels and their count (both integers, so exact in any order);
 *   then n_g += 1 and s_g += |g − sum / count| in box order, as ngtdmMatrices does;
 * - GLRLM: with s_d > 0 (a direction and its opposite give the same runs), the run length at k is
 *   1 + the run length at k − s_d when that voxel has level g, else 1, and a run of level g is counted
 *   at its last voxel (k + s_d not of level g), as glrlmMatrix does. The lengths are kept in a ring of
 *   B > s_d slots per direction (slot k mod B; the slot of k − s_d is not overwritten before k is reached);
 * - NGLDM (α = 0): the dependence count 1 + #{neighbours of level g}, counted per (g, count) bin, as
 *   ngldmMatrices does.
 * The three results are those of the per-family builders, count for count and bit for bit.
 */
import { type CompactRoi, paddedGrid } from "./levels.ts";
import { DIRECTIONS_3D } from "./directions.ts";
import type { CoMatrix } from "./glcm.ts";
import type { ToneMatrix } from "./ngtdm.ts";
import { SizeAccumulator, type SizeMatrix } from "./size_matrix.ts";

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
}

/** Which matrices {@link neighbourhoodSweep} builds. */
export interface SweepRequest {
  readonly glcm: boolean;
  readonly glrlm: boolean;
  readonly ngtdm: boolean;
  readonly ngldm: boolean;
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
  // v1[h + 1] is the grey level of compact index h, 0 for h = −1 (outside): integer sums, exact
  const v1 = new Float64Array(G + 1);
  v1.set(values, 1);
  // GLRLM: run-length rings (B > every step) and counts per direction, grey level and length 1..L
  const runs = want.glrlm;
  const L = Math.max(roi.nx, roi.ny, nz), RW = L + 1, RB = G * RW;
  let B = 1;
  for (const st of steps) while (runs && B <= st) B *= 2;
  const mask = B - 1;
  const ring = new Int32Array(runs ? 13 * B : 0);
  const rc = new Int32Array(runs ? 13 * RB : 0);
  for (let v = 0; v < nv; v++) {
    const k = vox[v];
    const g = P[k];
    let dep = 1, sum = 0, cnt = 0;
    for (let d = 0, o = g * R + 1; d < 13; d++, o += cStep) {
      const st = steps[d];
      const f = P[k + st], b = P[k - st];
      dep += +(f === g) + +(b === g);
      sum += v1[f + 1] + v1[b + 1];
      cnt += +(f >= 0) + +(b >= 0);
      c[o + f]++;
      if (runs) {
        // the ring slot of k − s_d is read only when that voxel is of level g (then written this sweep)
        const l = 1 + (ring[d * B + ((k - st) & mask)] & -(b === g));
        ring[d * B + (k & mask)] = l;
        rc[d * RB + g * RW + l] += +(f !== g);
      }
    }
    bins[g * W + dep]++;
    if (cnt !== 0) {
      n[g]++;
      s[g] += Math.abs(values[g] - sum / cnt);
    }
  }
  const out: { glcm?: CoMatrix[]; glrlm?: SizeMatrix[]; ngtdm?: ToneMatrix; ngldm?: SizeMatrix } = {};
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
