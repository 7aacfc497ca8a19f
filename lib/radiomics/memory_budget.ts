/**
 * Memory budget of one extraction case, checked from the NIfTI headers before the image is read,
 * inflated or allocated.
 *
 * Estimate (bytes) of a case with image I and mask M:
 *
 *   E = size(I) + size(M)                                   (the files' bytes, held while inflating)
 *     + V_I · b_I + V_M · b_M                               (the scans in their file types, kept alive)
 *     + V_w · 8 · A                                         (float64 arrays on the working grid)
 *     + R                                                   (runtime and young generation, 100 MiB)
 *
 * with V the voxels of a file (dim[1]·dim[2]·dim[3]), b its bytes per voxel (bitpix / 8); V_w the
 * voxels of the working grid: the image grid after resampling, Π_a ceil(dim_a · pixdim_a / s_a) for
 * the target spacing s (`resampledSpacing`, pyradiomics `resampledPixelSpacing`; an axis of 0 or none
 * keeps its spacing); and A the arrays the extraction keeps alive at once: 4 (image and mask resampled
 * and cropped) + 1 (the preprocessed image type) + for wavelets the sub-bands (default 8) + 2 work
 * arrays + for LoG 2 (filtered image and work array). A is an upper bound of the pipeline's own
 * arrays: with wavelets it holds at most about 7 at once (the crop as wavelet input, the x- and
 * xy-intermediates, one band that also serves as intensities, grey levels and masks; `filters/`),
 * the rest covers the families' work arrays. R = {@link RUNTIME_OVERHEAD_BYTES}: the runtime with
 * `lib/radiomics` loaded (51 MiB resident, measured) and V8's young generation, whose garbage is part
 * of the peak RSS whatever the case's size (3 semi-spaces of at most 16 MiB). With R the estimate on
 * the ROI crop is above the peak RSS (VmHWM) of the six CTs of `bench/radiomics_ct_bench.ts` at the
 * twin settings (STS_019: 122 MiB estimated vs 95 MiB measured, STS_022: 410 vs 360; README).
 *
 * The working grid above is the whole image, an upper bound: the extraction works on a crop around
 * the ROI. When that bound exceeds the limit, the mask (small next to the image) is read and V_w
 * becomes the ROI's bounding box plus the filters' margin (`filterMargin` + 2 voxels, at least 8 mm
 * each side), capped at the whole grid; only a case whose refined estimate still exceeds the limit is
 * refused, with an error naming the file, the estimate, the limit and the setting to change.
 *
 * Limit: `--memory-limit` (e.g. `2GiB`; `deno task extract`), else the environment variable
 * `NOMOGRAM_MEMORY_LIMIT`, else min(4 GiB, 50 % of the available memory) / workers.
 */
import type { BatchSettings } from "./param_file.ts";
import type { CaseSettings } from "./filters/features.ts";
import { filterMargin, type FilterSpec } from "./filters/mod.ts";
import { niftiHeaderFields, readNifti } from "./image.ts";
import { maskBoundingBox } from "./preprocess.ts";

/** The header fields the estimate needs. */
export interface NiftiGeometry {
  readonly source: string;
  /** Voxels per axis (dim[1..3]; further dimensions multiply into `voxels`). */
  readonly dims: readonly [number, number, number];
  /** Voxels of the file (product of dim[1..dim[0]]). */
  readonly voxels: number;
  /** Voxel size per axis, mm (pixdim[1..3]). */
  readonly pixdim: readonly [number, number, number];
  readonly bitpix: number;
  /** Bytes of the file on disk (compressed for .nii.gz). */
  readonly fileBytes: number;
}

/** A case that does not fit its memory budget (or a bad limit setting). */
export class MemoryBudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MemoryBudgetError";
  }
}

const UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/**
 * Parse a byte size: a number with an optional unit, decimal (`k`, `M`, `G`, `T`, with or without `B`)
 * or binary (`KiB`, `MiB`, `GiB`, `TiB`), case-insensitive: "2GiB" → 2147483648, "512M" → 512000000.
 * `setting` names the option in the error.
 */
export function parseByteSize(text: string, setting = "--memory-limit"): number {
  const m = String(text).trim().match(/^(\d+(?:\.\d+)?(?:e\d+)?)\s*([a-z]*)$/i);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const v = m && unit !== undefined ? Number(m[1]) * unit : NaN;
  if (!(v > 0) || !Number.isFinite(v)) {
    throw new MemoryBudgetError(
      `option ${setting}: expected a size such as 2GiB, 512MiB or 4G, got ${JSON.stringify(text)}`,
    );
  }
  return Math.floor(v);
}

/** Bytes as text with a binary unit: 1536 → "1.5 KiB", 2^31 → "2.0 GiB". */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let k = 0, v = n;
  while (v >= 1024 && k < units.length - 1) v /= 1024, k++;
  return k === 0 ? `${n} B` : `${v.toFixed(1)} ${units[k]}`;
}

/**
 * The memory limit of one case: `NOMOGRAM_MEMORY_LIMIT` when set (a size, {@link parseByteSize}), else
 * min(4 GiB, 50 % of `available`) / `workers`, `available` the system's available memory
 * (`Deno.systemMemoryInfo().available`; 8 GiB when unknown).
 */
