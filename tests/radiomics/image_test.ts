import {
  assert,
  assertClose,
  assertEquals,
  assertRejects,
  assertThrows,
  sharedDir,
  sharedExists,
} from "../assert.ts";
import {
  encodeNifti1,
  encodeNifti2,
  imageFromArray,
  makeImage,
  parseNifti,
  readNifti,
  voxelValue,
  writeNifti,
} from "../../lib/radiomics/image.ts";

const PHANTOM = [
  1,
  4,
  4,
  1,
  1,
  1,
  4,
  6,
  1,
  1,
  4,
  1,
  6,
  4,
  1,
  4,
  4,
  6,
  4,
  1,
  1,
  4,
  4,
  1,
  1,
  1,
  1,
  6,
  1,
  1,
  1,
  1,
  3,
  1,
  1,
  4,
  4,
  6,
  1,
  1,
  1,
  4,
  4,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  9,
  1,
  1,
  1,
  1,
  6,
  1,
  1,
  1,
  4,
  4,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  6,
  1,
  1,
];

Deno.test({
  name: "readNifti reads the IBSI digital phantom voxels, spacing and LPS orientation as documented",
  ignore: !sharedExists,
  fn: async () => {
    const img = await readNifti(`${sharedDir}reference/ibsi1/digital_phantom/image.nii.gz`);
    assertEquals(img.dims, [5, 4, 4]);
    assertEquals(img.spacing, [2, 2, 2]);
    assertEquals(img.orientation, "LPS"); // affine diag(-2, -2, 2) in RAS
    assertEquals(Array.from(img.data), PHANTOM);
    assertEquals(img.header.sformCode, 1);
  },
});

Deno.test({
  name: "readNifti reads a qform-only validation CT (sform_code 0) with its float32 voxels",
  ignore: !sharedExists,
  fn: async () => {
    const img = await readNifti(`${sharedDir}reference/ibsi_validation/STS_002/ct_image.nii.gz`);
    assertEquals(img.header.sformCode, 0);
    assert(img.header.qformCode > 0, "qform used");
    assertEquals(img.data.constructor.name, "Float32Array");
    assertClose(img.spacing[2], img.header.pixdim[3], { rel: 1e-6 });
  },
});

