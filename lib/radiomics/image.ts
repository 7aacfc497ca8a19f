/**
 * NIfTI-1 / NIfTI-2 images: reading (.nii and .nii.gz, via nifti-reader-js for the header and fflate
 * for gzip) and writing NIfTI-1 (for tests and synthetic images).
 *
 * Geometry follows the NIfTI-1 standard (nifti1.h): world coordinates are RAS+ millimetres; the
 * voxel-to-world affine is the sform when `sform_code > 0` (method 3), else the qform when
 * `qform_code > 0` (method 2, quaternion + qfac), else `diag(pixdim)` (method 1). This is nibabel's
 * `get_best_affine` order. `spacing` are the column norms of the affine, `direction` its normalised
 * columns, `origin` the world position of the centre of voxel (0, 0, 0); `orientation` the axis codes
 * (e.g. "LPS", "RAS") of the +i, +j, +k directions.
 *
 * Voxel values are kept in the file's own type (no float copy of the whole scan); `scl_slope` and
 * `scl_inter` are applied when values are read (`slope == 0` means "no scaling", per the standard).
 */
import * as nifti from "nifti-reader-js";
import { Gunzip, gzipSync } from "fflate";
import { writeFileAtomic } from "../io/atomic.ts";

/** Typed arrays an image may hold. */
export type VoxelArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** A 3D image on a regular grid. */
export interface Image {
  /** Grid size [nx, ny, nz] (NIfTI dim[1..3]). */
  readonly dims: readonly [number, number, number];
  /** Voxel spacing in mm (column norms of the affine). */
  readonly spacing: readonly [number, number, number];
  /** World (RAS, mm) position of the centre of voxel (0, 0, 0). */
  readonly origin: readonly [number, number, number];
  /** Direction cosines, row-major 3 × 3: column c is the unit world direction of index axis c. */
  readonly direction: readonly number[];
  /** Voxel-to-world affine, 4 × 4 row-major (RAS). */
  readonly affine: readonly number[];
  /** Axis codes of +i, +j, +k in RAS world (e.g. "LPS"). */
  readonly orientation: string;
  /** Raw voxel data, x fastest (index x + nx·(y + ny·z)), before scaling. */
  readonly data: VoxelArray;
  /** Value = raw · slope + inter (slope 1, inter 0 when unscaled). */
  readonly slope: number;
  readonly inter: number;
  /** Where the image came from (file name, or a label), used in error messages. */
  readonly source: string;
  /** Header items kept for checks and messages. */
  readonly header: {
    readonly version: 1 | 2;
    readonly datatype: number;
    readonly qformCode: number;
    readonly sformCode: number;
    readonly pixdim: readonly number[];
  };
}

/** An error in an image file, naming the file and the header field or voxel. */
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImageError";
  }
}

/** NIfTI datatype codes supported, with their typed array and byte size. */
const DATATYPES: Record<number, { name: string; bytes: number }> = {
  2: { name: "uint8", bytes: 1 },
  4: { name: "int16", bytes: 2 },
  8: { name: "int32", bytes: 4 },
  16: { name: "float32", bytes: 4 },
  64: { name: "float64", bytes: 8 },
  256: { name: "int8", bytes: 1 },
  512: { name: "uint16", bytes: 2 },
  768: { name: "uint32", bytes: 4 },
};

/** Options of {@link parseNifti} / {@link readNifti}. */
export interface ReadOptions {
  /** Refuse images holding NaN or infinite voxels (default true): error naming the first such voxel. */
  rejectNonFinite?: boolean;
  /**
   * Largest number of voxels accepted (default {@link DEFAULT_MAX_VOXELS}, or the environment variable
   * `NOMOGRAM_MAX_VOXELS`), checked from the header before the data are inflated or read.
   */
  maxVoxels?: number;
}

/** Default voxel limit of one image: 2^28 (268 M voxels, e.g. 1024 × 1024 × 256). */
export const DEFAULT_MAX_VOXELS = 2 ** 28;

