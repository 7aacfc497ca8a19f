import { assertEquals, assertThrows } from "../assert.ts";
import { formatCountPercent, formatFixed, formatP } from "../../lib/stats/format.ts";

Deno.test("formatFixed rounds the exact binary value half to even, like C printf", () => {
  assertEquals(formatFixed(0.125, 2), "0.12"); // exact tie → even
  assertEquals(formatFixed(0.375, 2), "0.38"); // exact tie → even
  assertEquals(formatFixed(2.5, 0), "2");
  assertEquals(formatFixed(3.5, 0), "4");
  assertEquals(formatFixed(1.005, 2), "1.00"); // 1.00499999999999989… is below the tie
  assertEquals(formatFixed(0.0005, 3), "0.001"); // 0.000500000000000000010… is above the tie
});

Deno.test("formatFixed keeps the sign of negatives that round to zero and prints non-finite values as R", () => {
  assertEquals(formatFixed(-0.001, 2), "-0.00");
  assertEquals(formatFixed(-0.6597155, 2), "-0.66");
  assertEquals(formatFixed(NaN, 2), "NaN");
  assertEquals(formatFixed(-Infinity, 2), "-Inf");
});

Deno.test("formatP prints <0.001 below the threshold and three decimals otherwise", () => {
  assertEquals(formatP(0.0539089965051935), "0.054");
  assertEquals(formatP(0.000999), "<0.001");
  assertEquals(formatP(0.001), "0.001");
  assertEquals(formatP(1), "1.000");
  assertEquals(formatP(NaN), "NA");
  assertEquals(formatP(0.0042, { digits: 2, threshold: 0.01 }), "<0.01");
});

Deno.test("formatP rejects values outside [0, 1] and unknown options", () => {
  assertThrows(() => formatP(1.2), 'option "p": must be a probability in [0, 1], got 1.2');
  assertThrows(() => formatP(0.5, { decimals: 2 } as never), 'unknown option "decimals"');
});

Deno.test("formatCountPercent prints n (%) of the column total", () => {
  assertEquals(formatCountPercent(32, 215), "32 (14.9)");
  assertEquals(formatCountPercent(13, 91, 2), "13 (14.29)");
  assertEquals(formatCountPercent(0, 0), "0 (NA)");
  assertThrows(() => formatCountPercent(5, 3), 'option "total": must be an integer >= n (5), got 3');
});
