import { assertEquals, assertThrows } from "../assert.ts";
import { numberColumn, parseCsv, textColumn, toCsv } from "../../lib/data/csv.ts";

Deno.test("parseCsv reads RFC 4180 quoting, escaped quotes, CRLF and embedded newlines", () => {
  const t = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",3\n', "t.csv");
  assertEquals(t.header, ["a", "b"]);
  assertEquals(t.rows, [["x, y", 'say "hi"'], ["two\nlines", "3"]]);
});

Deno.test("errors name the file, the row (header = row 1) and the column", () => {
  const t = parseCsv("id,age\nA,4\nB,4O\n", "cohort.csv");
  assertThrows(() => numberColumn(t, "age"), 'cohort.csv row 3, column "age": expected a number, got "4O"');
  assertThrows(() => textColumn(t, "sex"), 'cohort.csv: missing column "sex"');
  assertThrows(
    () => parseCsv("a,b\n1\n", "x.csv"),
    "x.csv row 2: expected 2 fields (as in the header), got 1",
  );
  assertThrows(() => parseCsv('a\n"open\n', "q.csv"), "q.csv row 2: unterminated quoted field");
  assertThrows(() => parseCsv("a,a\n1,2\n", "d.csv"), 'd.csv row 1, column "a": duplicated column name');
});

Deno.test("toCsv writes numbers in shortest round-trip form and NA for missing values", () => {
  assertEquals(
    toCsv(["x", "y"], [{ x: 0.1 + 0.2, y: null }, { x: "a,b", y: Infinity }]),
    'x,y\n0.30000000000000004,NA\n"a,b",Inf\n',
  );
});

Deno.test("numbers are strict decimals: hexadecimal, Infinity, true and thousands separators are rejected", async () => {
  const { parseNumberCell } = await import("../../lib/data/csv.ts");
  for (
    const ok of [["12", 12], ["-0.5", -0.5], [".5", 0.5], ["1e-04", 1e-4], ["+3.", 3], [
      "2E+3",
      2000,
    ]] as const
  ) {
    if (parseNumberCell(ok[0], "c.csv", 2, "x") !== ok[1]) {
      throw new Error(`${ok[0]} should parse as ${ok[1]}`);
    }
  }
  for (const bad of ["0x1A", "0b1", "Infinity", "true", "1,000", "1 000", "1e", "."]) {
    let msg = "";
    try {
      parseNumberCell(bad, "c.csv", 7, "x");
    } catch (e) {
      msg = (e as Error).message;
    }
    if (msg !== `c.csv row 7, column "x": expected a number, got "${bad}"`) {
      throw new Error(`"${bad}" accepted or wrong message: ${msg}`);
    }
  }
});