function voxelLimit(o: ReadOptions): number {
  if (o.maxVoxels !== undefined) return o.maxVoxels;
  try {
    const env = Number(Deno.env.get("NOMOGRAM_MAX_VOXELS"));
    if (Number.isFinite(env) && env > 0) return env;
  } catch { /* no env permission */ }
  return DEFAULT_MAX_VOXELS;
}

/** The fields of a NIfTI-1/NIfTI-2 header that sizes depend on, read from its first bytes. */
export interface NiftiHeaderFields {
  readonly version: 1 | 2;
  readonly littleEndian: boolean;
  /** dim[0]: the number of dimensions (1..7). */
  readonly ndim: number;
  /** dim[d], d = 0..7. */
  readonly dim: (d: number) => number;
  /** pixdim[d], d = 0..7. */
  readonly pixdim: (d: number) => number;
  readonly bitpix: number;
  readonly voxOffset: number;
}

/**
 * Sniff the size fields of a NIfTI header (sizeof_hdr 348 → NIfTI-1, 540 → NIfTI-2, either byte order)
 * from `head`, its first bytes. Returns null when the bytes are not (yet) a readable header or dim[0]
 * is outside 1..7; the full parser ({@link readNifti}) then names the field.
 */
export function niftiHeaderFields(head: Uint8Array): NiftiHeaderFields | null {
  if (head.length < 348) return null;
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let le: boolean, v2: boolean;
  if (dv.getInt32(0, true) === 348) le = true, v2 = false;
  else if (dv.getInt32(0, false) === 348) le = false, v2 = false;
  else if (dv.getInt32(0, true) === 540) le = true, v2 = true;
  else if (dv.getInt32(0, false) === 540) le = false, v2 = true;
  else return null;
  if (v2 && head.length < 540) return null;
  const dim = (d: number) => v2 ? Number(dv.getBigInt64(16 + 8 * d, le)) : dv.getInt16(40 + 2 * d, le);
  const pixdim = (d: number) => v2 ? dv.getFloat64(104 + 8 * d, le) : dv.getFloat32(76 + 4 * d, le);
  const ndim = dim(0);
  if (!(ndim >= 1 && ndim <= 7)) return null;
  return {
    version: v2 ? 2 : 1,
    littleEndian: le,
    ndim,
    dim,
    pixdim,
    bitpix: v2 ? dv.getInt16(14, le) : dv.getInt16(72, le),
    voxOffset: v2 ? Number(dv.getBigInt64(168, le)) : dv.getFloat32(108, le),
  };
}

/**
 * From the first bytes of a (decompressed) NIfTI file: the number of bytes the file needs
 * (vox_offset + voxels × bytes per voxel), checked against the voxel limit and the available memory
 * before anything large is allocated. Returns null when the bytes are not (yet) a readable header;
 * the full parser then reports the exact field.
 */
export function niftiSizeCheck(head: Uint8Array, source: string, options: ReadOptions = {}): number | null {
  const h = niftiHeaderFields(head);
  if (!h) return null;
  const { dim, ndim: nd, bitpix, voxOffset: offset } = h;
  let nvox = 1;
  for (let d = 1; d <= nd; d++) nvox *= Math.max(1, dim(d));
  const limit = voxelLimit(options);
  if (nvox > limit) {
    throw new ImageError(
      `${source} header dim: ${[1, 2, 3].map(dim).join(" × ")}${
        nd > 3 ? " × …" : ""
      } = ${nvox} voxels exceeds the limit of ${limit} (raise it with NOMOGRAM_MAX_VOXELS)`,
    );
  }
  const need = (Number.isFinite(offset) && offset > 0 ? offset : 352) + nvox * Math.max(1, bitpix / 8);
  let avail = Infinity;
  try {
    avail = Deno.systemMemoryInfo().available;
  } catch { /* unknown */ }
  if (need > avail) {
    throw new ImageError(
      `${source} header dim/bitpix: ${nvox} voxels × ${bitpix} bits need ${
        (need / 2 ** 20).toFixed(0)
      } MiB, more than the ${(avail / 2 ** 20).toFixed(0)} MiB of memory available`,
    );
  }
  return need;
}

