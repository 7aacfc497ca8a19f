import { join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { reproduce } from "../../lib/notebook/reproduce.ts";

const root = new URL("../../", import.meta.url).pathname;
const fixtures = new URL("./fixtures/", import.meta.url).pathname;

/** A notebook folder with the ok fixture, a copy of it that needs radiomics, and a failing extra notebook. */
async function folder(): Promise<string> {
  const dir = await Deno.makeTempDir({ dir: fixtures, prefix: "tmp-" });
  const ok = await Deno.readTextFile(join(fixtures, "ok/01_ok.ipynb"));
  const lib = ok.replaceAll("../../../../lib/", "../../../../lib/");
  await Deno.writeTextFile(join(dir, "01_ok.ipynb"), lib);
  const nb = JSON.parse(lib);
  nb.metadata.nomogram = { requires: ["radiomics"] };
  await Deno.writeTextFile(join(dir, "02_radiomics.ipynb"), JSON.stringify(nb));
  await Deno.copyFile(join(fixtures, "fail/01_fail.ipynb"), join(dir, "03_mine.ipynb"));
  return dir;
}

Deno.test("a notebook list runs only the listed notebooks: an extra (failing) notebook breaks nothing", async () => {
  const dir = await folder();
  const out = await Deno.makeTempDir();
  const log: string[] = [];
  try {
    const res = await reproduce({
      root,
      outDir: join(out, "r"),
      notebooksDir: dir,
      dataDir: fixtures,
      seed: 1,
      notebooks: ["01_ok"],
      onProgress: (m) => log.push(m),
    });
    assert(res.ok, res.error);
    assertEquals(res.notebooks.map((n) => n.name), ["01_ok.ipynb"]);
    assert(
      log.some((l) =>
        l.includes("not in the study's notebook list (not run): 02_radiomics.ipynb, 03_mine.ipynb")
      ),
      log.join("\n"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a notebook that needs a part the study lacks is skipped with a one-line reason", async () => {
  const dir = await folder();
  const out = await Deno.makeTempDir();
  const log: string[] = [];
  try {
    const res = await reproduce({
      root,
      outDir: join(out, "r"),
      notebooksDir: dir,
      dataDir: fixtures,
      seed: 1,
      notebooks: ["01_ok", "02_radiomics"],
      parts: { radiomics: "no features or images in study.yaml radiomics:" },
      onProgress: (m) => log.push(m),
    });
    assert(res.ok, res.error);
    assertEquals(res.notebooks.map((n) => n.name), ["01_ok.ipynb"]);
    assert(
      log.includes(
        "skipped 02_radiomics.ipynb: needs radiomics (no features or images in study.yaml radiomics:)",
      ),
      log.join("\n"),
    );
    const withParts = await reproduce({
      root,
      outDir: join(out, "r2"),
      notebooksDir: dir,
      dataDir: fixtures,
      seed: 1,
      notebooks: ["01_ok", "02_radiomics"],
      parts: { radiomics: true },
    });
    assertEquals(withParts.notebooks.map((n) => n.name), ["01_ok.ipynb", "02_radiomics.ipynb"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a missing notebook of the list is named before anything runs", async () => {
  const out = await Deno.makeTempDir();
  const res = await reproduce({
    root,
    outDir: join(out, "r"),
    notebooksDir: join(fixtures, "ok"),
    dataDir: fixtures,
    seed: 1,
    notebooks: ["01_ok", "07_nope"],
  }).catch((e: Error) => ({ ok: false, error: e.message }));
  assert(!res.ok && /notebook list: .*07_nope\.ipynb not found/.test(res.error ?? ""), res.error);
  await Deno.remove(out, { recursive: true });
});
