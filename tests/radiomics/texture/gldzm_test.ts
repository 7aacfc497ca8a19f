import { assertClose, assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import * as gldzm from "../../../lib/radiomics/texture/gldzm.ts";
import { borderDistance, labelZones } from "../../../lib/radiomics/texture/zones.ts";
import { sizeStats } from "../../../lib/radiomics/texture/size_matrix.ts";

// 3 × 3 slice, all level 1 except the centre (2): in 2D the centre is 2 face steps from the border.
const levels = Int32Array.from([1, 1, 1, 1, 2, 1, 1, 1, 1]);
const roi = compactRoi({ dims: [3, 3, 1], levels, nLevels: 2 });

Deno.test("border distance counts face steps to leave the morphological mask (1 on the border)", () => {
  assertEquals(Array.from(borderDistance(roi, "2D")), [1, 1, 1, 1, 2, 1, 1, 1, 1]);
  // in 3D a single slice is all border (its z-neighbours lie outside)
  assertEquals(Array.from(borderDistance(roi, "3D")), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
});

Deno.test("the distance map comes from the morphological mask, zones from the intensity mask", () => {
  // the centre is excluded from the intensity mask (re-segmented) but stays in the morphological mask
  const lv = Int32Array.from([1, 1, 1, 1, 0, 1, 1, 1, 1]);
  const r = compactRoi({ dims: [3, 3, 1], levels: lv, nLevels: 1, morphMask: new Uint8Array(9).fill(1) });
  const z = labelZones(r, "2D", borderDistance(r, "2D"));
  assertEquals(z.count, 1);
  assertEquals(z.distance[0], 1);
});

Deno.test("GLDZM features of the hand-computed slice (2D distances; closed forms, 1e-12)", () => {
  const z = labelZones(roi, "2D", borderDistance(roi, "2D"));
  const s = sizeStats(gldzm.zoneMatrices(roi, z, "distance", true)[0]);
  const tol = { abs: 1e-12 };
  // zones: grey 1 (ring, distance 1), grey 2 (centre, distance 2)
  assertClose(gldzm.smallDistanceEmphasis(s), (1 + 0.25) / 2, tol);
  assertClose(gldzm.largeDistanceEmphasis(s), (1 + 4) / 2, tol);
  assertClose(gldzm.largeDistanceHighGreyLevelEmphasis(s), (1 + 16) / 2, tol);
  assertClose(gldzm.zonePercentage(s), 2 / 9, tol);
  assertClose(gldzm.zoneDistanceVariance(s), 0.25, tol);
  assertClose(gldzm.zoneDistanceNonUniformity(s), 1, tol);
});
