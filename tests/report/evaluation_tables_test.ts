import { assert, assertEquals } from "../assert.ts";
import { aucComparisonTable, discriminationTable } from "../../lib/report/evaluation_tables.ts";
import { evaluateModels } from "../../lib/eval/metrics_summary.ts";
import { toMarkdown } from "../../lib/report/table.ts";

const y = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
const a = [0.9, 0.8, 0.35, 0.6, 0.3, 0.2, 0.4, 0.1, 0.5, 0.25];
const b = [0.7, 0.4, 0.5, 0.55, 0.45, 0.2, 0.6, 0.3, 0.35, 0.1];
const e = evaluateModels({ clinical: { test: { y, p: b } }, nomogram: { test: { y, p: a } } }, { B: 50 });

Deno.test("discriminationTable lists Youden thresholds with sensitivity and specificity", () => {
  const t = discriminationTable(e);
  assertEquals(t.rows.length, 2);
  const nom = t.rows[1];
  // nomogram: cases .9 .8 .6 .35, controls ≤ .5: best cut between .5 and .6 → sens .75, spec 1
  assertEquals([nom.youden, nom.sens, nom.spec], ["0.550", "0.750", "1.000"]);
  assert(!toMarkdown(t).includes("NaN"), "no NaN");
});

Deno.test("aucComparisonTable has one row per pair and set with the DeLong method in the notes", () => {
  const t = aucComparisonTable(e);
  assertEquals(t.rows.map((r) => r.comparison), ["clinical vs nomogram"]);
  assert(
    t.notes![0].startsWith("DeLong test for two correlated ROC curves (paired), two-sided"),
    t.notes![0],
  );
});

Deno.test("netBenefitTable reads the decision curve at grid thresholds and computes interventions avoided", async () => {
  const { netBenefitTable } = await import("../../lib/report/evaluation_tables.ts");
  const t = netBenefitTable(e, "test", { thresholds: [0.5] });
  const nom = t.rows.find((r) => r.model === "nomogram")!;
  // nomogram at pt .5: treated .9 .8 .6 (cases) and .5 (control) → NB = 3/10 − 1/10 = .2; treat all = .4 − .6 = −.2
  assertEquals([nom.nb, nom.treat_all], [0.3 - 0.1, 0.4 - 0.6]);
  assert(Math.abs((nom.avoided as number) - 40) < 1e-12, `avoided ${nom.avoided}`);
});
