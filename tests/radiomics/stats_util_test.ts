import { assert, assertClose, assertEquals } from "../assert.ts";
import {
  countsSummary,
  dispersion,
  maskedValues,
  moments,
  orderStatistics,
  selectInPlace,
} from "../../lib/radiomics/stats_util.ts";
import { createRng } from "../../lib/random/rng.ts";

const samples = (): [string, Float64Array][] => {
  const rng = createRng(21);
  const n = 5000;
  return [
    ["normal", Float64Array.from({ length: n }, () => rng.normal() * 100)],
    ["few distinct values", Float64Array.from({ length: n }, () => Math.floor(rng.uniform() * 7))],
    ["ascending", Float64Array.from({ length: n }, (_, i) => i)],
    ["descending", Float64Array.from({ length: n }, (_, i) => n - i)],
    ["constant", new Float64Array(n).fill(3.5)],
    ["organ pipe", Float64Array.from({ length: n }, (_, i) => Math.min(i, n - i))],
  ];
};

Deno.test("selectInPlace puts the k-th smallest value at k for every target, as a full sort does (exact)", () => {
  for (const [name, x] of samples()) {
    const sorted = x.slice().sort();
    const ks = [0, 1, 499, 500, 1249, 1250, 2499, 2500, 3749, 3750, 4499, 4500, x.length - 1];
    const a = x.slice();
    selectInPlace(a, ks);
    for (const k of ks) assertEquals(a[k], sorted[k], `${name}, k = ${k}`);
    // a permutation of the input
    assertEquals(a.slice().sort(), sorted, name);
  }
});

Deno.test("orderStatistics gives the sorted array's value at every target and leaves the input unchanged (exact)", () => {
  for (
    const [name, x] of [
      ...samples(),
      ["with ±Infinity", Float64Array.of(3, -Infinity, 1, Infinity, 2)] as const,
    ]
  ) {
    const sorted = x.slice().sort(), copy = x.slice();
    const ks = [0, 1, 2, 499, 500, 2500, 4499, x.length - 1].filter((k) => k < x.length);
    const got = orderStatistics(x, ks);
    for (const k of ks) assertEquals(got.get(k), sorted[k], `${name}, k = ${k}`);
    assertEquals(x, copy, name);
  }
});

Deno.test("dispersion of unsorted values equals dispersion of the sorted values (percentiles exact, sums rel. 1e-12)", () => {
  for (const [name, x] of samples()) {
    const sorted = x.slice().sort();
    const want = dispersion(sorted, moments(sorted));
    const got = dispersion(x, moments(x), false);
    for (const k of ["median", "min", "p10", "p90", "max", "iqr", "range"] as const) {
      assertEquals(got[k], want[k], `${name} ${k}`);
    }
    for (const k of ["mad", "rmad", "medad", "cov", "qcod"] as const) {
      if (Number.isNaN(want[k])) assert(Number.isNaN(got[k]), `${name} ${k}`);
      else assertClose(got[k], want[k], { rel: 1e-12, abs: 1e-12 }, `${name} ${k}`);
    }
  }
});

Deno.test("countsSummary of integer counts gives the doubles of moments and dispersion on the expanded sorted values (exact)", () => {
  const rng = createRng(22);
  for (const offset of [1, -3]) {
    const counts = Float64Array.from(
      { length: 40 },
      (_, i) => (i % 5 === 3 ? 0 : Math.floor(rng.uniform() * 50)),
    );
    const vals: number[] = [];
    counts.forEach((c, i) => {
      for (let j = 0; j < c; j++) vals.push(i + offset);
    });
    const sorted = Float64Array.from(vals);
    const m = moments(sorted), d = dispersion(sorted, m);
    const got = countsSummary(counts, offset);
    assertEquals(got.m, m, `offset ${offset}`);
    assertEquals(got.d, d, `offset ${offset}`);
  }
});

Deno.test("maskedValues keeps grid order", () => {
  const data = Float64Array.of(5, -1, 3, 0.5, 2), mask = Uint8Array.of(1, 0, 1, 1, 0);
  assertEquals(maskedValues(data, mask), Float64Array.of(5, 3, 0.5));
});

Deno.test("maskedValues with reuse overwrites the previous buffer with the new values (same length)", () => {
  const mask = Uint8Array.of(1, 0, 1, 1);
  const a = maskedValues(Float64Array.of(1, 2, 3, 4), mask, true);
  assertEquals(a, Float64Array.of(1, 3, 4));
  const b = maskedValues(Float64Array.of(5, 6, 7, 8), mask, true);
  assertEquals(b, Float64Array.of(5, 7, 8));
  assertEquals(
    maskedValues(Float64Array.of(9, 9, 9, 9), Uint8Array.of(1, 1, 0, 0), true),
    Float64Array.of(9, 9),
  );
});
