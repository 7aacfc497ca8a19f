/**
 * Minimal assertions for the test suite (the standard library's `@std/assert` lives on JSR, which is not
 * reachable here). Failures say what was expected and what came.
 */

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

/** Fail unless `cond` is truthy. */
export function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new AssertionError(msg);
}

function stable(v: unknown): string {
  return JSON.stringify(
    v,
    (
      _k,
      x,
    ) => (typeof x === "number" && !Number.isFinite(x)
      ? String(x)
      : ArrayBuffer.isView(x)
      ? Array.from(x as unknown as ArrayLike<number>)
      : x),
  );
}

/** Deep equality through a stable JSON rendering (NaN/Infinity compared as text, typed arrays as arrays). */
export function assertEquals(actual: unknown, expected: unknown, msg?: string): void {
  const a = stable(actual);
  const e = stable(expected);
  if (a !== e) {
    throw new AssertionError(`${msg ? msg + ": " : ""}expected ${e.slice(0, 400)}, got ${a.slice(0, 400)}`);
  }
}

/** Fail when equal. */
export function assertNotEquals(actual: unknown, expected: unknown, msg?: string): void {
  if (stable(actual) === stable(expected)) {
    throw new AssertionError(
      `${msg ? msg + ": " : ""}expected a value different from ${stable(expected).slice(0, 200)}`,
    );
  }
}

/**
 * |actual − expected| <= abs + rel·|expected| (default abs 1e-12, rel 1e-10), element-wise for arrays.
 * NaN matches NaN; infinities must be equal.
 */
export function assertClose(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  tol: { abs?: number; rel?: number } = {},
  msg?: string,
): void {
  const abs = tol.abs ?? 1e-12;
  const rel = tol.rel ?? 1e-10;
  const one = (a: number, e: number, where: string) => {
    if (Number.isNaN(e) && Number.isNaN(a)) return;
    if (!Number.isFinite(e) && a === e) return;
    if (!(Math.abs(a - e) <= abs + rel * Math.abs(e))) {
      throw new AssertionError(
        `${msg ? msg + ": " : ""}${where}expected ${e}, got ${a} (|diff| ${
          Math.abs(a - e).toExponential(3)
        } > ${abs} + ${rel}·|e|)`,
      );
    }
  };
  if (typeof expected === "number") {
    if (typeof actual !== "number") {
      throw new AssertionError(
        `${msg ? msg + ": " : ""}expected a number, got ${stable(actual).slice(0, 100)}`,
      );
    }
    one(actual, expected, "");
    return;
  }
  if (typeof actual === "number") throw new AssertionError(`${msg ? msg + ": " : ""}expected an array`);
  if (actual.length !== expected.length) {
    throw new AssertionError(`${msg ? msg + ": " : ""}length ${actual.length} != ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) one(actual[i], expected[i], `[${i}] `);
}

/** Fail unless `fn` throws an error whose message matches `pattern` (string: substring; RegExp: test). Returns the error. */
export function assertThrows(fn: () => unknown, pattern?: string | RegExp, msg?: string): Error {
  try {
    fn();
  } catch (e) {
    const err = e as Error;
    if (pattern !== undefined) {
      const ok = typeof pattern === "string" ? err.message.includes(pattern) : pattern.test(err.message);
      if (!ok) {
        throw new AssertionError(
          `${msg ? msg + ": " : ""}error message "${err.message}" does not match ${pattern}`,
        );
      }
    }
    return err;
  }
  throw new AssertionError(`${msg ? msg + ": " : ""}expected an exception`);
}

/** Async variant of {@link assertThrows}. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  pattern?: string | RegExp,
  msg?: string,
): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    const err = e as Error;
    if (pattern !== undefined) {
      const ok = typeof pattern === "string" ? err.message.includes(pattern) : pattern.test(err.message);
      if (!ok) {
        throw new AssertionError(
          `${msg ? msg + ": " : ""}error message "${err.message}" does not match ${pattern}`,
        );
      }
    }
    return err;
  }
  throw new AssertionError(`${msg ? msg + ": " : ""}expected a rejection`);
}

/** URL of the shared reference folder beside the clone, and whether it is present. */
export const sharedDir: string = new URL("../../shared/", import.meta.url).pathname;
export const sharedExists: boolean = (() => {
  try {
    return Deno.statSync(sharedDir + "fixtures").isDirectory;
  } catch {
    return false;
  }
})();
/** Message for tests skipped because ../shared is absent. */
export const SHARED_ABSENT = `../shared not found at ${sharedDir}: reference data tests skipped`;
