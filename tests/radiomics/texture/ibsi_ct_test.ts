/**
 * Every texture feature of the IBSI 1 CT phantom, configurations A–E, against reference_values.csv:
 * the CT phantom goes through lib/radiomics/preprocess.ts with the settings of lib/radiomics/ibsi_configs.ts,
 * then through computeTextureFeatures with the configuration's dimensions (A, B: 2D and 2.5D; C–E: 3D).
 * Tolerance: the CSV's, or half a unit of the last printed digit where it gives none.
 */
import { assert, SHARED_ABSENT, sharedDir, sharedExists } from "../../assert.ts";
import { computeTextureFeatures } from "../../../lib/radiomics/texture/mod.ts";
import { type Image, readNifti } from "../../../lib/radiomics/image.ts";
import { preprocess } from "../../../lib/radiomics/preprocess.ts";
import { IBSI_CONFIGS, type IbsiDataSet } from "../../../lib/radiomics/ibsi_configs.ts";
import { readTextureReference } from "./phantom.ts";

if (!sharedExists) console.warn(SHARED_ABSENT);

let ct: Promise<[Image, Image]> | undefined;
function ctPhantom(): Promise<[Image, Image]> {
  const dir = `${sharedDir}reference/ibsi1/ct_phantom/`;
  ct ??= Promise.all([readNifti(dir + "image.nii.gz"), readNifti(dir + "mask.nii.gz")]);
  return ct;
}

for (const ds of ["config_A", "config_B", "config_C", "config_D", "config_E"] as IbsiDataSet[]) {
  Deno.test({
    name: `${ds}: every IBSI CT-phantom texture reference value is matched within tolerance`,
    ignore: !sharedExists,
    fn: async () => {
      const [image, mask] = await ctPhantom();
      const cfg = IBSI_CONFIGS[ds].settings;
      const roi = preprocess(image, mask, cfg.preprocess);
      const rows = computeTextureFeatures(roi, { dimensions: cfg.texture?.dimensions ?? ["3D"] });
      const got = new Map(rows.map((r) => [`${r.family}|${r.ibsiCode}|${r.aggregationLabel}`, r]));
      const ref = await readTextureReference(ds);
      assert(ref.length >= 136, `expected the texture rows of ${ds}, found ${ref.length}`);
      const bad: string[] = [];
      for (const r of ref) {
        const g = got.get(`${r.family}|${r.code}|${r.aggregation}`);
        if (!g) bad.push(`${r.family} ${r.feature} (${r.code}) [${r.aggregation}]: not computed`);
        else if (!(Math.abs(g.value - r.value) <= r.tolerance * (1 + 1e-9))) {
          bad.push(
            `${r.family} ${r.feature} (${r.code}) [${r.aggregation}]: expected ${r.valueText} ± ${r.tolerance}, got ${g.value}${
              g.reason ? ` (${g.reason})` : ""
            }`,
          );
        }
      }
      assert(bad.length === 0, `${bad.length} of ${ref.length} ${ds} texture values off:\n${bad.join("\n")}`);
    },
  });
}
