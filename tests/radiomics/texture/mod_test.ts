/**
 * computeTextureFeatures: registry, options, and the edge cases of the IBSI definitions (single voxel,
 * one grey level, a 2D ROI in a 3D image, an empty ROI): IBSI-defined values where defined, otherwise
 * NaN with a reason, never an exception.
 */
import { assert, assertClose, assertEquals, assertThrows } from "../../assert.ts";
import {
  computeTextureFeatures,
  TEXTURE_FEATURES,
  type TextureFeatureRow,
  type TextureRoi,
} from "../../../lib/radiomics/texture/mod.ts";

function byKey(rows: readonly TextureFeatureRow[], aggregation: string): Map<string, TextureFeatureRow> {
  return new Map(rows.filter((r) => r.aggregation === aggregation).map((r) => [r.key, r]));
}

/** A 3 × 3 × 3 grid with the given voxels set (x, y, z, level). */
function grid(
  voxels: readonly [number, number, number, number][],
  nLevels: number,
  dims: [number, number, number] = [3, 3, 3],
): TextureRoi {
  const levels = new Int32Array(dims[0] * dims[1] * dims[2]);
  for (const [x, y, z, g] of voxels) levels[x + dims[0] * (y + dims[1] * z)] = g;
  return { dims, levels, nLevels };
}

Deno.test("the registry lists the 95 IBSI texture features with unique codes", () => {
  assertEquals(TEXTURE_FEATURES.length, 95);
  assertEquals(new Set(TEXTURE_FEATURES.map((f) => f.ibsiCode)).size, 95);
  const perFamily = Object.fromEntries(
    ["glcm", "glrlm", "glszm", "gldzm", "ngtdm", "ngldm"].map((f) => [
      f,
      TEXTURE_FEATURES.filter((x) => x.family === f).length,
    ]),
  );
  assertEquals(perFamily, { glcm: 25, glrlm: 16, glszm: 16, gldzm: 16, ngtdm: 5, ngldm: 17 });
});

Deno.test("a single-voxel ROI: GLCM and NGTDM NaN with a reason, the zone/run families their IBSI values", () => {
  const rows = computeTextureFeatures(grid([[1, 1, 1, 3]], 6), { dimensions: ["2D", "2.5D", "3D"] });
  for (const r of rows.filter((r) => r.family === "glcm" || r.family === "ngtdm")) {
    assert(
      Number.isNaN(r.value) && typeof r.reason === "string" && r.reason.length > 0,
      `${r.key} [${r.aggregation}]: expected NaN with a reason, got ${r.value}`,
    );
  }
  for (const agg of ["IAZD", "ITBB", "BTW3"]) {
    const m = byKey(rows, agg);
    assertEquals([
      m.get("glrlm_ShortRunsEmphasis")!.value,
      m.get("glrlm_RunPercentage")!.value,
      m.get("glrlm_HighGreyLevelRunEmphasis")!.value,
    ], [1, 1, 9]);
    assertEquals(m.get("glrlm_RunEntropy")!.value, 0);
  }
  const k = byKey(rows, "KOBO");
  assertEquals([
    k.get("glszm_ZonePercentage")!.value,
    k.get("glszm_LargeZoneEmphasis")!.value,
    k.get("glszm_ZoneSizeVariance")!.value,
  ], [1, 1, 0]);
  assertEquals([k.get("gldzm_SmallDistanceEmphasis")!.value, k.get("gldzm_ZonePercentage")!.value], [1, 1]);
  assertEquals([
    k.get("ngldm_LowDependenceEmphasis")!.value,
    k.get("ngldm_DependenceCountEnergy")!.value,
    k.get("ngldm_DependenceCountPercentage")!.value,
  ], [1, 1, 1]);
  assertEquals(
    rows.filter((r) => r.family !== "glcm" && r.family !== "ngtdm" && !Number.isFinite(r.value)).length,
    0,
  );
});

Deno.test("a ROI of one grey level: defined values, correlation and information correlation 1 NaN with reasons", () => {
  const vox: [number, number, number, number][] = [];
  for (let z = 0; z < 3; z++) for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) vox.push([x, y, z, 2]);
  const rows = computeTextureFeatures(grid(vox, 4), { dimensions: ["3D"] });
  const m = byKey(rows, "IAZD");
  assertEquals([
    m.get("glcm_JointMaximum")!.value,
    m.get("glcm_JointAverage")!.value,
    m.get("glcm_JointEntropy")!.value,
  ], [1, 2, 0]);
  assertEquals([
    m.get("glcm_Contrast")!.value,
    m.get("glcm_InverseDifference")!.value,
    m.get("glcm_InformationCorrelation2")!.value,
  ], [0, 1, 0]);
  for (const key of ["glcm_Correlation", "glcm_InformationCorrelation1"]) {
    assert(
      Number.isNaN(m.get(key)!.value) && /one grey level/.test(m.get(key)!.reason ?? ""),
      `${key}: ${JSON.stringify(m.get(key))}`,
    );
  }
  const k = byKey(rows, "KOBO");
  // NGTDM: no grey tone differences → IBSI values coarseness 10^6, the rest 0
  assertEquals(
    ["Coarseness", "Contrast", "Busyness", "Complexity", "Strength"].map((f) => k.get(`ngtdm_${f}`)!.value),
    [1e6, 0, 0, 0, 0],
  );
  assertEquals(k.get("glszm_LargeZoneEmphasis")!.value, 729);
  assertClose(k.get("glszm_ZonePercentage")!.value, 1 / 27, { abs: 1e-15 });
  assertEquals(k.get("gldzm_SmallDistanceEmphasis")!.value, 1); // the cube's zone touches the border
  // dependence counts: corners 8, edges 12, faces 18, centre 27
  assertClose(k.get("ngldm_HighDependenceEmphasis")!.value, (8 * 64 + 12 * 144 + 6 * 324 + 729) / 27, {
    rel: 1e-14,
  });
});

