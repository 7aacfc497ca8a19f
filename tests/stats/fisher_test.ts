import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { fisherRxCPValue, fisherTest } from "../../lib/stats/fisher.ts";
import { logFactorials } from "../../lib/stats/distributions.ts";
import { createRng } from "../../lib/random/rng.ts";
import { fixtureTests } from "./fixture_util.ts";

fixtureTests("fisher", "fisherTest");

Deno.test("2 × 2 [[3, 1], [1, 3]]: hypergeometric 1,16,36,16,1 / 70 gives two-sided 34/70, less 69/70, greater 17/70", () => {
  assertClose(fisherTest([[3, 1], [1, 3]]).pValue, 34 / 70, { abs: 0, rel: 1e-13 });
  assertClose(fisherTest([[3, 1], [1, 3]], { alternative: "less" }).pValue, 69 / 70, { abs: 0, rel: 1e-13 });
  assertClose(fisherTest([[3, 1], [1, 3]], { alternative: "greater" }).pValue, 17 / 70, {
    abs: 0,
    rel: 1e-13,
  });
});

Deno.test("conditional MLE solves E[X | ψ̂] = a, and the CI limits solve their tail equations (rel 1e-10)", () => {
  // m = 4, n = 4, k = 4 → weights C(4,x)C(4,4−x) ψˣ = 1, 16ψ, 36ψ², 16ψ³, ψ⁴
  const r = fisherTest([[3, 1], [1, 3]]);
  const w = (psi: number) => [1, 16 * psi, 36 * psi ** 2, 16 * psi ** 3, psi ** 4];
  const mean = (psi: number) => {
    const d = w(psi);
    const s = d.reduce((a, b) => a + b, 0);
    return d.reduce((a, v, i) => a + (i * v) / s, 0);
  };
  const tail = (psi: number, geq: boolean) => {
    const d = w(psi);
    const s = d.reduce((a, b) => a + b, 0);
    return d.filter((_, i) => (geq ? i >= 3 : i <= 3)).reduce((a, b) => a + b, 0) / s;
  };
  assertClose(mean(r.estimate!), 3, { abs: 0, rel: 1e-12 });
  assertClose(tail(r.confInt![0], true), 0.025, { abs: 0, rel: 1e-10 });
  assertClose(tail(r.confInt![1], false), 0.025, { abs: 0, rel: 1e-10 });
});

Deno.test("one-sided intervals: 'less' gives (0, ψ_U] with P(X ≤ a | ψ_U) = α, 'greater' [ψ_L, ∞) with P(X ≥ a | ψ_L) = α", () => {
  // [[3, 1], [1, 3]]: weights 1, 16ψ, 36ψ², 16ψ³, ψ⁴ on x = 0..4, a = 3
  const w = (psi: number) => [1, 16 * psi, 36 * psi ** 2, 16 * psi ** 3, psi ** 4];
  const tail = (psi: number, geq: boolean) => {
    const d = w(psi);
    const s = d.reduce((a, b) => a + b, 0);
    return d.filter((_, i) => (geq ? i >= 3 : i <= 3)).reduce((a, b) => a + b, 0) / s;
  };
  const less = fisherTest([[3, 1], [1, 3]], { alternative: "less", confLevel: 0.9 });
  assertEquals(less.confInt![0], 0);
  assertClose(tail(less.confInt![1], false), 0.1, { abs: 0, rel: 1e-10 });
  const greater = fisherTest([[3, 1], [1, 3]], { alternative: "greater", confLevel: 0.9 });
  assertEquals(greater.confInt![1], Infinity);
  assertClose(tail(greater.confInt![0], true), 0.1, { abs: 0, rel: 1e-10 });
});

Deno.test("zero cells give an estimate of 0 or ∞ and an open CI end (as R)", () => {
  const z = fisherTest([[0, 5], [4, 2]]);
  assertEquals(z.estimate, 0);
  assertEquals(z.confInt![0], 0);
  assert(z.confInt![1] > 0 && Number.isFinite(z.confInt![1]), "finite upper limit");
  const inf = fisherTest([[5, 0], [2, 4]]);
  assertEquals(inf.estimate, Infinity);
  assertEquals(inf.confInt![1], Infinity);
});

