import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  checkRoiLimits,
  extractCase,
  isPyradiomics,
  paramFileSettings,
  readParamFile,
} from "../../lib/radiomics/param_file.ts";
import { makeImage } from "../../lib/radiomics/image.ts";
import { encodeNifti1 } from "../../lib/radiomics/image.ts";
import { phantom } from "./phantom.ts";

const EXAMPLE_CT =
  new URL("../../../shared/reference/pyradiomics/params/exampleCT.yaml", import.meta.url).pathname;
const haveExample = await Deno.stat(EXAMPLE_CT).then(() => true, () => false);
if (!haveExample) {
  console.error(
    `param_file_test: ${EXAMPLE_CT} is absent (../shared/reference); the exampleCT tests are skipped`,
  );
}

Deno.test({
  name:
    "exampleCT.yaml (pyradiomics, unchanged): image types, classes, feature list and settings; IBSI names refuse voxelArrayShift saying why",
  ignore: !haveExample,
  fn: () => {
    const s = readParamFile(EXAMPLE_CT, "pyradiomics");
    assert(isPyradiomics(s));
    assertEquals(s.imageTypes, { original: true, wavelet: { wavelet: "coif1" }, logSigmas: [1, 2, 3, 4, 5] });
    assertEquals(s.classes, ["shape", "firstorder", "glcm", "glrlm", "glszm", "gldm"]);
    assertEquals(s.features?.glcm?.length, 22);
    assert(!s.features?.glcm?.includes("SumAverage"), "SumAverage left out as the file says");
    assertEquals(s.settings.resampledPixelSpacing, [1, 1, 1]);
    assertEquals(s.settings.interpolator, "bspline");
    assertEquals(s.settings.binWidth, 25);
    assertEquals(s.settings.voxelArrayShift, 1000);
    assertEquals(s.settings.padDistance, 10);
    assertEquals(s.settings.label, 1);
    assertThrows(
      () => readParamFile(EXAMPLE_CT, "ibsi"),
      /exampleCT\.yaml setting "voxelArrayShift": cannot be honoured: .*IBSI.*--names pyradiomics/,
    );
  },
});

Deno.test("parameter files: every key checked, errors name the file, key and reason", () => {
  const err = (o: unknown, re: RegExp, names: "ibsi" | "pyradiomics" = "pyradiomics") =>
    assertThrows(() => paramFileSettings(o, names, "p.yaml"), re);
  err({ setting: { binWidht: 25 } }, /^p\.yaml setting "binWidht": unknown key/);
  err(
    { setting: { weightingNorm: "manhattan" } },
    /setting "weightingNorm": cannot be honoured: only null and "no_weighting"/,
  );
  err(
    { setting: { weightingNorm: "no_weighting" } },
    /setting "weightingNorm": cannot be honoured: with IBSI names/,
    "ibsi",
  );
  err({ setting: { distances: [1, 2] } }, /setting "distances": cannot be honoured: only distances \[1\]/);
  err({ setting: { removeOutliers: 3 } }, /"removeOutliers": cannot be honoured: outlier clipping/);
  err(
    { setting: { interpolator: "sitkNearestNeighbor" } },
    /"interpolator": "sitkNearestNeighbor" is not implemented/,
  );
  err(
    { setting: { maskThreshold: 0.5 } },
    /"maskThreshold": cannot be honoured: an IBSI setting with no pyradiomics counterpart/,
  );
  err({ setting: { binWidth: 25, binCount: 16 } }, /give binWidth or binCount, not both/);
  err(
    { imageType: { Square: {} } },
    /imageType "Square": not implemented \(available: Original, LoG, Wavelet\)/,
  );
  err({ imageType: { LoG: {} } }, /imageType "LoG": needs "sigma"/);
  err(
    { imageType: { LoG: { sigma: [1], binWidth: 5 } } },
    /imageType "LoG" key "binWidth": per-image-type settings are not implemented; put "binWidth" under setting/,
  );
  err(
    { imageType: { Wavelet: { wavelet: "db2" } } },
    /"wavelet": "db2" is not implemented \(available: coif1, haar\)/,
  );
  err({ imageType: { Wavelet: { level: 2 } } }, /key "level": cannot be honoured: only one wavelet level/);
  err({ featureClass: { shape2D: null } }, /featureClass "shape2D": not implemented/);
  err({ featureClass: { glcm: ["JointEntropyy"] } }, /featureClass "glcm": unknown feature "JointEntropyy"/);
  err({ featureClass: { morphology: null } }, /featureClass "morphology": unknown pyradiomics class/);
  err(
    { featureClass: { firstorder: ["Mean"] } },
    /feature "Mean" has no IBSI counterpart mapped here/,
    "ibsi",
  );
  err(
    { setting: { geometryTolerance: 1e-3 } },
    /"geometryTolerance": cannot be honoured: .*fixed relative tolerance/,
  );
  err({ voxelSetting: { kernelRadius: 2 } }, /voxel-based/);
  err({ setting: { minimumROIDimensions: 4 } }, /"minimumROIDimensions": expected 1, 2 or 3/);
  // ranges, as the IBSI params reader (params.ts) checks them: values that would exhaust memory or mean nothing
  err(
    { setting: { binCount: 1e9 } },
    /setting "binCount": expected an integer in \[1, 65536\], got 1000000000/,
  );
  err({ setting: { binCount: 2.5 } }, /setting "binCount": expected an integer in \[1, 65536\]/);
  err({ setting: { binWidth: 0 } }, /setting "binWidth": expected a number in \(0, 1000000\], got 0/);
  err({ setting: { label: 0 } }, /setting "label": expected an integer in \[1, 65535\], got 0/);
  err(
    { setting: { resampledPixelSpacing: [1, 1, 1000] } },
    /"resampledPixelSpacing": expected a number in \[0, 100\]/,
  );
  err({ imageType: { LoG: { sigma: [50] } } }, /setting "sigma": expected a number in \(0, 20\], got 50/);
  assertEquals(
    paramFileSettings({ setting: { binCount: 65536, label: 65535 } }, "pyradiomics", "p.yaml").engine,
    "pyradiomics",
  );
});

