import { assert, assertEquals, assertThrows } from "../assert.ts";
import { imageFromArray, makeImage } from "../../lib/radiomics/image.ts";
import { checkImageMask } from "../../lib/radiomics/checks.ts";

const img = imageFromArray(new Int16Array(27).fill(5), [3, 3, 3], [1, 1, 2], [0, 0, 0], "ct.nii");
const center = (v = 1) => {
  const m = new Uint8Array(27);
  m[13] = v;
  return m;
};

Deno.test("checkImageMask accepts a mask on the image grid and counts ROI voxels", () => {
  const r = checkImageMask(img, imageFromArray(center(), [3, 3, 3], [1, 1, 2], [0, 0, 0], "roi.nii"));
  assertEquals(r.roiVoxels, 1);
  assertEquals(r.warnings, []);
});

Deno.test("checkImageMask names the header field when grids differ", () => {
  assertThrows(
    () => checkImageMask(img, imageFromArray(new Uint8Array(18), [3, 3, 2], [1, 1, 2], [0, 0, 0], "roi.nii")),
    /ct\.nii \/ roi\.nii header dim\[3\]: image has 3, mask has 2/,
  );
  assertThrows(
    () => checkImageMask(img, imageFromArray(center(), [3, 3, 3], [1, 1.5, 2], [0, 0, 0], "roi.nii")),
    /header pixdim\[2\]: image spacing 1 mm, mask 1\.5 mm/,
  );
  assertThrows(
    () => checkImageMask(img, imageFromArray(center(), [3, 3, 3], [1, 1, 2], [0, 4, 0], "roi.nii")),
    /header y row of the affine .*image 0, mask 4/,
  );
  const flipped = makeImage(center(), [3, 3, 3], [-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1], {
    source: "roi.nii",
  });
  assertThrows(() => checkImageMask(img, flipped), /x row of the affine/);
});

Deno.test("checkImageMask rejects unexpected mask values and empty masks, naming the voxel", () => {
  assertThrows(
    () => checkImageMask(img, imageFromArray(center(2), [3, 3, 3], [1, 1, 2], [0, 0, 0], "roi.nii")),
    /roi\.nii voxel \(1, 1, 1\): mask value 2, expected 0 or the label 1/,
  );
  assertThrows(
    () => checkImageMask(img, imageFromArray(new Uint8Array(27), [3, 3, 3], [1, 1, 2], [0, 0, 0], "roi.nii")),
    /roi\.nii: the mask has no voxel with label 1 \(empty ROI\)/,
  );
  // label 2 chosen explicitly is fine
  assertEquals(
    checkImageMask(img, imageFromArray(center(2), [3, 3, 3], [1, 1, 2], [0, 0, 0], "roi.nii"), { label: 2 })
      .roiVoxels,
    1,
  );
});

Deno.test("a mask touching the image border is a warning naming the voxel (or an error on request)", () => {
  const m = new Uint8Array(27);
  m[2] = 1; // (2, 0, 0)
  const mask = imageFromArray(m, [3, 3, 3], [1, 1, 2], [0, 0, 0], "roi.nii");
  const r = checkImageMask(img, mask);
  assertEquals(r.warnings.length, 1);
  assert(r.warnings[0].includes("roi.nii voxel (2, 0, 0): the ROI touches the image border"), r.warnings[0]);
  assertThrows(() => checkImageMask(img, mask, { borderIsError: true }), /touches the image border/);
});
