import { assert, assertEquals, assertThrows } from "../assert.ts";
import { DataError, parseCsv } from "../../lib/data/csv.ts";
import { parseCodebook, readCodebook } from "../../lib/data/codebook.ts";
import {
  cohortSplit,
  dummyColumns,
  factorCodes,
  loadCohort,
  numericMatrix,
  validateCohort,
} from "../../lib/data/cohort.ts";
import { studyPatients } from "../../studies/bi2025/twin/mod.ts";

const root = new URL("../../", import.meta.url).pathname;

const CODEBOOK = `variable,type,unit,levels,reference,definition,source,published_label,published_levels,notes
id,id,,,,Patient,synthetic,,,
split,split,,train|test,train,Split,synthetic,,,
grade,categorical,,low|mid|high,low,Grade,synthetic,,,
met,binary,,negative|positive,negative,Metastasis,synthetic,,,
age,continuous,months,,,Age,synthetic,,,
status,status,,0|1,0,Event,synthetic,,,
time,time,months,,,Time,synthetic,,,
day,date,,,,Date,synthetic,,,
`;
const cb = parseCodebook(parseCsv(CODEBOOK, "cb.csv"));
const HEADER = "id,split,grade,met,age,status,time,day";
const GOOD = [
  "A1,train,low,negative,12,0,3.5,2015-01-02",
  "A2,train,high,positive,40,1,1.2,2016-02-29",
  "A3,test,mid,negative,7,0,12,2020-12-31",
];
const csv = (rows: string[], header = HEADER) => parseCsv([header, ...rows].join("\n") + "\n", "cohort.csv");
const bad = (row: string) => csv([GOOD[0], row]);

Deno.test("validateCohort returns typed rows: numbers for numeric/status/time, text for levels, ids and dates", () => {
  const c = validateCohort(csv(GOOD), cb);
  assertEquals(c.rows.length, 3);
  assertEquals(c.rows[1], {
    id: "A2",
    split: "train",
    grade: "high",
    met: "positive",
    age: 40,
    status: 1,
    time: 1.2,
    day: "2016-02-29",
  });
  assertEquals(c.dropped, []);
});

Deno.test("a codebook column missing from the file is an error naming file, row 1 and the column", () => {
  const e = assertThrows(
    () => validateCohort(csv(["A1,train,low,negative,12,0,3.5"], "id,split,grade,met,age,status,time"), cb),
    'cohort.csv row 1, column "day": missing column',
  );
  assert(e instanceof DataError && e.row === 1 && e.column === "day");
});

Deno.test("an unknown level is an error naming row and column and listing the codebook levels", () => {
  assertThrows(
    () => validateCohort(bad("A2,train,severe,negative,12,0,3.5,2015-01-02"), cb),
    /cohort\.csv row 3, column "grade": unknown level "severe" \(codebook levels: low, mid, high\)/,
  );
  assertThrows(
    () => validateCohort(bad("A2,validation,low,negative,12,0,3.5,2015-01-02"), cb),
    'row 3, column "split": unknown level "validation"',
  );
});

Deno.test("a non-numeric value in a numeric column is an error naming row and column", () => {
  const e = assertThrows(
    () => validateCohort(bad("A2,train,low,negative,4O,0,3.5,2015-01-02"), cb),
    'cohort.csv row 3, column "age": expected a number, got "4O"',
  );
  assert(e instanceof DataError && e.row === 3 && e.column === "age");
});

Deno.test("a duplicated ID is an error naming the row and the first occurrence", () => {
  assertThrows(
    () => validateCohort(bad("A1,test,low,negative,12,0,3.5,2015-01-02"), cb),
    'cohort.csv row 3, column "id": duplicated ID "A1" (first seen in row 2)',
  );
});

Deno.test("a negative time is an error", () => {
  assertThrows(
    () => validateCohort(bad("A2,train,low,negative,12,0,-0.5,2015-01-02"), cb),
    'row 3, column "time": time must be >= 0, got -0.5',
  );
});

Deno.test("a status other than 0/1 is an error", () => {
  assertThrows(
    () => validateCohort(bad("A2,train,low,negative,12,2,3.5,2015-01-02"), cb),
    'row 3, column "status": status must be one of 0, 1, got "2"',
  );
});

Deno.test("a malformed or impossible date is an error", () => {
  assertThrows(
    () => validateCohort(bad("A2,train,low,negative,12,0,3.5,2015-02-30"), cb),
    'column "day": expected a date YYYY-MM-DD, got "2015-02-30"',
  );
  assertThrows(
    () => validateCohort(bad("A2,train,low,negative,12,0,3.5,02/01/2015"), cb),
    'column "day": expected a date',
  );
});

