/**
 * The discretised ROI as the texture families read it, and its compact form.
 *
 * Input: a grid of discretised grey levels, 1..nLevels inside the (intensity) ROI mask and 0 outside,
 * stored with x fastest, then y, then z (NIfTI order; z is the slice axis). An optional morphological mask
 * (IBSI G5KJ) gives the shape the GLDZM distance map is measured in; it defaults to the intensity mask.
 *
 * Compact form: the grid cropped to the bounding box of the ROI (voxels outside the box are outside the
 * ROI, so nothing changes), each voxel holding the index of its grey level among the levels actually
 * present (0..G−1) or −1 outside the ROI. Every texture matrix is sized by G, not by nLevels; the grey level
 * values themselves (used by the features) are kept in `values`.
 */

/** The ROI handed to the texture families (structurally compatible with `DiscretisedRoi`). */
export interface TextureRoi {
  /** Grid size [nx, ny, nz]; z is the slice axis. */
  readonly dims: readonly [number, number, number];
  /** Discretised grey level per voxel, 1..nLevels inside the intensity mask, 0 outside (x fastest). */
  readonly levels: Int32Array;
  /** Number of grey levels of the discretisation (N_g of the IBSI formulas). */
  readonly nLevels: number;
  /** Morphological mask (non-zero = inside), same grid; used for GLDZM distances. Default: the intensity mask. */
  readonly morphMask?: Uint8Array;
}

/** The ROI cropped to its bounding box with compact grey-level indices. */
export interface CompactRoi {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  /** Compact grey-level index per voxel of the box (0..G−1), −1 outside the intensity mask. */
  readonly index: Int32Array;
  /** Morphological mask over the box (1 inside), the union with the intensity mask. */
  readonly morph: Uint8Array;
  /** Grey level of each compact index, ascending. */
  readonly values: Float64Array;
  /** Number of grey levels present in the ROI. */
  readonly G: number;
  /** N_g: number of grey levels of the discretisation (the ROI's nLevels). */
  readonly nG: number;
  /** Number of ROI (intensity mask) voxels. */
  readonly nVoxels: number;
  /** ROI voxel count per slice of the box. */
  readonly sliceVoxels: Int32Array;
}

/**
 * Check the ROI and build its compact form. Throws on malformed input (wrong array length, levels
 * outside 0..nLevels); an empty ROI is valid and gives G = 0.
 *
 * With `reuse` (internal: computeTextureFeatures), the compact arrays and the padded grid of distance 1
 * are written into buffers kept from the previous such call when the sizes agree (the image types of a
 * case share the box), instead of ≈ 20 MB of new arrays per image type: the result is valid only until
 * the next call with `reuse`.
 */
