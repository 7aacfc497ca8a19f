import { assert, assertEquals, assertThrows } from "../../assert.ts";
import {
  aggregateFeatures,
  DIRECTIONAL_AGGREGATIONS,
  directionalGroups,
  type FeatureDef,
  type MatrixOps,
  ZONE_AGGREGATIONS,
  zoneGroups,
} from "../../../lib/radiomics/texture/aggregate.ts";

const method = (code: string) =>
  [...DIRECTIONAL_AGGREGATIONS, ...ZONE_AGGREGATIONS].find((m) => m.code === code)!;

Deno.test("directional groups follow the IBSI definitions of BTW3, SUJT, JJUI, ZW7Z, ITBB, IAZD", () => {
  const perSlice = [["s0d0", "s0d1"], ["s1d0", "s1d1"]];
  const per3d = ["d0", "d1", "d2"];
  assertEquals(directionalGroups(method("BTW3"), perSlice, per3d), [["s0d0"], ["s0d1"], ["s1d0"], ["s1d1"]]);
  assertEquals(directionalGroups(method("SUJT"), perSlice, per3d), [["s0d0", "s0d1"], ["s1d0", "s1d1"]]);
  assertEquals(directionalGroups(method("JJUI"), perSlice, per3d), [["s0d0", "s1d0"], ["s0d1", "s1d1"]]);
  assertEquals(directionalGroups(method("ZW7Z"), perSlice, per3d), [["s0d0", "s0d1", "s1d0", "s1d1"]]);
  assertEquals(directionalGroups(method("ITBB"), perSlice, per3d), [["d0"], ["d1"], ["d2"]]);
  assertEquals(directionalGroups(method("IAZD"), perSlice, per3d), [["d0", "d1", "d2"]]);
  assertThrows(() => directionalGroups(method("KOBO"), perSlice, per3d), /not a GLCM\/GLRLM aggregation/);
});

Deno.test("zone-family groups: 8QNN per slice, 62GR all slices merged, KOBO the volume", () => {
  assertEquals(zoneGroups(method("8QNN"), ["a", "b"], "v"), [["a"], ["b"]]);
  assertEquals(zoneGroups(method("62GR"), ["a", "b"], "v"), [["a", "b"]]);
  assertEquals(zoneGroups(method("KOBO"), ["a", "b"], "v"), [["v"]]);
});

// Toy "matrices": arrays of numbers; merging concatenates; features: mean, and a ratio undefined at 0.
const ops: MatrixOps<number[], number[]> = {
  merge: (ms) => ms.flat(),
  isEmpty: (m) => m.length === 0,
  stats: (m) => m,
  emptyReason: "nothing there",
};
const defs: FeatureDef<number[]>[] = [
  { name: "Mean", key: "Mean", code: "XXXX", fn: (m) => m.reduce((a, b) => a + b, 0) / m.length },
  {
    name: "Inverse",
    key: "Inverse",
    code: "YYYY",
    fn: (m) => (m[0] === 0 ? NaN : 1 / m[0]),
    undefinedWhen: "first value 0",
  },
];

Deno.test("aggregateFeatures merges each group, averages over groups and skips empty matrices", () => {
  const v = aggregateFeatures([[[1, 3]], [[4]], [[]]], ops, defs);
  assertEquals(v[0], { value: (2 + 4) / 2 });
  assertEquals(aggregateFeatures([[[1, 3], [4]]], ops, defs)[0], { value: 8 / 3 });
});

Deno.test("undefined values are left out of the average and the row says so; all-empty gives NaN", () => {
  const v = aggregateFeatures([[[0]], [[2]]], ops, defs);
  assertEquals(v[1].value, 0.5);
  assert(/1 of 2/.test(v[1].reason ?? "") && /first value 0/.test(v[1].reason ?? ""), v[1].reason);
  const e = aggregateFeatures([[[]], []], ops, defs);
  assert(Number.isNaN(e[0].value) && e[0].reason === "nothing there", JSON.stringify(e));
  const u = aggregateFeatures([[[0]]], ops, defs);
  assert(Number.isNaN(u[1].value) && /first value 0/.test(u[1].reason ?? ""), JSON.stringify(u));
});
