import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { ZScore } from "../../lib/models/zscore.ts";

// Values from fixture zscore-inline-small (R 4.2.2 base::scale with training mean and sd).
const train = [[1.2, 100], [3.4, 130], [2.2, 90], [5, 115], [4.1, 140]];
const test = [[2, 125], [6.5, 80], [-1, 101]];

Deno.test("ZScore learns the training mean and n-1 SD as R's scale() (rel 1e-12)", () => {
  const fit = new ZScore().fit(train);
  assertClose(fit.mean_, [3.1799999999999997, 115], { rel: 1e-12 });
  assertClose(fit.sd_, [1.5073154945133418, 20.615528128088304], { rel: 1e-12 });
});

Deno.test("FittedZScore.transform applies training centers to test rows (R values, rel 1e-10)", () => {
  const z = new ZScore().fit(train).transform(test);
  assertClose(z.map((r) => r[0]), [-0.7828487163405559, 2.2025913036022424, -2.773142062969088], {
    rel: 1e-10,
  });
  assertClose(z.map((r) => r[1]), [0.48507125007266594, -1.6977493752543307, -0.6790997501017323], {
    rel: 1e-10,
  });
});

Deno.test("fitted ZScore never reads test rows: refitting with other test rows changes nothing", () => {
  const a = new ZScore().fit(train);
  const b = new ZScore().fit(train.map((r) => r.slice()));
  const zA = a.transform(test);
  const zB = b.transform([[1e6, -1e6], ...test]).slice(1);
  assertEquals(zA, zB);
});

Deno.test("ZScore with population SD divides by n", () => {
  const fit = new ZScore({ sdDenominator: "n" }).fit([[1], [3]]);
  assertClose(fit.sd_[0], 1, { rel: 1e-15 });
});

Deno.test("ZScore rejects a constant training column naming it, unless constant: unit", () => {
  assertThrows(() => new ZScore({ names: ["a", "b"] }).fit([[1, 2], [1, 3]]), /a is constant/);
  const z = new ZScore({ constant: "unit" }).fit([[1, 2], [1, 3]]).transform([[2, 2.5]]);
  assertClose(z[0], [1, 0], { abs: 1e-15 });
});

Deno.test("ZScore does not mutate its input and inverseTransform round-trips", () => {
  const copy = train.map((r) => r.slice());
  const fit = new ZScore().fit(train);
  assertEquals(train, copy);
  const back = fit.inverseTransform(fit.transform(test));
  back.forEach((r, i) => assertClose(r, test[i], { rel: 1e-13, abs: 1e-13 }));
  assert(fit.transform([]).length === 0, "empty transform");
});
