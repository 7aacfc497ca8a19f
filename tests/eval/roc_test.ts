import {
  assert,
  assertClose,
  assertEquals,
  assertThrows,
  SHARED_ABSENT,
  sharedDir,
  sharedExists,
} from "../assert.ts";
import { rocAuc, rocCurve, rocPoints } from "../../lib/eval/roc.ts";
import { placementValues } from "../../lib/stats/auc.ts";
import { EvalInputError } from "../../lib/stats/binary_input.ts";
import { loadCase } from "../../lib/conformance/case.ts";

// Hand case: cases {3, 5, 2}, controls {1, 2, 4, 2}. Pairs won + ½ ties:
// case 3 beats 1, 2, 2 → 3; case 5 beats all → 4; case 2 beats 1, ties 2, 2 → 2. U = 9, AUC = 9/12.
const y = [1, 1, 1, 0, 0, 0, 0];
const s = [3, 5, 2, 1, 2, 4, 2];

Deno.test("rocAuc equals the Mann–Whitney U / (n1·n0) on a hand case with ties (exact)", () => {
  assertEquals(rocAuc(y, s), 0.75);
});

Deno.test("rocAuc with direction '>' is 1 − AUC of '<' (never flipped to exceed 0.5)", () => {
  assertClose(rocAuc(y, s, { direction: ">" }), 0.25, { abs: 1e-15 });
  const bad = [0.1, 0.2, 0.3, 0.9, 0.8, 0.7];
  const yb = [1, 1, 1, 0, 0, 0];
  assertEquals(rocAuc(yb, bad), 0, "a model worse than chance keeps AUC 0");
});

Deno.test("placementValues give DeLong's V10 and V01 on the hand case", () => {
  const p = placementValues([3, 5, 2], [1, 2, 4, 2]);
  assertClose(Array.from(p.cases), [0.75, 1, 0.5], { abs: 1e-15 });
  assertClose(Array.from(p.controls), [1, 2.5 / 3, 1 / 3, 2.5 / 3], { abs: 1e-15 });
});

Deno.test("rocCurve uses −Inf, midpoints of distinct values and +Inf, positive when score >= t", () => {
  const c = rocCurve(y, s);
  assertEquals(c.thresholds, [-Infinity, 1.5, 2.5, 3.5, 4.5, Infinity]);
  assertEquals(c.truePositives, [3, 3, 2, 1, 1, 0]);
  assertEquals(c.trueNegatives, [0, 1, 3, 3, 4, 4]);
  assertClose(c.sensitivity as number[], [1, 1, 2 / 3, 1 / 3, 1 / 3, 0], { abs: 1e-15 });
  assertClose(c.specificity as number[], [0, 0.25, 0.75, 0.75, 1, 1], { abs: 1e-15 });
});

Deno.test("trapezoidal area under the ROC curve equals the Mann–Whitney AUC", () => {
  const pts = rocPoints(rocCurve(y, s));
  let area = 0;
  for (let k = 1; k < pts.length; k++) {
    area += (pts[k].fpr - pts[k - 1].fpr) * (pts[k].tpr + pts[k - 1].tpr) / 2;
  }
  assertClose(area, 0.75, { abs: 1e-14 });
});

Deno.test("rocAuc of a constant predictor is 0.5; perfect separation gives 1", () => {
  assertEquals(rocAuc([1, 0, 1, 0], [2, 2, 2, 2]), 0.5);
  assertEquals(rocAuc([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]), 1);
});

Deno.test("rocAuc with one class only throws naming the counts", () => {
  const e = assertThrows(() => rocAuc([0, 0, 0], [1, 2, 3]), "0 cases and 3 controls");
  assert(e instanceof EvalInputError, "EvalInputError expected");
});

Deno.test("rocAuc rejects non-finite scores naming the index", () => {
  assertThrows(() => rocAuc([1, 0], [1, NaN]), "score[1]: expected a finite number, got NaN");
  assertThrows(() => rocAuc([1, 0], [1, 2], { direction: "auto" as "<" }), 'option "direction"');
});

for (const id of ["roc_auc-asah-s100b", "roc_auc-asah-wfns-ties", "roc_auc-synthA-test-f12-reversed"]) {
  Deno.test({
    name: `rocAuc matches pROC on fixture ${id} (rel 1e-8)`,
    ignore: !sharedExists,
    fn: () => {
      const c = loadCase(`${sharedDir}fixtures/${id}.json`);
      const t = c.table();
      const p = c.params as Record<string, string>;
      const auc = rocAuc(t.num(p.response), t.num(p.predictor), { direction: p.direction as "<" | ">" });
      assertClose(auc, (c.expected as { auc: number }).auc, { abs: 1e-12, rel: 1e-8 });
    },
  });
}
if (!sharedExists) console.warn(SHARED_ABSENT);
