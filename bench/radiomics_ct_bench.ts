/**
 * `deno run -A bench/radiomics_ct_bench.ts [--case STS_xxx] [--repeat N] [--dump DIR] [--cpu K]`: the six
 * real CT cases of `../shared/reference/ibsi_validation/` extracted at the twin settings
 * (`TWIN_EXTRACTION`: 1 mm B-spline resampling, fixed bin width 25, original + eight coif1 wavelet
 * bands, all IBSI families), one case per child process (one worker, no batch pool), so each case's
 * peak RSS (Linux VmHWM) is its own.
 *
 * One core: the child is pinned to CPU K (default 0) with `taskset -c K`, so everything it runs (the
 * script and V8's compiler and collector threads) shares that one core, and its CPU time (user +
 * system, all threads) is what one core spends on the case; where `taskset` is missing the child
 * runs V8 `--single-threaded` instead (no helper threads; V8 then marks and compiles on the main
 * thread, which costs more CPU and finishes garbage collection later, so peaks are higher). The
 * header line says which. Prints per case read + extraction time (wall and CPU) and the peak RSS,
 * then the median and maximum over the cases and the load average (other processes share the
 * cores, so wall time can exceed CPU time). Targets (issue 16), judged on CPU time: median ≤ 1.5 s,
 * max ≤ 4 s, peak RSS ≤ 400 MiB. `--dump DIR` writes each case's feature record as JSON (for
 * before/after comparisons). Skipped when ../shared is absent.
 *
 * The child loads what an extraction worker loads (`lib/radiomics`, as `batch_worker.ts`), not the
 * study: the parent imports `TWIN_EXTRACTION` from `studies/bi2025/twin` and hands it over as JSON
 * (the study's modules and their packages would add ≈ 75 MiB to every peak).
 */
import process from "node:process";
import { readNifti } from "../lib/radiomics/image.ts";
import { type CaseSettings, extractCaseFeatures } from "../lib/radiomics/filters/features.ts";

// ../shared beside the repository, or $SHARED_DIR (e.g. from a git worktree elsewhere)
const shared = Deno.env.get("SHARED_DIR")?.replace(/\/?$/, "/") ??
  new URL("../../shared/", import.meta.url).pathname;
const root = `${shared}reference/ibsi_validation/`;
const CASES = ["STS_019", "STS_002", "STS_010", "STS_004", "STS_005", "STS_022"];
const present = (() => {
  try {
    return Deno.statSync(root + "STS_022/ct_image.nii.gz").isFile;
  } catch {
    return false;
  }
})();

function peakRssMiB(): number {
  const m = Deno.readTextFileSync("/proc/self/status").match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}

async function extractCase(id: string, settings: CaseSettings): Promise<Record<string, number>> {
  const image = await readNifti(`${root}${id}/ct_image.nii.gz`);
  const mask = await readNifti(`${root}${id}/ct_mask.nii.gz`);
  return extractCaseFeatures(image, mask, settings);
}

function arg(name: string): string | undefined {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b), n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

if (!present) {
  console.warn(`radiomics_ct_bench: ${root} not found, bench skipped`);
} else if (Deno.args.includes("--child")) {
  const id = arg("--case")!;
  const settings = JSON.parse(arg("--settings")!) as CaseSettings;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const f = await extractCase(id, settings);
  const ms = performance.now() - t0;
  const c1 = process.cpuUsage(c0);
  const cpu = (c1.user + c1.system) / 1000;
  const dump = arg("--dump");
  if (dump) await Deno.writeTextFile(`${dump}/${id}.json`, JSON.stringify(f));
  console.log(JSON.stringify({ id, ms, cpu, rss: peakRssMiB(), n: Object.keys(f).length }));
} else {
  const self = new URL(import.meta.url).pathname;
  const { TWIN_EXTRACTION } = await import("../studies/bi2025/twin/mod.ts");
  const settings = JSON.stringify(TWIN_EXTRACTION);
  const only = arg("--case");
  const repeat = Number(arg("--repeat") ?? 1);
  const dump = arg("--dump");
  const cpuId = arg("--cpu") ?? "0";
  const pinned = (() => {
    try {
      return new Deno.Command("taskset", { args: ["-c", cpuId, "true"], stdout: "null", stderr: "null" })
        .outputSync().success;
    } catch {
      return false;
    }
  })();
  const times: number[] = [], cpus: number[] = [], rss: number[] = [];
  console.log(
    `radiomics_ct_bench: twin settings (1 mm B-spline, FBS 25, original + 8 coif1 bands, all families), one core (${
      pinned ? `taskset -c ${cpuId}` : "V8 --single-threaded"
    })`,
  );
  for (const id of only ? [only] : CASES) {
    const runs: { ms: number; cpu: number; rss: number; n: number }[] = [];
    for (let r = 0; r < repeat; r++) {
      const child = ["run", "-A", self, "--child", "--case", id, "--settings", settings];
      if (dump) child.push("--dump", dump);
      const out = await new Deno.Command(pinned ? "taskset" : Deno.execPath(), {
        args: pinned
          ? ["-c", cpuId, Deno.execPath(), ...child]
          : [child[0], child[1], "--v8-flags=--single-threaded", ...child.slice(2)],
        stdout: "piped",
        stderr: "inherit",
        env: { DENO_NO_UPDATE_CHECK: "1" },
      }).output();
      if (!out.success) throw new Error(`radiomics_ct_bench: case ${id} failed`);
      runs.push(JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").pop()!));
    }
    const best = runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
    times.push(best.ms), cpus.push(best.cpu), rss.push(Math.max(...runs.map((r) => r.rss)));
    const load = Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
    console.log(
      `  ${id}: ${(best.ms / 1000).toFixed(2)} s (CPU ${(best.cpu / 1000).toFixed(2)} s)${
        repeat > 1 ? ` (min of ${repeat}: ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(", ")})` : ""
      }` +
        `, peak RSS ${rss[rss.length - 1].toFixed(0)} MiB, ${best.n} features; load ${load}`,
    );
  }
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(
    `  CPU median ${s(median(cpus))} s, max ${s(Math.max(...cpus))} s (wall median ${
      s(median(times))
    } s, max ${s(Math.max(...times))} s), max peak RSS ${
      Math.max(...rss).toFixed(0)
    } MiB (targets, CPU: median ≤ 1.5 s, max ≤ 4 s, ≤ 400 MiB)`,
  );
}
