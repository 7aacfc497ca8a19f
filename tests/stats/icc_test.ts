import { assertClose, assertThrows, sharedDir, sharedExists } from "../assert.ts";
import { fUpperTail, icc } from "../../lib/stats/icc.ts";
import { join } from "node:path";

// Shrout & Fleiss (1979) Table 2 data; expected values from psych::ICC (R 4.2.2, psych 2.2.9),
// fixture icc-shrout-fleiss-6x4. Closed form: rel 1e-8.
const sf = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]];

Deno.test("icc reproduces Shrout & Fleiss coefficients as psych::ICC (rel 1e-8)", () => {
  const r = icc(sf);
  assertClose(r.mean_squares.msb, 11.241666666666665, { rel: 1e-10 });
  assertClose(r.mean_squares.msw, 6.263888888888892, { rel: 1e-10 });
  assertClose(r.mean_squares.msj, 32.48611111111112, { rel: 1e-10 });
  assertClose(r.mean_squares.mse, 1.0194444444444455, { rel: 1e-10 });
  assertClose(r.icc.ICC1.icc, 0.16574176840547522, { rel: 1e-10 });
  assertClose(r.icc.ICC2.icc, 0.28976377952755894, { rel: 1e-10 });
  assertClose(r.icc.ICC3.icc, 0.7148407148407147, { rel: 1e-10 });
  assertClose(r.icc.ICC3k.icc, 0.9093155423770694, { rel: 1e-10 });
});

Deno.test("icc F tests and confidence limits match psych::ICC, including Satterthwaite ICC2 (rel 1e-8)", () => {
  const r = icc(sf);
  assertClose(r.icc.ICC1.p_value, 0.16476880834464008, { rel: 1e-8 });
  assertClose(r.icc.ICC2.p_value, 0.0001345665164843374, { rel: 1e-8 });
  assertClose([r.icc.ICC1.lower, r.icc.ICC1.upper], [-0.1329323248747511, 0.7225600623281209], { rel: 1e-8 });
  assertClose([r.icc.ICC2.lower, r.icc.ICC2.upper], [0.018786513374711964, 0.7610843696489527], {
    rel: 1e-8,
  });
  assertClose([r.icc.ICC3.lower, r.icc.ICC3.upper], [0.3424647650339249, 0.9458582599553594], { rel: 1e-8 });
  assertClose([r.icc.ICC1k.lower, r.icc.ICC1k.upper], [-0.8844421552381212, 0.9124154203407755], {
    rel: 1e-8,
  });
  assertClose([r.icc.ICC2k.lower, r.icc.ICC2k.upper], [0.07113681530250318, 0.9272320401677219], {
    rel: 1e-8,
  });
  assertClose([r.icc.ICC3k.lower, r.icc.ICC3k.upper], [0.6756747138163043, 0.9858916781690623], {
    rel: 1e-8,
  });
});

Deno.test("icc of identical readings is 1 for every form", () => {
  const r = icc([[1, 1], [2, 2], [5, 5]]);
  for (const k of ["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"] as const) {
    assertClose(r.icc[k].icc, 1, { abs: 1e-14 });
  }
});

Deno.test("fUpperTail keeps precision in the far tail (1 - cdf would lose it)", () => {
  // F(1, ∞)-like check: for d1 = 2, upper tail of F(2, d2) is (1 + 2f/d2)^(−d2/2) exactly.
  assertClose(fUpperTail(40, 2, 30), (1 + 80 / 30) ** -15, { rel: 1e-12 });
});

Deno.test("icc rejects ragged or non-finite ratings naming row and column", () => {
  assertThrows(() => icc([[1, 2], [3]]), /row 2: expected 2 ratings/);
  assertThrows(() => icc([[1, 2], [3, NaN]]), /row 2, column 2/);
  assertThrows(() => icc([[1, 2], [3, 4]], { confLevel: 1.2 }), /confLevel/);
});

for (const id of ["icc-synthA-f01-3readers", "icc-synthA-f21-2reads"]) {
  Deno.test({
    name: `icc matches psych::ICC on fixture ${id} (rel 1e-8)`,
    ignore: !sharedExists,
    fn() {
      const c = JSON.parse(Deno.readTextFileSync(join(sharedDir, "fixtures", `${id}.json`)));
      const r = icc(c.data.inline.ratings);
      for (const [form, e] of Object.entries(c.expected.icc as Record<string, Record<string, number>>)) {
        const a = r.icc[form as "ICC1"] as unknown as Record<string, number>;
        for (const key of ["icc", "F", "p_value", "lower", "upper"]) {
          assertClose(a[key], e[key], { rel: 1e-8, abs: 1e-12 }, `${form}.${key}`);
        }
      }
    },
  });
}
