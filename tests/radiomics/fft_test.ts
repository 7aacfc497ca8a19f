import { assert } from "../assert.ts";
import { fft1, fftFast, fftFastRows, fftPow2Rows, nextRadix2Length } from "../../lib/radiomics/fft.ts";
import { createRng } from "../../lib/random/rng.ts";

Deno.test("fftPow2Rows gives, column by column, the same doubles as fft1 (exact equality)", () => {
  const rng = createRng(16);
  for (const [n, run] of [[2, 3], [16, 5], [64, 7]]) {
    const re = Float64Array.from({ length: n * run }, () => rng.normal());
    const im = Float64Array.from({ length: n * run }, () => rng.normal());
    const ar = re.slice(), ai = im.slice();
    fftPow2Rows(ar, ai, n, run);
    for (let c = 0; c < run; c++) {
      const lr = Float64Array.from({ length: n }, (_, r) => re[r * run + c]);
      const li = Float64Array.from({ length: n }, (_, r) => im[r * run + c]);
      fft1(lr, li, false);
      for (let r = 0; r < n; r++) {
        assert(
          Object.is(lr[r], ar[r * run + c]) && Object.is(li[r], ai[r * run + c]),
          `n ${n}, column ${c}, row ${r}: ${ar[r * run + c]} + ${ai[r * run + c]}i vs ${lr[r]} + ${li[r]}i`,
        );
      }
    }
  }
});

Deno.test("fftFast of 3·2^k and 5·2^k lengths agrees with the mixed-radix fft1, and fftFastRows column by column with fftFast", () => {
  const rng = createRng(17);
  for (const [n, run] of [[3, 2], [6, 3], [12, 4], [40, 3], [96, 5], [160, 2]]) {
    const re = Float64Array.from({ length: n * run }, () => rng.normal());
    const im = Float64Array.from({ length: n * run }, () => rng.normal());
    const ar = re.slice(), ai = im.slice();
    fftFastRows(ar, ai, n, run);
    for (let c = 0; c < run; c++) {
      const lr = Float64Array.from({ length: n }, (_, r) => re[r * run + c]);
      const li = Float64Array.from({ length: n }, (_, r) => im[r * run + c]);
      const fr = lr.slice(), fi = li.slice();
      fftFast(lr, li, 0, n);
      fft1(fr, fi, false);
      for (let r = 0; r < n; r++) {
        assert(
          Object.is(lr[r], ar[r * run + c]) && Object.is(li[r], ai[r * run + c]),
          `n ${n}, column ${c}, row ${r}: rows ${ar[r * run + c]} + ${ai[r * run + c]}i vs ${lr[r]} + ${
            li[r]
          }i`,
        );
        const err = Math.hypot(lr[r] - fr[r], li[r] - fi[r]);
        assert(err < 1e-12 * n, `n ${n}, column ${c}, row ${r}: fftFast vs fft1 differ by ${err}`);
      }
    }
  }
});

Deno.test("nextRadix2Length is the smallest 2^k, 3·2^k or 5·2^k not below n", () => {
  const fast = (m: number) => [1, 3, 5].some((r) => m % r === 0 && ((m / r) & (m / r - 1)) === 0);
  for (let n = 1; n <= 1100; n++) {
    const f = nextRadix2Length(n);
    assert(f >= n && fast(f), `n ${n}: ${f}`);
    for (let m = n; m < f; m++) assert(!fast(m), `n ${n}: ${m} < ${f} is also fast`);
  }
});