Deno.test("write then read round-trips every supported data type, geometry and scaling (.nii and .nii.gz)", async () => {
  const dir = await Deno.makeTempDir();
  const arrays = [
    new Uint8Array([0, 1, 2, 255, 7, 8]),
    new Int8Array([-5, 0, 5, 1, 2, 3]),
    new Int16Array([-1000, 0, 400, 1, 2, 3]),
    new Uint16Array([0, 65535, 3, 4, 5, 6]),
    new Int32Array([-1e6, 0, 1e6, 1, 2, 3]),
    new Uint32Array([0, 4e9, 1, 2, 3, 4]),
    new Float32Array([-1.5, 0, 2.25, 1, 2, 3]),
    new Float64Array([-1e-300, 0, Math.PI, 1, 2, 3]),
  ];
  // rotated affine with a reflection (negative determinant: qfac −1)
  const affine = [0, -0.8, 0, 10, 0.8, 0, 0, -20, 0, 0, -2.5, 30, 0, 0, 0, 1];
  for (const a of arrays) {
    for (const ext of [".nii", ".nii.gz"]) {
      const img = makeImage(a, [3, 2, 1], affine, { source: "synthetic" });
      const path = `${dir}/t_${a.constructor.name}${ext}`;
      await writeNifti(path, img);
      const back = await readNifti(path);
      assertEquals(Array.from(back.data), Array.from(a), `${a.constructor.name}${ext}`);
      assertEquals(back.data.constructor.name, a.constructor.name);
      assertClose(back.affine, affine, { abs: 1e-6 });
      assertClose(back.spacing, [0.8, 0.8, 2.5], { abs: 1e-6 });
    }
  }
  // scl_slope / scl_inter applied on reading
  const scaled = { ...imageFromArray(new Int16Array([1, 2, 3, 4]), [2, 2, 1]), slope: 2, inter: -1000 };
  const back = parseNifti(encodeNifti1(scaled));
  assertEquals([0, 1, 2, 3].map((i) => voxelValue(back, i)), [-998, -996, -994, -992]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the qform is used when sform_code is 0, including a negative qfac", () => {
  const affine = [-1, 0, 0, 5, 0, -1, 0, 6, 0, 0, -3, 7, 0, 0, 0, 1]; // det < 0 → qfac −1
  const bytes = encodeNifti1(makeImage(new Uint8Array(8), [2, 2, 2], affine));
  new DataView(bytes.buffer).setInt16(254, 0, true); // sform_code = 0
  const img = parseNifti(bytes, "qform.nii");
  assertEquals(img.header.sformCode, 0);
  assertClose(img.affine, affine, { abs: 1e-6 });
  assertEquals(img.orientation, "LPI");
});

Deno.test("NIfTI-2 files are read: 64-bit dims, double pixdim, sform, scaling", () => {
  const affine = [0.5, 0, 0, -10, 0, -0.5, 0, 20, 0, 0, 4, 30, 0, 0, 0, 1];
  const img = { ...makeImage(new Int16Array([1, 2, 3, 4, 5, 6]), [1, 2, 3], affine), slope: 0.5, inter: 1 };
  const back = parseNifti(encodeNifti2(img), "two.nii");
  assertEquals(back.header.version, 2);
  assertEquals(back.dims, [1, 2, 3]);
  assertClose(back.affine, affine, { abs: 1e-12 });
  assertEquals(back.orientation, "RPS");
  assertEquals([0, 5].map((i) => voxelValue(back, i)), [1.5, 4]);
  const trunc = encodeNifti2(img).slice(0, 550);
  assertThrows(() => parseNifti(trunc, "two.nii"), /two\.nii: data shorter than the header says/);
});

Deno.test("big-endian NIfTI-1 files are read with swapped header fields and voxels", () => {
  const affine = [1.5, 0, 0, 3, 0, 1.5, 0, 4, 0, 0, 2, 5, 0, 0, 0, 1];
  const le = encodeNifti1(makeImage(new Int16Array([-300, 2, 1000, 4]), [2, 2, 1], affine));
  const be = le.slice();
  const swap = (at: number, size: number, count = 1) => {
    for (let k = 0; k < count; k++) be.subarray(at + k * size, at + (k + 1) * size).reverse();
  };
  swap(0, 4); // sizeof_hdr
  swap(40, 2, 8); // dim
  swap(70, 2, 2); // datatype, bitpix
  swap(76, 4, 8); // pixdim
  swap(108, 4, 3); // vox_offset, scl_slope, scl_inter
  swap(252, 2, 2); // qform_code, sform_code
  swap(256, 4, 6); // quatern_b..qoffset_z
  swap(280, 4, 12); // srow
  swap(352, 2, 4); // voxels
  const img = parseNifti(be, "be.nii");
  assertEquals(Array.from(img.data), [-300, 2, 1000, 4]);
  assertClose(img.affine, affine, { abs: 1e-6 });
});

/** A valid small file to corrupt. */
function valid(): Uint8Array {
  return encodeNifti1(imageFromArray(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2], [1, 1, 1]));
}

