import { assertClose, assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import * as glcm from "../../../lib/radiomics/texture/glcm.ts";

// Row [1, 2, 2] along x: pairs (1,2), (2,2); symmetric counts (1,2)=(2,1)=1, (2,2)=2 → p12 = p21 = 1/4, p22 = 1/2.
const roi = compactRoi({ dims: [3, 1, 1], levels: Int32Array.from([1, 2, 2]), nLevels: 2 });
const s = glcm.glcmStats(glcm.glcmMatrix(roi, [1, 0, 0]));

Deno.test("glcmMatrix counts symmetric pairs along a direction", () => {
  assertEquals(Array.from(glcm.glcmMatrix(roi, [1, 0, 0]).counts), [0, 1, 1, 2]);
  assertEquals(Array.from(glcm.glcmMatrix(roi, [0, 1, 0]).counts), [0, 0, 0, 0]);
});

Deno.test("GLCM features of a hand-computed 3-voxel row (closed forms, 1e-12)", () => {
  const tol = { abs: 1e-12 };
  assertClose(glcm.jointMaximum(s), 0.5, tol);
  assertClose(glcm.jointAverage(s), 1.75, tol);
  assertClose(glcm.jointVariance(s), 0.1875, tol); // Σ (i − 1.75)² p = 0.5625·0.25 + 0.0625·0.75
  assertClose(glcm.jointEntropy(s), 1.5, tol);
  assertClose(glcm.contrast(s), 0.5, tol);
  assertClose(glcm.dissimilarity(s), 0.5, tol);
  assertClose(glcm.differenceAverage(s), 0.5, tol);
  assertClose(glcm.differenceEntropy(s), 1, tol);
  assertClose(glcm.sumAverage(s), 3.5, tol); // k = 3 w.p. 1/2, k = 4 w.p. 1/2
  assertClose(glcm.sumVariance(s), 0.25, tol);
  assertClose(glcm.angularSecondMoment(s), 0.375, tol);
  assertClose(glcm.inverseDifference(s), 0.75, tol);
  assertClose(glcm.normalisedInverseDifference(s), 0.5 / 1.5 + 0.5, tol); // N_g = 2
  assertClose(glcm.inverseDifferenceMoment(s), 0.75, tol);
  assertClose(glcm.normalisedInverseDifferenceMoment(s), 0.5 / 1.25 + 0.5, tol);
  assertClose(glcm.inverseVariance(s), 0.5, tol);
  assertClose(glcm.autocorrelation(s), 2 * 0.5 + 4 * 0.5, tol);
  // margins p = (1/4, 3/4): μ = 1.75, σ² = 0.1875; Σ (i−μ)(j−μ)p = 2·(−0.75·0.25)·0.25 + 0.25²·0.5 = −0.0625
  assertClose(glcm.correlation(s), -0.0625 / 0.1875, tol);
  assertClose(glcm.clusterTendency(s), 0.25, tol); // (i + j − 3.5)² = 0.25 for both sums 3 and 4
});

Deno.test("merging co-occurrence matrices sums their counts", () => {
  const a = glcm.glcmMatrix(roi, [1, 0, 0]);
  assertEquals(Array.from(glcm.mergeCoMatrices([a, a]).counts), [0, 2, 2, 4]);
});

Deno.test("a GLCM distance δ pairs voxels δ apart along the direction", () => {
  const r = compactRoi({ dims: [4, 1, 1], levels: Int32Array.from([1, 2, 1, 2]), nLevels: 2 });
  assertEquals(Array.from(glcm.glcmMatrix(r, [2, 0, 0]).counts), [2, 0, 0, 2]); // (1,1) and (2,2)
  assertEquals(Array.from(glcm.glcmMatrix(r, [1, 0, 0]).counts), [0, 3, 3, 0]);
});