export function compactRoi(roi: TextureRoi, reuse = false): CompactRoi {
  const [nx0, ny0, nz0] = roi.dims;
  for (const [k, n] of [["nx", nx0], ["ny", ny0], ["nz", nz0]] as const) {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`roi.dims ${k}: must be a positive integer, got ${n}`);
    }
  }
  const total = nx0 * ny0 * nz0;
  if (roi.levels.length !== total) {
    throw new RangeError(`roi.levels: length must be nx·ny·nz = ${total}, got ${roi.levels.length}`);
  }
  if (roi.morphMask && roi.morphMask.length !== total) {
    throw new RangeError(`roi.morphMask: length must be nx·ny·nz = ${total}, got ${roi.morphMask.length}`);
  }
  const nL = roi.nLevels;
  if (!Number.isInteger(nL) || nL < 0) {
    throw new RangeError(`roi.nLevels: must be an integer >= 0, got ${nL}`);
  }
  const present = new Uint8Array(nL + 1);
  // bounding box [x0, y0, z0, x1, y1, z1] of the ROI and morphological mask, slice by slice (a kernel
  // called often is optimised early, where one long loop would run as on-stack-replacement code)
  // (and box[6] the number of ROI voxels)
  const box = Int32Array.of(nx0, ny0, nz0, -1, -1, -1, 0);
  const lv = roi.levels;
  const mm = roi.morphMask;
  for (let z = 0; z < nz0; z++) scanSlice(lv, mm, nx0, ny0, z, nL, present, box);
  const [x0, y0, z0, x1, y1, z1] = box;
  const map = new Int32Array(nL + 1).fill(-1);
  const vals: number[] = [];
  for (let g = 1; g <= nL; g++) {
    if (present[g]) {
      map[g] = vals.length;
      vals.push(g);
    }
  }
  if (x1 < 0) {
    return {
      nx: 0,
      ny: 0,
      nz: 0,
      index: new Int32Array(0),
      morph: new Uint8Array(0),
      values: new Float64Array(0),
      G: 0,
      nG: nL,
      nVoxels: 0,
      sliceVoxels: new Int32Array(0),
    };
  }
  const nx = x1 - x0 + 1, ny = y1 - y0 + 1, nz = z1 - z0 + 1;
  const size = nx * ny * nz;
  const pool = reuse && boxPool && boxPool.index.length === size && boxPool.sliceVoxels.length === nz
    ? boxPool
    : undefined;
  const index = pool ? pool.index : new Int32Array(size);
  const morph = pool ? pool.morph : new Uint8Array(size);
  const sliceVoxels = pool ? pool.sliceVoxels : new Int32Array(nz);
  if (pool) paddedCache.delete(index);
  if (reuse) {
    boxPool = { index, morph, sliceVoxels };
    pooled.add(index);
  }
  let nVoxels = 0;
  if (reuse) {
    // the padded grid of distance 1 in the same pass, into the pooled buffers (their padding is −1 from
    // the first use and never written; every box cell is written here)
    const px = nx + 2, py = ny + 2, pz = nz + 2, N = px * py * pz;
    const same = padPool !== undefined && padPool.px === px && padPool.py === py &&
      padPool.index.length === N;
    const pIndex = same ? padPool!.index : new Int32Array(N).fill(-1);
    const voxels = padPool?.voxels.length === box[6] ? padPool.voxels : new Int32Array(box[6]);
    padPool = { index: pIndex, voxels, px, py };
    const sliceStart = new Int32Array(nz + 1);
    for (let z = 0; z < nz; z++) {
      const src = ((z + z0) * ny0 + y0) * nx0 + x0;
      sliceStart[z] = nVoxels;
      nVoxels = copySlicePadded(lv, mm, src, nx0, nx, ny, z, map, index, morph, pIndex, voxels, nVoxels);
      sliceVoxels[z] = nVoxels - sliceStart[z];
    }
    sliceStart[nz] = nVoxels;
    paddedCache.set(index, new Map([[1, { pad: 1, px, py, pz, index: pIndex, voxels, sliceStart }]]));
  } else {
    for (let z = 0; z < nz; z++) {
      const src = ((z + z0) * ny0 + y0) * nx0 + x0;
      sliceVoxels[z] = copySlice(lv, mm, src, nx0, nx, ny, z * nx * ny, map, index, morph);
      nVoxels += sliceVoxels[z];
    }
  }
  return {
    nx,
    ny,
    nz,
    index,
    morph,
    values: Float64Array.from(vals),
    G: vals.length,
    nG: nL,
    nVoxels,
    sliceVoxels,
  };
}

/** Check slice z of the levels (0..nL), mark the levels present and widen `box` to its ROI/mask voxels. */
function scanSlice(
  lv: Int32Array,
  mm: Uint8Array | undefined,
  nx0: number,
  ny0: number,
  z: number,
  nL: number,
  present: Uint8Array,
  box: Int32Array,
): void {
  let x0 = box[0], y0 = box[1], z0 = box[2], x1 = box[3], y1 = box[4], z1 = box[5], n = 0;
  for (let y = 0, i = z * nx0 * ny0; y < ny0; y++) {
    for (let x = 0; x < nx0; x++, i++) {
      const g = lv[i];
      if (g < 0 || g > nL) {
        throw new RangeError(
          `roi.levels voxel (${x}, ${y}, ${z}): grey level must be in 0..${nL}, got ${g}`,
        );
      }
      if (g > 0 || (mm && mm[i] !== 0)) {
        if (g > 0) present[g] = 1, n++;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (z < z0) z0 = z;
        if (z > z1) z1 = z;
      }
    }
  }
  box[0] = x0, box[1] = y0, box[2] = z0, box[3] = x1, box[4] = y1, box[5] = z1, box[6] += n;
}

/**
 * One slice of the box (its first source voxel `src`, rows nx0 apart) into `index` and `morph` from
 * offset `o`; returns the slice's ROI voxel count.
 */
function copySlice(
  lv: Int32Array,
  mm: Uint8Array | undefined,
  src: number,
  nx0: number,
  nx: number,
  ny: number,
  o: number,
  map: Int32Array,
  index: Int32Array,
  morph: Uint8Array,
): number {
  let n = 0;
  for (let y = 0; y < ny; y++, src += nx0) {
    for (let x = 0; x < nx; x++, o++) {
      const g = lv[src + x];
      const c = g > 0 ? map[g] : -1;
      index[o] = c;
      if (c >= 0) n++;
      morph[o] = c >= 0 || (mm && mm[src + x] !== 0) ? 1 : 0;
    }
  }
  return n;
}

/**
 * {@link copySlice} of box slice z, also into the grid padded by one voxel (`pIndex`) with the ROI
 * voxels' padded positions appended to `voxels` from `n`; returns the new count.
 */
