import { assertEquals, assertThrows } from "../assert.ts";
import { splitExtractedFeatures } from "../../lib/features/extracted.ts";
import { splitExtractedName } from "../../lib/study/extraction_view.ts";

const csv = [
  "patient,reader,plain_original_glcm_Contrast,plain_original_intensity_histogram_Mode,venous_wavelet-LLH_glcm_Idm,plain_original_ngldm_X",
  "P1,A1,1.5,2,0.3,7",
  "P2,A1,2.5,3,NA,7",
  "P1,A2,1.6,2,0.31,7",
  "P1,B,1.4,2,0.29,7",
  "P3,A1,3.5,4,0.2,7",
].join("\n") + "\n";

Deno.test("batch features split into reader A's main table and the three-reading repeats; unusable columns are listed", () => {
  const x = splitExtractedFeatures(csv, "features.csv");
  assertEquals(x.table.ids, ["P1", "P2", "P3"]);
  assertEquals(x.table.names, ["plain_original_glcm_Contrast", "plain_original_intensity_histogram_Mode"]);
  assertEquals(x.table.values, [[1.5, 2], [2.5, 3], [3.5, 4]]);
  assertEquals(x.dropped, [
    { name: "venous_wavelet-LLH_glcm_Idm", reason: "missing or non-finite value" },
    { name: "plain_original_ngldm_X", reason: "constant" },
  ]);
  assertEquals(x.repeats.ids, ["P1"]);
  assertEquals(x.repeats.readerA2, [[1.6, 2]]);
  assertEquals(x.repeats.readerB, [[1.4, 2]]);
});

Deno.test("a patient twice for one reader, or no reader A1 rows, is an error naming the file", () => {
  assertThrows(
    () => splitExtractedFeatures("patient,reader,a_b_glcm_C\nP1,A1,1\nP1,A1,2\n", "f.csv"),
    'f.csv row 3: patient "P1" appears twice for reader "A1"',
  );
  assertThrows(
    () => splitExtractedFeatures("patient,reader,a_b_glcm_C\nP1,B,1\n", "f.csv"),
    'no rows of reader "A1"',
  );
});

Deno.test("extracted names split into phase, filter, family (which may contain '_') and feature", () => {
  assertEquals(splitExtractedName("arterial_wavelet-HLH_intensity_volume_histogram_V10"), {
    phase: "arterial",
    filter: "wavelet-HLH",
    family: "intensity_volume_histogram",
    feature: "V10",
  });
  assertEquals(splitExtractedName("plain_original_glcm_JointEntropy")?.family, "glcm");
  assertEquals(splitExtractedName("not_a_feature"), null);
});
