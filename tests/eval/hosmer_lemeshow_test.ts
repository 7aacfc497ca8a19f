import { assert, assertClose, assertEquals, assertThrows, sharedExists } from "../assert.ts";
import { hlProbs, hosmerLemeshow } from "../../lib/eval/hosmer_lemeshow.ts";
import { fixtureMismatches } from "../models/fixture_util.ts";

for (
  const id of [
    "hosmer_lemeshow-asah-multi-insample",
    "hosmer_lemeshow-asah-wfns-tied-groups",
    "hosmer_lemeshow-synthA-test",
    "hosmer_lemeshow-asah-lecessie",
  ]
) {
  Deno.test({
    name: `hosmer_lemeshow op matches fixture ${id} (case tolerance)`,
    ignore: !sharedExists,
    fn: async () => {
      const m = await fixtureMismatches(id);
      assert(m.length === 0, `${id}: ${JSON.stringify(m.slice(0, 3))}`);
    },
  });
}

Deno.test("hlProbs reproduces R's seq(0, 1, 1/10) doubles (0.30000000000000004 …)", () => {
  const p = hlProbs(10);
  assertEquals(p[3], 0.30000000000000004);
  assertEquals(p[6], 0.6000000000000001);
  assertEquals(p[7], 0.7000000000000001);
  assertEquals(p[10], 1);
});

Deno.test("hosmerLemeshow on a hand-computed 3-group case (rel 1e-12)", () => {
  // Type-7 breaks: 0.1, 0.2 + (2/3)·0.1, 0.4 + (1/3)·0.1, 0.6 → groups {0.1,0.2}, {0.3,0.4}, {0.5,0.6}.
  const y = [0, 0, 1, 0, 1, 1];
  const p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
  const r = hosmerLemeshow(y, p, { g: 3 });
  assertEquals(r.groups.map((g) => g.n), [2, 2, 2]);
  assertEquals(r.groups.map((g) => g.observed1), [0, 1, 2]);
  assertClose(r.groups.map((g) => g.expected1), [0.3, 0.7, 1.1], { rel: 1e-12, abs: 1e-15 });
  const C = 0.3 ** 2 / 0.3 + 0.3 ** 2 / 1.7 + 0.3 ** 2 / 0.7 + 0.3 ** 2 / 1.3 + 0.9 ** 2 / 1.1 +
    0.9 ** 2 / 0.9;
  assertClose(r.statistic, C, { rel: 1e-12 });
  assertEquals([r.groupsFormed, r.df], [3, 1]);
});

Deno.test("tied risks merge quantile breaks, an empty interval is dropped, df follows the chosen rule", () => {
  // 5 × 0.2, 4 × 0.6, 3 × 0.8: unique type-7 breaks 0.2, 0.36, 0.6, 0.76, 0.8; (0.6, 0.76] holds no one.
  const p = [0.2, 0.2, 0.2, 0.2, 0.2, 0.6, 0.6, 0.6, 0.6, 0.8, 0.8, 0.8];
  const y = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0];
  const a = hosmerLemeshow(y, p, { g: 10 });
  const b = hosmerLemeshow(y, p, { g: 10, dfRule: "g_minus_2" });
  assertClose(a.breaks, [0.2, 0.36, 0.6, 0.76, 0.8], { abs: 1e-15 });
  assertEquals(a.groups.map((g) => g.n), [5, 4, 3]);
  assertEquals([a.groupsFormed, a.df, b.df], [3, 1, 8]);
  const C = (1 - 1) ** 2 / 1 + (4 - 4) ** 2 / 4 + (3 - 2.4) ** 2 / 2.4 + (1 - 1.6) ** 2 / 1.6 +
    (2 - 2.4) ** 2 / 2.4 + (1 - 0.6) ** 2 / 0.6;
  assertClose(a.statistic, C, { rel: 1e-12 });
  assertClose(a.statistic, b.statistic, { abs: 0 });
  assert(b.method.includes("g − 2") && a.method.includes("3 groups formed"), b.method);
});

Deno.test("two distinct risks form two groups: df = 0 gives no p-value under the groups-formed rule", () => {
  const a = hosmerLemeshow([0, 1, 0, 1, 1, 0], [0.3, 0.3, 0.3, 0.7, 0.7, 0.7]);
  assertEquals([a.groupsFormed, a.df], [2, 0]);
  assert(Number.isNaN(a.pValue), "NaN p with df 0");
});

Deno.test("hosmerLemeshow refuses constant predictions and bad options, naming them", () => {
  assertThrows(() => hosmerLemeshow([0, 1, 0], [0.3, 0.3, 0.3]), /all predicted probabilities are equal/);
  assertThrows(() => hosmerLemeshow([0, 1, 0], [0.3, 0.4, 0.5], { g: 2 }), /option "g"/);
});
