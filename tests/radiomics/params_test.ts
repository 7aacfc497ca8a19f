import { assertEquals, assertThrows } from "../assert.ts";
import { paramsToSettings, readParams } from "../../lib/radiomics/params.ts";

Deno.test("a pyradiomics-style YAML parameter file maps to extraction settings", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/p.yaml`;
  await Deno.writeTextFile(
    path,
    `
setting:
  resampledPixelSpacing: [2, 2, 2]
  interpolator: sitkBSpline
  resegmentRange: [-1000, 400]
  resegmentOutliers: 3
  binCount: 32
  ivh: {binCount: 1000}
featureClass:
  shape:
  firstorder:
  glcm:
`,
  );
  const s = readParams(path);
  assertEquals(s.preprocess.resampledSpacing, [2, 2, 2]);
  assertEquals(s.preprocess.interpolator, "bspline");
  assertEquals(s.preprocess.resegmentRange, [-1000, 400]);
  assertEquals(s.preprocess.resegmentOutliers, 3);
  assertEquals(s.preprocess.discretisation, { method: "fbn", binCount: 32 });
  assertEquals(s.ivh, { method: "fbn", binCount: 1000 });
  assertEquals(s.families, ["morphology", "intensity_statistics", "glcm"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("parameter defaults: no resampling, fixed bin size 25, 3D texture; sigma mode is outlier filtering", () => {
  const s = paramsToSettings({});
  assertEquals(s.preprocess.resampledSpacing, null);
  assertEquals(s.preprocess.discretisation, { method: "fbs", binWidth: 25 });
  assertEquals(s.texture?.dimensions, ["3D"]);
  assertEquals(
    paramsToSettings({ setting: { resegmentRange: [-3, 3], resegmentMode: "sigma" } }).preprocess
      .resegmentOutliers,
    3,
  );
  assertEquals(paramsToSettings({ setting: { force2D: true } }).texture?.dimensions, ["2D", "2.5D"]);
});

Deno.test("parameter errors name the file and key", () => {
  assertThrows(
    () => paramsToSettings({ setting: { binWidht: 25 } }, "p.yaml"),
    /p\.yaml setting "binWidht": unknown key/,
  );
  assertThrows(
    () => paramsToSettings({ setting: { binWidth: 25, binCount: 3 } }, "p.yaml"),
    /give binWidth or binCount, not both/,
  );
  assertThrows(
    () => paramsToSettings({ setting: { interpolator: "sitkNearest" } }, "p.yaml"),
    /setting "interpolator": expected sitkLinear/,
  );
  assertThrows(
    () => paramsToSettings({ featureClass: { wavelet: null } }, "p.yaml"),
    /featureClass "wavelet": unknown family/,
  );
  assertThrows(
    () => paramsToSettings({ setting: { resampledPixelSpacing: [1, 2] } }, "p.yaml"),
    /expected 3 numbers/,
  );
  assertThrows(
    () => paramsToSettings({ imageType: { Wavelet: {} } }, "p.yaml"),
    /only "Original" is supported/,
  );
});