Deno.test("a 2D ROI in a 3D image: 3D averaged/merged equal 2D averaged/2.5D merged; 3D distances are all 1", () => {
  const roi = grid([
    [0, 0, 1, 1],
    [1, 0, 1, 2],
    [2, 0, 1, 2],
    [0, 1, 1, 2],
    [1, 1, 1, 3],
    [2, 1, 1, 2],
    [0, 2, 1, 1],
    [1, 2, 1, 1],
    [2, 2, 1, 1],
  ], 3);
  const rows = computeTextureFeatures(roi, { dimensions: ["2D", "2.5D", "3D"] });
  assertEquals(rows.filter((r) => !Number.isFinite(r.value) || r.reason).map((r) => r.key), []);
  const pairs: [string, string, string][] = [
    ["glcm", "ITBB", "BTW3"],
    ["glcm", "IAZD", "ZW7Z"],
    ["glszm", "KOBO", "8QNN"],
    ["ngtdm", "KOBO", "8QNN"],
    ["ngldm", "KOBO", "8QNN"],
  ];
  for (const [fam, a3, a2] of pairs) {
    const m3 = byKey(rows, a3), m2 = byKey(rows, a2);
    for (const [key, r] of m3) {
      if (key.startsWith(fam + "_")) {
        assertClose(r.value, m2.get(key)!.value, { rel: 1e-12, abs: 1e-12 }, `${key} ${a3} vs ${a2}`);
      }
    }
  }
  // GLRLM differs: out of the slice every voxel is a run of length 1 (9 of the 13 directions)
  // (9 voxels × 9 directions = 81 runs of length 1 added to the in-plane merged matrix of N runs)
  const z = byKey(rows, "ZW7Z");
  const n = z.get("glrlm_RunPercentage")!.value * 36;
  const sre = (z.get("glrlm_ShortRunsEmphasis")!.value * n + 81) / (n + 81);
  assertClose(byKey(rows, "IAZD").get("glrlm_ShortRunsEmphasis")!.value, sre, { rel: 1e-12 });
  const d3 = byKey(rows, "KOBO"), d2 = byKey(rows, "8QNN");
  assertEquals(d3.get("gldzm_SmallDistanceEmphasis")!.value, 1);
  // in the slice, the centre zone (grey 3) is 2 steps from the border: zones 1 (two), 2 (one), 3 (one)
  assertClose(d2.get("gldzm_SmallDistanceEmphasis")!.value, (3 + 0.25) / 4, { rel: 1e-12 });
});

Deno.test("an empty ROI gives NaN rows with a reason", () => {
  const rows = computeTextureFeatures(grid([], 4), { dimensions: ["3D"] });
  assertEquals(rows.length, 25 * 2 + 16 * 2 + 16 + 16 + 5 + 17);
  assert(rows.every((r) => Number.isNaN(r.value) && r.reason === "the ROI is empty"), "all NaN with reason");
});

Deno.test("options select families and aggregations; bad options and inputs are named", () => {
  const roi = grid([[0, 0, 0, 1], [1, 0, 0, 2]], 2);
  const rows = computeTextureFeatures(roi, { families: ["glrlm"], aggregations: ["IAZD"] });
  assertEquals(rows.length, 16);
  assert(rows.every((r) => r.aggregation === "IAZD" && r.aggregationLabel === "3D, merged"), "only IAZD");
  assertThrows(() => computeTextureFeatures(roi, { aggregations: ["4D"] }), /aggregations/);
  assertThrows(() => computeTextureFeatures(roi, { distance: 0 }), /distance/);
  assertThrows(
    () => computeTextureFeatures({ dims: [2, 2, 2], levels: new Int32Array(7), nLevels: 2 }),
    /length/,
  );
  assertThrows(
    () => computeTextureFeatures({ dims: [1, 1, 1], levels: Int32Array.from([5]), nLevels: 2 }),
    /0\.\.2/,
  );
});

Deno.test("inputs are not mutated", () => {
  const roi = grid([[0, 0, 0, 1], [1, 0, 0, 2], [1, 1, 1, 2]], 2);
  const before = Array.from(roi.levels);
  computeTextureFeatures(roi, { dimensions: ["2D", "2.5D", "3D"] });
  assertEquals(Array.from(roi.levels), before);
});