function copySlicePadded(
  lv: Int32Array,
  mm: Uint8Array | undefined,
  src: number,
  nx0: number,
  nx: number,
  ny: number,
  z: number,
  map: Int32Array,
  index: Int32Array,
  morph: Uint8Array,
  pIndex: Int32Array,
  voxels: Int32Array,
  n: number,
): number {
  const px = nx + 2, py = ny + 2;
  let o = z * nx * ny;
  for (let y = 0; y < ny; y++, src += nx0) {
    const pb = 1 + px * (y + 1 + py * (z + 1));
    for (let x = 0; x < nx; x++, o++) {
      const g = lv[src + x];
      const c = g > 0 ? map[g] : -1;
      index[o] = c;
      pIndex[pb + x] = c;
      if (c >= 0) voxels[n++] = pb + x;
      morph[o] = c >= 0 || (mm && mm[src + x] !== 0) ? 1 : 0;
    }
  }
  return n;
}

/**
 * The compact grid padded by `pad` voxels on every side (grey-level index −1 and morphological mask 0
 * there), so that neighbour offsets up to `pad` become one flat index step with no bounds checks: a
 * neighbour outside the box reads "outside the ROI", as the box edge counts as outside everywhere in
 * IBSI's texture definitions. `voxels` lists the padded positions of the ROI voxels in box order
 * (z, then y, then x); the voxels of slice z are `voxels[sliceStart[z] .. sliceStart[z + 1])`.
 */
export interface PaddedGrid {
  readonly pad: number;
  /** Padded sizes. */
  readonly px: number;
  readonly py: number;
  readonly pz: number;
  /** Compact grey-level index (−1 outside the intensity mask and in the padding). */
  readonly index: Int32Array;
  /** Padded positions of the ROI voxels, box order. */
  readonly voxels: Int32Array;
  /** Start of each slice's voxels in `voxels` (length nz + 1). */
  readonly sliceStart: Int32Array;
}

const paddedCache = new WeakMap<Int32Array, Map<number, PaddedGrid>>();

// the buffers of the last compactRoi(…, true) and of its padded grid (distance 1), and the index arrays
// that are such buffers
let boxPool: { index: Int32Array; morph: Uint8Array; sliceVoxels: Int32Array } | undefined;
let padPool: { index: Int32Array; voxels: Int32Array; px: number; py: number } | undefined;
const pooled = new WeakSet<Int32Array>();

/** {@link PaddedGrid} of `roi` (cached per compact index array and padding). */
export function paddedGrid(roi: CompactRoi, pad: number): PaddedGrid {
  let m = paddedCache.get(roi.index);
  if (!m) paddedCache.set(roi.index, m = new Map());
  const hit = m.get(pad);
  if (hit) return hit;
  const { nx, ny, nz, index: src } = roi;
  const px = nx + 2 * pad, py = ny + 2 * pad, pz = nz + 2 * pad;
  // a pooled compact ROI (see compactRoi) reuses the pooled padded buffers
  const reuse = pad === 1 && pooled.has(src);
  const N = px * py * pz;
  const index = reuse && padPool?.index.length === N ? padPool.index.fill(-1) : new Int32Array(N).fill(-1);
  const voxels = reuse && padPool?.voxels.length === roi.nVoxels
    ? padPool.voxels
    : new Int32Array(roi.nVoxels);
  if (reuse) padPool = { index, voxels, px, py };
  const sliceStart = new Int32Array(nz + 1);
  let n = 0;
  for (let z = 0; z < nz; z++) {
    sliceStart[z] = n;
    n = padSlice(src, z * nx * ny, nx, ny, pad + px * (pad + py * (z + pad)), px, index, voxels, n);
  }
  sliceStart[nz] = n;
  const g: PaddedGrid = { pad, px, py, pz, index, voxels, sliceStart };
  m.set(pad, g);
  return g;
}

/**
 * One slice of the compact grid (from offset `k`) into the padded `index` (its first voxel at `b`), the
 * ROI voxels' padded positions appended to `voxels` from `n`; returns the new count.
 */
function padSlice(
  src: Int32Array,
  k: number,
  nx: number,
  ny: number,
  b: number,
  px: number,
  index: Int32Array,
  voxels: Int32Array,
  n: number,
): number {
  for (let y = 0; y < ny; y++, b += px) {
    for (let x = 0; x < nx; x++, k++) {
      const g = src[k];
      if (g < 0) continue;
      index[b + x] = g;
      voxels[n++] = b + x;
    }
  }
  return n;
}

/** Flat index steps of voxel offsets on a padded grid. */
export function flatSteps(offs: readonly (readonly [number, number, number])[], g: PaddedGrid): Int32Array {
  return Int32Array.from(offs, ([dx, dy, dz]) => dx + g.px * (dy + g.py * dz));
}
