import { assert, assertEquals } from "../assert.ts";
import { ScratchSlot } from "../../lib/radiomics/scratch.ts";

Deno.test("ScratchSlot hands back its last array of the same length, zero-filled only when asked", () => {
  const slot = new ScratchSlot((n) => new Int32Array(n));
  const a = slot.get(4);
  assertEquals([...a], [0, 0, 0, 0]);
  a.set([1, 2, 3, 4]);
  const b = slot.get(4);
  assert(b === a, "same length: the same array");
  assertEquals([...b], [1, 2, 3, 4]);
  const c = slot.get(4, true);
  assert(c === a);
  assertEquals([...c], [0, 0, 0, 0]);
  c.set([5, 6, 7, 8]);
  const d = slot.get(3);
  assert(d !== a, "another length: a new array");
  assertEquals([...d], [0, 0, 0]);
  assert(slot.get(3) === d, "the new array is now the slot's last");
});
