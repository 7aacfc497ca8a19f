import { assert, assertEquals, assertThrows } from "../assert.ts";
import { featureName, parseFeatureName, phaseFeatureNames, PHASES } from "../../lib/features/names.ts";
import {
  featureTableCsv,
  joinFeatureTables,
  parseFeatureCsv,
  selectFeatures,
  selectIds,
} from "../../lib/features/feature_table.ts";

Deno.test("feature names split into phase, filter, family and feature (ours and pyradiomics')", () => {
  assertEquals(parseFeatureName("venous_wavelet-LHL_glcm_Contrast"), {
    phase: "venous",
    filter: "wavelet-LHL",
    family: "glcm",
    feature: "Contrast",
  });
  assertEquals(parseFeatureName("original_firstorder_10Percentile"), {
    filter: "original",
    family: "firstorder",
    feature: "10Percentile",
  });
  assertEquals(parseFeatureName("diagnostics_Image-original_Mean"), null);
  assertEquals(parseFeatureName("id"), null);
  assertEquals(
    featureName({ phase: "plain", filter: "original", family: "shape", feature: "Sphericity" }),
    "plain_original_shape_Sphericity",
  );
});

Deno.test("each phase has 851 features (14 shape + 9 image types x 93): 2,553 in all", () => {
  assertEquals(PHASES.map((p) => phaseFeatureNames(p).length), [851, 851, 851]);
  const all = PHASES.flatMap((p) => phaseFeatureNames(p));
  assertEquals(new Set(all).size, 2553);
});

// A pyradiomics batch-mode output (abridged): path columns, diagnostics and features.
const PYRAD = [
  "Image,Mask,diagnostics_Versions_PyRadiomics,diagnostics_Mask-original_VoxelNum,original_shape_Sphericity,original_glcm_Contrast,wavelet-LHL_glcm_Contrast",
  "ct/P001.nrrd,seg/P001.nrrd,v3.1.0,5321,0.61,12.5,3.25e-2",
  "ct/P002.nrrd,seg/P002.nrrd,v3.1.0,8110,0.72,,4.1",
].join("\n");

Deno.test("pyradiomics CSV import keeps diagnostics and paths as metadata and prefixes the phase", () => {
  const t = parseFeatureCsv(PYRAD, { phase: "venous", idColumn: "Image", source: "batch.csv" });
  assertEquals(t.names, [
    "venous_original_shape_Sphericity",
    "venous_original_glcm_Contrast",
    "venous_wavelet-LHL_glcm_Contrast",
  ]);
  assertEquals(t.ids, ["ct/P001.nrrd", "ct/P002.nrrd"]);
  assertEquals(t.metadata["diagnostics_Mask-original_VoxelNum"], ["5321", "8110"]);
  assertEquals(t.metadata.Mask, ["seg/P001.nrrd", "seg/P002.nrrd"]);
  assertEquals(t.values[0], [0.61, 12.5, 0.0325]);
  assert(Number.isNaN(t.values[1][1]), "empty cell is missing");
});

Deno.test("a bad feature cell is reported with file, row and column", () => {
  const bad = "id,original_glcm_Contrast\nP1,1.5\nP2,abc\n";
  assertThrows(
    () => parseFeatureCsv(bad, { source: "f.csv" }),
    /f\.csv row 3, column "original_glcm_Contrast"/,
  );
  assertThrows(
    () => parseFeatureCsv("id,original_glcm_Contrast\nP1,1\nP1,2\n", { source: "f.csv" }),
    /duplicate id "P1"/,
  );
});

Deno.test("Slicer-style long tables (Image type, Feature Class, Feature Name, Value) pivot to one row", () => {
  const long = [
    "Image type,Feature Class,Feature Name,Value",
    "diagnostics,Versions,PyRadiomics,v3.1.0",
    "original,shape,Sphericity,0.5",
    "wavelet-HHH,glszm,ZoneEntropy,6.25",
  ].join("\n");
  const t = parseFeatureCsv(long, { phase: "arterial", idColumn: "P009" });
  assertEquals(t.names, ["arterial_original_shape_Sphericity", "arterial_wavelet-HHH_glszm_ZoneEntropy"]);
  assertEquals(t.values, [[0.5, 6.25]]);
  assertEquals(t.ids, ["P009"]);
});

Deno.test("phase tables join by id; select by ids and features; CSV round-trips at 6 digits", () => {
  const a = parseFeatureCsv("id,original_glcm_Contrast\nP1,1\nP2,2\n", { phase: "plain" });
  const b = parseFeatureCsv("id,original_glcm_Contrast\nP2,20\nP1,10\n", { phase: "venous" });
  const j = joinFeatureTables([a, b]);
  assertEquals(j.values, [[1, 10], [2, 20]]);
  assertEquals(selectIds(j, ["P2"]).values, [[2, 20]]);
  assertEquals(selectFeatures(j, ["venous_original_glcm_Contrast"]).values, [[10], [20]]);
  const t = { ...j, values: [[1.23456789, 10], [2, 2e-7]] };
  const back = parseFeatureCsv(featureTableCsv(t));
  assertEquals(back.values, [[1.23457, 10], [2, 2e-7]]);
  assertThrows(() => joinFeatureTables([a, a]), /more than one table/);
});
