import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  normaliseLabel,
  parsePrintedP,
  printedPInterval,
  publishedFromText,
  readPublished,
  table1Variables,
} from "../../lib/audit/published.ts";

const root = new URL("../../", import.meta.url).pathname;

Deno.test("parsePrintedP reads '0.013', '<0.001', '< 0.001' and '>0.99' with their decimals; '-' is no p", () => {
  assertEquals(parsePrintedP("0.013"), { value: 0.013, decimals: 3, text: "0.013", op: "=" });
  assertEquals(parsePrintedP("< 0.001")?.op, "<");
  assertEquals(parsePrintedP("<0.001")?.value, 0.001);
  assertEquals(parsePrintedP(">0.99")?.op, ">");
  assertEquals(parsePrintedP("-"), null);
  assertEquals(printedPInterval(parsePrintedP("0.013")!).map((x) => +x.toFixed(6)), [0.0125, 0.0135]);
  assertThrows(() => parsePrintedP("p=0.01", "t.csv", 4), 't.csv row 4, column "p_text": expected a p-value');
});

Deno.test("normaliseLabel drops stars and units so Table 1 and Table 2 labels match", () => {
  assertEquals(normaliseLabel("Maximal Diameter* (cm)"), "maximal diameter");
  assertEquals(normaliseLabel("Ki-67 index*"), normaliseLabel("Ki-67 index"));
});

Deno.test("the transcribed tables of the study parse: 2 groups, 18 Table 1 variables, 25 Table 2 rows, 6 Table 3 rows", async () => {
  const t = await readPublished(root + "studies/bi2025/published");
  assertEquals(t.groups.map((g) => [g.group, g.n, g.events]), [["train", 215, 32], ["test", 91, 13]]);
  const vars = table1Variables(t.table1);
  assertEquals(vars.length, 18);
  assertEquals(vars.filter((v) => v.kind === "continuous").map((v) => v.variable), [
    "Progression-Free Survival* (months)",
    "Age* (months)",
    "Ki-67 index*",
    "Maximal Diameter* (cm)",
  ]);
  const ki = vars.find((v) => v.variable === "Ki-67 index*")!.rows[0].cells;
  assertEquals([ki.train.median!.value, ki.train.q1!.value, ki.train.q3!.value, ki.test.q3!.value], [
    8,
    3,
    40,
    20,
  ]);
  assertEquals(t.table2.length, 25);
  assertEquals(t.table2.filter((r) => r.analysis === "multivariable").length, 8);
  const rad = t.table2.find((r) => r.variable === "Rad_score" && r.analysis === "multivariable")!;
  assertEquals([rad.or.text, rad.lower.text, rad.upper.text, rad.pText], [
    "1.189",
    "1.363",
    "2.428",
    "<0.001",
  ]);
  assertEquals(t.table3.length, 6);
  assertEquals(t.table3[1].metrics.auc.estimate.value, 0.82);
  assertEquals(t.table3[1].metrics.brier.upper!.text, "0.239");
});

Deno.test("a table without the columns of a group is an error naming the group", () => {
  assertThrows(
    () =>
      publishedFromText({
        groups: "group,label,n,events,source\na,A,10,2,\nb,B,10,3,\n",
        table1: "variable,level,a_n,p_text\nX,yes,4,0.5\n",
      }),
    'no columns for group "b"',
  );
  const e = assertThrows(
    () => publishedFromText({ groups: "group,label,n,events,source\na,A,ten,2,\n" }),
    /groups\.csv row 2, column "n"/,
  );
  assert(e.message.includes("ten"));
});
