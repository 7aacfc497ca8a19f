import { assert, assertEquals, assertThrows } from "../assert.ts";
import { cohortFromDanfo, DANFOJS_SPECIFIER, fromDanfo, toDanfo } from "../../lib/data/danfo.ts";
import { readCodebook } from "../../lib/data/codebook.ts";
import { loadCohort } from "../../lib/data/cohort.ts";

const root = new URL("../../", import.meta.url).pathname;

// danfojs is fetched on first use (lib/data/danfo.ts). Run in a child `deno test --no-lock --node-modules-dir=auto`
// so that running the suite never records danfojs in deno.lock (which would make every `deno install` fetch
// TensorFlow.js) and the child may add it to node_modules (deno.json sets nodeModulesDir "manual").
const CHILD = Deno.env.get("NOMOGRAM_DANFO_CHILD") === "1";

Deno.test("danfojs is neither in deno.json's import map nor in deno.lock (so deno install does not fetch it)", async () => {
  const config = JSON.parse(await Deno.readTextFile(root + "deno.json")) as {
    imports: Record<string, string>;
  };
  assert(!Object.values(config.imports).some((v) => v.includes("danfojs")), "deno.json imports danfojs");
  assert(!(await Deno.readTextFile(root + "deno.lock")).includes("danfojs"), "deno.lock records danfojs");
  assertEquals(DANFOJS_SPECIFIER, "npm:danfojs@1.1.2");
});

if (!CHILD) {
  Deno.test("danfojs interop tests pass in a child process without the lock file", async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "test",
        "-A",
        "--no-check=remote",
        "--no-lock",
        "--node-modules-dir=auto",
        new URL(import.meta.url).pathname,
      ],
      env: { NOMOGRAM_DANFO_CHILD: "1", NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assertEquals(out.code, 0, text.slice(-2000));
    assert(/ok \| 4 passed \| 0 failed/.test(text), `child summary: ${text.slice(-400)}`);
  });
} else {
  Deno.test("cohort -> danfojs DataFrame -> cohort round-trips every cell of studies/bi2025/cohort.csv exactly", async () => {
    const book = await readCodebook(root + "studies/bi2025/codebook.csv");
    const cohort = await loadCohort(root + "studies/bi2025/cohort.csv", book);
    const df = await toDanfo(cohort);
    assertEquals(df.shape, [306, cohort.columns.length]);
    assertEquals(df.columns, [...cohort.columns]);
    const back = cohortFromDanfo(df, book);
    assertEquals(back.rows, cohort.rows);
  });

  Deno.test("a feature table with missing values converts to danfojs (NaN) and back (null)", async () => {
    const table = {
      columns: ["id", "f1", "f2"],
      rows: [{ id: "P1", f1: 0.1, f2: null }, { id: "P2", f1: 1e-17, f2: -3.25 }],
    };
    const df = await toDanfo(table);
    assert(Number.isNaN(df.values[0][2] as number), "missing -> NaN");
    assertEquals(fromDanfo(df), table);
  });

  Deno.test("a DataFrame with an unknown level fails codebook validation naming the row and column", async () => {
    const book = await readCodebook(root + "studies/bi2025/codebook.csv");
    const cohort = await loadCohort(root + "studies/bi2025/cohort.csv", book);
    const rows = cohort.rows.map((r, i) => (i === 4 ? { ...r, metastasis: "maybe" } : r));
    const df = await toDanfo({ columns: cohort.columns, rows });
    assertThrows(
      () => cohortFromDanfo(df, book),
      'danfo DataFrame row 6, column "metastasis": unknown level "maybe"',
    );
  });
}
