import { assert, assertEquals } from "../assert.ts";
import { table3 } from "../../lib/report/table3.ts";
import { evaluateModels } from "../../lib/eval/metrics_summary.ts";
import { toMarkdown } from "../../lib/report/table.ts";

const y = [1, 1, 1, 0, 0, 0, 0, 0, 1, 0];
const p = [0.8, 0.6, 0.3, 0.1, 0.3, 0.5, 0.2, 0.15, 0.7, 0.4];

Deno.test("table3 with correctedAuc shows the optimism-corrected AUC on training rows only, with its note", () => {
  const e = evaluateModels({ clinical: { train: { y, p }, test: { y, p } } }, { B: 20, seed: 1 });
  const t = table3(e, {
    correctedAuc: { values: { clinical: 0.812 }, note: "optimism bootstrap, 200 resamples." },
  });
  assert(
    t.columns.some((c) => c.key === "auc_corrected" && c.label === "AUC (optimism-corrected)"),
    "column added",
  );
  assertEquals(t.rows.map((r) => r.auc_corrected), [0.812, null]);
  assert(toMarkdown(t).includes("AUC (optimism-corrected): optimism bootstrap, 200 resamples."), "note");
  assert(!table3(e).columns.some((c) => c.key === "auc_corrected"), "no column without the option");
});
