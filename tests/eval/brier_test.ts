import { assert, assertClose, assertEquals, assertThrows, sharedDir, sharedExists } from "../assert.ts";
import { brier, brierScore } from "../../lib/eval/brier.ts";

Deno.test("brierScore by hand: Brier .075, null .25, scaled .7", () => {
  const r = brierScore([1, 0, 1, 0], [0.8, 0.3, 0.6, 0.1]);
  assertClose(r.brier, 0.075, { rel: 1e-14 });
  assertClose(r.brierNull, 0.25, { rel: 1e-15 });
  assertClose(r.scaledBrier!, 0.7, { rel: 1e-13 });
  assertEquals([r.n, r.prevalence], [4, 0.5]);
});

Deno.test("brierScore with one class: scaled Brier is null with a note (never NaN)", () => {
  const r = brierScore([0, 0, 0], [0.1, 0.2, 0.3]);
  assertEquals(r.scaledBrier, null);
  assertEquals(r.brierNull, 0);
  assert(r.note?.includes("one class only"), `note: ${r.note}`);
});

Deno.test("brier rejects probabilities outside [0, 1] and non-binary outcomes, naming the index", () => {
  assertThrows(() => brier([1, 0], [0.5, 1.2]), "p[1]: expected a probability in [0, 1], got 1.2");
  assertThrows(() => brier([1, 2], [0.5, 0.2]), "y[1]: expected 0 or 1, got 2");
  assertThrows(() => brier([1, 0], [0.5]), "p has 1 values, response has 2");
});

for (const id of ["brier-asah-multi-insample", "brier-synthA-test"]) {
  Deno.test({
    name: `brierScore matches fixture ${id} (rel 1e-10)`,
    ignore: !sharedExists,
    fn: () => {
      const c = JSON.parse(Deno.readTextFileSync(`${sharedDir}fixtures/${id}.json`));
      const r = brierScore(c.data.inline.y, c.data.inline.p);
      const tol = { abs: 1e-14, rel: 1e-10 };
      assertClose(r.brier, c.expected.brier, tol);
      assertClose(r.brierNull, c.expected.brier_null, tol);
      assertClose(r.scaledBrier!, c.expected.scaled_brier, tol);
      assertClose(r.prevalence, c.expected.prevalence, tol);
    },
  });
}