export function defaultMemoryLimit(workers: number, available?: number): number {
  let env: string | undefined;
  try {
    env = Deno.env.get("NOMOGRAM_MEMORY_LIMIT");
  } catch { /* no env permission */ }
  if (env) return parseByteSize(env, "NOMOGRAM_MEMORY_LIMIT");
  let avail = available;
  if (avail === undefined) {
    try {
      avail = Deno.systemMemoryInfo().available;
    } catch {
      avail = 8 * 2 ** 30;
    }
  }
  return Math.floor(Math.min(4 * 2 ** 30, 0.5 * avail) / Math.max(1, workers));
}

/**
 * Read the first `n` (decompressed) bytes of a file, inflating a gzip stream only that far; fewer when
 * the file (or its intact part) is shorter.
 */
async function readHead(path: string, n: number): Promise<Uint8Array> {
  const f = await Deno.open(path, { read: true });
  try {
    const first = new Uint8Array(2);
    const got = await f.read(first);
    await f.seek(0, Deno.SeekMode.Start);
    const stream: ReadableStream<Uint8Array> = got === 2 && first[0] === 0x1f && first[1] === 0x8b
      ? f.readable.pipeThrough(
        new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
      )
      : f.readable;
    const reader = stream.getReader();
    const out = new Uint8Array(n);
    let len = 0;
    try {
      while (len < n) {
        const { done, value } = await reader.read();
        if (done) break;
        const take = Math.min(value.length, n - len);
        out.set(value.subarray(0, take), len);
        len += take;
      }
    } catch {
      /* corrupt or truncated gzip: the bytes so far (the reader reports the damage) */
    } finally {
      await reader.cancel().catch(() => {});
    }
    return out.subarray(0, len);
  } finally {
    try {
      f.close();
    } catch { /* closed by the stream */ }
  }
}

/**
 * The geometry of a NIfTI-1 or NIfTI-2 file from its header alone (at most 540 bytes inflated).
 * Null when the bytes are not a NIfTI header (the reader then reports the exact field).
 */
export async function readNiftiGeometry(path: string): Promise<NiftiGeometry | null> {
  let head: Uint8Array, fileBytes: number;
  try {
    fileBytes = (await Deno.stat(path)).size;
    head = await readHead(path, 540);
  } catch {
    return null; // unreadable: readNifti names the file and the error
  }
  const h = niftiHeaderFields(head);
  if (!h) return null;
  const { dim, pixdim: pix, ndim: nd } = h;
  let voxels = 1;
  for (let d = 1; d <= nd; d++) voxels *= Math.max(1, dim(d));
  const dims = [1, 2, 3].map((d) => (d <= nd ? Math.max(1, dim(d)) : 1)) as [number, number, number];
  const pixdim = [1, 2, 3].map((d) => {
    const p = Math.abs(pix(d));
    return Number.isFinite(p) && p > 0 ? p : 1;
  }) as [number, number, number];
  return {
    source: path,
    dims,
    voxels,
    pixdim,
    bitpix: h.bitpix,
    fileBytes,
  };
}

/**
 * Settings the estimate reads: a batch's ({@link BatchSettings}), or the resampling, image types and
 * label of any other extraction (the IBSI single case: `resampledSpacing` of its preprocessing).
 */
export type BudgetSettings = BatchSettings | {
  readonly resampledSpacing?: readonly (number | null)[] | null;
  readonly filters?: FilterSpec;
  readonly label?: number;
};

/** What the extraction settings imply for memory: target spacing and filters. */
function shape(
  settings: BudgetSettings,
): { spacing: readonly (number | null)[] | null; filters: FilterSpec } {
  if ((settings as { engine?: string }).engine === "pyradiomics") {
    const s = settings as Extract<BatchSettings, { engine: "pyradiomics" }>;
    return { spacing: s.settings.resampledPixelSpacing ?? null, filters: s.imageTypes };
  }
  const s = settings as Omit<CaseSettings, "resampledSpacing"> & {
    resampledSpacing?: readonly (number | null)[] | null;
  };
  return { spacing: s.resampledSpacing ?? null, filters: s.filters ?? { original: true } };
}

/**
 * Bytes of a case's extraction not proportional to its grid: the runtime with `lib/radiomics` loaded
 * (≈ 51 MiB VmHWM of a worker-like process before any case) plus V8's young generation (up to
 * 3 × 16 MiB of not yet collected garbage): 100 MiB.
 */
export const RUNTIME_OVERHEAD_BYTES = 100 * 2 ** 20;

/** Arrays (float64, on the working grid) the extraction keeps alive at once (see the module documentation). */
export function liveArrays(filters: FilterSpec): number {
  let a = 5;
  if (filters.wavelet) a += (filters.wavelet.bands?.length ?? 8) + 2;
  if (filters.logSigmas?.length) a += 2;
  return a;
}

