/**
 * The fixture comparison rule (`../shared/fixtures/README.md` §3): every leaf of `expected` must be
 * matched by the result. Numbers pass when |a − e| <= abs + rel·|e|; "Inf"/"-Inf" need that infinity;
 * null and "NaN" need null/NaN; strings and booleans compare exactly; arrays by length then element;
 * objects by the keys of `expected` (extra result keys ignored). Overrides apply to a dotted path of
 * object keys and everything below it; the longest matching path wins.
 */
import type { Tolerance } from "./case.ts";

/** One mismatch: where, what was expected and what came. */
export interface Mismatch {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly reason: string;
}

function toleranceAt(tol: Tolerance, keyPath: string): { abs: number; rel: number } {
  let best: { abs: number; rel: number } = { abs: tol.abs, rel: tol.rel };
  let bestLen = -1;
  for (const [p, t] of Object.entries(tol.overrides ?? {})) {
    if ((keyPath === p || keyPath.startsWith(p + ".")) && p.length > bestLen) {
      best = t;
      bestLen = p.length;
    }
  }
  return best;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (v === "Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  if (v === "NaN") return NaN;
  if (v === null) return NaN;
  return undefined;
}

/** Compare `actual` with `expected`; returns every mismatch (empty = pass). */
export function compareExpected(expected: unknown, actual: unknown, tol: Tolerance): Mismatch[] {
  const out: Mismatch[] = [];
  walk(expected, actual, "", "", tol, out);
  return out;
}

function walk(
  e: unknown,
  a: unknown,
  keyPath: string,
  shownPath: string,
  tol: Tolerance,
  out: Mismatch[],
): void {
  const show = shownPath || "(root)";
  if (e === null || e === "NaN") {
    const x = asNumber(a);
    if (!(a === null || a === undefined || (x !== undefined && Number.isNaN(x)))) {
      out.push({ path: show, expected: e, actual: a, reason: "expected NA/NaN" });
    }
    return;
  }
  if (e === "Inf" || e === "-Inf") {
    const want = e === "Inf" ? Infinity : -Infinity;
    if (asNumber(a) !== want) out.push({ path: show, expected: e, actual: a, reason: `expected ${e}` });
    return;
  }
  if (typeof e === "number") {
    const x = asNumber(a);
    if (x === undefined || Number.isNaN(x)) {
      out.push({ path: show, expected: e, actual: a, reason: "expected a number" });
      return;
    }
    const t = toleranceAt(tol, keyPath);
    const diff = Math.abs(x - e);
    if (!(diff <= t.abs + t.rel * Math.abs(e))) {
      out.push({
        path: show,
        expected: e,
        actual: a,
        reason: `|diff| ${diff.toExponential(3)} > ${t.abs} + ${t.rel}·|e|`,
      });
    }
    return;
  }
  if (typeof e === "string" || typeof e === "boolean") {
    if (a !== e) out.push({ path: show, expected: e, actual: a, reason: "not equal" });
    return;
  }
  if (Array.isArray(e)) {
    if (!Array.isArray(a) && !ArrayBuffer.isView(a)) {
      out.push({ path: show, expected: `array[${e.length}]`, actual: a, reason: "expected an array" });
      return;
    }
    const arr = Array.from(a as ArrayLike<unknown>);
    if (arr.length !== e.length) {
      out.push({
        path: show,
        expected: `length ${e.length}`,
        actual: `length ${arr.length}`,
        reason: "array length differs",
      });
      return;
    }
    e.forEach((ei, i) => walk(ei, arr[i], keyPath, `${shownPath}[${i}]`, tol, out));
    return;
  }
  if (typeof e === "object") {
    if (typeof a !== "object" || a === null) {
      out.push({ path: show, expected: "object", actual: a, reason: "expected an object" });
      return;
    }
    for (const [k, ev] of Object.entries(e as Record<string, unknown>)) {
      const kp = keyPath ? `${keyPath}.${k}` : k;
      const sp = shownPath ? `${shownPath}.${k}` : k;
      if (!(k in (a as Record<string, unknown>))) {
        out.push({ path: sp, expected: ev, actual: undefined, reason: "missing in result" });
        continue;
      }
      walk(ev, (a as Record<string, unknown>)[k], kp, sp, tol, out);
    }
  }
}
