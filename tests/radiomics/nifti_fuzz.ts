/**
 * Seeded fuzzing of the NIfTI reader and the extraction: a valid image (int16 or float32, .nii or
 * .nii.gz) is mutated (header fields set to hostile values, random bytes flipped, truncation, gzip
 * members, huge voxels, scaling) and each mutant is read and extracted. Every outcome is classified:
 * a clear error (an ImageError / PreprocessError / RangeError whose message names the file), correct
 * features (equal to the unmutated ones where the mutation cannot change the image), or a finding
 * (unclear message, NaN without warning, wrong features accepted, valid file refused, over the time cap).
 */
import { createRng, type Rng } from "../../lib/random/rng.ts";
import { encodeNifti1, imageFromArray, parseNifti } from "../../lib/radiomics/image.ts";
import { type CaseSettings, extractCaseFeatures } from "../../lib/radiomics/filters/features.ts";
import { gzipSync } from "fflate";

export const FUZZ_SETTINGS: CaseSettings = {
  families: ["morphology", "intensity_statistics", "glcm"],
  filters: { original: true },
};

/** One mutant's outcome. */
export interface FuzzOutcome {
  readonly name: string;
  readonly mutation: string;
  readonly kind:
    | "error"
    | "features"
    | "unclear"
    | "silent_nan"
    | "wrong_features"
    | "refused_valid"
    | "slow";
  /** The mutation cannot change the image: features must equal the unmutated ones. */
  readonly benign: boolean;
  readonly detail: string;
  readonly ms: number;
}

function base(rng: Rng): { image: Uint8Array; mask: Uint8Array; dims: [number, number, number] } {
  const dims: [number, number, number] = [14, 13, 9];
  const n = dims[0] * dims[1] * dims[2];
  const img = new Int16Array(n), msk = new Uint8Array(n);
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      for (let x = 0; x < dims[0]; x++) {
        const i = x + dims[0] * (y + dims[1] * z);
        const r = Math.hypot(x - 7, y - 6, (z - 4) * 1.5);
        img[i] = Math.round(40 + 60 * Math.exp(-r / 4) + rng.normal(0, 12));
        msk[i] = r < 4.2 ? 1 : 0;
      }
    }
  }
  const sp: [number, number, number] = [0.8, 0.8, 2];
  return {
    image: encodeNifti1(imageFromArray(img, dims, sp, [-5, 3, 10], "img")),
    mask: encodeNifti1(imageFromArray(msk, dims, sp, [-5, 3, 10], "msk")),
    dims,
  };
}

type Mutation = { name: string; benign: boolean; apply: (b: Uint8Array, rng: Rng) => Uint8Array };

const f32 = (off: number, v: number): (b: Uint8Array) => Uint8Array =>
(
  b,
) => (new DataView(b.buffer, b.byteOffset).setFloat32(off, v, true), b);
const i16 = (off: number, v: number): (b: Uint8Array) => Uint8Array =>
(
  b,
) => (new DataView(b.buffer, b.byteOffset).setInt16(off, v, true), b);

