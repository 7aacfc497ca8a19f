import { assert } from "../assert.ts";
import {
  difPlan,
  fft1,
  fftDifRows,
  fftFast,
  fftFastRows,
  fftPow2Rows,
  nextRadix2Length,
} from "../../lib/radiomics/fft.ts";
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

Deno.test("fftDifRows agrees with fft1 column by column at each coefficient's digit-reversed position, with pruned zero rows (1e-13·n)", () => {
  const rng = createRng(18);
  const lengths = [
    2,
    3,
    4,
    5,
    6,
    8,
    9,
    12,
    15,
    16,
    18,
    25,
    27,
    36,
    45,
    64,
    72,
    75,
    81,
    96,
    135,
    225,
    250,
    256,
  ];
  for (const n of lengths) {
    for (const nz of [n, Math.ceil(n / 2), Math.max(1, Math.floor(n / 3))]) {
      const run = 3;
      const re = new Float64Array(n * run), im = new Float64Array(n * run);
      for (let i = 0; i < nz * run; i++) re[i] = rng.normal(), im[i] = rng.normal();
      const ar = re.slice(), ai = im.slice();
      fftDifRows(ar, ai, n, run, nz);
      const { pos, freq } = difPlan(n);
      for (let k = 0; k < n; k++) assert(freq[pos[k]] === k, `n ${n}: pos/freq not inverse at ${k}`);
      for (let c = 0; c < run; c++) {
        const lr = Float64Array.from({ length: n }, (_, r) => re[r * run + c]);
        const li = Float64Array.from({ length: n }, (_, r) => im[r * run + c]);
        fft1(lr, li, false);
        for (let k = 0; k < n; k++) {
          const q = pos[k] * run + c, err = Math.hypot(lr[k] - ar[q], li[k] - ai[q]);
          assert(err < 1e-13 * n, `n ${n}, nz ${nz}, column ${c}, k ${k}: differs by ${err}`);
        }
      }
    }
  }
});
