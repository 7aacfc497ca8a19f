import { assertClose, assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import * as glszm from "../../../lib/radiomics/texture/glszm.ts";
import { labelZones } from "../../../lib/radiomics/texture/zones.ts";
import { sizeStats } from "../../../lib/radiomics/texture/size_matrix.ts";

// 3 × 3 slice:   1 1 2 / 2 1 2 / 2 2 1 — with 8-connectivity the 1s form one zone of 4 (diagonal link),
// the 2s one zone of 5; with 4-connectivity there would be 4 zones.
const roi = compactRoi({ dims: [3, 3, 1], levels: Int32Array.from([1, 1, 2, 2, 1, 2, 2, 2, 1]), nLevels: 2 });

Deno.test("zones join voxels at Chebyshev distance 1 (8-connected in a slice)", () => {
  const z = labelZones(roi, "2D");
  assertEquals(z.count, 2);
  assertEquals(Array.from(z.size).sort(), [4, 5]);
  assertEquals(labelZones(roi, "3D").count, 2);
});

Deno.test("GLSZM features of the hand-labelled slice (closed forms, 1e-12)", () => {
  const s = sizeStats(glszm.zoneMatrices(roi, labelZones(roi, "3D"), "size", false)[0]);
  const tol = { abs: 1e-12 };
  assertClose(glszm.zonePercentage(s), 2 / 9, tol);
  assertClose(glszm.smallZoneEmphasis(s), (1 / 16 + 1 / 25) / 2, tol);
  assertClose(glszm.largeZoneEmphasis(s), (16 + 25) / 2, tol);
  assertClose(glszm.largeZoneHighGreyLevelEmphasis(s), (16 + 4 * 25) / 2, tol);
  assertClose(glszm.zoneSizeNonUniformity(s), 1, tol);
  assertClose(glszm.zoneSizeVariance(s), 0.25, tol);
  assertClose(glszm.zoneSizeEntropy(s), 1, tol);
});