Deno.test("corrupted files give clear errors naming the file and the header field or voxel", async () => {
  const cases: [string, (b: Uint8Array) => Uint8Array, RegExp][] = [
    ["empty file", () => new Uint8Array(0), /bad\.nii: file is 0 bytes, shorter than a NIfTI-1 header/],
    ["truncated header", (b) => b.slice(0, 200), /bad\.nii: file is 200 bytes/],
    [
      "truncated data",
      (b) => b.slice(0, b.length - 5),
      /bad\.nii: data shorter than the header says: dim\[1\.\.3\] = 2 × 2 × 2/,
    ],
    [
      "wrong magic",
      (b) => (b.set([0x78, 0x78, 0x78], 344), b),
      /bad\.nii header magic: expected "n\+1", got "xxx"/,
    ],
    ["hdr/img pair magic", (b) => (b.set([0x6e, 0x69, 0x31], 344), b), /separate \.hdr\/\.img pair/],
    [
      "not NIfTI at all",
      (b) => (new DataView(b.buffer).setInt32(0, 1234, true), b),
      /header sizeof_hdr: expected 348 \(NIfTI-1\) or 540 \(NIfTI-2\), got 1234/,
    ],
    [
      "dims larger than the data",
      (b) => (new DataView(b.buffer).setInt16(42, 200, true), b),
      /data shorter than the header says: dim\[1\.\.3\] = 200 × 2 × 2/,
    ],
    [
      "zero dim",
      (b) => (new DataView(b.buffer).setInt16(44, 0, true), b),
      /header dim\[2\]: must be a positive integer, got 0/,
    ],
    [
      "bad dim[0]",
      (b) => (new DataView(b.buffer).setInt16(40, 9, true), b),
      /header dim\[0\]: must be in 1\.\.7, got 9/,
    ],
    ["4D", (b) => {
      const d = new DataView(b.buffer);
      d.setInt16(40, 4, true);
      d.setInt16(48, 3, true);
      return b;
    }, /header dim\[4\]: only single 3D volumes/],
    [
      "zero pixdim",
      (b) => (new DataView(b.buffer).setFloat32(80, 0, true), b),
      /header pixdim\[1\]: must be > 0, got 0/,
    ],
    [
      "unknown datatype",
      (b) => (new DataView(b.buffer).setInt16(70, 1536, true), b),
      /header datatype: 1536 is not supported/,
    ],
    [
      "bitpix mismatch",
      (b) => (new DataView(b.buffer).setInt16(72, 16, true), b),
      /header bitpix: datatype float32 needs 32, got 16/,
    ],
    [
      "vox_offset too small",
      (b) => (new DataView(b.buffer).setFloat32(108, 0, true), b),
      /header vox_offset: must be >= 352/,
    ],
    [
      "NaN voxel",
      (b) => (new DataView(b.buffer).setFloat32(352 + 4 * 5, NaN, true), b),
      /bad\.nii voxel \(1, 0, 1\): value NaN is not finite/,
    ],
    [
      "infinite voxel",
      (b) => (new DataView(b.buffer).setFloat32(352, Infinity, true), b),
      /voxel \(0, 0, 0\): value Infinity is not finite/,
    ],
  ];
  for (const [what, corrupt, pattern] of cases) {
    assertThrows(() => parseNifti(corrupt(valid()), "bad.nii"), pattern, what);
  }
  // the same through files, gzip included (truncated gzip stream)
  const dir = await Deno.makeTempDir();
  const { gzipSync } = await import("fflate");
  const gz = gzipSync(valid());
  await Deno.writeFile(`${dir}/trunc.nii.gz`, gz.slice(0, gz.length - 12));
  await assertRejects(() => readNifti(`${dir}/trunc.nii.gz`), /trunc\.nii\.gz/);
  assertThrows(
    () => parseNifti(gz.slice(0, 30), "t.nii.gz"),
    /t\.nii\.gz: gzip data is corrupt or truncated/,
  );
  await Deno.writeFile(`${dir}/garbage.nii`, new Uint8Array(400).fill(7));
  await assertRejects(() => readNifti(`${dir}/garbage.nii`), /garbage\.nii header sizeof_hdr/);
  await assertRejects(() => readNifti(`${dir}/missing.nii`), /missing\.nii: cannot read file/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("NaN voxels can be allowed explicitly", () => {
  const b = valid();
  new DataView(b.buffer).setFloat32(352, NaN, true);
  const img = parseNifti(b, "nan.nii", { rejectNonFinite: false });
  assert(Number.isNaN(img.data[0]));
});
