import { assert, assertEquals, SHARED_ABSENT, sharedDir, sharedExists } from "../assert.ts";
import { readNifti } from "../../lib/radiomics/image.ts";
import { preprocess } from "../../lib/radiomics/preprocess.ts";
import { extractFromRoi } from "../../lib/radiomics/extract.ts";
import { IBSI_CONFIGS, type IbsiDataSet } from "../../lib/radiomics/ibsi_configs.ts";
import { matchesReference, readIbsiReference } from "../../lib/radiomics/ibsi_reference.ts";
import type { IntensityFamily } from "../../lib/radiomics/feature.ts";

const IBSI = `${sharedDir}reference/ibsi1`;
const FAMILIES: IntensityFamily[] = [
  "morphology",
  "local_intensity",
  "intensity_statistics",
  "intensity_histogram",
  "intensity_volume_histogram",
];

if (!sharedExists) console.warn(SHARED_ABSENT);

for (const ds of Object.keys(IBSI_CONFIGS) as IbsiDataSet[]) {
  Deno.test({
    name:
      `IBSI ${ds}: every morphology, local intensity, statistics, histogram and IVH feature within IBSI tolerance`,
    ignore: !sharedExists,
    fn: async () => {
      const cfg = IBSI_CONFIGS[ds];
      const refs = readIbsiReference(IBSI).filter((r) =>
        r.dataSet === ds && (FAMILIES as string[]).includes(r.family)
      );
      const image = await readNifti(`${IBSI}/${cfg.folder}/image.nii.gz`);
      const mask = await readNifti(`${IBSI}/${cfg.folder}/mask.nii.gz`);
      const res = await extractFromRoi(preprocess(image, mask, cfg.settings.preprocess), {
        ...cfg.settings,
        families: FAMILIES,
      });
      const bad: string[] = [];
      let compared = 0;
      for (const r of refs) {
        if (r.valueText === "") continue; // compactness 1 of config C has no reference value
        const f = res.rows.find((x) =>
          x.family === r.family && x.ibsiCode === r.ibsiCode && x.name === r.feature
        );
        if (!f) bad.push(`${r.feature}: not computed`);
        else if (!matchesReference(f.value, r)) {
          bad.push(`${r.feature}: got ${f.value}, IBSI ${r.valueText} ± ${r.tolerance}`);
        }
        compared++;
      }
      assertEquals(bad, []);
      assert(compared >= 73, `compared ${compared}`);
    },
  });
}

Deno.test({
  name: "the ibsi1 conformance suite detects the folder and reports one case per feature and data set",
  ignore: !sharedExists,
  fn: async () => {
    const suite = await import("../../lib/conformance/suites/ibsi.ts");
    assert(suite.detect(IBSI), "detect(ibsi1)");
    assert(!suite.detect(`${sharedDir}reference`), "not the parent folder");
    const res = await suite.runSuite(IBSI, { filter: "morphology/digital_phantom/" });
    assertEquals(res.length, 25);
    assertEquals(res.filter((r) => r.status === "pass").length, 25);
    assertEquals([...new Set(res.map((r) => r.group))], ["morphology/digital_phantom"]);
    const skipped = await suite.runSuite(IBSI, { filter: "morphology/config_C/Compactness 1" });
    assertEquals(skipped.map((r) => r.status), ["skipped"]);
  },
});
