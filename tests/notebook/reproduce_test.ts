import { join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { reproduce } from "../../lib/notebook/reproduce.ts";
import { compareResults } from "../../lib/notebook/verify.ts";
import { listFiles } from "../../lib/notebook/manifest.ts";
import { jupyterAvailable } from "../../lib/notebook/engine_jupyter.ts";

const root = new URL("../../", import.meta.url).pathname;
const fixtures = new URL("./fixtures/", import.meta.url).pathname;
const opts = (out: string, nbDir: string) => ({
  root,
  outDir: out,
  notebooksDir: join(fixtures, nbDir),
  dataDir: fixtures,
  seed: 20250411,
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) {
    out[f.slice(dir.length + 1)] = Array.from(await Deno.readFile(f)).join(",");
  }
  return out;
}

Deno.test("reproduce writes tables, figures, executed notebooks, HTML and a manifest of sha256 hashes", async () => {
  const tmp = await Deno.makeTempDir();
  const out = join(tmp, "results");
  const res = await reproduce(opts(out, "ok"));
  assert(res.ok, res.error);
  for (
    const f of [
      "tables/squares.md",
      "tables/squares.html",
      "tables/squares.csv",
      "tables/squares.xlsx",
      "figures/squares.svg",
      "figures/squares.png",
      "figures/squares.pdf",
      "notebooks/01_ok.ipynb",
      "notebooks/01_ok.html",
      "manifest.json",
    ]
  ) {
    assert((await Deno.stat(join(out, f))).isFile, `missing ${f}`);
  }
  assertEquals(await Deno.readTextFile(join(out, "tables/squares.csv")), "x,square\n1,1\n2,4\n3,9\n");
  const m = JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
  const csv = m.outputs.find((o: { path: string }) => o.path === "tables/squares.csv");
  assertEquals(csv.notebook, "01_ok.ipynb");
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", await Deno.readFile(join(out, "tables/squares.csv"))),
  );
  assertEquals(csv.sha256, Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
  assertEquals(m.seed, 20250411);
  assert(typeof m.run.wall_seconds["01_ok.ipynb"] === "number", "wall time per notebook recorded");
  assert(!JSON.stringify(await snapshot(join(out, "tables"))).includes(tmp), "no absolute paths in tables");
  const nb = JSON.parse(await Deno.readTextFile(join(out, "notebooks/01_ok.ipynb")));
  assertEquals(nb.cells[1].outputs[0].text, ["seed 20250411\n"]);
  assert(
    nb.cells[3].outputs.some((o: { data?: Record<string, unknown> }) => o.data && "image/svg+xml" in o.data),
    "figure displayed",
  );
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("two runs of the same notebooks are byte-identical (manifest run block aside)", async () => {
  const tmp = await Deno.makeTempDir();
  assert((await reproduce(opts(join(tmp, "a"), "ok"))).ok);
  assert((await reproduce(opts(join(tmp, "b"), "ok"))).ok);
  const cmp = await compareResults(join(tmp, "a"), join(tmp, "b"));
  assertEquals(cmp.filter((c) => c.status !== "identical"), []);
  assert(cmp.length >= 9);
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("seed and data parameters reach the notebook", async () => {
  const tmp = await Deno.makeTempDir();
  const res = await reproduce({ ...opts(join(tmp, "r"), "ok"), seed: 7 });
  assert(res.ok, res.error);
  const nb = JSON.parse(await Deno.readTextFile(join(tmp, "r/notebooks/01_ok.ipynb")));
  assertEquals(nb.cells[1].outputs[0].text, ["seed 7\n"]);
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("a failing notebook names notebook, cell and line, and leaves previous results untouched", async () => {
  const tmp = await Deno.makeTempDir();
  const out = join(tmp, "results");
  assert((await reproduce(opts(out, "ok"))).ok);
  const before = await snapshot(out);
  const res = await reproduce(opts(out, "fail"));
  assert(!res.ok, "run should fail");
  assert(/01_fail\.ipynb cell 1, line 3: .*deliberate failure in cell 1/.test(res.error ?? ""), res.error);
  assertEquals(await snapshot(out), before);
  const leftovers = [...Deno.readDirSync(tmp)].map((e) => e.name).filter((n) => n !== "results");
  assertEquals(leftovers, [], "no staging folder left behind");
  await Deno.remove(tmp, { recursive: true });
});

Deno.test("a run killed midway leaves the previous results untouched, and the next run cleans up", async () => {
  const tmp = await Deno.makeTempDir();
  const out = join(tmp, "results");
  assert((await reproduce(opts(out, "ok"))).ok);
  const before = await snapshot(out);
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      join(root, "tasks/reproduce.ts"),
      "--notebooks",
      join(fixtures, "slow"),
      "--out",
      out,
      "--data",
      fixtures,
      "--features",
      "generator",
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  // Wait until the killed run has written into its staging folder.
  const staging = join(tmp, `.results-staging-${child.pid}`);
  let written = false;
  for (let i = 0; i < 600 && !written; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      written = Deno.statSync(join(staging, "tables/squares.xlsx")).isFile;
    } catch { /* not yet */ }
  }
  assert(written, "the slow notebook wrote its partial table into staging");
  child.kill("SIGKILL");
  await child.status;
  assertEquals(await snapshot(out), before);
  assert((await reproduce(opts(out, "ok"))).ok);
  assertEquals([...Deno.readDirSync(tmp)].map((e) => e.name), ["results"]);
  await Deno.remove(tmp, { recursive: true });
});

const jupyter = await jupyterAvailable();
Deno.test({
  name: "the jupyter engine writes the same tables and figures as the default engine",
  ignore: !jupyter.ok,
  fn: async () => {
    const tmp = await Deno.makeTempDir();
    assert((await reproduce(opts(join(tmp, "a"), "ok"))).ok);
    const res = await reproduce({ ...opts(join(tmp, "b"), "ok"), engine: "jupyter" });
    assert(res.ok, res.error);
    const cmp = await compareResults(join(tmp, "a"), join(tmp, "b"));
    const differing = cmp.filter((c) =>
      c.status !== "identical" && !c.path.startsWith("notebooks/") && c.path !== "manifest.json"
    );
    assertEquals(differing, []);
    await Deno.remove(tmp, { recursive: true });
  },
});
if (!jupyter.ok) console.warn(`jupyter engine test skipped: ${jupyter.reason}`);
