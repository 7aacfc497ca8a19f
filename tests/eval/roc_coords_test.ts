import { assertClose, assertEquals, sharedDir, sharedExists } from "../assert.ts";
import { bestThresholds, rocCoords } from "../../lib/eval/roc_coords.ts";
import { rocCurve } from "../../lib/eval/roc.ts";
import { loadCase } from "../../lib/conformance/case.ts";

Deno.test("bestThresholds lists every tied Youden and closest-topleft optimum in increasing order", () => {
  // cases {2, 4}, controls {1, 3}: J = 0, .5, 0, .5, 0 at −Inf, 1.5, 2.5, 3.5, Inf
  const c = rocCurve([1, 1, 0, 0], [2, 4, 1, 3]);
  assertEquals(bestThresholds(c, "youden").map((r) => r.threshold), [1.5, 3.5]);
  assertEquals(bestThresholds(c, "closest.topleft").map((r) => r.threshold), [1.5, 3.5]);
  assertClose(bestThresholds(c, "youden")[0].youdenJ, 0.5, { abs: 1e-15 });
});

Deno.test("rocCoords of a constant predictor: only ±Inf thresholds, both optimal for Youden (J = 0)", () => {
  const r = rocCoords([1, 0, 1, 0], [5, 5, 5, 5]);
  assertEquals(r.curve.thresholds, [-Infinity, Infinity]);
  assertEquals(r.bestYouden.map((x) => x.threshold), [-Infinity, Infinity]);
});

Deno.test("direction '>' calls low scores positive: sensitivity rises with the threshold", () => {
  const c = rocCurve([1, 1, 0, 0], [1, 2, 3, 4], { direction: ">" });
  assertEquals(c.sensitivity, [0, 0.5, 1, 1, 1]);
  assertEquals(c.specificity, [1, 1, 1, 0.5, 0]);
  assertEquals(c.auc, 1);
});

for (const id of ["roc_coords-asah-ndka", "roc_coords-asah-s100b"]) {
  Deno.test({
    name: `rocCoords matches pROC coords on fixture ${id} (rel 1e-10)`,
    ignore: !sharedExists,
    fn: () => {
      const c = loadCase(`${sharedDir}fixtures/${id}.json`);
      const t = c.table();
      const p = c.params as Record<string, string>;
      const e = c.expected as {
        curve: { threshold: (number | string)[]; sensitivity: number[]; specificity: number[] };
        best_youden: { threshold: number; sensitivity: number; specificity: number }[];
        best_closest_topleft: { threshold: number }[];
      };
      const r = rocCoords(t.num(p.response), t.num(p.predictor));
      const thr = e.curve.threshold.map((
        v,
      ) => (v === "-Inf" ? -Infinity : v === "Inf" ? Infinity : (v as number)));
      assertClose(r.curve.thresholds as number[], thr, { abs: 1e-12, rel: 1e-10 });
      assertClose(r.curve.sensitivity as number[], e.curve.sensitivity, { abs: 1e-12, rel: 1e-10 });
      assertClose(r.curve.specificity as number[], e.curve.specificity, { abs: 1e-12, rel: 1e-10 });
      assertClose(r.bestYouden.map((x) => x.threshold), e.best_youden.map((x) => x.threshold), {
        rel: 1e-10,
      });
      assertClose(
        r.bestClosestTopleft.map((x) => x.threshold),
        e.best_closest_topleft.map((x) => x.threshold),
        { rel: 1e-10 },
      );
    },
  });
}
