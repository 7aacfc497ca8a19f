import { assertClose, assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import * as ngldm from "../../../lib/radiomics/texture/ngldm.ts";
import { sizeStats } from "../../../lib/radiomics/texture/size_matrix.ts";

// Row [1, 1, 2], α = 0: dependence counts 2, 2, 1 → s(1, 2) = 2, s(2, 1) = 1.
const roi = compactRoi({ dims: [3, 1, 1], levels: Int32Array.from([1, 1, 2]), nLevels: 2 });

Deno.test("ngldmMatrices counts 1 + equal-level neighbours (α = 0)", () => {
  const m = ngldm.ngldmMatrices(roi, "3D")[0];
  assertEquals(Array.from(m.cols), [1, 2]);
  assertEquals(Array.from(m.counts), [0, 2, 1, 0]);
});

Deno.test("α widens dependence to levels within α", () => {
  const m = ngldm.ngldmMatrices(roi, "3D", 1, 1)[0];
  assertEquals(Array.from(m.cols), [2, 3]); // 1: 2 (end), 3 (middle); 2: 2
  assertEquals(Array.from(m.counts), [1, 1, 1, 0]);
});

Deno.test("NGLDM features of a hand-computed row (closed forms, 1e-12)", () => {
  const s = sizeStats(ngldm.ngldmMatrices(roi, "3D")[0]);
  const tol = { abs: 1e-12 };
  assertClose(ngldm.lowDependenceEmphasis(s), (2 / 4 + 1) / 3, tol);
  assertClose(ngldm.highDependenceEmphasis(s), (8 + 1) / 3, tol);
  assertClose(ngldm.highGreyLevelCountEmphasis(s), (2 + 4) / 3, tol);
  assertClose(ngldm.dependenceCountPercentage(s), 1, tol);
  assertClose(ngldm.dependenceCountEnergy(s), 5 / 9, tol);
  assertClose(ngldm.dependenceCountVariance(s), 2 / 9, tol);
});
