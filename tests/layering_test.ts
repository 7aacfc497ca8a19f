/**
 * lib's layering: each folder imports only folders of a lower layer (or itself), so nothing loops.
 *
 * The order, bottom to top (a folder may import any folder listed before its own layer):
 *   0. io, random          — base I/O, atomic writes, argument parsing; the one seeded generator
 *   1. data                — CSV reader and DataError, codebook, cohort validation
 *   2. stats               — distributions, quantiles, tests, AUC and DeLong, Harrell's C, input checks
 *   3. radiomics           — images and IBSI features (on the base only)
 *   4. audit, features     — published-table checks; feature tables
 *   5. models              — design, IRLS, logistic, Cox, LASSO, selection
 *   6. eval                — discrimination, calibration, DCA, survival metrics
 *   7. plot                — figures of computed results
 *   8. report              — table builders and writers
 *   9. notebook            — parameters, display, outputs, engines, reproduce
 *  10. study, conformance  — study folders and wiring; reference-case runners
 *
 * Base modules importable from every layer (they import only the base themselves): the report table
 * type `lib/report/table.ts` and the figure type `lib/plot/figure.ts`.
 *
 * lib never imports outside lib/ (studies/ hold study code such as studies/bi2025/twin/, importing
 * lib; lib imports no study). Study code and notebooks (studies/, notebooks/) import lib only through
 * a folder's public surface `lib/<folder>/mod.ts`.
 *
 * There are no exceptions: the test fails on any upward import.
 */
import { dirname, join, normalize, relative } from "node:path";
import { assertEquals } from "./assert.ts";

const LAYERS: readonly (readonly string[])[] = [
  ["io", "random"],
  ["data"],
  ["stats"],
  ["radiomics"],
  ["audit", "features"],
  ["models"],
  ["eval"],
  ["plot"],
  ["report"],
  ["notebook"],
  ["study", "conformance"],
];
const BASE_FILES = new Set(["report/table.ts", "plot/figure.ts"]);

const lib = new URL("../lib/", import.meta.url).pathname;

function layerOf(folder: string): number {
  const k = LAYERS.findIndex((l) => l.includes(folder));
  if (k < 0) throw new Error(`lib/${folder}/ is not in the layer order of tests/layering_test.ts: add it`);
  return k;
}

async function* tsFiles(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* tsFiles(p);
    else if (e.isFile && e.name.endsWith(".ts")) yield p;
  }
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** Relative imports of every lib file as [file, imported file], both relative to lib/. */
async function libImports(): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for await (const f of tsFiles(lib)) {
    const text = await Deno.readTextFile(f);
    for (const m of text.matchAll(IMPORT)) {
      const target = normalize(join(dirname(f), m[1] ?? m[2]));
      out.push([relative(lib, f), relative(lib, target)]);
    }
  }
  return out;
}

Deno.test("every lib folder is in the layer order", async () => {
  for await (const e of Deno.readDir(lib)) if (e.isDirectory) layerOf(e.name);
});

Deno.test("lib imports only go down the layer order (besides the base modules)", async () => {
  const upward = new Set<string>();
  for (const [file, target] of await libImports()) {
    const from = file.split("/")[0];
    const to = target.split("/")[0];
    if (target.startsWith("..")) throw new Error(`lib/${file} imports outside lib: ${target}`);
    if (from === to || BASE_FILES.has(target)) continue;
    if (layerOf(to) < layerOf(from)) continue;
    upward.add(
      `lib/${file} imports lib/${target} (layer ${layerOf(to)} "${to}" is not below layer ${
        layerOf(from)
      } "${from}")`,
    );
  }
  assertEquals([...upward].sort(), [], "upward imports");
});

Deno.test("the base modules import only the base layers and npm packages", async () => {
  for (const [file, target] of await libImports()) {
    if (!BASE_FILES.has(file)) continue;
    const to = target.split("/")[0];
    if (!(layerOf(to) <= 1 || BASE_FILES.has(target))) {
      throw new Error(`base module lib/${file} imports lib/${target}`);
    }
  }
});

const workspace = new URL("../", import.meta.url).pathname;

/** Study code and notebooks: .ts files and the code cells of .ipynb files under studies/ and notebooks/. */
async function* studyAndNotebookSources(dir: string): AsyncGenerator<{ path: string; text: string }> {
  for await (const e of Deno.readDir(dir)) {
    if (e.name.startsWith(".") || e.name === "results" || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory) yield* studyAndNotebookSources(p);
    else if (e.isFile && e.name.endsWith(".ts")) yield { path: p, text: await Deno.readTextFile(p) };
    else if (e.isFile && e.name.endsWith(".ipynb")) {
      const nb = JSON.parse(await Deno.readTextFile(p)) as {
        cells: { cell_type: string; source: string | string[] }[];
      };
      const code = nb.cells.filter((c) => c.cell_type === "code").map((c) =>
        Array.isArray(c.source) ? c.source.join("") : c.source
      );
      yield { path: p, text: code.join("\n") };
    }
  }
}

Deno.test("studies/ and notebooks/ import lib only through lib/<folder>/mod.ts; lib imports no study", async () => {
  const bad: string[] = [];
  let libImportsSeen = 0;
  for (const top of ["studies", "notebooks"]) {
    for await (const { path, text } of studyAndNotebookSources(join(workspace, top))) {
      for (const m of text.matchAll(IMPORT)) {
        const target = relative(workspace, normalize(join(dirname(path), m[1] ?? m[2])));
        if (!target.startsWith("lib/")) continue;
        libImportsSeen++;
        if (!/^lib\/[a-z_]+\/mod\.ts$/.test(target)) {
          bad.push(`${relative(workspace, path)} imports ${target}`);
        }
      }
    }
  }
  assertEquals(bad, [], "imports of lib files other than a folder's mod.ts");
  // the scan sees the paper's notebooks and twin code, the generic notebooks and the example studies
  if (libImportsSeen < 50) {
    throw new Error(`only ${libImportsSeen} lib imports found under studies/ and notebooks/`);
  }
  for (const [file, target] of await libImports()) {
    if (target.startsWith("..")) throw new Error(`lib/${file} imports ${target} outside lib/`);
  }
});
