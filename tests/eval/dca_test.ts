import { assert, assertClose, assertEquals, assertThrows, sharedDir, sharedExists } from "../assert.ts";
import { decisionCurve, decisionCurveBands, defaultThresholds } from "../../lib/eval/dca.ts";
import { createRng } from "../../lib/random/rng.ts";

const y = [1, 1, 0, 0, 0];
const p = [0.9, 0.4, 0.5, 0.1, 0.2];

Deno.test("treat-all net benefit by hand: π − (1 − π)·pt/(1 − pt)", () => {
  const r = decisionCurve(y, p, { thresholds: [0.2, 0.5] });
  assertClose(r.netBenefit.treatAll as number[], [0.4 - 0.6 * 0.25, 0.4 - 0.6 * 1], { abs: 1e-15 });
  assertEquals(r.netBenefit.treatNone, [0, 0]);
});

Deno.test("model net benefit by hand, treating p >= threshold (p = pt is treated)", () => {
  const r = decisionCurve(y, p, { thresholds: [0.3, 0.5] });
  // pt .3: treated .9 (y1), .4 (y1), .5 (y0) → TP 2, FP 1; pt .5: .9 and .5 → TP 1, FP 1
  assertEquals(r.truePositives, [2, 1]);
  assertEquals(r.falsePositives, [1, 1]);
  assertClose(r.netBenefit.model as number[], [2 / 5 - (1 / 5) * (0.3 / 0.7), 1 / 5 - (1 / 5) * 1], {
    abs: 1e-15,
  });
  assertClose(r.standardizedNetBenefit as number[], (r.netBenefit.model as number[]).map((v) => v / 0.4), {
    abs: 1e-15,
  });
});

Deno.test("default thresholds are 0.01 … 0.99 as exact decimals", () => {
  const t = defaultThresholds();
  assertEquals([t.length, t[0], t[6], t[98]], [99, 0.01, 0.07, 0.99]);
});

Deno.test("decisionCurve rejects a threshold of 1 (pt/(1 − pt) infinite)", () => {
  assertThrows(
    () => decisionCurve(y, p, { thresholds: [0.5, 1] }),
    'option "thresholds"[1]: must be in [0, 1), got 1',
  );
});

Deno.test("decisionCurveBands: same seed, same bands; bands ordered; label names the method", () => {
  const a = decisionCurveBands(y, p, createRng(7), { B: 200, thresholds: [0.1, 0.3, 0.6] });
  const b = decisionCurveBands(y, p, createRng(7), { B: 200, thresholds: [0.1, 0.3, 0.6] });
  assertEquals(a.bands, b.bands);
  for (let k = 0; k < 3; k++) assert(a.bands.model.lower[k] <= a.bands.model.upper[k], "lower <= upper");
  assertEquals(a.bands.method, "95% pointwise band, stratified bootstrap, 200 resamples, percentile, seed 7");
  // stratified: prevalence fixed, so treat-all has no spread
  assertEquals(a.bands.treatAll.lower, a.bands.treatAll.upper);
});

for (const id of ["dca-asah-multi-insample", "dca-synthA-test"]) {
  Deno.test({
    name: `decisionCurve matches fixture ${id} (rel 1e-10)`,
    ignore: !sharedExists,
    fn: () => {
      const c = JSON.parse(Deno.readTextFileSync(`${sharedDir}fixtures/${id}.json`));
      const r = decisionCurve(c.data.inline.y, c.data.inline.p, { thresholds: c.params.thresholds });
      const tol = { abs: 1e-12, rel: 1e-10 };
      assertEquals(r.truePositives, c.expected.true_positives);
      assertEquals(r.falsePositives, c.expected.false_positives);
      assertClose(r.netBenefit.model as number[], c.expected.net_benefit.model, tol);
      assertClose(r.netBenefit.treatAll as number[], c.expected.net_benefit.treat_all, tol);
    },
  });
}
