import { join } from "node:path";
import { gzipSync } from "fflate";
import { assert, assertEquals, assertRejects, assertThrows } from "../assert.ts";
import {
  caseMemoryEstimate,
  checkCaseMemory,
  defaultMemoryLimit,
  formatBytes,
  liveArrays,
  parseByteSize,
  readNiftiGeometry,
  RUNTIME_OVERHEAD_BYTES,
  splitByMemoryBudget,
} from "../../lib/radiomics/memory_budget.ts";
import { encodeNifti1, imageFromArray } from "../../lib/radiomics/image.ts";
import { runBatch } from "../../lib/radiomics/batch.ts";
import type { CaseSettings } from "../../lib/radiomics/filters/features.ts";

/**
 * A NIfTI-1 header (348 bytes + 4 of extension flag) declaring `dims` of int16 at `pixdim` mm, followed
 * by only `dataBytes` zero bytes of data: what a header claims, without the data behind it.
 */
function headerOnly(
  dims: [number, number, number],
  pixdim: [number, number, number],
  dataBytes = 16,
): Uint8Array {
  const b = new Uint8Array(352 + dataBytes);
  const dv = new DataView(b.buffer);
  dv.setInt32(0, 348, true);
  dv.setInt16(40, 3, true);
  dims.forEach((d, a) => dv.setInt16(42 + 2 * a, d, true));
  dv.setInt16(70, 4, true); // datatype int16
  dv.setInt16(72, 16, true); // bitpix
  dv.setFloat32(76, 1, true);
  pixdim.forEach((p, a) => dv.setFloat32(80 + 4 * a, p, true));
  dv.setFloat32(108, 352, true); // vox_offset
  b.set(new TextEncoder().encode("n+1\0"), 344);
  return b;
}

const WAVELET: CaseSettings = {
  resampledSpacing: [1, 1, 1],
  filters: { original: true, wavelet: { wavelet: "coif1" } },
};

Deno.test("parseByteSize reads decimal and binary units; a bad size names the option", () => {
  assertEquals(parseByteSize("2GiB"), 2 ** 31);
  assertEquals(parseByteSize("512MiB"), 512 * 2 ** 20);
  assertEquals(parseByteSize("1.5 gib"), 1.5 * 2 ** 30);
  assertEquals(parseByteSize("4G"), 4e9);
  assertEquals(parseByteSize("300000"), 300000);
  assertThrows(
    () => parseByteSize("2 parsecs"),
    /^option --memory-limit: expected a size such as 2GiB, 512MiB or 4G, got "2 parsecs"$/,
  );
  assertThrows(() => parseByteSize("0GiB"), /option --memory-limit/);
  assertEquals(formatBytes(1536), "1.5 KiB");
  assertEquals(formatBytes(3 * 2 ** 30), "3.0 GiB");
});

Deno.test("default limit: min(4 GiB, 50 % of available memory) / workers; NOMOGRAM_MEMORY_LIMIT wins", () => {
  const saved = Deno.env.get("NOMOGRAM_MEMORY_LIMIT");
  Deno.env.delete("NOMOGRAM_MEMORY_LIMIT");
  try {
    assertEquals(defaultMemoryLimit(2, 64 * 2 ** 30), 2 * 2 ** 30);
    assertEquals(defaultMemoryLimit(1, 6 * 2 ** 30), 3 * 2 ** 30);
    assertEquals(defaultMemoryLimit(4, 2 * 2 ** 30), 2 ** 28);
    Deno.env.set("NOMOGRAM_MEMORY_LIMIT", "700MiB");
    assertEquals(defaultMemoryLimit(4, 64 * 2 ** 30), 700 * 2 ** 20);
  } finally {
    if (saved === undefined) Deno.env.delete("NOMOGRAM_MEMORY_LIMIT");
    else Deno.env.set("NOMOGRAM_MEMORY_LIMIT", saved);
  }
});

