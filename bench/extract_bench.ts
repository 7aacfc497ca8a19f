/**
 * `deno bench -A bench/extract_bench.ts`: IBSI CT phantom (204 × 201 × 60 float32, 125k ROI voxels),
 * configuration C (trilinear to 2 mm, re-segmentation [−1000, 400], FBS 25), the non-texture families
 * (morphology, local intensity, statistics, histogram, IVH) and, when present, texture. Target < 2 s.
 * Prints one timed run with peak memory (Linux VmHWM from /proc/self/status; Deno.memoryUsage()
 * heap and RSS after the run). Skipped when ../shared is absent.
 */
import { readNifti } from "../lib/radiomics/image.ts";
import { extractFeatures } from "../lib/radiomics/extract.ts";
import { IBSI_CONFIGS } from "../lib/radiomics/ibsi_configs.ts";
import type { FeatureFamily } from "../lib/radiomics/feature.ts";

const dir = new URL("../../shared/reference/ibsi1/ct_phantom/", import.meta.url).pathname;
const present = (() => {
  try {
    return Deno.statSync(dir + "image.nii.gz").isFile;
  } catch {
    return false;
  }
})();

const NON_TEXTURE: FeatureFamily[] = [
  "morphology",
  "local_intensity",
  "intensity_statistics",
  "intensity_histogram",
  "intensity_volume_histogram",
];
const MB = (b: number) => (b / 2 ** 20).toFixed(1) + " MB";

function peakRss(): string {
  try {
    const m = Deno.readTextFileSync("/proc/self/status").match(/VmHWM:\s+(\d+) kB/);
    return m ? MB(Number(m[1]) * 1024) : "n/a";
  } catch {
    return "n/a";
  }
}

async function once(families?: FeatureFamily[]) {
  const image = await readNifti(dir + "image.nii.gz");
  const mask = await readNifti(dir + "mask.nii.gz");
  return extractFeatures(image, mask, { ...IBSI_CONFIGS.config_C.settings, families });
}

if (!present) {
  console.warn(`extract_bench: ${dir} not found, bench skipped`);
} else {
  const before = Deno.memoryUsage();
  const t0 = performance.now();
  const r = await once(NON_TEXTURE);
  const t1 = performance.now();
  const after = Deno.memoryUsage();
  console.log(
    `extract_bench: CT phantom config C, ${r.rows.length} non-texture features in ${
      (t1 - t0).toFixed(0)
    } ms (first run, read + preprocess + features); ` +
      `ROI ${r.diagnostics.morphVoxels} voxels on a ${r.diagnostics.grid.join("×")} grid; ` +
      `peak RSS ${peakRss()}, heap used ${MB(before.heapUsed)} → ${MB(after.heapUsed)}, RSS after ${
        MB(after.rss)
      }`,
  );
  const t2 = performance.now();
  const all = await once();
  console.log(
    `extract_bench: with texture families (${
      all.notAvailable.length ? "absent" : "present"
    }): ${all.rows.length} features in ${(performance.now() - t2).toFixed(0)} ms; peak RSS ${peakRss()}`,
  );

  Deno.bench({
    name: "CT phantom config C, non-texture families (read + preprocess + features)",
    n: 5,
    warmup: 1,
  }, async () => {
    await once(NON_TEXTURE);
  });
  Deno.bench({ name: "CT phantom config C, all families", n: 3, warmup: 1 }, async () => {
    await once();
  });
}
