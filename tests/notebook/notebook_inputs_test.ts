import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertThrows } from "../assert.ts";
import { checkNotebookInputs, notebookNeeds } from "../../lib/notebook/reproduce.ts";
import { WORKSPACE_ID } from "../../lib/notebook/output_dir.ts";

const root = new URL("../../", import.meta.url).pathname;

/** A notebook with no cells and `metadata.nomogram.needs` (nothing here runs a notebook). */
function notebook(needs?: unknown): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: needs === undefined ? {} : { nomogram: { needs } },
    cells: [],
  });
}

/**
 * A folder of four notebooks: 02 writes data/clinical.json, 03 data/radscore.json, 04 reads both
 * (object form), 05 needs 04 (list form); and a results folder whose manifest lists `outputs`.
 */
async function setup(outputs: readonly { path: string; notebook: string }[] | null) {
  const tmp = await Deno.makeTempDir();
  const nb = join(tmp, "notebooks");
  await Deno.mkdir(nb);
  await Deno.writeTextFile(join(nb, "02_clinical.ipynb"), notebook());
  await Deno.writeTextFile(join(nb, "03_selection.ipynb"), notebook());
  await Deno.writeTextFile(
    join(nb, "04_nomogram.ipynb"),
    notebook({ "02_clinical": ["data/clinical.json"], "03_selection": ["data/radscore.json"] }),
  );
  await Deno.writeTextFile(join(nb, "05_calibration.ipynb"), notebook(["04_nomogram"]));
  const out = join(tmp, "results");
  if (outputs) {
    await Deno.mkdir(join(out, "data"), { recursive: true });
    for (const o of outputs) await Deno.writeTextFile(join(out, o.path), "{}\n");
    await Deno.writeTextFile(
      join(out, "manifest.json"),
      JSON.stringify({ workspace: WORKSPACE_ID, outputs: outputs.map((o) => ({ ...o, sha256: "" })) }),
    );
  }
  return { tmp, nb, out };
}

const check = (s: { nb: string; out: string }, only: string[]) =>
  checkNotebookInputs({ root, notebooksDir: s.nb, outDir: s.out, only });

Deno.test("--only 04 on an empty results folder names the notebook, the missing output and the fix", async () => {
  const s = await setup(null);
  const e = await assertRejects(() => check(s, ["04"]), /^notebook /);
  assertEquals(
    e.message,
    `notebook 04_nomogram needs data/clinical.json from notebook 02_clinical, which is not run and not in ${s.out} (no manifest.json): run without --only, or --only 02,03,04`,
  );
  assert(!e.message.includes("\n"), "one line");
  await Deno.remove(s.tmp, { recursive: true });
});

Deno.test("producers run earlier in the same run satisfy a notebook; no --only checks nothing", async () => {
  const s = await setup(null);
  await check(s, ["02", "03", "04"]);
  await check(s, ["02,03,04".split(",")].flat());
  await check(s, []);
  // 05 needs 04, which needs 02 and 03: the fix lists every producer, transitively
  const e = await assertRejects(() => check(s, ["05"]), /^notebook /);
  assert(e.message.startsWith("notebook 05_calibration needs any output of 04_nomogram"), e.message);
  assert(e.message.endsWith("run without --only, or --only 02,03,04,05"), e.message);
  await Deno.remove(s.tmp, { recursive: true });
});

Deno.test("outputs listed in the results folder's manifest (and present) satisfy a notebook not run", async () => {
  const s = await setup([
    { path: "data/clinical.json", notebook: "02_clinical.ipynb" },
    { path: "data/radscore.json", notebook: "03_selection.ipynb" },
  ]);
  await check(s, ["04"]);
  // a listed file that was deleted since is missing
  await Deno.remove(join(s.out, "data/radscore.json"));
  const e = await assertRejects(() => check(s, ["04"]), /^notebook /);
  assert(e.message.includes("needs data/radscore.json from notebook 03_selection"), e.message);
  assert(e.message.includes("results/manifest.json: run without --only, or --only 03,04"), e.message);
  // 05 needs any output of 04: none listed
  const e5 = await assertRejects(() => check(s, ["05"]), /^notebook /);
  assert(e5.message.includes("needs any output of 04_nomogram"), e5.message);
  await Deno.remove(s.tmp, { recursive: true });
});

Deno.test("nomogram.needs: a list of notebooks or an object of results paths; anything else is named", () => {
  assertEquals(notebookNeeds({ nomogram: { needs: ["02_a", "03_b"] } }, "x.ipynb"), {
    "02_a": [],
    "03_b": [],
  });
  assertEquals(notebookNeeds({ nomogram: { needs: { "02_a": ["data/a.json"] } } }, "x.ipynb"), {
    "02_a": ["data/a.json"],
  });
  assertEquals(notebookNeeds({}, "x.ipynb"), {});
  assertThrows(
    () => notebookNeeds({ nomogram: { needs: { "02_a": "data/a.json" } } }, "nb/x.ipynb"),
    /^nb\/x\.ipynb metadata nomogram\.needs: expected a list of notebook names or an object/,
  );
});

Deno.test("the paper's and the study's notebooks declare every result they load from another notebook", async () => {
  for (const dir of ["notebooks", "notebooks/study"]) {
    for await (const e of Deno.readDir(join(root, dir))) {
      if (!e.name.endsWith(".ipynb")) continue;
      const nb = JSON.parse(await Deno.readTextFile(join(root, dir, e.name)));
      const source = nb.cells.map((c: { source: string[] }) => c.source.join("")).join("\n");
      const needs = notebookNeeds(nb.metadata, e.name);
      const reads = [
        ...[...source.matchAll(/loadJson(?:<\w+>)?\("([^"]+)", "(?:study\/)?([^"]+)"\)/g)].map((m) => [
          `data/${m[1]}.json`,
          m[2],
        ]),
        ...[...source.matchAll(/loadResultJson(?:<\w+>)?\("([^"]+)", "(?:study\/)?([^"]+)"\)/g)].map((m) => [
          m[1],
          m[2],
        ]),
      ];
      for (const [path, producer] of reads) {
        assert(
          needs[producer]?.includes(path),
          `${dir}/${e.name} reads ${path} of ${producer}: not in nomogram.needs`,
        );
      }
      for (const producer of Object.keys(needs)) {
        assert(
          reads.some(([, p]) => p === producer),
          `${dir}/${e.name} declares ${producer} but reads nothing of it`,
        );
      }
    }
  }
});

Deno.test("deno task reproduce --only 04 stops with exit 2 before extracting anything", async () => {
  const tmp = await Deno.makeTempDir();
  const res = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "tasks/reproduce.ts",
      "--only",
      "04",
      "--out",
      join(tmp, "out"),
      "--cache",
      join(tmp, "cache"),
    ],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(res.stderr).trim();
  assertEquals(res.code, 2, err);
  assert(
    /^reproduce: notebook 04_nomogram needs data\/clinical_predictions\.json from notebook 02_clinical_model, which is not run and not in .*out \(no manifest\.json\): run without --only, or --only 02,03,04$/
      .test(err),
    err,
  );
  // nothing extracted: the cache folder was never created
  await assertRejects(() => Deno.stat(join(tmp, "cache")), /No such file/);
  await Deno.remove(tmp, { recursive: true });
});
