import { assert } from "../assert.ts";
import { fft1, fftPow2Rows } from "../../lib/radiomics/fft.ts";
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
