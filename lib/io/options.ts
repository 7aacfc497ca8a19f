/**
 * The option checks of lib: one error type and one message shape for a bad option, from the CLI
 * argument parser's neighbours (this layer) up to the study APIs.
 *
 * Message: `<function> option "<name>": must be <what was expected>, got <what came>`, e.g.
 * `kaplanMeier option "confLevel": must be in (0, 1), got 1.5`; an unknown key:
 * `tTest: unknown option "var_equal" (known: alternative, varEqual, …)`.
 */

/** Thrown for an invalid option (its name, the expectation and the value are in the message). */
export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OptionError";
  }
}

/** A value for a message: numbers as they print, anything else as (truncated) JSON. */
export function showValue(v: unknown): string {
  if (typeof v === "number") return String(v);
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + "..." : s;
  } catch {
    return String(v);
  }
}

/** Throw `fn option "name": must be <expected>, got <got>` (`fn` may be empty). */
export function optionError(fn: string, name: string, expected: string, got: unknown): never {
  throw new OptionError(`${fn ? fn + " " : ""}option "${name}": must be ${expected}, got ${showValue(got)}`);
}

/** Reject options the function does not know (catches typos such as `var_equal` for `varEqual`). */
export function checkKnownOptions(fn: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object") {
    throw new OptionError(`${fn}: options must be an object, got ${showValue(options)}`);
  }
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) {
      throw new OptionError(`${fn}: unknown option "${k}" (known: ${known.join(", ")})`);
    }
  }
}

/** Check an option strictly inside (0, 1) (a level, a ratio). */
export function checkOpenUnit(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !(v > 0 && v < 1)) optionError(fn, name, "in (0, 1)", v);
  return v as number;
}

/** Check a `confLevel` option: 0 < level < 1. */
export function checkConfLevel(fn: string, v: unknown): number {
  return checkOpenUnit(fn, "confLevel", v);
}

/** Check an integer option ≥ `min`. */
export function checkInteger(fn: string, name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    optionError(fn, name, `an integer >= ${min}`, v);
  }
  return v as number;
}

/** Check a finite number option. */
export function checkFinite(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) optionError(fn, name, "a finite number", v);
  return v as number;
}

/** Check a boolean option. */
export function checkBoolean(fn: string, name: string, v: unknown): boolean {
  if (typeof v !== "boolean") optionError(fn, name, "true or false", v);
  return v as boolean;
}

/** Check an option against its allowed values (compared with ===). */
export function checkOneOf<T extends string | number>(
  fn: string,
  name: string,
  v: unknown,
  values: readonly T[],
): T {
  if (!values.includes(v as T)) {
    optionError(
      fn,
      name,
      `one of ${values.map((x) => JSON.stringify(x)).join(", ")}`,
      v,
    );
  }
  return v as T;
}
