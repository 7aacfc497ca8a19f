import { assert, assertEquals, assertNotEquals } from "../assert.ts";
import { createRng } from "../../lib/random/rng.ts";

const draw = (seed: number) => {
  const r = createRng(seed);
  return [r.uniform(), r.uniform(), r.int(0, 9), r.normal()];
};

Deno.test("the same seed gives the same stream; another seed another one", () => {
  assertEquals(draw(20250411), draw(20250411));
  assertNotEquals(draw(1), draw(2));
});

Deno.test("fork(label) is independent of how far the parent has been drawn", () => {
  const a = createRng(5);
  const b = createRng(5);
  b.uniform();
  b.uniform();
  assertEquals(a.fork("smote").uniform(), b.fork("smote").uniform());
  assertNotEquals(a.fork("smote").uniform(), a.fork("folds").uniform());
});

Deno.test("uniform lies in [0, 1) with mean ≈ ½ and normal has mean ≈ 0, sd ≈ 1 (n = 20,000, seed 3)", () => {
  const r = createRng(3);
  const u = Array.from({ length: 20000 }, () => r.uniform());
  assert(u.every((v) => v >= 0 && v < 1));
  const mu = u.reduce((s, v) => s + v, 0) / u.length;
  assert(Math.abs(mu - 0.5) < 0.01, `mean ${mu}`);
  const z = Array.from({ length: 20000 }, () => r.normal());
  const m = z.reduce((s, v) => s + v, 0) / z.length;
  const sd = Math.sqrt(z.reduce((s, v) => s + (v - m) ** 2, 0) / (z.length - 1));
  assert(Math.abs(m) < 0.03 && Math.abs(sd - 1) < 0.03, `mean ${m}, sd ${sd}`);
});

Deno.test("shuffle returns a permutation and leaves its input untouched", () => {
  const xs = [1, 2, 3, 4, 5, 6];
  const s = createRng(9).shuffle(xs);
  assertEquals(xs, [1, 2, 3, 4, 5, 6]);
  assertEquals([...s].sort(), xs);
});
