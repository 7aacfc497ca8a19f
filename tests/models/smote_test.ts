import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { Smote } from "../../lib/models/smote.ts";
import { createRng } from "../../lib/random/rng.ts";

function data(seed: number) {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 60; i++) {
    const c = i < 12 ? 1 : 0;
    X.push([rng.normal() + 3 * c, rng.normal(), rng.normal() * 2]);
    y.push(c);
  }
  return { X, y };
}

Deno.test("Smote balances the classes 1:1 and keeps the original rows first, unchanged", () => {
  const { X, y } = data(1);
  const r = new Smote({ rng: createRng(7) }).fitResample(X, y);
  assertEquals(r.y_.filter((v) => v === 1).length, 48);
  assertEquals(r.nSynthetic_, 36);
  assertEquals(r.X_.slice(0, 60), X);
  assertEquals(r.minorityClass_, 1);
});

Deno.test("each synthetic row lies on the segment from its seed row to one of its 5 nearest minority neighbours", () => {
  const { X, y } = data(2);
  const r = new Smote({ rng: createRng(3) }).fitResample(X, y);
  const minority = y.flatMap((v, i) => (v === 1 ? [i] : []));
  r.origin_.forEach((o, s) => {
    const x = r.X_[60 + s];
    const expected = X[o.row].map((v, j) => v + o.gap * (X[o.neighbour][j] - v));
    assertClose(x, expected, { abs: 1e-12 });
    assert(o.gap >= 0 && o.gap < 1, "gap in [0, 1)");
    const d = (i: number) => X[o.row].reduce((s2, v, j) => s2 + (v - X[i][j]) ** 2, 0);
    const nearer = minority.filter((i) => i !== o.row && d(i) < d(o.neighbour)).length;
    assert(nearer < 5, `neighbour rank ${nearer + 1} > 5`);
    assertEquals(y[o.neighbour], 1);
  });
});

Deno.test("Smote allocation gives every minority row floor(G/m) or one more synthetic rows", () => {
  const { X, y } = data(4);
  const r = new Smote({ rng: createRng(5) }).fitResample(X, y);
  const per = new Map<number, number>();
  for (const o of r.origin_) per.set(o.row, (per.get(o.row) ?? 0) + 1);
  for (const c of per.values()) assert(c === 3, `36 synthetic over 12 rows: 3 each, got ${c}`);
});

Deno.test("Smote is reproducible from the seed and differs for another seed", () => {
  const { X, y } = data(5);
  const a = new Smote({ rng: createRng(11) }).fitResample(X, y);
  const b = new Smote({ rng: createRng(11) }).fitResample(X, y);
  const c = new Smote({ rng: createRng(12) }).fitResample(X, y);
  assertEquals(a.X_, b.X_);
  assert(JSON.stringify(a.X_) !== JSON.stringify(c.X_), "other seed, other rows");
});

Deno.test("Smote ratio 0.5 stops at half the majority; balanced data get no synthetic rows", () => {
  const { X, y } = data(6);
  assertEquals(new Smote({ ratio: 0.5 }).fitResample(X, y).nSynthetic_, 12);
  assertEquals(new Smote().fitResample([[0], [1], [2], [3]], [0, 1, 0, 1]).nSynthetic_, 0);
});

Deno.test("Smote rejects bad options and a one-row minority", () => {
  assertThrows(() => new Smote({ k: 0 }), /option "k"/);
  assertThrows(() => new Smote({ ratio: 2 }), /option "ratio"/);
  assertThrows(() => new Smote().fitResample([[0], [1], [2]], [1, 0, 0]), /minority class \(1\) has 1 row/);
});
