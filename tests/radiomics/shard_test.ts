import { assert, assertEquals } from "../assert.ts";
import { batchTableCsv, caseId, readManifest, runBatch } from "../../lib/radiomics/batch.ts";
import { writeTwinImages } from "../../studies/bi2025/twin/mod.ts";
import {
  mergeShards,
  runShard,
  shardCases,
  shardOfKey,
  shardStatusPath,
  unfinishedShards,
} from "../../lib/radiomics/shard.ts";
import { settingsHash } from "../../lib/radiomics/batch.ts";
import type { CaseSettings } from "../../lib/radiomics/filters/features.ts";

const cohort = [
  { id: "P001", latent_aggressiveness: 0.5, latent_heterogeneity: -0.2, latent_vascularity: 1.0 },
  { id: "P002", latent_aggressiveness: -1.0, latent_heterogeneity: 0.3, latent_vascularity: -0.5 },
  { id: "P003", latent_aggressiveness: 1.5, latent_heterogeneity: 1.2, latent_vascularity: 0.2 },
];
const settings: CaseSettings = {
  families: ["intensity_statistics", "glcm"],
  filters: { original: true, wavelet: { wavelet: "haar", bands: ["HHH"] } },
};

Deno.test("shardOfKey: deterministic, in range, spreads keys over the shards", () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `P${String(i).padStart(4, "0")}__arterial__A1`);
  const counts = [0, 0, 0, 0, 0];
  for (const k of keys) {
    const s = shardOfKey(k, 5);
    assert(s >= 0 && s < 5 && Number.isInteger(s), `shard ${s}`);
    assertEquals(shardOfKey(k, 5), s);
    counts[s]++;
  }
  // 400 expected per shard; a binomial SD is 18, so ±80 fails only for a broken hash
  for (const c of counts) assert(Math.abs(c - 400) < 80, `counts ${counts}`);
  assertEquals(shardOfKey("x", 1), 0);
});

