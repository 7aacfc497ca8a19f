/**
 * Helpers for tests that replay the R reference fixtures of `../shared/fixtures` through a conformance
 * op and compare every expected value under the fixture's own tolerance.
 */
import { loadCase } from "../../lib/conformance/case.ts";
import { compareExpected } from "../../lib/conformance/compare.ts";
import { loadOp } from "../../lib/conformance/runner.ts";
import { AssertionError, SHARED_ABSENT, sharedDir, sharedExists } from "../assert.ts";

/** Ids of the fixtures of an op present in ../shared/fixtures (empty when ../shared is absent). */
export function fixtureIds(prefix: string): string[] {
  if (!sharedExists) return [];
  return [...Deno.readDirSync(sharedDir + "fixtures")]
    .filter((e) => e.isFile && e.name.startsWith(prefix + "-") && e.name.endsWith(".json"))
    .map((e) => e.name.slice(0, -5))
    .sort();
}

/** Run fixture `id` through its op; throw an AssertionError listing every mismatch. */
export async function assertFixture(id: string): Promise<void> {
  const c = loadCase(`${sharedDir}fixtures/${id}.json`);
  const op = await loadOp(c.op);
  if (!op) throw new AssertionError(`op ${c.op} is not implemented`);
  const actual = await op.run(c);
  const mm = compareExpected(c.expected, actual, c.tolerance);
  if (mm.length) {
    throw new AssertionError(
      `${id}: ${mm.length} mismatch(es): ` +
        mm.slice(0, 5).map((m) =>
          `${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)} (${m.reason})`
        ).join("; "),
    );
  }
}

/** Register one Deno test per fixture of `prefix` (ignored with a message when ../shared is absent). */
export function fixtureTests(prefix: string, what: string): void {
  if (!sharedExists) {
    Deno.test({
      name: `${what} matches the R fixtures ${prefix}-* (${SHARED_ABSENT})`,
      ignore: true,
      fn() {},
    });
    return;
  }
  const ids = fixtureIds(prefix);
  if (ids.length === 0) {
    Deno.test(`${what}: R fixtures ${prefix}-* are present in ../shared/fixtures`, () => {
      throw new AssertionError(`no ${prefix}-*.json in ${sharedDir}fixtures`);
    });
    return;
  }
  for (const id of ids) {
    Deno.test(`${what} matches R fixture ${id} within its stated tolerance`, () => assertFixture(id));
  }
}
