import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { equalFrequencyBins, Mrmr } from "../../lib/models/mrmr.ts";
import { createRng } from "../../lib/random/rng.ts";

/** x0 informative, x1 = near-copy of x0, x2 informative independent of x0, x3 noise. */
function data() {
  const rng = createRng(9);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 300; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const yi = rng.uniform() < 1 / (1 + Math.exp(-(1.5 * a + 1.2 * b))) ? 1 : 0;
    X.push([a, a + 0.05 * rng.normal(), b, rng.normal()]);
    y.push(yi);
  }
  return { X, y };
}

Deno.test("mRMR (MID, correlation MI) prefers an independent informative feature over a near-duplicate", () => {
  const { X, y } = data();
  const f = new Mrmr({ k: 2 }).fit(X, y);
  assertEquals(f.relevance_.indexOf(Math.max(...f.relevance_)), f.selected_[0], "most relevant first");
  assert(f.selected_.includes(2) && f.selected_.filter((j) => j <= 1).length === 1, `got ${f.selected_}`);
});

Deno.test("mRMR MIQ and the discrete estimator make the same choice on this clear case", () => {
  const { X, y } = data();
  const q = new Mrmr({ k: 2, method: "MIQ" }).fit(X, y).selected_;
  assert(q.includes(2) && q.filter((j) => j <= 1).length === 1, `MIQ got ${q}`);
  const d = new Mrmr({ k: 2, estimator: "discrete", bins: 4 }).fit(X, y).selected_;
  assert(d.includes(2) && d.filter((j) => j <= 1).length === 1, `discrete got ${d}`);
});

Deno.test("correlation MI equals -1/2 log(1 - r^2) (hand case, rel 1e-12)", () => {
  // x = (1,2,3,4), y = (0,0,1,1): r = 0.894427191 (r² = 0.8)
  const f = new Mrmr({ k: 1 }).fit([[1], [2], [3], [4]], [0, 0, 1, 1]);
  assertClose(f.relevance_[0], -0.5 * Math.log(1 - 0.8), { rel: 1e-12 });
});

Deno.test("mRMR breaks ties by column order (identical columns)", () => {
  const X = [[1, 1, 0], [2, 2, 1], [3, 3, 0], [4, 4, 1], [5, 5, 1]];
  const f = new Mrmr({ k: 3 }).fit(X, [0, 0, 1, 1, 1]);
  assertEquals(f.selected_[0], 0);
  assertEquals(f.transform([[7, 8, 9]]), [[7, 9, 8]]);
});

Deno.test("equalFrequencyBins gives equal counts and keeps ties in one bin", () => {
  assertEquals([...equalFrequencyBins([5, 1, 4, 2, 3, 6], 3)], [2, 0, 1, 0, 1, 2]);
  assertEquals([...equalFrequencyBins([1, 1, 1, 2], 2)], [0, 0, 0, 1]);
});

Deno.test("Mrmr rejects invalid options naming them", () => {
  assertThrows(() => new Mrmr({ k: 0 }), /option "k"/);
  assertThrows(() => new Mrmr({ method: "MAX" as "MID" }), /option "method"/);
  assertThrows(() => new Mrmr({ estimator: "knn" as "discrete" }), /option "estimator"/);
});