Deno.test("parameter files: IBSI engine settings; sigma/wavelet under setting; pyradiomics classes map to families", () => {
  const s = paramFileSettings(
    {
      imageType: { Original: {}, LoG: null, Wavelet: { wavelet: "haar" } },
      featureClass: { shape: null, firstorder: null, gldm: null, glcm: ["JointEntropy", "Contrast"] },
      setting: {
        sigma: [2, 3],
        binCount: 16,
        resampledPixelSpacing: [2, 2, 0],
        interpolator: "sitkLinear",
        normalize: true,
        normalizeScale: 100,
        resegmentRange: [-100],
      },
    },
    "ibsi",
    "p.yaml",
  );
  assert(!isPyradiomics(s));
  assertEquals(s.filters, { original: true, wavelet: { wavelet: "haar" }, logSigmas: [2, 3] });
  assertEquals(s.families, ["morphology", "intensity_statistics", "ngldm", "glcm"]);
  assertEquals(s.keep, { glcm: ["glcm_JointEntropy", "glcm_Contrast"] });
  assertEquals(s.discretisation, { method: "fbn", binCount: 16 });
  assertEquals(s.resampledSpacing, [2, 2, 0]);
  assertEquals(s.interpolator, "linear");
  assertEquals(s.normalizeScale, 100);
  assertEquals(s.resegmentRange, [-100, Infinity]);
  // defaults: pyradiomics' (original only, all classes, bin width 25, no resampling)
  const d = paramFileSettings({}, "ibsi");
  assert(!isPyradiomics(d));
  assertEquals(d.filters, { original: true });
  assertEquals(d.families, undefined);
  assertEquals(d.discretisation, { method: "fbs", binWidth: 25 });
  assertEquals(d.resampledSpacing, null);
});

Deno.test("extractCase: pyradiomics names and feature lists; IBSI names; ROI limits", () => {
  const { image, mask } = phantom();
  const py = paramFileSettings({
    imageType: { Original: {}, Wavelet: { wavelet: "haar" } },
    featureClass: { firstorder: null, glcm: ["JointEntropy"], shape: null },
    setting: { binWidth: 1 },
  }, "pyradiomics");
  const f = extractCase(image, mask, py);
  assert(
    "original_glcm_JointEntropy" in f && "wavelet-LLH_firstorder_Mean" in f &&
      "wavelet-HHH_glcm_JointEntropy" in f,
    Object.keys(f).slice(0, 5).join(),
  );
  assert(!("original_glcm_Contrast" in f), "only the listed GLCM feature");
  assert(
    !("wavelet-LLH_shape_MeshVolume" in f) && "original_shape_MeshVolume" in f,
    "shape on the original image only",
  );
  // deprecated pyradiomics features left out unless listed
  assert(
    !("original_firstorder_StandardDeviation" in f) && !("original_shape_Compactness1" in f),
    "deprecated features left out",
  );
  assertEquals(Object.keys(f).filter((k) => k.startsWith("original_firstorder_")).length, 18);
  const ib = extractCase(
    image,
    mask,
    paramFileSettings({
      featureClass: { firstorder: null, glcm: ["JointEntropy"] },
      setting: { binWidth: 1 },
    }, "ibsi"),
  );
  assert(
    "original_intensity_statistics_MeanIntensity" in ib && "original_glcm_JointEntropy" in ib,
    Object.keys(ib).join(),
  );
  assertEquals(Object.keys(ib).filter((k) => k.includes("_glcm_")), ["original_glcm_JointEntropy"]);
  // same value either way where the definitions agree (mean intensity)
  assertEquals(ib.original_intensity_statistics_MeanIntensity, f.original_firstorder_Mean);
  // a single-slice ROI fails minimumROIDimensions 3, a small one minimumROISize
  const flat = new Uint8Array(mask.data.length);
  const [nx] = mask.dims;
  for (let y = 1; y < 3; y++) for (let x = 1; x < 3; x++) flat[x + nx * y] = 1;
  const m2 = makeImage(flat, mask.dims, mask.affine, { source: "flat.nii" });
  assertThrows(
    () => checkRoiLimits(m2, 1, { minimumROIDimensions: 3, minimumROISize: null }),
    /flat\.nii: the ROI spans 2 dimension\(s\), setting "minimumROIDimensions" asks for 3/,
  );
  assertThrows(
    () => checkRoiLimits(m2, 1, { minimumROIDimensions: 2, minimumROISize: 5 }),
    /the ROI has 4 voxels, setting "minimumROISize" asks for 5/,
  );
  checkRoiLimits(m2, 1, { minimumROIDimensions: 2, minimumROISize: 4 });
});

