import { assertClose, assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import * as glrlm from "../../../lib/radiomics/texture/glrlm.ts";
import { sizeStats } from "../../../lib/radiomics/texture/size_matrix.ts";

// Row [1, 1, 2, 1] along x: runs (grey 1, length 2), (2, 1), (1, 1); N_s = 3, N_v = 4.
const roi = compactRoi({ dims: [4, 1, 1], levels: Int32Array.from([1, 1, 2, 1]), nLevels: 2 });
const m = glrlm.glrlmMatrix(roi, [1, 0, 0]);
const s = sizeStats(m);

Deno.test("glrlmMatrix finds maximal runs and stores only the lengths that occur", () => {
  assertEquals(Array.from(m.cols), [1, 2]);
  assertEquals(Array.from(m.counts), [1, 1, 1, 0]); // grey 1: one run of 1, one of 2; grey 2: one run of 1
  assertEquals(m.nV, 4);
  // across the row every voxel is its own run
  assertEquals(Array.from(glrlm.glrlmMatrix(roi, [0, 1, 0]).counts), [3, 1]);
});

Deno.test("GLRLM features of a hand-computed row (closed forms, 1e-12)", () => {
  const tol = { abs: 1e-12 };
  assertClose(glrlm.shortRunsEmphasis(s), (1 + 0.25 + 1) / 3, tol);
  assertClose(glrlm.longRunsEmphasis(s), (1 + 4 + 1) / 3, tol);
  assertClose(glrlm.lowGreyLevelRunEmphasis(s), (2 + 0.25) / 3, tol);
  assertClose(glrlm.highGreyLevelRunEmphasis(s), (2 + 4) / 3, tol);
  assertClose(glrlm.longRunHighGreyLevelEmphasis(s), (1 + 4 + 4) / 3, tol);
  assertClose(glrlm.greyLevelNonUniformity(s), 5 / 3, tol);
  assertClose(glrlm.normalisedGreyLevelNonUniformity(s), 5 / 9, tol);
  assertClose(glrlm.runLengthNonUniformity(s), 5 / 3, tol);
  assertClose(glrlm.runPercentage(s), 3 / 4, tol);
  assertClose(glrlm.runLengthVariance(s), 2 / 9, tol); // lengths 1,2,1: mean 4/3
  assertClose(glrlm.runEntropy(s), Math.log2(3), tol);
});
