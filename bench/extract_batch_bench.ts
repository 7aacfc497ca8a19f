/**
 * `deno bench -A bench/extract_batch_bench.ts`: cost of the twin's extraction settings (resample to
 * 1 mm with B-spline, fixed bin width 25, every family on the original image, first-order, histogram
 * and texture families on the eight coif1 wavelet sub-bands; `PRESETS.twin` of tasks/extract_batch.ts).
 *
 * Prints, per case, the wall time of one extraction (read + resample + filters + features) and the
 * peak memory, each case in a fresh child `deno run` of this file with `--measure <image> <mask>` (Linux
 * peak RSS, VmHWM of /proc/self/status; so the bench runner's own memory is not counted):
 * the IBSI CT phantom and the six IBSI validation CT cases (`../shared/reference/`), then a sample of
 * synthetic twin cases extracted by `runBatch` on 2 workers and the whole-twin time estimated from it
 * (306 patients × 3 phases + 40 × 2 repeat segmentations × 3 phases = 1158 cases).
 * Set EXTRACT_BATCH_BENCH_LARGE=0 to skip the three largest validation cases.
 */
import { readNifti } from "../lib/radiomics/image.ts";
import { extractCaseFeatures } from "../lib/radiomics/filters/features.ts";
import { readManifest, runBatch } from "../lib/radiomics/batch.ts";
import { writeTwinImages } from "../studies/bi2025/twin/mod.ts";
import { PRESETS } from "../tasks/extract_batch.ts";

const shared = new URL("../../shared/reference/", import.meta.url).pathname;
const exists = (p: string) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
};
const peakMb = () => {
  const m = Deno.readTextFileSync("/proc/self/status").match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
};

const TWIN_CASES = 306 * 3 + 40 * 2 * 3;

if (Deno.args[0] === "--measure") {
  const [, imagePath, maskPath] = Deno.args;
  const t0 = performance.now();
  const image = await readNifti(imagePath), mask = await readNifti(maskPath);
  const f = extractCaseFeatures(image, mask, PRESETS.twin);
  console.log(
    JSON.stringify({ ms: performance.now() - t0, features: Object.keys(f).length, peakMb: peakMb() }),
  );
} else {
  const cases: [string, string, string][] = [];
  if (exists(`${shared}ibsi1/ct_phantom/image.nii.gz`)) {
    cases.push([
      "IBSI CT phantom",
      `${shared}ibsi1/ct_phantom/image.nii.gz`,
      `${shared}ibsi1/ct_phantom/mask.nii.gz`,
    ]);
  }
  const large = Deno.env.get("EXTRACT_BATCH_BENCH_LARGE") !== "0";
  for (const c of ["STS_019", "STS_002", "STS_010", "STS_004", "STS_005", "STS_022"]) {
    if (!large && ["STS_004", "STS_005", "STS_022"].includes(c)) continue;
    const d = `${shared}ibsi_validation/${c}/`;
    if (exists(d + "ct_image.nii.gz")) cases.push([c, d + "ct_image.nii.gz", d + "ct_mask.nii.gz"]);
  }
  if (!cases.length) console.warn(`extract_batch_bench: ${shared} not found, reference cases skipped`);
  const self = new URL(import.meta.url).pathname;
  console.log("extract_batch_bench: twin settings (1 mm B-spline, FBS 25, all families + 8 coif1 bands)");
  console.log("case               time (s)   features   peak RSS (MB)");
  for (const [name, img, msk] of cases) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", self, "--measure", img, msk],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      console.log(
        `${name.padEnd(18)} failed: ${new TextDecoder().decode(out.stderr).split("\n").slice(-3).join(" ")}`,
      );
      continue;
    }
    const r = JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").pop()!);
    console.log(
      `${name.padEnd(18)} ${(r.ms / 1000).toFixed(2).padStart(8)}   ${String(r.features).padStart(8)}   ${
        r.peakMb.toFixed(0).padStart(12)
      }`,
    );
  }

  // whole twin on 2 workers, estimated from a sample of synthetic patients
  const dir = await Deno.makeTempDir({ prefix: "extract_batch_bench_" });
  try {
    const sample = Array.from(
      { length: 8 },
      (_, i) => ({
        id: `S${i}`,
        latent_aggressiveness: (i % 4) - 1.5,
        latent_heterogeneity: ((i * 3) % 5) - 2,
        latent_vascularity: ((i * 7) % 5) / 2 - 1,
      }),
    );
    await writeTwinImages(sample, dir, 11, { nRepeat: 0 });
    const cs = readManifest(`${dir}/manifest.csv`);
    const r = await runBatch(cs, { settings: PRESETS.twin, cacheDir: `${dir}/cache`, workers: 2 });
    const perCase = r.summary.seconds / cs.length;
    console.log(
      `twin sample: ${cs.length} cases (48 × 48 × 32 at 1 mm) in ${
        r.summary.seconds.toFixed(1)
      } s on 2 workers ` +
        `(${perCase.toFixed(2)} s per case of wall time, ${
          r.columns.length - 2
        } features per patient row); ` +
        `whole twin (${TWIN_CASES} cases) ≈ ${(perCase * TWIN_CASES / 60).toFixed(1)} min on 2 cores`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }

  if (cases.length) {
    Deno.bench({
      name: "IBSI CT phantom, twin settings (read + 1 mm + 8 wavelet bands + all families)",
      n: 2,
      warmup: 0,
    }, async () => {
      extractCaseFeatures(await readNifti(cases[0][1]), await readNifti(cases[0][2]), PRESETS.twin);
    });
  }
}
