import { assert, assertEquals, assertThrows } from "../assert.ts";
import { fuzzCounts, runFuzz } from "./nifti_fuzz.ts";
import { encodeNifti1, imageFromArray, parseNifti, readNifti } from "../../lib/radiomics/image.ts";
import { extractCaseFeatures } from "../../lib/radiomics/filters/features.ts";
import { gzipSync } from "fflate";

Deno.test("NIfTI fuzz (seed 20261201, 300 mutants): every outcome a clear error or correct features", () => {
  const { outcomes } = runFuzz(20261201, 300, 20_000);
  const c = fuzzCounts(outcomes);
  const bad = outcomes.filter((o) => o.kind !== "error" && o.kind !== "features");
  assertEquals(bad.map((o) => `${o.kind} ${o.mutation}: ${o.detail}`), []);
  assert((c.error ?? 0) > 100 && (c.features ?? 0) > 30, JSON.stringify(c));
  assert(
    outcomes.filter((o) => o.benign && o.kind === "features").length > 20,
    "benign mutants compared with the reference",
  );
});

function img(): Uint8Array {
  const dims: [number, number, number] = [6, 6, 4];
  const d = new Int16Array(6 * 6 * 4).map((_, i) => (i * 37) % 200);
  return encodeNifti1(imageFromArray(d, dims, [1, 1, 2]));
}

Deno.test("NIfTI geometry: quaternion normalised as nifti1_io, sheared sform and vox_offset < 352 refused, multi-member gzip read", async () => {
  const b = img();
  const dv = new DataView(b.buffer);
  // qform only, quaternion (b, c, d) = (2, 0, 0): nifti1_io normalises to (1, 0, 0), a = 0 → a rotation
  dv.setInt16(254, 0, true);
  dv.setFloat32(256, 2, true), dv.setFloat32(260, 0, true), dv.setFloat32(264, 0, true);
  const q = parseNifti(b, "q.nii");
  assertEquals(q.spacing.map((v) => Math.round(v * 1e6) / 1e6), [1, 1, 2]);
  const det = (m: readonly number[]) =>
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
    m[2] * (m[3] * m[7] - m[4] * m[6]);
  assert(Math.abs(Math.abs(det(q.direction)) - 1) < 1e-6, "direction is a rotation");
  // sheared sform refused naming the field
  const s = img();
  new DataView(s.buffer).setFloat32(284, 0.5, true);
  assertThrows(() => parseNifti(s, "shear.nii"), /shear.nii header srow_x\/y\/z: .*not orthogonal/);
  // vox_offset 348 reads into the extension flag: refused
  const o = img();
  new DataView(o.buffer).setFloat32(108, 348, true);
  assertThrows(() => parseNifti(o, "off.nii"), /off.nii header vox_offset: must be >= 352, got 348/);
  // multi-member gzip (valid gzip): same image from readNifti (native inflate falls back) and parseNifti
  const raw = img();
  const a = gzipSync(raw.subarray(0, 200)), c = gzipSync(raw.subarray(200));
  const mm = new Uint8Array(a.length + c.length);
  mm.set(a), mm.set(c, a.length);
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/mm.nii.gz`, mm);
  const r = await readNifti(`${dir}/mm.nii.gz`);
  assertEquals(Array.from(r.data), Array.from(parseNifti(raw, "raw").data));
  assertEquals(Array.from(parseNifti(mm, "mm").data), Array.from(r.data));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("NIfTI bounds: dims over the voxel limit refused before inflating; a one-voxel ROI warns per family", () => {
  const b = img();
  new DataView(b.buffer).setInt16(42, 30000, true);
  new DataView(b.buffer).setInt16(44, 30000, true);
  new DataView(b.buffer).setInt16(46, 30000, true);
  assertThrows(
    () => parseNifti(gzipSync(b), "big.nii.gz", { maxVoxels: 1e6 }),
    /big.nii.gz header dim: 30000 × 30000 × 30000 = .* exceeds the limit of 1000000/,
  );
  const dims: [number, number, number] = [5, 5, 5];
  const im = imageFromArray(new Int16Array(125).map((_, i) => i), dims, [1, 1, 1], [0, 0, 0], "one.nii");
  const m = new Uint8Array(125);
  m[62] = 1;
  const warnings: string[] = [];
  const f = extractCaseFeatures(
    im,
    imageFromArray(m, dims),
    { families: ["intensity_statistics", "glcm"] },
    (w) => warnings.push(w),
  );
  assert(Object.values(f).some((v) => Number.isNaN(v)), "some features undefined");
  assert(
    warnings.some((w) => w.includes("one.nii") && w.includes("glcm") && w.includes("one voxel")),
    warnings.join("\n"),
  );
});

Deno.test("discretisation: a huge voxel is refused naming the file, the intensity range and the setting", () => {
  const dims: [number, number, number] = [5, 5, 5];
  const d = new Float32Array(125).map((_, i) => i);
  d[62] = 1e10;
  const im = imageFromArray(d, dims, [1, 1, 1], [0, 0, 0], "hot.nii");
  const m = new Uint8Array(125).fill(1);
  assertThrows(
    () => extractCaseFeatures(im, imageFromArray(m, dims), { families: ["glcm"] }),
    /hot.nii: discretisation: ROI intensities 0 … 10000000000 .* "binWidth"/,
  );
});
