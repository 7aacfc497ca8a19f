import { assert, assertClose, assertEquals, sharedDir, sharedExists } from "../assert.ts";
import { delongAuc, delongLabel, delongTest } from "../../lib/stats/delong.ts";
import { loadCase } from "../../lib/conformance/case.ts";

Deno.test("delongAuc variance on the hand case is 1/24 (var(V10)/3 + var(V01)/4)", () => {
  // V10 = (.75, 1, .5): s² = .0625; V01 = (1, 5/6, 1/3, 5/6): s² = 1/12 → .0625/3 + (1/12)/4 = 1/24
  const r = delongAuc([1, 1, 1, 0, 0, 0, 0], [3, 5, 2, 1, 2, 4, 2]);
  assertClose(r.var!, 1 / 24, { rel: 1e-13 });
  assertClose(r.lower!, Math.max(0, 0.75 - 1.959963984540054 * Math.sqrt(1 / 24)), { rel: 1e-12 });
  assertEquals(r.upper, 1, "upper limit truncated to 1");
  assertEquals(r.method, "95% CI, DeLong");
});

Deno.test("delongAuc under perfect separation: AUC 1, variance 0, CI [1, 1] with a note", () => {
  const r = delongAuc([1, 1, 0, 0, 0], [0.9, 0.8, 0.1, 0.2, 0.3]);
  assertEquals([r.auc, r.var, r.lower, r.upper], [1, 0, 1, 1]);
  assert(r.degenerate?.includes("perfect separation"), `note: ${r.degenerate}`);
});

Deno.test("delongAuc of a constant predictor: AUC 0.5, CI [0.5, 0.5] documented", () => {
  const r = delongAuc([1, 1, 0, 0], [3, 3, 3, 3]);
  assertEquals([r.auc, r.var, r.lower, r.upper], [0.5, 0, 0.5, 0.5]);
  assert(r.degenerate !== null, "degenerate note expected");
});

Deno.test("delongAuc with a single case gives null variance and limits, never NaN", () => {
  const r = delongAuc([1, 0, 0, 0], [0.9, 0.1, 0.5, 0.3]);
  assertEquals([r.auc, r.var, r.se, r.lower, r.upper], [1, null, null, null, null]);
  assert(r.degenerate?.includes("needs at least 2"), `note: ${r.degenerate}`);
});

Deno.test("delongLabel writes the level", () => {
  assertEquals(delongLabel(0.9), "90% CI, DeLong");
});

Deno.test("delongTest of identical scores: difference 0, Z 0, p 1", () => {
  const y = [1, 1, 1, 0, 0, 0, 0];
  const s = [3, 5, 2, 1, 2, 4, 2];
  const r = delongTest(y, s, s);
  assertEquals([r.difference, r.statistic, r.pValue], [0, 0, 1]);
  assertClose(r.cov, r.var1, { rel: 1e-14 }, "cov of a score with itself is its variance");
});

for (const id of ["roc_auc-asah-ndka", "roc_auc-synthA-test-model", "roc_auc-synthA-test-f12-reversed"]) {
  Deno.test({
    name: `delongAuc matches pROC var and ci.auc on fixture ${id} (rel 1e-8)`,
    ignore: !sharedExists,
    fn: () => {
      const c = loadCase(`${sharedDir}fixtures/${id}.json`);
      const t = c.table();
      const p = c.params as Record<string, string>;
      const e = c.expected as Record<string, number>;
      const r = delongAuc(t.num(p.response), t.num(p.predictor), { direction: p.direction as "<" | ">" });
      const tol = { abs: 1e-12, rel: 1e-8 };
      assertClose(r.var!, e.var, tol, "var");
      assertClose(r.se!, e.se, tol, "se");
      assertClose(r.lower!, e.ci_lower, tol, "lower");
      assertClose(r.upper!, e.ci_upper, tol, "upper");
      assertEquals([r.nCases, r.nControls], [e.n_cases, e.n_controls]);
    },
  });
}

for (const id of ["roc_test-asah-s100b-vs-ndka", "roc_test-asah-wfns-vs-s100b"]) {
  Deno.test({
    name: `delongTest matches pROC roc.test (paired) on fixture ${id} (rel 1e-8)`,
    ignore: !sharedExists,
    fn: () => {
      const c = loadCase(`${sharedDir}fixtures/${id}.json`);
      const t = c.table();
      const p = c.params as Record<string, string>;
      const e = c.expected as Record<string, number & number[]>;
      const r = delongTest(t.num(p.response), t.num(p.predictor1), t.num(p.predictor2));
      const tol = { abs: 1e-12, rel: 1e-8 };
      assertClose(r.cov, e.cov, tol, "cov");
      assertClose(r.statistic, e.statistic, tol, "Z");
      assertClose(r.pValue, e.p_value, tol, "p");
      assertClose(r.confInt, e.conf_int, tol, "conf_int");
    },
  });
}
