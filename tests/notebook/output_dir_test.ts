import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  checkOutDir,
  lockOutDir,
  OutDirError,
  recoverOutDir,
  stagingPath,
  swapInto,
} from "../../lib/notebook/output_dir.ts";
import { reproduce } from "../../lib/notebook/reproduce.ts";

const manifest = JSON.stringify({ workspace: "nomogram-workspace", outputs: [] });

async function deadPid(): Promise<number> {
  const p = new Deno.Command("true").spawn();
  await p.status;
  return p.pid;
}

Deno.test("checkOutDir: refuses a folder of user files and the workspace itself; accepts new, empty and results folders", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/user`);
  await Deno.writeTextFile(`${dir}/user/thesis.docx`, "precious");
  assertThrows(() => checkOutDir(`${dir}/user`), /option --out.*not a results folder/);
  // a folder holding the workspace (`--out .` in a clone) is refused even with a manifest in it
  await Deno.writeTextFile(`${dir}/manifest.json`, manifest);
  assertThrows(() => checkOutDir(dir, [`${dir}/notebooks`]), /holds/);
  checkOutDir(`${dir}/new`);
  await Deno.mkdir(`${dir}/empty`);
  checkOutDir(`${dir}/empty`);
  await Deno.mkdir(`${dir}/res`);
  await Deno.writeTextFile(`${dir}/res/manifest.json`, manifest);
  checkOutDir(`${dir}/res`);
  // the swap re-checks: a user folder is never replaced
  await Deno.mkdir(`${dir}/stage`);
  let swapErr: unknown;
  await swapInto(`${dir}/stage`, `${dir}/user`).catch((e) => (swapErr = e));
  assert(swapErr instanceof OutDirError, "swap into a user folder refused");
  assertEquals(await Deno.readTextFile(`${dir}/user/thesis.docx`), "precious");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("reproduce --out on a folder with user files: refused, nothing deleted", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/nb`);
  await Deno.mkdir(`${dir}/data`);
  await Deno.writeTextFile(`${dir}/keep.txt`, "user file");
  const root = new URL("../..", import.meta.url).pathname;
  let err = "";
  try {
    await reproduce({ root, notebooksDir: `${dir}/nb`, dataDir: `${dir}/data`, outDir: dir, seed: 1 });
  } catch (e) {
    err = (e as Error).message;
  }
  assert(err.includes("option --out"), err);
  assertEquals(await Deno.readTextFile(`${dir}/keep.txt`), "user file");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("recoverOutDir: staging of a live owner is kept, of a dead owner removed; lockOutDir is exclusive", async () => {
  const dir = await Deno.makeTempDir();
  const out = `${dir}/results`;
  const live = stagingPath(out, Deno.pid);
  const dead = stagingPath(out, await deadPid());
  await Deno.mkdir(live);
  await Deno.mkdir(dead);
  await recoverOutDir(out);
  assert((await Deno.stat(live)).isDirectory, "live owner's staging kept");
  let gone = false;
  try {
    await Deno.stat(dead);
  } catch {
    gone = true;
  }
  assert(gone, "dead owner's staging removed");
  const l = await lockOutDir(out);
  let msg = "";
  try {
    await lockOutDir(out);
  } catch (e) {
    msg = (e as Error).message;
  }
  assert(msg.includes(`pid ${Deno.pid}`), msg);
  l.release();
  await Deno.remove(dir, { recursive: true });
});

Deno.test({
  name: "two concurrent reproduce runs on one results folder: one passes, the other stops; results complete",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    await Deno.mkdir(`${dir}/nb`);
    await Deno.mkdir(`${dir}/data`);
    const cell = (src: string) => ({
      cell_type: "code",
      metadata: {},
      execution_count: null,
      outputs: [],
      source: [src],
    });
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      cells: [cell("await new Promise((r) => setTimeout(r, 1500));\n1 + 1")],
    };
    for (const n of ["01_a", "02_b"]) await Deno.writeTextFile(`${dir}/nb/${n}.ipynb`, JSON.stringify(nb));
    const root = new URL("../..", import.meta.url).pathname;
    const code = `import { reproduce } from "${
      new URL("../../lib/notebook/reproduce.ts", import.meta.url).href
    }";
      try { const r = await reproduce({ root: ${JSON.stringify(root)}, notebooksDir: ${
      JSON.stringify(dir + "/nb")
    }, dataDir: ${JSON.stringify(dir + "/data")}, outDir: ${JSON.stringify(dir + "/results")}, seed: 1 });
        console.log(r.ok ? "OK" : "FAIL " + r.error); } catch (e) { console.log("STOP " + e.message); }`;
    const run = () =>
      new Deno.Command(Deno.execPath(), { args: ["eval", code], stdout: "piped", stderr: "null" }).output();
    const outs = (await Promise.all([run(), run()])).map((o) => new TextDecoder().decode(o.stdout).trim());
    assertEquals(outs.filter((o) => o.startsWith("OK")).length >= 1, true, outs.join(" | "));
    for (const o of outs) {
      assert(o.startsWith("OK") || (o.startsWith("STOP") && o.includes("in use by pid")), o);
    }
    const files = [...Deno.readDirSync(`${dir}/results/notebooks`)].map((e) => e.name).sort();
    assertEquals(files, ["01_a.html", "01_a.ipynb", "02_b.html", "02_b.ipynb"]);
    const m = JSON.parse(await Deno.readTextFile(`${dir}/results/manifest.json`));
    assertEquals(m.workspace, "nomogram-workspace");
    await Deno.remove(dir, { recursive: true });
  },
});