/** Brute force: every table with the margins, Σ P(T) over P(T) ≤ P(obs)(1 + 1e−7). */
function bruteForceP(x: number[][]): number {
  const rows = x.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = x[0].map((_, j) => x.reduce((a, r) => a + r[j], 0));
  const n = rows.reduce((a, b) => a + b, 0);
  const lf = logFactorials(n);
  const k = rows.reduce((a, r) => a + lf[r], 0) + cols.reduce((a, c) => a + lf[c], 0) - lf[n];
  const lp = (t: number[][]) => k - t.flat().reduce((a, v) => a + lf[v], 0);
  const thr = lp(x) + Math.log(1 + 1e-7);
  let p = 0;
  const t = x.map((r) => r.map(() => 0));
  const rec = (cell: number): void => {
    const nr = x.length, nc = x[0].length;
    if (cell === (nr - 1) * (nc - 1)) {
      for (let i = 0; i < nr - 1; i++) {
        t[i][nc - 1] = rows[i] - t[i].slice(0, nc - 1).reduce((a, b) => a + b, 0);
      }
      for (let j = 0; j < nc; j++) t[nr - 1][j] = cols[j] - t.slice(0, nr - 1).reduce((a, r) => a + r[j], 0);
      if (t.flat().some((v) => v < 0)) return;
      const v = lp(t);
      if (v <= thr) p += Math.exp(v);
      return;
    }
    const i = Math.floor(cell / (nc - 1)), j = cell % (nc - 1);
    const maxV = Math.min(
      rows[i] - t[i].slice(0, j).reduce((a, b) => a + b, 0),
      cols[j] - t.slice(0, i).reduce((a, r) => a + r[j], 0),
    );
    for (let v = 0; v <= maxV; v++) {
      t[i][j] = v;
      rec(cell + 1);
    }
    t[i][j] = 0;
  };
  rec(0);
  return p;
}

Deno.test("r × c network enumeration equals brute-force enumeration on 40 random tables (seed 3, rel 1e-11)", () => {
  const rng = createRng(3);
  for (let rep = 0; rep < 40; rep++) {
    const nr = rng.int(2, 3), nc = rng.int(2, 4);
    const x = Array.from(
      { length: nr },
      () => Array.from({ length: nc }, () => rng.int(0, nr * nc > 6 ? 4 : 7)),
    );
    if (x.some((r) => r.every((v) => v === 0)) || x[0].some((_, j) => x.every((r) => r[j] === 0))) continue;
    const { p } = fisherRxCPValue(x, 5e7, 20);
    assertClose(p, bruteForceP(x), { abs: 1e-15, rel: 1e-11 }, JSON.stringify(x));
  }
});

Deno.test("r × c enumeration agrees with the 2 × 2 formula and is invariant to transposition", () => {
  assertClose(fisherRxCPValue([[50, 21], [22, 20]]).p, fisherTest([[50, 21], [22, 20]]).pValue, {
    abs: 0,
    rel: 1e-12,
  });
  const x = [[37, 2], [20, 12], [3, 1], [8, 8], [4, 18]];
  const xt = [x.map((r) => r[0]), x.map((r) => r[1])];
  assertClose(fisherTest(xt).pValue, fisherTest(x).pValue, { abs: 0, rel: 1e-12 });
});

Deno.test("tail lists (meet in the middle) give the same p as the pure pruned network (rel 1e-11)", () => {
  const tables = [
    [[12, 7, 15, 3, 9], [5, 11, 4, 10, 8]],
    [[30, 2, 0, 14], [25, 9, 3, 1]],
    [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]],
    [[4, 0, 3, 2], [1, 5, 2, 2], [0, 2, 6, 1]],
  ];
  for (const x of tables) {
    const pure = fisherRxCPValue(x, 5e7, 1).p;
    for (const cap of [50, 1e4]) {
      assertClose(
        fisherRxCPValue(x, 5e7, cap).p,
        pure,
        { abs: 1e-300, rel: 1e-11 },
        `${JSON.stringify(x)} tailCap ${cap}`,
      );
    }
  }
});

Deno.test("fisherTest validates its input and options", () => {
  assertThrows(() => fisherTest([[1.5, 2], [3, 4]]), "cell [1, 1]: expected a non-negative integer, got 1.5");
  assertThrows(
    () => fisherTest([[1, 2, 3], [3, 4, 5]], { alternative: "less" }),
    'option "alternative": must be "two.sided" for a 2 × 3 table',
  );
  assertThrows(() => fisherTest([[0, 0], [0, 0]]), "the table is empty");
  assertThrows(
    () => fisherTest([[9, 1, 5, 5], [2, 8, 5, 5], [5, 5, 1, 9]], { maxNodes: 3 }),
    "exceeded maxNodes = 3",
  );
});
