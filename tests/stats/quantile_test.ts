import { assertClose, assertEquals, assertThrows } from "../assert.ts";
import { describe, formatMedianIqr, mean, median, quantile, sd } from "../../lib/stats/quantile.ts";
import { fixtureTests } from "./fixture_util.ts";

fixtureTests("quantile", "describe (type-7 quantiles, mean, sd, summary)");

Deno.test("quantile type 7 on 1..4 gives the hand-computed quartiles (h = 3p + 1)", () => {
  // h(0.25) = 1.75 → 1 + 0.75·1; h(0.5) = 2.5; h(0.75) = 3.25
  assertClose(quantile([4, 1, 3, 2], [0, 0.25, 0.5, 0.75, 1]), [1, 1.75, 2.5, 3.25, 4], {
    abs: 1e-15,
    rel: 0,
  });
});

Deno.test("quantile returns the order statistic when h is an integer and ignores ties between neighbours", () => {
  // n = 5: h(0.25) = 2 exactly → x[2]; x[2] = x[3] = 2 so any p between gives 2.
  assertEquals(quantile([2, 9, 2, 1, 5], [0.25, 0.3, 0.5]), [2, 2, 2]);
});

Deno.test("quantile does not modify its input", () => {
  const x = [3, 1, 2];
  quantile(x, [0.5]);
  assertEquals(x, [3, 1, 2]);
});

Deno.test("mean, median and sd (n − 1) of a small vector match hand values", () => {
  const x = [1, 2, 3, 4];
  assertClose(mean(x), 2.5, { abs: 0, rel: 1e-15 });
  assertClose(median(x), 2.5, { abs: 0, rel: 1e-15 });
  assertClose(sd(x), Math.sqrt(5 / 3), { abs: 0, rel: 1e-15 });
});

Deno.test("describe of a single value has sd NaN and all quantiles equal", () => {
  const d = describe([7]);
  assertEquals(d.quantiles, [7, 7, 7, 7, 7]);
  assertEquals(d.sd, NaN);
  assertEquals(d.summary, "7.00 (7.00, 7.00)");
});

Deno.test("formatMedianIqr rounds like C printf (exact binary value, ties to even)", () => {
  assertEquals(formatMedianIqr(0.125, 0.375, 2.5, 2), "0.12 (0.38, 2.50)");
  assertEquals(formatMedianIqr(7.23, 4.45, 18.08, 1), "7.2 (4.5, 18.1)"); // 4.45 is 4.4500000000000001776…
});

Deno.test("quantile rejects empty input, NaN values and probabilities outside [0, 1]", () => {
  assertThrows(() => quantile([], [0.5]), 'argument "x": expected at least 1 values, got 0');
  assertThrows(() => quantile([1, NaN], [0.5]), "element 1: expected a finite number, got NaN");
  assertThrows(() => quantile([1, 2], [1.5]), 'option "probs[0]": must be a number in [0, 1], got 1.5');
  assertThrows(() => describe([1, 2], { digit: 2 } as never), 'unknown option "digit"');
});
