/**
 * Every texture feature of the IBSI 1 digital phantom, for every aggregation method, against
 * reference_values.csv (tolerance: the CSV's where given, else agreement after rounding to the printed
 * digits, i.e. half a unit of the last printed digit).
 */
import { assert, assertClose, assertEquals, SHARED_ABSENT, sharedDir, sharedExists } from "../../assert.ts";
import {
  computeTextureFeatures,
  TEXTURE_FAMILIES,
  type TextureFeatureRow,
} from "../../../lib/radiomics/texture/mod.ts";
import { phantomRoi, readTextureReference } from "./phantom.ts";

if (!sharedExists) console.warn(SHARED_ABSENT);

let cache: TextureFeatureRow[] | undefined;
function phantomRows(): TextureFeatureRow[] {
  cache ??= computeTextureFeatures(phantomRoi(), { dimensions: ["2D", "2.5D", "3D"] });
  return cache;
}

for (const family of TEXTURE_FAMILIES) {
  Deno.test({
    name:
      `${family}: every IBSI digital-phantom reference value (all aggregations) is matched within tolerance`,
    ignore: !sharedExists,
    fn: async () => {
      const ref = (await readTextureReference("digital_phantom")).filter((r) => r.family === family);
      assert(ref.length >= 15, `expected the ${family} rows of reference_values.csv, found ${ref.length}`);
      const got = new Map(phantomRows().map((r) => [`${r.family}|${r.ibsiCode}|${r.aggregationLabel}`, r]));
      const bad: string[] = [];
      for (const r of ref) {
        const g = got.get(`${r.family}|${r.code}|${r.aggregation}`);
        if (!g) bad.push(`${r.feature} (${r.code}) [${r.aggregation}]: not computed`);
        else if (!(Math.abs(g.value - r.value) <= r.tolerance * (1 + 1e-9))) {
          bad.push(
            `${r.feature} (${r.code}) [${r.aggregation}]: expected ${r.valueText} ± ${r.tolerance}, got ${g.value}`,
          );
        }
      }
      assert(bad.length === 0, `${bad.length} of ${ref.length} ${family} values off:\n${bad.join("\n")}`);
    },
  });
}

Deno.test("the phantom gives one row per registry feature and aggregation, without reasons", () => {
  const rows = phantomRows();
  // 25 GLCM + 16 GLRLM features × 6 aggregations, (16 + 16 + 5 + 17) × 3.
  assert(rows.length === (25 + 16) * 6 + (16 + 16 + 5 + 17) * 3, `got ${rows.length} rows`);
  const withReason = rows.filter((r) => r.reason !== undefined || !Number.isFinite(r.value));
  assert(withReason.length === 0, `unexpected NaN/reasons: ${withReason.map((r) => r.key).join(", ")}`);
});

Deno.test({
  name: "the phantom NIfTI through preprocess (digital_phantom settings) gives the same texture values",
  ignore: !sharedExists,
  fn: async () => {
    const { readNifti } = await import("../../../lib/radiomics/image.ts");
    const { preprocess } = await import("../../../lib/radiomics/preprocess.ts");
    const { IBSI_CONFIGS } = await import("../../../lib/radiomics/ibsi_configs.ts");
    const dir = `${sharedDir}reference/ibsi1/digital_phantom/`;
    const roi = preprocess(
      await readNifti(dir + "image.nii.gz"),
      await readNifti(dir + "mask.nii.gz"),
      IBSI_CONFIGS.digital_phantom.settings.preprocess,
    );
    const a = computeTextureFeatures(roi, { dimensions: ["2D", "2.5D", "3D"] });
    const b = phantomRows();
    assertEquals(a.length, b.length);
    for (let i = 0; i < a.length; i++) {
      assertClose(a[i].value, b[i].value, { rel: 1e-12 }, `${a[i].key} ${a[i].aggregation}`);
    }
  },
});
