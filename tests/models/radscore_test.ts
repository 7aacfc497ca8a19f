import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { fitRadiomicsSignature, Radscore } from "../../lib/models/radscore.ts";
import { createRng } from "../../lib/random/rng.ts";

Deno.test("Radscore = intercept + sum coef x feature, reading columns by name (hand case)", () => {
  const rs = Radscore.fromCoefficients(-1.5, [0.5, 0, -2], ["a", "b", "c"]);
  assertEquals(rs.terms_.map((t) => t.name), ["a", "c"]);
  // columns in another order: c, x, a
  const s = rs.score([[1, 99, 2], [0, 0, 0]], ["c", "x", "a"]);
  assertClose(s, [-1.5 + 0.5 * 2 - 2 * 1, -1.5], { abs: 1e-15 });
});

Deno.test("Radscore errors name the missing column and the bad cell", () => {
  const rs = Radscore.fromCoefficients(0, [1], ["a"]);
  assertThrows(() => rs.score([[1]], ["b"]), /column "a" missing/);
  assertThrows(() => rs.score([[NaN]], ["a"]), /row 1, column "a"/);
});

Deno.test("Radscore table lists the intercept then terms by |coef| and formula prints signs", () => {
  const rs = Radscore.fromCoefficients(0.25, [0.1, -0.7], ["a", "b"]);
  const t = rs.table();
  assertEquals(t.rows.map((r) => r.feature), ["(Intercept)", "b", "a"]);
  assertEquals(rs.formula(2), "Radscore = 0.25 + 0.10 × a − 0.70 × b");
});

Deno.test("radiomics signature: logistic on Radscore recovers slope and intercept (rel 0.2, n = 4000)", () => {
  const rng = createRng(4);
  const r = Array.from({ length: 4000 }, () => rng.normal());
  const y = r.map((v) => (rng.uniform() < 1 / (1 + Math.exp(-(-0.5 + 1.0 * v))) ? 1 : 0));
  const fit = fitRadiomicsSignature(r, y);
  assertClose(fit.coef("radscore"), 1.0, { rel: 0.2 });
  assertClose(fit.coef("(Intercept)"), -0.5, { abs: 0.15 });
  assert(fit.predict({ radscore: [0] })[0] < 0.5, "P at radscore 0 below 1/2");
});
