import { assertEquals } from "../../assert.ts";
import { compactRoi, paddedGrid } from "../../../lib/radiomics/texture/levels.ts";
import { computeTextureFeatures, type TextureRoi } from "../../../lib/radiomics/texture/mod.ts";
import { createRng } from "../../../lib/random/rng.ts";

// random levels on a fixed mask within x < 9 of a 10 × 8 × 7 grid (the image types of one case: same
// box, other levels)
const dims = [10, 8, 7] as const;
const mask = (() => {
  const rng = createRng(11);
  return Uint8Array.from({ length: 10 * 8 * 7 }, (_, i) => (i % 10 < 9 && rng.uniform() < 0.8 ? 1 : 0));
})();
function roiOnMask(seed: number, nLevels: number): TextureRoi {
  const rng = createRng(seed);
  const levels = Int32Array.from(mask, (m) => (m ? 1 + Math.floor(rng.uniform() * nLevels) : 0));
  return { dims, levels, nLevels };
}

// every family but the GLDZM, whose distances the morphological mask changes
const families = ["glcm", "glrlm", "glszm", "ngtdm", "ngldm"] as const;
const all = { families: [...families], dimensions: ["2D", "2.5D", "3D"] } as const;

Deno.test("texture features of a ROI after another ROI of the same box (reused buffers) equal a fresh computation", () => {
  const a = roiOnMask(1, 4), b = roiOnMask(2, 6);
  // reference: the morphological mask reaches x = 9, so the box (and so every buffer) differs
  const wide = Uint8Array.from(mask);
  wide[9] = 1;
  const ref = computeTextureFeatures({ ...a, morphMask: wide }, all).map((r) => r.value);
  const other = computeTextureFeatures(b, all).map((r) => r.value);
  const got = computeTextureFeatures(a, all).map((r) => r.value);
  assertEquals(got, ref);
  assertEquals(other.some((v, i) => !Object.is(v, ref[i])), true);
});

Deno.test("compactRoi without reuse keeps its arrays and padded grid through texture calls on other ROIs", () => {
  const c = compactRoi(roiOnMask(3, 5));
  const index = Array.from(c.index), padded = Array.from(paddedGrid(c, 1).index);
  computeTextureFeatures(roiOnMask(4, 5));
  computeTextureFeatures(roiOnMask(5, 5));
  assertEquals(Array.from(c.index), index);
  assertEquals(Array.from(paddedGrid(c, 1).index), padded);
});

Deno.test("texture features stay right when boxes of one voxel count but another shape follow each other", () => {
  // a 4 × 6 × 5 and a 6 × 4 × 5 box (same padded size, other padding cells) in an 8 × 8 × 6 grid
  const box = (bx: number, by: number, seed: number): TextureRoi => {
    const rng = createRng(seed);
    const levels = new Int32Array(8 * 8 * 6);
    for (let z = 0; z < 5; z++) {
      for (let y = 0; y < by; y++) {
        for (let x = 0; x < bx; x++) levels[x + 8 * (y + 8 * z)] = 1 + Math.floor(rng.uniform() * 3);
      }
    }
    return { dims: [8, 8, 6], levels, nLevels: 3 };
  };
  const a = box(4, 6, 7), b = box(6, 4, 8), reset = box(3, 3, 9);
  computeTextureFeatures(reset, all);
  const first = computeTextureFeatures(b, all).map((r) => r.value);
  computeTextureFeatures(a, all);
  assertEquals(computeTextureFeatures(b, all).map((r) => r.value), first);
});