/** The estimate of one case, with its parts. */
export interface CaseMemoryEstimate {
  /** Total bytes. */
  readonly bytes: number;
  /** Voxels of the working grid. */
  readonly workingVoxels: number;
  /** Float64 arrays on the working grid. */
  readonly arrays: number;
  /** "whole image" (from the headers) or "ROI crop" (refined with the mask's bounding box). */
  readonly grid: "whole image" | "ROI crop";
}

function targetSpacing(g: NiftiGeometry, spacing: readonly (number | null)[] | null): number[] {
  return [0, 1, 2].map((a) => {
    const s = spacing?.[a];
    return s && s > 0 ? s : g.pixdim[a];
  });
}

/**
 * The estimate of a case from the image and mask headers (working grid: the whole image after
 * resampling), or, given `roi` (the mask's bounding box in voxels, inclusive), on the crop around it.
 */
export function caseMemoryEstimate(
  image: NiftiGeometry,
  mask: NiftiGeometry,
  settings: BudgetSettings,
  roi?: { readonly lo: readonly number[]; readonly hi: readonly number[] },
): CaseMemoryEstimate {
  const { spacing, filters } = shape(settings);
  const sp = targetSpacing(image, spacing);
  const margin = filterMargin(filters, sp);
  const grid = [0, 1, 2].map((a) => Math.max(1, Math.ceil((image.dims[a] * image.pixdim[a]) / sp[a] - 1e-9)));
  const axes = roi
    ? grid.map((n, a) => {
      const extentMm = (roi.hi[a] - roi.lo[a] + 1) * image.pixdim[a];
      const marginMm = Math.max(8, (margin[a] + 2) * sp[a]);
      return Math.min(n, Math.ceil((extentMm + 2 * marginMm) / sp[a]));
    })
    : grid;
  const workingVoxels = axes[0] * axes[1] * axes[2];
  const arrays = liveArrays(filters);
  const bytesOf = (g: NiftiGeometry) => g.fileBytes + g.voxels * Math.max(1, g.bitpix / 8);
  return {
    bytes: bytesOf(image) + bytesOf(mask) + workingVoxels * 8 * arrays + RUNTIME_OVERHEAD_BYTES,
    workingVoxels,
    arrays,
    grid: roi ? "ROI crop" : "whole image",
  };
}

/**
 * Check one case against its memory budget before it is read (see the module documentation); throws
 * a {@link MemoryBudgetError} naming the image, the estimate, the limit and the setting to change.
 * Files that are not readable NIfTI headers pass (the reader reports them). `setting` names how the
 * limit was set, for the message.
 */
export async function checkCaseMemory(
  imagePath: string,
  maskPath: string,
  settings: BudgetSettings,
  limit: number,
  setting = "--memory-limit (or NOMOGRAM_MEMORY_LIMIT)",
): Promise<CaseMemoryEstimate | null> {
  const image = await readNiftiGeometry(imagePath);
  const mask = await readNiftiGeometry(maskPath);
  if (!image || !mask) return null;
  let est = caseMemoryEstimate(image, mask, settings);
  if (est.bytes <= limit) return est;
  // the whole-image bound is over: refine with the ROI (the mask is read; its size fits, or readNifti refuses it)
  const maskBytes = mask.fileBytes + mask.voxels * Math.max(1, mask.bitpix / 8);
  if (maskBytes < limit) {
    const label = (settings as { label?: number }).label ??
      (settings as { settings?: { label?: number } }).settings?.label ?? 1;
    const bb = maskBoundingBox(await readNifti(maskPath), label);
    if (bb) est = caseMemoryEstimate(image, mask, settings, bb);
    if (est.bytes <= limit) return est;
  }
  throw new MemoryBudgetError(
    `${imagePath}: the extraction needs about ${
      formatBytes(est.bytes)
    } (${est.workingVoxels} voxels of the ${est.grid} after resampling × 8 bytes × ${est.arrays} arrays, plus the scan ${
      image.dims.join(" × ")
    } × ${image.bitpix / 8} bytes, its mask and ${
      formatBytes(RUNTIME_OVERHEAD_BYTES)
    } for the runtime), more than the memory limit of ${
      formatBytes(limit)
    } per case; raise it with ${setting}, e.g. --memory-limit ${
      Math.ceil(est.bytes / 2 ** 30)
    }GiB, or use fewer workers`,
  );
}

/**
 * Split cases into those within `limit` and those over it ({@link checkCaseMemory}, in order), each
 * refused case with its one-line error. The batch's entry (batch.ts `runBatch`) calls this before any
 * worker reads a case.
 */
export async function splitByMemoryBudget<C extends { readonly image: string; readonly mask: string }>(
  cases: readonly C[],
  settings: BatchSettings,
  limit: number,
): Promise<{ fit: C[]; over: { case: C; error: string }[] }> {
  const fit: C[] = [], over: { case: C; error: string }[] = [];
  for (const c of cases) {
    try {
      await checkCaseMemory(c.image, c.mask, settings, limit);
      fit.push(c);
    } catch (e) {
      if (!(e instanceof MemoryBudgetError)) fit.push(c); // unreadable mask etc.: the worker reports it
      else over.push({ case: c, error: e.message });
    }
  }
  return { fit, over };
}
