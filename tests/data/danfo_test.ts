import { assert, assertEquals, assertThrows } from "../assert.ts";
import { cohortFromDanfo, fromDanfo, toDanfo } from "../../lib/data/danfo.ts";
import { readCodebook } from "../../lib/data/codebook.ts";
import { loadCohort } from "../../lib/data/cohort.ts";

const root = new URL("../../", import.meta.url).pathname;

Deno.test("cohort -> danfojs DataFrame -> cohort round-trips every cell of data/cohort.csv exactly", async () => {
  const book = await readCodebook(root + "data/codebook.csv");
  const cohort = await loadCohort(root + "data/cohort.csv", book);
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
  const book = await readCodebook(root + "data/codebook.csv");
  const cohort = await loadCohort(root + "data/cohort.csv", book);
  const rows = cohort.rows.map((r, i) => (i === 4 ? { ...r, metastasis: "maybe" } : r));
  const df = await toDanfo({ columns: cohort.columns, rows });
  assertThrows(
    () => cohortFromDanfo(df, book),
    'danfo DataFrame row 6, column "metastasis": unknown level "maybe"',
  );
});
