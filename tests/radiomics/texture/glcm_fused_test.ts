import { assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import { DIRECTIONS_3D } from "../../../lib/radiomics/texture/directions.ts";
import { glcmMatrices, glcmMatrix } from "../../../lib/radiomics/texture/glcm.ts";
import { createRng } from "../../../lib/random/rng.ts";

// a random 3D ROI (holes, 5 grey levels with long runs) on a 13 × 11 × 9 grid
function randomRoi(seed: number, nLevels: number) {
  const rng = createRng(seed);
  const dims = [13, 11, 9] as const;
  const levels = new Int32Array(dims[0] * dims[1] * dims[2]);
  let g = 1;
  for (let i = 0; i < levels.length; i++) {
    if (rng.uniform() < 0.3) g = 1 + Math.floor(rng.uniform() * nLevels);
    levels[i] = rng.uniform() < 0.15 ? 0 : g;
  }
  return compactRoi({ dims, levels, nLevels });
}

Deno.test("glcmMatrices of the 13 directions (δ = 1, 2) equal glcmMatrix per direction, count for count", () => {
  for (const [seed, delta] of [[1, 1], [2, 2]]) {
    const roi = randomRoi(seed, 5);
    const dirs = DIRECTIONS_3D.map(([x, y, z]) => [x * delta, y * delta, z * delta] as const);
    const fused = glcmMatrices(roi, dirs);
    assertEquals(fused.length, 13);
    dirs.forEach((d, i) => assertEquals(Array.from(fused[i].counts), Array.from(glcmMatrix(roi, d).counts)));
  }
});
