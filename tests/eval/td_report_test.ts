import { assert, assertEquals } from "../assert.ts";
import { sparseHorizons, tdTable } from "../../lib/eval/td_report.ts";
import { compareTimeDependent } from "../../lib/eval/td_auc_brier.ts";

const time = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 3, 6, 9, 12, 15, 18, 20, 22, 24, 26, 28, 30];
const status = [1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0];
const risk = time.map((t, i) => (i < 12 ? 0.6 : 0.3) + (t % 5) / 50);
const times = [2.5, 6, 20];
const cmp = compareTimeDependent(time, status, { Model: times.map(() => risk) }, times);

Deno.test("sparseHorizons flags horizons with fewer than minCases cases or controls", () => {
  const expected = times.flatMap((_, k) => (cmp.nCases[k] < 5 || cmp.nControls[k] < 5 ? [k] : []));
  assertEquals(cmp.nCases[0], 1, "one case by t = 2.5");
  assertEquals(sparseHorizons(cmp), expected);
  assert(expected.includes(0) && !expected.includes(1), `flagged: ${expected}`);
  assertEquals(sparseHorizons(cmp, 0), []);
  assertEquals(sparseHorizons(cmp, 2), [0]);
});

Deno.test("tdTable notes unstable horizons and states the rule", () => {
  const t = tdTable(cmp);
  const json = JSON.stringify(t);
  const flagged = new Set(sparseHorizons(cmp).map((k) => times[k]));
  for (const r of t.rows) {
    const noted = String(r.note).includes("fewer than 5 cases or controls: estimate unstable");
    assertEquals(noted, flagged.has(Number(r.time)), `${r.model} at t = ${r.time}: note "${r.note}"`);
  }
  assert(json.includes("Horizons with fewer than 5 cases or controls are noted as unstable"), "table note");
  assert(!JSON.stringify(tdTable(cmp, { minCases: 0 })).includes("estimate unstable"), "minCases 0: none");
});