/** Read a NIfTI-1/NIfTI-2 file (.nii or .nii.gz). Errors name the file and the header field. */
export async function readNifti(path: string, options: ReadOptions = {}): Promise<Image> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    throw new ImageError(`${path}: cannot read file (${(e as Error).message})`);
  }
  if (isGzip(bytes)) {
    // the runtime's native inflate is several times faster than fflate on CT-sized files; it reads one
    // gzip member only, so multi-member files (valid gzip, e.g. from pigz or concatenation) go to fflate
    const gz = bytes;
    try {
      bytes = await gunzipNative(gz, path, options);
    } catch (e) {
      if (e instanceof ImageError) throw e;
      bytes = gunzipCapped(gz, path, options);
    }
  } else niftiSizeCheck(bytes, path, options);
  return parseNifti(bytes, path, options);
}

/**
 * Inflate gzip bytes (all members) with fflate's streaming inflater, stopping as soon as the header says
 * how large the file is (voxel limit and memory checked first) and that many bytes are in: a small
 * gzip that would inflate to gigabytes never does.
 */
function gunzipCapped(gz: Uint8Array, source: string, options: ReadOptions): Uint8Array {
  const chunks: Uint8Array[] = [];
  let len = 0, need: number | null = null, done = false;
  const g = new Gunzip((chunk) => {
    if (done) return;
    chunks.push(chunk);
    len += chunk.length;
    if (need === null && len >= 540) need = niftiSizeCheck(concat(chunks, len), source, options) ?? Infinity;
    if (need !== null && len >= need) done = true;
  });
  try {
    const step = 1 << 16;
    for (let i = 0; i < gz.length && !done; i += step) {
      g.push(gz.subarray(i, Math.min(gz.length, i + step)), i + step >= gz.length);
    }
  } catch (e) {
    throw new ImageError(`${source}: gzip data is corrupt or truncated (${(e as Error).message})`);
  }
  const out = concat(chunks, len);
  if (need === null) niftiSizeCheck(out, source, options);
  return need !== null && Number.isFinite(need) ? out.subarray(0, Math.min(len, need)) : out;
}

function concat(chunks: Uint8Array[], len: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(len);
  let o = 0;
  for (const c of chunks) out.set(c, o), o += c.length;
  chunks.length = 0;
  chunks.push(out);
  return out;
}

/**
 * Inflate with the runtime's DecompressionStream into one buffer sized from the gzip trailer (ISIZE),
 * so the decompressed scan exists once in memory (growing the buffer if ISIZE is wrong, e.g. > 4 GiB).
 */
