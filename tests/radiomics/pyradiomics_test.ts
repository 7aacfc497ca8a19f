import { assert, assertClose, assertEquals, sharedDir, sharedExists } from "../assert.ts";
import {
  maximalCorrelationCoefficient,
  maximum2DDiameters,
  numpyPercentile,
  pyradiomicsFeatures,
  pyradiomicsFirstOrder,
} from "../../lib/radiomics/pyradiomics_compat.ts";
import { matchesBaseline, parsePythonLiteral, runSuite } from "../../lib/conformance/suites/pyradiomics.ts";
import { imageFromArray } from "../../lib/radiomics/image.ts";

Deno.test("numpyPercentile uses numpy's linear rule (index p·(N−1)), checked by hand", () => {
  const s = [1, 2, 4, 8, 16];
  assertEquals(numpyPercentile(s, 50), 4);
  assertClose(numpyPercentile(s, 10), 1.4, { abs: 1e-14 }); // index 0.4
  assertClose(numpyPercentile(s, 75), 8, { abs: 1e-14 }); // index 3
  assertClose(numpyPercentile(s, 90), 12.8, { abs: 1e-14 }); // index 3.6
});

Deno.test("pyradiomicsFirstOrder: shifted energy, non-excess kurtosis, population variance (hand values, 1e-12)", () => {
  const x = Float64Array.from([1, 2, 3, 4]);
  const lv = Int32Array.from([1, 1, 2, 2]);
  const f = pyradiomicsFirstOrder(x, lv, 2, 10);
  assertClose(f.Energy, 11 ** 2 + 12 ** 2 + 13 ** 2 + 14 ** 2, { abs: 1e-12 });
  assertClose(f.TotalEnergy, 2 * f.Energy, { abs: 1e-9 });
  assertClose(f.Variance, 1.25, { abs: 1e-12 });
  // m4 = (2·1.5⁴ + 2·0.5⁴)/4 = 2.5625; kurtosis = m4 / m2² = 1.64
  assertClose(f.Kurtosis, 1.64, { abs: 1e-12 });
  assertClose(f.Skewness, 0, { abs: 1e-12 });
  assertClose(f.Entropy, 1, { abs: 1e-12 });
  assertClose(f.Uniformity, 0.5, { abs: 1e-12 });
  assertClose(f.MeanAbsoluteDeviation, 1, { abs: 1e-12 });
  // P10 = 1.3, P90 = 3.7 → voxels 2, 3 → rMAD 0.5
  assertClose(f.RobustMeanAbsoluteDeviation, 0.5, { abs: 1e-12 });
  assertClose(f.RootMeanSquared, Math.sqrt(f.Energy / 4), { abs: 1e-12 });
});

Deno.test("maximum2DDiameters groups vertices by equal z (Slice), y (Column), x (Row)", () => {
  // (0,0,0)–(3,4,0): same z, distance 5; (0,0,0)–(0,1,1): same x, distance √2; (3,4,0)–(6,4,4): same y, distance 5
  const v = Float64Array.from([0, 0, 0, 3, 4, 0, 0, 1, 1, 6, 4, 4]);
  const d = maximum2DDiameters(v);
  assertClose(d.Slice, 5, { abs: 1e-12 });
  assertClose(d.Row, Math.SQRT2, { abs: 1e-12 });
  assertClose(d.Column, 5, { abs: 1e-12 });
});

Deno.test("maximalCorrelationCoefficient: 1 for a diagonal GLCM, 0 for an independent one (1e-10)", () => {
  const levels = Float64Array.from([1, 2, 3]);
  const diag = { levels, nG: 3, counts: Float64Array.from([4, 0, 0, 0, 2, 0, 0, 0, 6]) };
  assertClose(maximalCorrelationCoefficient(diag), 1, { abs: 1e-10 });
  const p = [0.2, 0.3, 0.5];
  const ind = { levels, nG: 3, counts: Float64Array.from(p.flatMap((a) => p.map((b) => a * b))) };
  assertClose(maximalCorrelationCoefficient(ind), 0, { abs: 1e-6 });
  assertEquals(
    maximalCorrelationCoefficient({ levels: Float64Array.from([1]), nG: 1, counts: Float64Array.from([5]) }),
    1,
  );
});

Deno.test("pyradiomics bin-width rule counts bins from 0: level = ⌊x/W⌋ − ⌊min/W⌋ + 1", () => {
  // ROI of four voxels −30, 0, 24, 25 (W = 25): levels 1, 3, 3, 4 → uniformity (1 + 4 + 1)/16
  const img = imageFromArray(Int16Array.from([-30, 0, 24, 25, 0, 0, 0, 0]), [2, 2, 2]);
  const msk = imageFromArray(Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]), [2, 2, 2]);
  const f = pyradiomicsFeatures(img, msk, {}, ["firstorder"]);
  assertClose(f.original_firstorder_Uniformity, 6 / 16, { abs: 1e-12 });
  assertClose(f.original_firstorder_Entropy, 1.5, { abs: 1e-12 });
});

Deno.test("parsePythonLiteral and the 3 % rule of the baseline files", () => {
  const d = parsePythonLiteral(
    "{'binWidth': 25, 'resegmentRange': [0], 'force2D': False, 'interpolator': None, 'box': (1, 2,)}",
  ) as Record<string, unknown>;
  assertEquals(d, { binWidth: 25, resegmentRange: [0], force2D: false, interpolator: null, box: [1, 2] });
  assert(matchesBaseline(102.9, 100) && !matchesBaseline(103.1, 100), "3 % relative");
  assert(matchesBaseline(0, -3.2e-16) && !matchesBaseline(1e-6, 0), "zero baseline");
});

Deno.test({
  name: "pyradiomics baselines: every brain1 feature (default settings) within 3 %",
  ignore: !sharedExists,
  fn: async () => {
    const res = await runSuite(`${sharedDir}reference/pyradiomics`, { filter: "brain1/" });
    const bad = res.filter((r) => r.status !== "pass");
    assertEquals(bad.map((r) => `${r.id}: ${r.status} ${JSON.stringify(r.mismatches ?? r.message)}`), []);
    // firstorder 18 + shape 14 + glcm 24 + glrlm 16 + glszm 16 + gldm 14 + ngtdm 5
    assertEquals(res.length, 107);
  },
});

Deno.test({
  name:
    "pyradiomicsExtract names filtered features like pyradiomics and keeps original features equal to pyradiomicsFeatures",
  ignore: !sharedExists,
  fn: async () => {
    const { readNifti } = await import("../../lib/radiomics/image.ts");
    const { pyradiomicsExtract } = await import("../../lib/radiomics/pyradiomics_compat.ts");
    const d = `${sharedDir}reference/pyradiomics/breast1/`;
    const img = await readNifti(d + "image.nii.gz"), msk = await readNifti(d + "label.nii.gz");
    const all = pyradiomicsExtract(img, msk, {}, { original: true, wavelet: { wavelet: "coif1" } }, [
      "firstorder",
      "shape",
      "glcm",
    ]);
    const base = pyradiomicsFeatures(img, msk, {}, ["firstorder", "shape", "glcm"]);
    for (const [k, v] of Object.entries(base)) assertClose(all[k], v, { rel: 1e-12 }, k);
    assert(Number.isFinite(all["wavelet-LHL_glcm_Contrast"]), "wavelet-LHL_glcm_Contrast present");
    assert(Number.isFinite(all["wavelet-LLL_firstorder_Mean"]), "approximation band present");
    assertEquals(Object.keys(all).filter((k) => k.startsWith("wavelet-") && k.includes("_shape_")).length, 0);
  },
});
