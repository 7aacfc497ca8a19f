import { assertClose, assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import * as ngtdm from "../../../lib/radiomics/texture/ngtdm.ts";

// Row [1, 2, 3]: neighbour means 2, 2, 2 → s = (1, 0, 1), n = (1, 1, 1), N_v,c = 3, p_i = 1/3.
const roi = compactRoi({ dims: [3, 1, 1], levels: Int32Array.from([1, 2, 3]), nLevels: 3 });
const m = ngtdm.ngtdmMatrices(roi, "3D")[0];
const t = ngtdm.toneStats(m);

Deno.test("ngtdmMatrices averages the ROI neighbours of each voxel", () => {
  assertEquals(Array.from(m.n), [1, 1, 1]);
  assertEquals(Array.from(m.s), [1, 0, 1]);
});

Deno.test("NGTDM features of a hand-computed row (closed forms, 1e-12)", () => {
  const tol = { abs: 1e-12 };
  assertClose(ngtdm.coarseness(t), 1.5, tol); // 1 / (2/3)
  assertClose(ngtdm.contrast(t), (12 / 9 / 6) * (2 / 3), tol);
  assertClose(ngtdm.busyness(t), (2 / 3) / (8 / 3), tol);
  assertClose(ngtdm.complexity(t), 2, tol);
  assertClose(ngtdm.strength(t), 4, tol);
});

Deno.test("NGTDM edge values: coarseness 10^6, busyness, contrast and strength 0 without differences", () => {
  const flat = compactRoi({ dims: [2, 2, 1], levels: Int32Array.from([2, 2, 2, 2]), nLevels: 2 });
  const f = ngtdm.toneStats(ngtdm.ngtdmMatrices(flat, "2D")[0]);
  assertEquals([
    ngtdm.coarseness(f),
    ngtdm.contrast(f),
    ngtdm.busyness(f),
    ngtdm.complexity(f),
    ngtdm.strength(f),
  ], [1e6, 0, 0, 0, 0]);
});