Deno.test({
  name:
    "shards: a partition of the manifest, stable under reordering; merge equals the local batch; reruns skip; missing shards reported",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "shard_test_" });
    try {
      await writeTwinImages(cohort, dir, 3, { size: [24, 24, 16], nRepeat: 1 });
      const cases = readManifest(`${dir}/manifest.csv`);
      assertEquals(cases.length, 15);
      const n = 3;
      const parts = [0, 1, 2].map((k) => shardCases(cases, n, k).map(caseId));
      const all = parts.flat();
      assertEquals(all.length, cases.length);
      assertEquals(new Set(all).size, cases.length);
      assert(
        parts.every((p) => p.length > 0 && p.length < cases.length),
        `shard sizes ${parts.map((p) => p.length)}`,
      );
      // reordered manifest (reversed, and rotated): same case → same shard
      for (const order of [[...cases].reverse(), [...cases.slice(7), ...cases.slice(0, 7)]]) {
        for (let k = 0; k < n; k++) {
          assertEquals(new Set(shardCases(order, n, k).map(caseId)), new Set(parts[k]));
        }
      }

      const local = await runBatch(cases, { settings, cacheDir: `${dir}/cache_local`, workers: 2 });
      const cacheDir = `${dir}/cache_shards`;
      const hash = settingsHash(settings);
      // two shards finished: the merge reports the third shard's cases as not finished
      await runShard(cases, { settings, cacheDir, workers: 1, shards: n, shard: 0 });
      await runShard(cases, { settings, cacheDir, workers: 1, shards: n, shard: 2 });
      assertEquals(unfinishedShards(cacheDir, n, hash), [1]);
      const partial = await mergeShards(cases, { settings, cacheDir, shards: n });
      assertEquals(partial.summary.failed.map((f) => f.id).sort(), [...parts[1]].sort());
      assert(
        partial.summary.failed.every((f) => f.error === "shard 1 of 3 did not finish"),
        partial.summary.failed[0]?.error,
      );
      const r1 = await runShard(cases, { settings, cacheDir, workers: 1, shards: n, shard: 1 });
      assertEquals(r1.summary.computed, parts[1].length);
      assertEquals(unfinishedShards(cacheDir, n, hash), []);
      const merged = await mergeShards(cases, { settings, cacheDir, shards: n });
      assertEquals(merged.summary.failed.length, 0);
      assertEquals(merged.summary.computed, cases.length);
      assertEquals(batchTableCsv(merged), batchTableCsv(local));
      // the status file records the shard's cases; a rerun of a shard skips its finished cases
      const st = JSON.parse(await Deno.readTextFile(shardStatusPath(cacheDir, n, 1)));
      assertEquals(st.cases, parts[1]);
      const again = await runShard(cases, { settings, cacheDir, workers: 1, shards: n, shard: 1 });
      assertEquals(again.summary.skipped, parts[1].length);
      assertEquals(again.summary.computed, 0);
      // other settings: other status files (shards of the old settings do not count)
      assertEquals(unfinishedShards(cacheDir, n, settingsHash({ ...settings, families: ["glcm"] })), [
        0,
        1,
        2,
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "deno task extract --shards/--shard/--merge with a YAML parameter file: the last shard writes the table the unsharded run writes; no temporary files left",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "shard_task_test_" });
    try {
      await writeTwinImages(cohort.slice(0, 2), dir, 5, { size: [20, 20, 12], nRepeat: 0 });
      await Deno.writeTextFile(
        `${dir}/p.yaml`,
        "imageType:\n  Original: {}\n  Wavelet: {wavelet: haar}\nfeatureClass:\n  firstorder:\n  glcm: [JointEntropy, Contrast]\nsetting:\n  binWidth: 10\n",
      );
      const task = new URL("../../tasks/extract.ts", import.meta.url).pathname;
      const run = (args: string[]) =>
        new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "-A",
            task,
            "--manifest",
            `${dir}/manifest.csv`,
            "--params",
            `${dir}/p.yaml`,
            "--quiet",
            ...args,
          ],
          stdout: "piped",
          stderr: "piped",
        }).output();
      const dec = new TextDecoder();
      const local = await run(["--out", `${dir}/local.csv`, "--cache", `${dir}/c1`]);
      assertEquals(local.code, 0, dec.decode(local.stderr));
      const s0 = await run([
        "--out",
        `${dir}/sharded.csv`,
        "--cache",
        `${dir}/c2`,
        "--shards",
        "2",
        "--shard",
        "0",
      ]);
      assertEquals(s0.code, 0, dec.decode(s0.stderr));
      let exists = true;
      await Deno.stat(`${dir}/sharded.csv`).catch(() => (exists = false));
      assert(!exists, "the table waits for the last shard");
      const s1 = await run([
        "--out",
        `${dir}/sharded.csv`,
        "--cache",
        `${dir}/c2`,
        "--shards",
        "2",
        "--shard",
        "1",
      ]);
      assertEquals(s1.code, 0, dec.decode(s1.stderr));
      assert(dec.decode(s1.stderr).includes("all 2 shards finished"), dec.decode(s1.stderr));
      const want = await Deno.readTextFile(`${dir}/local.csv`);
      assertEquals(await Deno.readTextFile(`${dir}/sharded.csv`), want);
      const header = want.split("\n")[0].split(",");
      assert(
        header.includes("plain_wavelet-HHH_glcm_JointEntropy") &&
          !header.some((h) => h.endsWith("glcm_JointMaximum")),
        "feature list of the parameter file applied",
      );
      // --merge rewrites the same table atomically
      await Deno.remove(`${dir}/sharded.csv`);
      const m = await run([
        "--out",
        `${dir}/sharded.csv`,
        "--cache",
        `${dir}/c2`,
        "--shards",
        "2",
        "--merge",
      ]);
      assertEquals(m.code, 0, dec.decode(m.stderr));
      assertEquals(await Deno.readTextFile(`${dir}/sharded.csv`), want);
      const left = [...Deno.readDirSync(dir)].map((e) => e.name).filter((f) => f.includes(".tmp"));
      assertEquals(left, []);
      // bad option values: one line, exit 2
      const bad = await run(["--shards", "2", "--shard", "2"]);
      assertEquals(bad.code, 2);
      assertEquals(
        dec.decode(bad.stderr).trim(),
        "extract: option --shard: expected a whole number from 0 to 1 (--shards 2), got 2 (see --help)",
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