async function gunzipNative(gz: Uint8Array, source: string, options: ReadOptions): Promise<Uint8Array> {
  const n = gz.length;
  const isize = n >= 18 ? (gz[n - 4] | (gz[n - 3] << 8) | (gz[n - 2] << 16)) + gz[n - 1] * 2 ** 24 : 0;
  // ISIZE is only a hint (mod 2^32, forgeable): the buffer starts at most 64 MiB and grows up to what the header needs
  let out = new Uint8Array(Math.min(Math.max(isize, 1024), 64 * 2 ** 20));
  let len = 0;
  let need: number | null = null;
  const reader = new Blob([gz as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  ).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (len + value.length > out.length) {
      const bigger = new Uint8Array(Math.max(out.length * 2, len + value.length));
      bigger.set(out.subarray(0, len));
      out = bigger;
    }
    out.set(value, len);
    len += value.length;
    if (need === null && len >= 540) need = niftiSizeCheck(out.subarray(0, len), source, options) ?? Infinity;
    if (need !== null && len >= need) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  if (need === null) niftiSizeCheck(out.subarray(0, len), source, options);
  return out.subarray(0, len);
}

/** Synchronous {@link readNifti}. */
export function readNiftiSync(path: string, options: ReadOptions = {}): Image {
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch (e) {
    throw new ImageError(`${path}: cannot read file (${(e as Error).message})`);
  }
  return parseNifti(bytes, path, options);
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/**
 * Parse NIfTI bytes (gzip-compressed or not). `source` names the file in errors. Checks, each a
 * clear error: file shorter than a header, sizeof_hdr and magic, dim[0] and dim[1..3] > 0, a single
 * volume, supported datatype and matching bitpix, pixdim[1..3] > 0 and finite, vox_offset + data
 * length within the file, finite voxel values (unless disabled).
 */
export function parseNifti(input: Uint8Array, source = "<bytes>", options: ReadOptions = {}): Image {
  let bytes = input;
  if (isGzip(bytes)) bytes = gunzipCapped(bytes, source, options);
  else niftiSizeCheck(bytes, source, options);
  if (bytes.length < 348) {
    throw new ImageError(
      `${source}: file is ${bytes.length} bytes, shorter than a NIfTI-1 header (348 bytes); truncated or not NIfTI`,
    );
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const s0le = dv.getInt32(0, true), s0be = dv.getInt32(0, false);
  let version: 1 | 2;
  if (s0le === 348 || s0be === 348) version = 1;
  else if (s0le === 540 || s0be === 540) version = 2;
  else {throw new ImageError(
      `${source} header sizeof_hdr: expected 348 (NIfTI-1) or 540 (NIfTI-2), got ${s0le}; not a NIfTI file`,
    );}
  if (version === 2 && bytes.length < 540) {
    throw new ImageError(
      `${source}: file is ${bytes.length} bytes, shorter than a NIfTI-2 header (540 bytes)`,
    );
  }
  const magicAt = version === 1 ? 344 : 4;
  const magic = String.fromCharCode(bytes[magicAt], bytes[magicAt + 1], bytes[magicAt + 2]);
  const want = version === 1 ? "n+1" : "n+2";
  if (magic !== want) {
    const pair = version === 1 ? "ni1" : "ni2";
    throw new ImageError(
      magic === pair
        ? `${source} header magic: "${pair}" means a separate .hdr/.img pair, which is not supported; convert to a single .nii file`
        : `${source} header magic: expected "${want}", got ${JSON.stringify(magic)}`,
    );
  }
  const ab = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes.buffer as ArrayBuffer
    : bytes.slice().buffer as ArrayBuffer;
  let h: nifti.NIFTI1 | nifti.NIFTI2;
  try {
    h = nifti.readHeader(ab);
  } catch (e) {
    throw new ImageError(`${source}: unreadable header (${(e as Error).message})`);
  }
  const le = h.littleEndian;
  const dims = h.dims;
  if (!(dims[0] >= 1 && dims[0] <= 7)) {
    throw new ImageError(`${source} header dim[0]: must be in 1..7, got ${dims[0]}`);
  }
  const n: [number, number, number] = [1, 1, 1];
  for (let d = 1; d <= 3; d++) {
    const v = d <= dims[0] ? dims[d] : 1;
    if (!(Number.isInteger(v) && v >= 1)) {
      throw new ImageError(`${source} header dim[${d}]: must be a positive integer, got ${v}`);
    }
    n[d - 1] = v;
  }
  for (let d = 4; d <= dims[0]; d++) {
    if (dims[d] > 1) {
      throw new ImageError(
        `${source} header dim[${d}]: only single 3D volumes are supported, got ${dims[d]} (a ${
          dims[0]
        }D image)`,
      );
    }
  }
  const dt = DATATYPES[h.datatypeCode];
  if (!dt) {
    throw new ImageError(
      `${source} header datatype: ${h.datatypeCode} is not supported (supported: ${
        Object.entries(DATATYPES).map(([k, v]) => `${k} ${v.name}`).join(", ")
      })`,
    );
  }
  if (h.numBitsPerVoxel !== dt.bytes * 8) {
    throw new ImageError(
      `${source} header bitpix: datatype ${dt.name} needs ${dt.bytes * 8}, got ${h.numBitsPerVoxel}`,
    );
  }
  const pixdim = h.pixDims;
  for (let d = 1; d <= 3; d++) {
    if (!(Number.isFinite(pixdim[d]) && pixdim[d] > 0)) {
      throw new ImageError(`${source} header pixdim[${d}]: must be > 0, got ${pixdim[d]}`);
    }
  }
  const nvox = n[0] * n[1] * n[2];
  const offset = Number(h.vox_offset);
  // NIfTI-1 single file: the 348-byte header plus the 4-byte extension flag (nifti1.h: vox_offset >= 352);
  // NIfTI-2: 540 + 4
  const minOffset = version === 1 ? 352 : 544;
  if (!(Number.isFinite(offset) && offset >= minOffset)) {
    throw new ImageError(`${source} header vox_offset: must be >= ${minOffset}, got ${h.vox_offset}`);
  }
  const need = offset + nvox * dt.bytes;
  if (bytes.length < need) {
    throw new ImageError(
      `${source}: data shorter than the header says: dim[1..3] = ${
        n.join(" × ")
      } voxels × ${dt.bytes} bytes from vox_offset ${offset} needs ${need} bytes, the file has ${bytes.length}; truncated file or wrong dims`,
    );
  }
  const data = readVoxels(bytes, offset, nvox, h.datatypeCode, le);
  let slope = h.scl_slope, inter = h.scl_inter;
  if (!Number.isFinite(slope) || slope === 0) slope = 1, inter = 0;
  if (!Number.isFinite(inter)) inter = 0;
  if (options.rejectNonFinite ?? true) {
    if (data instanceof Float32Array || data instanceof Float64Array) {
      for (let i = 0; i < nvox; i++) {
        if (!Number.isFinite(data[i])) {
          const x = i % n[0], y = Math.floor(i / n[0]) % n[1], z = Math.floor(i / (n[0] * n[1]));
          throw new ImageError(
            `${source} voxel (${x}, ${y}, ${z}): value ${
              data[i]
            } is not finite; fill or mask it before extraction`,
          );
        }
      }
    }
  }
  const affine = bestAffine(h, dv, version, le, pixdim, source);
  return makeImage(data, n, affine, {
    slope,
    inter,
    source,
    version,
    datatype: h.datatypeCode,
    qformCode: h.qform_code,
    sformCode: h.sform_code,
    pixdim: [...pixdim],
  });
}

function readVoxels(bytes: Uint8Array, offset: number, nvox: number, code: number, le: boolean): VoxelArray {
  const size = DATATYPES[code].bytes;
  const sysLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  // view the file buffer directly when aligned and in native byte order (no copy of the scan)
  const canView = (le === sysLE || size === 1) && (bytes.byteOffset + offset) % size === 0;
  const raw = canView
    ? bytes.subarray(offset, offset + nvox * size)
    : bytes.slice(offset, offset + nvox * size);
  if (le !== sysLE && size > 1) {
    for (let i = 0; i < raw.length; i += size) raw.subarray(i, i + size).reverse();
  }
  const b = raw.buffer as ArrayBuffer, o = raw.byteOffset;
  switch (code) {
    case 2:
      return new Uint8Array(b, o, nvox);
    case 4:
      return new Int16Array(b, o, nvox);
    case 8:
      return new Int32Array(b, o, nvox);
    case 16:
      return new Float32Array(b, o, nvox);
    case 64:
      return new Float64Array(b, o, nvox);
    case 256:
      return new Int8Array(b, o, nvox);
    case 512:
      return new Uint16Array(b, o, nvox);
    default:
      return new Uint32Array(b, o, nvox);
  }
}

function bestAffine(
  h: nifti.NIFTI1 | nifti.NIFTI2,
  dv: DataView,
  version: 1 | 2,
  le: boolean,
  pixdim: number[],
  source: string,
): number[] {
  if (h.sform_code > 0) {
    const a: number[] = [];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 4; c++) {
        a.push(
          version === 1 ? dv.getFloat32(280 + (r * 4 + c) * 4, le) : dv.getFloat64(400 + (r * 4 + c) * 8, le),
        );
      }
    }
    const rows = ["srow_x", "srow_y", "srow_z"];
    a.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        throw new ImageError(
          `${source} header ${rows[Math.floor(i / 4)]}[${i % 4}]: must be finite, got ${v}`,
        );
      }
    });
    // ITK (and so pyradiomics) requires orthogonal direction cosines: refuse a sheared or degenerate sform
    const col = (j: number) => [a[j], a[4 + j], a[8 + j]];
    const norm = (v: number[]) => Math.hypot(v[0], v[1], v[2]);
    for (let j = 0; j < 3; j++) {
      if (!(norm(col(j)) > 0)) {
        throw new ImageError(
          `${source} header srow_x/y/z: column ${j} of the sform is zero (sform_code ${h.sform_code})`,
        );
      }
    }
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]]) {
      const u = col(i), v = col(j);
      const cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (norm(u) * norm(v));
      if (Math.abs(cos) > 1e-4) {
        throw new ImageError(
          `${source} header srow_x/y/z: the sform's axes ${i} and ${j} are not orthogonal (cosine ${
            cos.toPrecision(3)
          }; a sheared grid), which ITK and this reader do not support; resample the image or set sform_code 0 to use the qform`,
        );
      }
    }
    return [...a, 0, 0, 0, 1];
  }
  if (h.qform_code > 0) {
    // nifti1_io quatern_to_mat44: a = sqrt(1 − b² − c² − d²); when b² + c² + d² ≥ 1 (a² < 1e-7) the
    // quaternion (b, c, d) is normalised and a = 0 (a 180° rotation), so the matrix stays a rotation
    let b = h.quatern_b, c = h.quatern_c, d = h.quatern_d;
    for (const [k, v] of [["quatern_b", b], ["quatern_c", c], ["quatern_d", d]] as const) {
      if (!Number.isFinite(v)) throw new ImageError(`${source} header ${k}: must be finite, got ${v}`);
    }
    let a = 1 - (b * b + c * c + d * d);
    if (a < 1e-7) {
      const norm = Math.sqrt(b * b + c * c + d * d);
      b /= norm, c /= norm, d /= norm;
      a = 0;
    } else a = Math.sqrt(a);
    const R = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
      [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
    ];
    const qfac = pixdim[0] < 0 ? -1 : 1;
    const off = [h.qoffset_x, h.qoffset_y, h.qoffset_z];
    const out: number[] = [];
    for (let r = 0; r < 3; r++) {
      out.push(R[r][0] * pixdim[1], R[r][1] * pixdim[2], R[r][2] * pixdim[3] * qfac, off[r]);
    }
    return [...out, 0, 0, 0, 1];
  }
  return [pixdim[1], 0, 0, 0, 0, pixdim[2], 0, 0, 0, 0, pixdim[3], 0, 0, 0, 0, 1];
}

