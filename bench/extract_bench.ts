/**
 * `deno bench -A bench/extract_bench.ts`: IBSI CT phantom (204 × 201 × 60 float32, 125k ROI voxels),
 * configuration C (trilinear to 2 mm, re-segmentation [−1000, 400], FBS 25), the non-texture families
 * (morphology, local intensity, statistics, histogram, IVH) and, when present, texture. Target < 2 s.
 * Prints one timed run with peak memory, measured in a child `deno run` of this file with `--measure`
 * (so the bench runner's own type-checker memory is not counted): Linux peak RSS (VmHWM from
 * /proc/self/status) and Deno.memoryUsage() heap and RSS. Skipped when ../shared is absent.
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
} else if (Deno.args.includes("--measure")) {
  const base = peakRss();
  const before = Deno.memoryUsage();
  const t0 = performance.now();
  const r = await once(NON_TEXTURE);
  const t1 = performance.now();
  const after = Deno.memoryUsage();
  console.log(
    `extract_bench: CT phantom config C, ${r.rows.length} non-texture features in ${
      (t1 - t0).toFixed(0)
    } ms ` +
      `(first run: read + preprocess + features); ROI ${r.diagnostics.morphVoxels} voxels on a ` +
      `${r.diagnostics.grid.join("×")} grid; peak RSS ${peakRss()} (runtime before the run ${base}), ` +
      `heap used ${MB(before.heapUsed)} → ${MB(after.heapUsed)}, RSS after ${MB(after.rss)}`,
  );
  const t2 = performance.now();
  const all = await once();
  const tex = all.notAvailable.length ? "absent" : "present";
  console.log(
    `extract_bench: all families (texture ${tex}): ${all.rows.length} features in ` +
      `${(performance.now() - t2).toFixed(0)} ms; peak RSS ${peakRss()}`,
  );
} else {
  // memory figures from a clean child process (the bench runner's type checker inflates its own RSS)
  const self = new URL(import.meta.url).pathname;
  const child = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", self, "--measure"],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  await Deno.stdout.write(child.stdout);

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