Deno.test("a missing value is an error by default, naming row and column and the policy", () => {
  assertThrows(
    () => validateCohort(bad("A2,train,low,negative,NA,0,3.5,2015-01-02"), cb),
    /row 3, column "age": missing value \(missing-data policy "error"/,
  );
  assertThrows(
    () => validateCohort(bad("A2,train,,negative,12,0,3.5,2015-01-02"), cb),
    'row 3, column "grade": missing value',
  );
});

Deno.test("missing policy 'drop' removes incomplete rows and warns once, listing their ids", () => {
  const warnings: string[] = [];
  const c = validateCohort(
    csv([GOOD[0], "A2,train,low,negative,NA,0,,2015-01-02", GOOD[2], "A4,test,,negative,3,0,1,2015-01-02"]),
    cb,
    {
      missing: "drop",
      onWarning: (m) => warnings.push(m),
    },
  );
  assertEquals(c.rows.map((r) => r.id), ["A1", "A3"]);
  assertEquals(c.dropped, [{ id: "A2", row: 3, columns: ["age", "time"] }, {
    id: "A4",
    row: 5,
    columns: ["grade"],
  }]);
  assertEquals(warnings.length, 1);
  assert(
    warnings[0].includes("dropped 2 of 4 rows") && warnings[0].includes("A2 (row 3: age, time)") &&
      warnings[0].includes("A4 (row 5: grade)"),
    warnings[0],
  );
});

Deno.test("an unknown missing policy is an option error", () => {
  assertThrows(
    () => validateCohort(csv(GOOD), cb, { missing: "impute" as "drop" }),
    'option "missing": expected "error", "drop" or "keep", got "impute"',
  );
});

Deno.test("extra columns are kept as text by default and rejected with extraColumns 'error'", () => {
  const t = csv(GOOD.map((r) => r + ",x"), HEADER + ",note");
  assertEquals(validateCohort(t, cb).rows[0].note, "x");
  assertThrows(
    () => validateCohort(t, cb, { extraColumns: "error" }),
    'column "note": column not in the codebook',
  );
});

Deno.test("numericMatrix codes two-level variables 0/1 against the reference; dummyColumns and factorCodes follow the codebook", () => {
  const c = validateCohort(csv(GOOD), cb);
  assertEquals(numericMatrix(c, ["age", "met", "status"]), [[12, 0, 0], [40, 1, 1], [7, 0, 0]]);
  assertThrows(() => numericMatrix(c, ["grade"]), "use dummyColumns()");
  assertEquals(dummyColumns(c, "grade"), {
    names: ["grade=mid", "grade=high"],
    columns: [[0, 0, 1], [0, 1, 0]],
  });
  assertEquals(factorCodes(c, "grade").codes, [0, 2, 1]);
  assertEquals(cohortSplit(c, "test").rows.map((r) => r.id), ["A3"]);
  assertThrows(() => cohortSplit(c, "validation"), 'split "validation" is not a level');
});

Deno.test("parseCodebook rejects an unknown type, a reference outside the levels and a binary with three levels", () => {
  const head = CODEBOOK.split("\n")[0];
  const one = (line: string) => parseCodebook(parseCsv(`${head}\n${line}\n`, "cb.csv"));
  assertThrows(() => one("x,ordinal,,a|b,a,,,,,"), 'cb.csv row 2, column "type": expected one of');
  assertThrows(
    () => one("x,binary,,a|b,c,,,,,"),
    'row 2, column "reference": reference "c" is not among the levels a|b',
  );
  assertThrows(() => one("x,binary,,a|b|c,a,,,,,"), "a binary variable needs exactly two levels, got 3");
  assertThrows(() => one("x,binary,,a|b,a,,,,x|y|z,"), 'column "published_levels": expected 2 labels');
});

Deno.test("studies/bi2025/cohort.csv validates against its codebook.csv (306 rows, typed study patients)", async () => {
  const book = await readCodebook(root + "studies/bi2025/codebook.csv");
  const c = await loadCohort(root + "studies/bi2025/cohort.csv", book);
  assertEquals(c.rows.length, 306);
  const p = studyPatients(c);
  assertEquals(typeof p[0].ki67_pct, "number");
  assertEquals(p.filter((x) => x.progression === 1).length, 45);
  assertEquals(cohortSplit(c, "train").rows.length, 215);
});