function mutations(): Mutation[] {
  const m: Mutation[] = [];
  // benign: fields that do not change the image (description, aux_file, intent_name, db_name, glmax)
  for (
    const [name, lo, hi] of [["descrip", 148, 228], ["aux_file", 228, 252], ["intent_name", 328, 344], [
      "db_name",
      14,
      32,
    ]] as const
  ) {
    m.push({
      name: `${name} random bytes`,
      benign: true,
      apply: (b, rng) => {
        for (let k = 0; k < 8; k++) b[rng.int(lo, hi - 1)] = rng.int(0, 255);
        return b;
      },
    });
  }
  m.push({
    name: "gzip in two members",
    benign: true,
    apply: (b, rng) => {
      const cut = rng.int(100, b.length - 100);
      const a = gzipSync(b.subarray(0, cut)), c = gzipSync(b.subarray(cut));
      const out = new Uint8Array(a.length + c.length);
      out.set(a), out.set(c, a.length);
      return out;
    },
  });
  m.push({ name: "gzip", benign: true, apply: (b) => gzipSync(b) });
  m.push({ name: "qform_code 0 (sform kept)", benign: true, apply: i16(252, 0) });
  // hostile header fields
  for (const [d, v] of [[0, 0], [0, 9], [1, 0], [1, -3], [2, 32767], [3, 30000], [4, 2], [1, 1]]) {
    m.push({ name: `dim[${d}] = ${v}`, benign: d === 4, apply: i16(40 + 2 * d, v) });
  }
  for (const v of [0, 3, 5, 1536, 2304, 128]) {
    m.push({ name: `datatype ${v}`, benign: false, apply: i16(70, v) });
  }
  for (const v of [0, 7, 64]) m.push({ name: `bitpix ${v}`, benign: false, apply: i16(72, v) });
  // with sform_code 1 the sform gives the geometry; pixdim must still be positive and finite
  for (const [d, v] of [[1, 0], [2, -1], [3, NaN], [1, 1e30], [3, 1e-30]]) {
    m.push({ name: `pixdim[${d}] = ${v}`, benign: v > 0, apply: f32(76 + 4 * d, v) });
  }
  for (const v of [0, 348, 351, 1e12, NaN, 356]) {
    m.push({ name: `vox_offset ${v}`, benign: false, apply: f32(108, v) });
  }
  // a NaN (or 0) slope means "no scaling" (nifti1.h)
  for (const v of [1e30, -1e30, NaN, 1e-30, 1e10]) {
    m.push({ name: `scl_slope ${v}`, benign: Number.isNaN(v), apply: f32(112, v) });
  }
  m.push({ name: "scl_inter 1e30", benign: false, apply: f32(116, 1e30) });
  for (const v of [0.9, 2, 1e20]) {
    m.push({
      name: `quatern_b ${v} with sform_code 0`,
      benign: false,
      apply: (b) => (f32(256, v)(b), i16(254, 0)(b)),
    });
  }
  m.push({ name: "sform sheared", benign: false, apply: f32(284, 0.5) });
  m.push({ name: "sform NaN", benign: false, apply: f32(280, NaN) });
  m.push({
    name: "sform column zero",
    benign: false,
    apply: (b) => (f32(280, 0)(b), f32(296, 0)(b), f32(312, 0)(b)),
  });
  m.push({ name: "magic", benign: false, apply: (b) => (b[345] = 0x3f, b) });
  m.push({
    name: "sizeof_hdr",
    benign: false,
    apply: (b) => (new DataView(b.buffer, b.byteOffset).setInt32(0, 347, true), b),
  });
  m.push({ name: "truncated", benign: false, apply: (b, rng) => b.slice(0, rng.int(0, b.length - 1)) });
  m.push({
    name: "gzip truncated",
    benign: false,
    apply: (b, rng) => {
      const g = gzipSync(b);
      return g.slice(0, rng.int(2, g.length - 1));
    },
  });
  m.push({
    name: "gzip bomb (header says small, stream long)",
    benign: true,
    apply: (b) => {
      const big = new Uint8Array(b.length + 8 * 2 ** 20);
      big.set(b);
      return gzipSync(big, { level: 9 });
    },
  });
  m.push({
    name: "header random bytes",
    benign: false,
    apply: (b, rng) => {
      for (let k = 0; k < rng.int(1, 6); k++) b[rng.int(0, 351)] = rng.int(0, 255);
      return b;
    },
  });
  m.push({
    name: "data random bytes",
    benign: false,
    apply: (b, rng) => {
      for (let k = 0; k < rng.int(1, 20); k++) b[rng.int(352, b.length - 1)] = rng.int(0, 255);
      return b;
    },
  });
  m.push({
    name: "one huge voxel (float32 1e10)",
    benign: false,
    apply: (b) => {
      const dv = new DataView(b.buffer, b.byteOffset);
      const n = (b.length - 352) / 2;
      const out = new Uint8Array(352 + n * 4);
      out.set(b.subarray(0, 352));
      const o = new DataView(out.buffer);
      o.setInt16(70, 16, true), o.setInt16(72, 32, true);
      for (let i = 0; i < n; i++) o.setFloat32(352 + 4 * i, dv.getInt16(352 + 2 * i, true), true);
      o.setFloat32(352 + 4 * (7 + 14 * (6 + 13 * 4)), 1e10, true);
      return out;
    },
  });
  return m;
}

const CLEAR =
  /header|voxel|gzip|file is|data shorter|discretisation|grey levels|mask|ROI|not NIfTI|not supported|affine|grid|histogram/i;

/** Run `n` mutants from `seed`; `capMs` is the per-case time cap. */
export function runFuzz(
  seed: number,
  n: number,
  capMs = 10_000,
): { outcomes: FuzzOutcome[]; reference: Record<string, number> } {
  const rng = createRng(seed);
  const b = base(rng.fork("base"));
  const refImg = parseNifti(b.image, "ref.nii"), msk = parseNifti(b.mask, "mask.nii");
  const reference = extractCaseFeatures(refImg, msk, FUZZ_SETTINGS);
  const muts = mutations();
  const outcomes: FuzzOutcome[] = [];
  for (let k = 0; k < n; k++) {
    const mu = muts[rng.int(0, muts.length - 1)];
    const name = `fuzz_${seed}_${k}.nii`;
    const bytes = mu.apply(b.image.slice(), rng);
    const t0 = performance.now();
    let kind: FuzzOutcome["kind"], detail = "";
    try {
      const img = parseNifti(bytes, name);
      const warned: string[] = [];
      const f = extractCaseFeatures(img, msk, FUZZ_SETTINGS, (w) => warned.push(w));
      // a NaN is silent unless a warning names the file and its family
      const nan = Object.entries(f).filter(([key, v]) =>
        Number.isNaN(v) &&
        !warned.some((w) =>
          w.includes(name) && w.includes(` ${key.slice(key.indexOf("_") + 1, key.lastIndexOf("_"))}:`)
        )
      ).map(([key]) => key);
      const diff = Object.keys(reference).filter((key) =>
        !(Math.abs(f[key] - reference[key]) <= 1e-9 * Math.max(1, Math.abs(reference[key])))
      );
      if (mu.benign && diff.length) {
        kind = "wrong_features", detail = `${diff.length} features differ, e.g. ${diff[0]}`;
      } else if (nan.length) kind = "silent_nan", detail = `${nan.length} NaN, e.g. ${nan[0]}`;
      else kind = "features";
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      detail = msg;
      if (mu.benign) kind = "refused_valid";
      else if (msg.includes(name) && CLEAR.test(msg)) kind = "error";
      else kind = "unclear";
    }
    const ms = performance.now() - t0;
    if (ms > capMs) kind = "slow", detail = `${ms.toFixed(0)} ms`;
    outcomes.push({ name, mutation: mu.name, benign: mu.benign, kind, detail, ms });
  }
  return { outcomes, reference };
}

/** Counts per outcome kind. */
export function fuzzCounts(outcomes: readonly FuzzOutcome[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const o of outcomes) c[o.kind] = (c[o.kind] ?? 0) + 1;
  return c;
}