Deno.test("the estimate by hand: files + scans in their types + float64 working grid × live arrays", async () => {
  const dir = await Deno.makeTempDir();
  // 100 × 80 × 20 int16 at 0.5 × 0.5 × 2 mm → 1 mm: 50 × 40 × 40 = 80 000 working voxels
  const img = encodeNifti1(imageFromArray(new Int16Array(100 * 80 * 20), [100, 80, 20], [0.5, 0.5, 2]));
  const msk = encodeNifti1(imageFromArray(new Uint8Array(100 * 80 * 20), [100, 80, 20], [0.5, 0.5, 2]));
  await Deno.writeFile(join(dir, "i.nii"), img);
  await Deno.writeFile(join(dir, "m.nii.gz"), gzipSync(msk));
  const gi = (await readNiftiGeometry(join(dir, "i.nii")))!;
  const gm = (await readNiftiGeometry(join(dir, "m.nii.gz")))!;
  assertEquals([gi.dims, gi.pixdim, gi.bitpix, gi.voxels], [[100, 80, 20], [0.5, 0.5, 2], 16, 160000]);
  assertEquals([gm.bitpix, gm.fileBytes], [8, (await Deno.stat(join(dir, "m.nii.gz"))).size]);
  assertEquals(liveArrays(WAVELET.filters!), 5 + 8 + 2);
  const e = caseMemoryEstimate(gi, gm, WAVELET);
  assertEquals(e.workingVoxels, 80000);
  assertEquals(
    e.bytes,
    img.length + 160000 * 2 + gm.fileBytes + 160000 * 1 + 80000 * 8 * 15 + RUNTIME_OVERHEAD_BYTES,
  );
  // no resampling, original only: the image grid, 5 arrays
  const o = caseMemoryEstimate(gi, gm, { filters: { original: true } });
  assertEquals([o.workingVoxels, o.arrays], [160000, 5]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a header whose estimate exceeds the limit is refused before the image is read: file, estimate, limit, setting", async () => {
  const dir = await Deno.makeTempDir();
  // 2000 × 2000 × 1000 int16 declared (8 GB), 16 bytes of data behind it: reading it would fail otherwise
  const image = join(dir, "huge.nii.gz");
  await Deno.writeFile(image, gzipSync(headerOnly([2000, 2000, 1000], [0.5, 0.5, 1])));
  const mask = join(dir, "huge_mask.nii.gz");
  await Deno.writeFile(mask, gzipSync(headerOnly([2000, 2000, 1000], [0.5, 0.5, 1])));
  const e = await assertRejects(() => checkCaseMemory(image, mask, WAVELET, 2 ** 30));
  assertEquals(e.name, "MemoryBudgetError");
  assert(e.message.startsWith(`${image}: the extraction needs about `), e.message);
  // whole grid after 1 mm resampling: 1000 × 1000 × 1000 voxels × 8 bytes × 15 arrays = 111.8 GiB + scans
  assert(
    /needs about 12\d\.\d GiB \(1000000000 voxels of the whole image after resampling × 8 bytes × 15 arrays/
      .test(e.message),
    e.message,
  );
  assert(e.message.includes("more than the memory limit of 1.0 GiB per case"), e.message);
  assert(
    e.message.includes("raise it with --memory-limit (or NOMOGRAM_MEMORY_LIMIT), e.g. --memory-limit 12"),
    e.message,
  );
  assert(!e.message.includes("\n"), "one line");
  // a batch fails that case alone, without a worker reading it
  const split = await splitByMemoryBudget([{ image, mask }], WAVELET, 2 ** 30);
  assertEquals([split.fit.length, split.over.length], [0, 1]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("over the whole-image bound but within it on the ROI crop: the case passes (the mask's box refines it)", async () => {
  const dir = await Deno.makeTempDir();
  const dims: [number, number, number] = [120, 120, 60];
  const m = new Uint8Array(120 * 120 * 60);
  for (let z = 28; z < 32; z++) {
    for (let y = 58; y < 62; y++) for (let x = 58; x < 62; x++) m[x + 120 * (y + 120 * z)] = 1;
  }
  await Deno.writeFile(join(dir, "i.nii"), encodeNifti1(imageFromArray(new Int16Array(m.length), dims)));
  await Deno.writeFile(join(dir, "m.nii"), encodeNifti1(imageFromArray(m, dims)));
  const whole = caseMemoryEstimate(
    (await readNiftiGeometry(join(dir, "i.nii")))!,
    (await readNiftiGeometry(join(dir, "m.nii")))!,
    WAVELET,
  );
  assertEquals(whole.workingVoxels, 120 * 120 * 60);
  const limit = 130 * 2 ** 20; // below the whole-image bound (~208 MiB), above the crop (~101 MiB)
  assert(whole.bytes > limit);
  const est = (await checkCaseMemory(join(dir, "i.nii"), join(dir, "m.nii"), WAVELET, limit))!;
  assertEquals(est.grid, "ROI crop");
  // 4 voxels + 2 × max(8 mm, (margin 4 + 2) × 1 mm) = 20 per axis
  assertEquals(est.workingVoxels, 20 ** 3);
  await assertRejects(
    () => checkCaseMemory(join(dir, "i.nii"), join(dir, "m.nii"), WAVELET, 2 ** 20),
    /memory limit of 1\.0 MiB/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test({
  name: "runBatch fails a case over memoryLimit with the budget message and computes the others",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const small = imageFromArray(new Int16Array(12 * 12 * 8).map((_, i) => (i * 37) % 200), [12, 12, 8]);
    const m = new Uint8Array(12 * 12 * 8);
    for (let z = 2; z < 6; z++) {
      for (let y = 3; y < 9; y++) for (let x = 3; x < 9; x++) m[x + 12 * (y + 12 * z)] = 1;
    }
    await Deno.writeFile(join(dir, "i.nii"), encodeNifti1(small));
    await Deno.writeFile(join(dir, "m.nii"), encodeNifti1(imageFromArray(m, [12, 12, 8])));
    await Deno.writeFile(join(dir, "huge.nii.gz"), gzipSync(headerOnly([2000, 2000, 1000], [1, 1, 1])));
    const c = (patient: string, image: string, mask: string) => ({
      patient,
      phase: "ct",
      reader: "A",
      image: join(dir, image),
      mask: join(dir, mask),
    });
    const res = await runBatch([c("P1", "i.nii", "m.nii"), c("P2", "huge.nii.gz", "huge.nii.gz")], {
      settings: { families: ["intensity_statistics"], filters: { original: true } },
      cacheDir: join(dir, "cache"),
      workers: 1,
      memoryLimit: 256 * 2 ** 20,
    });
    assertEquals(res.rows.map((r) => r.patient), ["P1"]);
    assertEquals(res.summary.failed.map((f) => f.id), ["P2__ct__A"]);
    assert(
      res.summary.failed[0].error.includes("more than the memory limit of 256.0 MiB per case"),
      res.summary.failed[0].error,
    );
    await Deno.remove(dir, { recursive: true });
  },
});
