/**
 * One sweep over the 26-neighbourhood of every ROI voxel (3D, Chebyshev distance δ = 1) that builds the
 * 3D matrices of three families at once: the 13 per-direction GLCMs (glcm.ts), the NGTDM (ngtdm.ts) and
 * the NGLDM with coarseness α = 0 (ngldm.ts).
 *
 * For each ROI voxel k of compact level g (box order: z, then y, then x) and each of its 26 neighbours
 * k ± s_d (s_d the flat steps of the 13 directions of directions.ts on the grid padded by one voxel, so a
 * neighbour outside the box reads "outside the ROI"):
 * - GLCM: the ordered pair (g, level of k + s_d) is counted for direction d; M_d = C_d + C_dᵀ at the end,
 *   the symmetric count of glcmMatrices;
 * - NGTDM: the sum of the neighbours' grey levels and their count (both integers, so exact in any order);
 *   then n_g += 1 and s_g += |g − sum / count| in box order, as ngtdmMatrices does;
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
  /** The NGTDM of the volume (δ = 1). */
  readonly ngtdm?: ToneMatrix;
  /** The NGLDM of the volume (δ = 1, α = 0). */
  readonly ngldm?: SizeMatrix;
}

/** Which matrices {@link neighbourhoodSweep} builds. */
export interface SweepRequest {
  readonly glcm: boolean;
  readonly ngtdm: boolean;
  readonly ngldm: boolean;
}

/**
 * The 3D GLCMs (13 directions), NGTDM and NGLDM (α = 0) of `roi` at distance 1 from one pass over the
 * 26 neighbours of each ROI voxel; see the module documentation. Only the requested matrices are
 * returned. The GLCM counts are kept in one Int32Array of 13·G(G + 1) (G ≤ 128 keeps it ≤ 860 KiB);
 * for more grey levels use glcmMatrices, which works in chunks.
 */
export function neighbourhoodSweep(roi: CompactRoi, want: SweepRequest): SweepMatrices {
  const { G, values, nz } = roi;
  const GG = G * G;
  const pg = paddedGrid(roi, 1);
  const P = pg.index, vox = pg.voxels, nv = pg.sliceStart[nz];
  const steps = Int32Array.from(DIRECTIONS_3D, ([dx, dy, dz]) => dx + pg.px * (dy + pg.py * dz));
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
    }
    bins[g * W + dep]++;
    if (cnt !== 0) {
      n[g]++;
      s[g] += Math.abs(values[g] - sum / cnt);
    }
  }
  const out: { glcm?: CoMatrix[]; ngtdm?: ToneMatrix; ngldm?: SizeMatrix } = {};
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
