/** Run a conformance fixture through its op and return the mismatches (for tests of lib/models, lib/eval). */
import { loadCase } from "../../lib/conformance/case.ts";
import { compareExpected, type Mismatch } from "../../lib/conformance/compare.ts";
import { sharedDir } from "../assert.ts";

export async function fixtureMismatches(id: string): Promise<Mismatch[]> {
  const c = loadCase(`${sharedDir}fixtures/${id}.json`);
  const mod = await import(`../../lib/conformance/ops/${c.op}.ts`);
  return compareExpected(c.expected, await mod.run(c), c.tolerance);
}