Deno.test({
  name: "deno task extract: exampleCT.yaml accepted by the single-case and batch commands, same values",
  ignore: !haveExample,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "param_task_test_" });
    try {
      const { image, mask } = phantom();
      await Deno.writeFile(`${dir}/img.nii.gz`, encodeNifti1(image, { gzip: true }));
      await Deno.writeFile(`${dir}/msk.nii.gz`, encodeNifti1(mask, { gzip: true }));
      await Deno.writeTextFile(
        `${dir}/manifest.csv`,
        "patient,phase,image,mask,reader\nph,ct,img.nii.gz,msk.nii.gz,A\n",
      );
      const task = new URL("../../tasks/extract.ts", import.meta.url).pathname;
      const dec = new TextDecoder();
      const run = (args: string[]) =>
        new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", task, "--params", EXAMPLE_CT, ...args],
          stdout: "piped",
          stderr: "piped",
        }).output();
      const one = await run([
        "--names",
        "pyradiomics",
        "--image",
        `${dir}/img.nii.gz`,
        "--mask",
        `${dir}/msk.nii.gz`,
        "--case",
        "ph",
        "--out",
        `${dir}/one.csv`,
      ]);
      assertEquals(one.code, 0, dec.decode(one.stderr));
      const batch = await run([
        "--names",
        "pyradiomics",
        "--manifest",
        `${dir}/manifest.csv`,
        "--out",
        `${dir}/batch.csv`,
        "--quiet",
      ]);
      assertEquals(batch.code, 0, dec.decode(batch.stderr));
      const rows = (await Deno.readTextFile(`${dir}/one.csv`)).trim().split("\n").slice(1).map((l) =>
        l.split(",")
      );
      const names = rows.map((r) => r[1]);
      const types = new Set(names.map((n) => n.slice(0, n.indexOf("_"))));
      assertEquals(
        [...types].sort(),
        [
          "log-sigma-1-0-mm-3D",
          "log-sigma-2-0-mm-3D",
          "log-sigma-3-0-mm-3D",
          "log-sigma-4-0-mm-3D",
          "log-sigma-5-0-mm-3D",
          "original",
          ...["HHH", "HHL", "HLH", "HLL", "LHH", "LHL", "LLH", "LLL"].map((b) => `wavelet-${b}`),
        ].sort(),
      );
      const classes = new Set(names.map((n) => n.split("_")[1]));
      assertEquals([...classes].sort(), ["firstorder", "glcm", "gldm", "glrlm", "glszm", "shape"]);
      // 100 features of the original image (14 shape + 18 first order + 22 GLCM + 16 + 16 + 14), 86 per filtered image
      assertEquals(names.length, 100 + 13 * 86);
      const [header, values] = (await Deno.readTextFile(`${dir}/batch.csv`)).trim().split("\n").map((l) =>
        l.split(",")
      );
      assertEquals(header.length, 2 + names.length);
      for (const [i, n] of names.entries()) {
        const j = header.indexOf(`ct_${n}`);
        assert(j > 0, `batch column ct_${n}`);
        assertEquals(Number(values[j]), Number(rows[i][2]), n);
      }
      // IBSI names: a one-line error saying why, exit 1 (a bad input file; bad options exit 2), as for one case
      const ib = await run(["--manifest", `${dir}/manifest.csv`, "--out", `${dir}/x.csv`]);
      assertEquals(ib.code, 1);
      assert(
        dec.decode(ib.stderr).trim().split("\n").length === 1 &&
          dec.decode(ib.stderr).includes('"voxelArrayShift": cannot be honoured'),
        dec.decode(ib.stderr),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("params/: every example file parses; twin_ibsi.yaml gives the twin preset's features", async () => {
  const dir = new URL("../../params/", import.meta.url).pathname;
  const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  assertEquals(files, ["ibsi_original.json", "pyradiomics_ct.yaml", "twin_ibsi.yaml"]);
  for (const f of files) readParamFile(dir + f, f.startsWith("pyradiomics") ? "pyradiomics" : "ibsi");
  const { PRESETS } = await import("../../tasks/extract_batch.ts");
  const { extractCaseFeatures } = await import("../../lib/radiomics/filters/features.ts");
  const { image, mask } = phantom();
  const want = extractCaseFeatures(image, mask, PRESETS.twin);
  const got = extractCase(image, mask, readParamFile(dir + "twin_ibsi.yaml"));
  assertEquals(Object.keys(got), Object.keys(want));
  for (const k of Object.keys(want)) assert(Object.is(got[k], want[k]), `${k}: ${got[k]} vs ${want[k]}`);
});
