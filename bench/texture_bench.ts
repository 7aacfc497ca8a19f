/**
 * Texture extraction speed on the IBSI CT phantom at configuration C (2 mm isotropic, FBS 25 HU, 3D):
 * - texture only: all six families, 3D aggregations (ITBB, IAZD, KOBO), on the preprocessed ROI;
 * - texture with 2D/2.5D/3D aggregations (every IBSI method);
 * - the whole extraction (preprocessing + every family incl. morphology, intensity, histogram, IVH).
 * Target (issue 9): the whole config-C extraction under 3 s. Run: `deno bench -A bench/texture_bench.ts`.
 * Skipped when ../shared is absent.
 */
import { computeTextureFeatures, TEXTURE_FAMILIES } from "../lib/radiomics/texture/mod.ts";
import { readNifti } from "../lib/radiomics/image.ts";
import { preprocess } from "../lib/radiomics/preprocess.ts";
import { extractFeatures } from "../lib/radiomics/extract.ts";
import { IBSI_CONFIGS } from "../lib/radiomics/ibsi_configs.ts";

const dir = new URL("../../shared/reference/ibsi1/ct_phantom/", import.meta.url).pathname;
let present = true;
try {
  Deno.statSync(dir + "image.nii.gz");
} catch {
  present = false;
  console.warn(`texture_bench: ${dir} not found, benches skipped`);
}

const image = present ? await readNifti(dir + "image.nii.gz") : undefined;
const mask = present ? await readNifti(dir + "mask.nii.gz") : undefined;
const settings = IBSI_CONFIGS.config_C.settings;
const roi = present ? preprocess(image!, mask!, settings.preprocess) : undefined;
if (roi) {
  const G = new Set(roi.levels.filter((g) => g > 0)).size;
  console.log(
    `config C ROI: grid ${roi.dims.join("×")}, ${roi.nVoxels} voxels, N_g ${roi.nLevels} (${G} present)`,
  );
}

Deno.bench({
  name: "texture: 6 families, 3D (ITBB, IAZD, KOBO), CT phantom config C",
  group: "config C",
  baseline: true,
  ignore: !present,
  fn: () => {
    computeTextureFeatures(roi!, { dimensions: ["3D"], families: TEXTURE_FAMILIES });
  },
});

Deno.bench({
  name: "texture: 6 families, every aggregation (2D, 2.5D, 3D), CT phantom config C",
  group: "config C",
  ignore: !present,
  fn: () => {
    computeTextureFeatures(roi!, { dimensions: ["2D", "2.5D", "3D"] });
  },
});

for (const family of TEXTURE_FAMILIES) {
  Deno.bench({
    name: `texture: ${family} alone, 3D`,
    group: "per family (config C, 3D)",
    ignore: !present,
    fn: () => {
      computeTextureFeatures(roi!, { dimensions: ["3D"], families: [family] });
    },
  });
}

Deno.bench({
  name: "whole extraction: preprocessing + every family (incl. texture 3D), CT phantom config C",
  group: "config C",
  ignore: !present,
  n: 5,
  fn: async () => {
    const r = await extractFeatures(image!, mask!, settings);
    if (r.notAvailable.length) throw new Error(`families not available: ${r.notAvailable.join(", ")}`);
  },
});