/** Axis codes (RAS world) of the index axes of a 4 × 4 affine, e.g. "LPS". */
export function orientationCodes(affine: readonly number[]): string {
  const pos = ["R", "A", "S"], neg = ["L", "P", "I"];
  let out = "";
  for (let c = 0; c < 3; c++) {
    let best = 0;
    for (let r = 1; r < 3; r++) if (Math.abs(affine[r * 4 + c]) > Math.abs(affine[best * 4 + c])) best = r;
    out += affine[best * 4 + c] >= 0 ? pos[best] : neg[best];
  }
  return out;
}

/**
 * Build an {@link Image} from voxel data and geometry. Either give `affine` (4 × 4 row-major) or
 * `spacing` (+ optional `origin`, `direction`); the data must hold nx·ny·nz voxels.
 */
export function makeImage(
  data: VoxelArray,
  dims: readonly [number, number, number],
  affine: readonly number[],
  extra: {
    slope?: number;
    inter?: number;
    source?: string;
    version?: 1 | 2;
    datatype?: number;
    qformCode?: number;
    sformCode?: number;
    pixdim?: readonly number[];
  } = {},
): Image {
  const nvox = dims[0] * dims[1] * dims[2];
  const source = extra.source ?? "<image>";
  if (data.length !== nvox) {
    throw new ImageError(`${source}: ${data.length} voxel values for dims ${dims.join(" × ")} (= ${nvox})`);
  }
  const spacing = [0, 1, 2].map((c) => Math.hypot(affine[c], affine[4 + c], affine[8 + c])) as [
    number,
    number,
    number,
  ];
  for (let c = 0; c < 3; c++) {
    if (!(spacing[c] > 0)) throw new ImageError(`${source} affine: column ${c} has zero length`);
  }
  const direction: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) direction.push(affine[r * 4 + c] / spacing[c]);
  return {
    dims: [dims[0], dims[1], dims[2]],
    spacing,
    origin: [affine[3], affine[7], affine[11]],
    direction,
    affine: [...affine],
    orientation: orientationCodes(affine),
    data,
    slope: extra.slope ?? 1,
    inter: extra.inter ?? 0,
    source,
    header: {
      version: extra.version ?? 1,
      datatype: extra.datatype ?? datatypeOf(data),
      qformCode: extra.qformCode ?? 0,
      sformCode: extra.sformCode ?? 1,
      pixdim: extra.pixdim ?? [1, spacing[0], spacing[1], spacing[2], 0, 0, 0, 0],
    },
  };
}

