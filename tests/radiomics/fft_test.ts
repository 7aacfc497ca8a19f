import { assert } from "../assert.ts";
import { difPlan, fft1, fftDifRows } from "../../lib/radiomics/fft.ts";
import { createRng } from "../../lib/random/rng.ts";

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
