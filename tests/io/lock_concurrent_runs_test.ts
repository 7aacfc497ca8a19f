/**
 * The locks of lib/io/lock.ts at full size: two real task processes at once on the same results
 * folder (reproduce on the small colon study, ~30 s) and on the same extraction cache (a tiny
 * synthetic NIfTI set made here). Timing is not asserted; overlap is established by waiting for the
 * first process's lock file before the second starts, and by the first still running when the
 * second has finished (or started waiting).
 */
import { basename, dirname, join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { readLock } from "../../lib/io/lock.ts";
import { outLockPath } from "../../lib/notebook/output_dir.ts";
import { hashFile, listFiles } from "../../lib/notebook/manifest.ts";
import { writeTwinImages } from "../../studies/bi2025/twin/mod.ts";

const root = new URL("../../", import.meta.url).pathname;

/** A running `deno task …` with its output collected and whether it has ended. */
function start(
  args: string[],
): { child: Deno.ChildProcess; done: Promise<Deno.CommandOutput>; ended: () => boolean } {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let over = false;
  const done = child.output().then((o) => {
    over = true;
    return o;
  });
  return { child, done, ended: () => over };
}

/** Wait until `path` holds a lock of a live process other than this one; its pid. */
async function lockHolder(path: string, first: { ended: () => boolean }, what: string): Promise<number> {
  for (let i = 0; i < 2400; i++) {
    const l = readLock(path);
    if (l && l !== "partial" && l.pid !== Deno.pid) return l.pid;
    assert(!first.ended(), `the first run ended before it took ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no lock ${path} after 120 s`);
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test({
  name:
    "two reproduce runs on the same --out: the second stops with the holder's pid at once, the first's results are complete and hash as listed",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const tmp = await Deno.makeTempDir({ prefix: "lock_full_" });
    const out = join(tmp, "colon-results");
    const args = ["reproduce", "--study", "studies/colon", "--out", out];
    const a = start(args);
    const holder = await lockHolder(outLockPath(out), a, "the results folder's lock");
    const b = start(args);
    const rb = await b.done;
    const errB = text(rb.stderr).trim();
    assert(!a.ended(), "the runs overlapped: the first was still running when the second stopped");
    assertEquals(rb.code, 1, errB);
    const lockFile = join(dirname(out), `.${basename(out)}.lock`);
    assert(
      new RegExp(
        `^reproduce: ${
          lockFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        }: in use by pid ${holder} \\(reproduce → ${
          basename(out)
        }/\\), started \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; wait for it to finish or stop it`,
      ).test(errB),
      errB,
    );
    assert(!errB.includes("\n") && !errB.includes("    at "), "one line, no stack trace");
    const ra = await a.done;
    const errA = text(ra.stderr);
    assertEquals(ra.code, 0, errA.slice(-2000));
    assert(/reproduce: \d+ notebooks passed/.test(errA), errA.slice(-500));
    // the manifest lists every file of the folder, each with the sha256 and size it has
    const m = JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
    const files = (await listFiles(out)).map((f) => f.slice(out.length + 1)).filter((f) =>
      f !== "manifest.json"
    );
    assertEquals(m.outputs.map((o: { path: string }) => o.path).sort(), [...files].sort());
    assert(files.includes("report.html") && files.some((f) => f.startsWith("tables/")), files.join(", "));
    for (const o of m.outputs as { path: string; sha256: string; bytes: number }[]) {
      const h = await hashFile(join(out, o.path), out);
      assertEquals([h.sha256, h.bytes], [o.sha256, o.bytes], o.path);
    }
    // nothing left behind: no lock, no staging or set-aside folder of either run
    const left = [...Deno.readDirSync(tmp)].map((e) => e.name).filter((n) => n !== basename(out));
    assertEquals(left, []);
    await Deno.remove(tmp, { recursive: true });
  },
});

Deno.test({
  name:
    "two batch extractions on the same --cache: the second waits for the first, then reuses its cases; both tables are identical",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const tmp = await Deno.makeTempDir({ prefix: "lock_cache_" });
    const cohort = Array.from({ length: 6 }, (_, i) => ({
      id: `P${i + 1}`,
      latent_aggressiveness: (i - 1.5) / 2,
      latent_heterogeneity: 0.3 * i - 0.4,
      latent_vascularity: 0.5 - 0.2 * i,
    }));
    await writeTwinImages(cohort, join(tmp, "images"), 11, { size: [32, 32, 24], nRepeat: 0 });
    const manifest = join(tmp, "images", "manifest.csv");
    const cache = join(tmp, "cache");
    const run = (o: string) =>
      start([
        "extract",
        "--manifest",
        manifest,
        "--cache",
        cache,
        "--out",
        join(tmp, o),
        "--workers",
        "1",
        "--quiet",
      ]);
    const a = run("a.csv");
    const holder = await lockHolder(join(cache, ".lock"), a, "the cache lock");
    const b = run("b.csv");
    const [ra, rb] = [await a.done, await b.done];
    const errA = text(ra.stderr), errB = text(rb.stderr);
    assertEquals([ra.code, rb.code], [0, 0], `${errA}\n---\n${errB}`);
    assert(
      errB.includes(`extract: waiting for the cache ${cache}: in use by pid ${holder} (extract), started `),
      errB,
    );
    const n = cohort.length * 3; // three phases per patient
    assert(errA.includes(`extract: ${n} cases: ${n} computed, 0 from cache, 0 failed`), errA);
    assert(errB.includes(`extract: ${n} cases: 0 computed, ${n} from cache, 0 failed`), errB);
    const ta = await Deno.readTextFile(join(tmp, "a.csv"));
    assertEquals(await Deno.readTextFile(join(tmp, "b.csv")), ta);
    assertEquals(ta.trim().split("\n").length, 1 + cohort.length);
    await Deno.remove(tmp, { recursive: true });
  },
});