/** An axis-aligned image with the given spacing (affine diag(spacing), origin (0,0,0) unless given). */
export function imageFromArray(
  data: VoxelArray,
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number] = [1, 1, 1],
  origin: readonly [number, number, number] = [0, 0, 0],
  source = "<array>",
): Image {
  return makeImage(data, dims, [
    spacing[0],
    0,
    0,
    origin[0],
    0,
    spacing[1],
    0,
    origin[1],
    0,
    0,
    spacing[2],
    origin[2],
    0,
    0,
    0,
    1,
  ], { source });
}

function datatypeOf(data: VoxelArray): number {
  if (data instanceof Uint8Array) return 2;
  if (data instanceof Int16Array) return 4;
  if (data instanceof Int32Array) return 8;
  if (data instanceof Float32Array) return 16;
  if (data instanceof Float64Array) return 64;
  if (data instanceof Int8Array) return 256;
  if (data instanceof Uint16Array) return 512;
  return 768;
}

/** Value of voxel at flat index i (scaled). */
export function voxelValue(img: Image, i: number): number {
  return img.data[i] * img.slope + img.inter;
}

/**
 * Encode an image as NIfTI-1 bytes (single file, little endian, vox_offset 352, no extension):
 * sform_code 1 and qform_code 1 from the affine (the qform from its rotation part, qfac −1 when the
 * determinant is negative), scl_slope/scl_inter as stored in the image. gzip when `gzip` is true.
 */
