import { assertClose } from "../assert.ts";
import { chisqUpper, normalUpper, tCdf, tTwoSided, tUpper } from "../../lib/stats/distributions.ts";

Deno.test("chisqUpper keeps relative precision far in the tail (df = 2: exp(−x/2), rel 1e-13)", () => {
  assertClose(chisqUpper(100, 2), Math.exp(-50), { abs: 0, rel: 1e-13 });
  assertClose(chisqUpper(1400, 2), Math.exp(-700), { abs: 0, rel: 1e-12 });
  assertClose(chisqUpper(0, 3), 1, { abs: 0, rel: 0 });
});

Deno.test("tTwoSided matches the Cauchy closed form for df = 1 (2/π·atan(1/|t|), rel 1e-12)", () => {
  for (const t of [0.3, 1, 7, 1e6]) {
    assertClose(tTwoSided(t, 1), (2 / Math.PI) * Math.atan(1 / t), { abs: 0, rel: 1e-12 }, `t = ${t}`);
  }
});

Deno.test("t tails are consistent: lower + upper = 1 and the two-sided tail is twice the smaller one", () => {
  for (const t of [-3.2, -0.4, 0, 1.7]) {
    assertClose(tCdf(t, 7.5) + tUpper(t, 7.5), 1, { abs: 1e-15, rel: 0 });
    assertClose(tTwoSided(t, 7.5), 2 * Math.min(tCdf(t, 7.5), tUpper(t, 7.5)), { abs: 1e-16, rel: 1e-14 });
  }
});

Deno.test("normalUpper is accurate at z = 10 (1 − Φ(10) = 7.619853024160527e-24, rel 1e-13)", () => {
  assertClose(normalUpper(10), 7.619853024160527e-24, { abs: 0, rel: 1e-13 });
});
