import { assert, assertEquals } from "../assert.ts";
import { radscoreByOutcomeTable, radscoreRecords } from "../../lib/models/radscore_report.ts";

Deno.test("radscoreByOutcomeTable gives medians (type 7) per group, Wilcoxon p and AUC per set", () => {
  const t = radscoreByOutcomeTable({ Training: { y: [0, 0, 0, 1, 1], radscore: [-1, 0, 2, 1, 3] } });
  const r = t.rows[0];
  assertEquals(r.g0, "0.000 (-0.500, 1.000)");
  assertEquals(r.g1, "2.000 (1.500, 2.500)");
  assertEquals(r.n1, 2);
  // AUC: pairs (1>-1,1>0,1<2, 3>all) = 5/6
  assert(String(r.auc).startsWith("0.833"), String(r.auc));
});

Deno.test("radscoreRecords pairs ids, outcome and Radscore", () => {
  assertEquals(radscoreRecords({ ids: ["P1", "P2"], y: [0, 1] }, [-0.5, 1.5], "progression"), [
    { id: "P1", progression: 0, radscore: -0.5 },
    { id: "P2", progression: 1, radscore: 1.5 },
  ]);
});