export function encodeNifti1(img: Image, options: { gzip?: boolean; description?: string } = {}): Uint8Array {
  const dt = datatypeOf(img.data);
  const bytesPer = DATATYPES[dt].bytes;
  const nvox = img.data.length;
  const out = new Uint8Array(352 + nvox * bytesPer);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, 348, true);
  const d = img.dims;
  const dims = [3, d[0], d[1], d[2], 1, 1, 1, 1];
  dims.forEach((v, i) => dv.setInt16(40 + 2 * i, v, true));
  dv.setInt16(70, dt, true);
  dv.setInt16(72, bytesPer * 8, true);
  const A = img.affine;
  // qform from the affine's rotation part
  const R = [0, 1, 2].map((r) => [0, 1, 2].map((c) => A[r * 4 + c] / img.spacing[c]));
  const det = R[0][0] * (R[1][1] * R[2][2] - R[1][2] * R[2][1]) -
    R[0][1] * (R[1][0] * R[2][2] - R[1][2] * R[2][0]) + R[0][2] * (R[1][0] * R[2][1] - R[1][1] * R[2][0]);
  const qfac = det < 0 ? -1 : 1;
  if (qfac < 0) { for (let r = 0; r < 3; r++) R[r][2] = -R[r][2]; }
  const pix = [qfac, img.spacing[0], img.spacing[1], img.spacing[2], 1, 1, 1, 1];
  pix.forEach((v, i) => dv.setFloat32(76 + 4 * i, v, true));
  dv.setFloat32(108, 352, true);
  dv.setFloat32(112, img.slope, true);
  dv.setFloat32(116, img.inter, true);
  dv.setUint8(123, 2 | 8); // xyzt_units: mm, s
  const desc = (options.description ?? "nomogram-workspace").slice(0, 79);
  for (let i = 0; i < desc.length; i++) out[148 + i] = desc.charCodeAt(i) & 0x7f;
  dv.setInt16(252, 1, true);
  dv.setInt16(254, 1, true);
  // quaternion (nifti1_io mat44_to_quatern)
  const [r11, r12, r13] = R[0], [r21, r22, r23] = R[1], [r31, r32, r33] = R[2];
  let a = r11 + r22 + r33 + 1, b: number, c: number, q: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = 0.25 * (r32 - r23) / a;
    c = 0.25 * (r13 - r31) / a;
    q = 0.25 * (r21 - r12) / a;
  } else {
    const xd = 1 + r11 - (r22 + r33), yd = 1 + r22 - (r11 + r33), zd = 1 + r33 - (r11 + r22);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = 0.25 * (r12 + r21) / b;
      q = 0.25 * (r13 + r31) / b;
      a = 0.25 * (r32 - r23) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = 0.25 * (r12 + r21) / c;
      q = 0.25 * (r23 + r32) / c;
      a = 0.25 * (r13 - r31) / c;
    } else {
      q = 0.5 * Math.sqrt(zd);
      b = 0.25 * (r13 + r31) / q;
      c = 0.25 * (r23 + r32) / q;
      a = 0.25 * (r21 - r12) / q;
    }
    if (a < 0) b = -b, c = -c, q = -q;
  }
  dv.setFloat32(256, b, true);
  dv.setFloat32(260, c, true);
  dv.setFloat32(264, q, true);
  dv.setFloat32(268, A[3], true);
  dv.setFloat32(272, A[7], true);
  dv.setFloat32(276, A[11], true);
  for (let i = 0; i < 12; i++) dv.setFloat32(280 + 4 * i, A[i], true);
  out.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0"
  const src = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const sysLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  out.set(src, 352);
  if (!sysLE && bytesPer > 1) {
    for (let i = 352; i < out.length; i += bytesPer) out.subarray(i, i + bytesPer).reverse();
  }
  return options.gzip ? gzipSync(out, { level: 6, mtime: 0 }) : out;
}

/**
 * Encode an image as NIfTI-2 bytes (540-byte header, little endian, vox_offset 544, sform_code 1
 * from the affine, qform_code 0). For tests of the NIfTI-2 reader and for images with dims > 32767.
 */
export function encodeNifti2(img: Image): Uint8Array {
  const dt = datatypeOf(img.data);
  const bytesPer = DATATYPES[dt].bytes;
  const out = new Uint8Array(544 + img.data.length * bytesPer);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, 540, true);
  out.set([0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a], 4); // "n+2\0\r\n\032\n"
  dv.setInt16(12, dt, true);
  dv.setInt16(14, bytesPer * 8, true);
  [3, img.dims[0], img.dims[1], img.dims[2], 1, 1, 1, 1].forEach((v, i) =>
    dv.setBigInt64(16 + 8 * i, BigInt(v), true)
  );
  [1, img.spacing[0], img.spacing[1], img.spacing[2], 1, 1, 1, 1].forEach((v, i) =>
    dv.setFloat64(104 + 8 * i, v, true)
  );
  dv.setBigInt64(168, 544n, true);
  dv.setFloat64(176, img.slope, true);
  dv.setFloat64(184, img.inter, true);
  dv.setInt32(344, 0, true);
  dv.setInt32(348, 1, true);
  for (let i = 0; i < 12; i++) dv.setFloat64(400 + 8 * i, img.affine[i], true);
  dv.setInt32(500, 2 | 8, true);
  out.set(new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength), 544);
  return out;
}

/** Write an image as NIfTI-1 (gzip when the path ends in .gz). */
export async function writeNifti(path: string, img: Image): Promise<void> {
  await writeFileAtomic(path, encodeNifti1(img, { gzip: path.endsWith(".gz") }));
}
