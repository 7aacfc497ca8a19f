/**
 * Command-line arguments for `tasks/`: `--name value`, `--name=value`, boolean `--flag`, and
 * positionals. Options are declared with their type (and optionally allowed values, integer-ness, a
 * lower bound and a help text); an unknown option, a missing or malformed value is an {@link ArgError}
 * whose one-line message names the option and the expected form.
 *
 * Tasks call {@link parseTaskArgs}: `--help` (or `-h`) prints the usage and every option to stdout and
 * exits 0; a bad argument prints the one line `<task>: <message> (see --help)` to stderr and exits 2 (the
 * POSIX convention for usage errors), never a stack trace.
 */

/** One option of a task. */
export interface OptionSpec {
  readonly type: "string" | "boolean" | "number";
  readonly default?: string | boolean | number;
  /** Repeatable: values collected in an array. */
  readonly multiple?: boolean;
  /** Help text (one line). */
  readonly help?: string;
  /** Name of the value in the help, e.g. "DIR" (default from the type). */
  readonly metavar?: string;
  /** Allowed values of a string option. */
  readonly choices?: readonly string[];
  /** A number option must be an integer. */
  readonly integer?: boolean;
  /** Smallest allowed value of a number option. */
  readonly min?: number;
}

/** Options of a task keyed by name (without the leading `--`). */
export type ArgSpec = Record<string, OptionSpec>;

export type ParsedArgs<S extends ArgSpec> = {
  values: {
    [K in keyof S]: S[K]["type"] extends "boolean" ? boolean
      : S[K]["type"] extends "number" ? (S[K]["multiple"] extends true ? number[] : number | undefined)
      : (S[K]["multiple"] extends true ? string[] : string | undefined);
  };
  positionals: string[];
};

/** A user's mistake on the command line; the message names the option and the expected form. */
export class ArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgError";
  }
}

function expectedForm(name: string, s: OptionSpec): string {
  if (s.choices) return s.choices.map((c) => `"${c}"`).join(" or ");
  if (s.type === "number") {
    return `${s.integer ? "an integer" : "a number"}${s.min !== undefined ? ` >= ${s.min}` : ""}`;
  }
  return `a value (--${name} ${s.metavar ?? "VALUE"})`;
}

/** Check one value of a typed option; returns the parsed value or throws an {@link ArgError}. */
function optionValue(name: string, s: OptionSpec, val: string): string | number {
  if (s.type === "number") {
    const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(val.trim()) ? Number(val) : NaN;
    if (
      !Number.isFinite(v) || (s.integer && !Number.isSafeInteger(v)) || (s.min !== undefined && v < s.min)
    ) {
      throw new ArgError(`option --${name}: expected ${expectedForm(name, s)}, got "${val}"`);
    }
    return v;
  }
  if (s.choices && !s.choices.includes(val)) {
    throw new ArgError(`option --${name}: expected ${expectedForm(name, s)}, got "${val}"`);
  }
  return val;
}

/** Parse `args` against `spec`; throws an {@link ArgError} naming the option on any mistake. */
export function parseArgs<S extends ArgSpec>(args: readonly string[], spec: S): ParsedArgs<S> {
  const values: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(spec)) {
    values[k] = s.multiple ? [] : s.default ?? (s.type === "boolean" ? false : undefined);
  }
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--") || a === "--") {
      if (a !== "--") positionals.push(a);
      continue;
    }
    let name = a.slice(2);
    let val: string | undefined;
    const eq = name.indexOf("=");
    if (eq >= 0) {
      val = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const s = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!s) {
      throw new ArgError(
        `unknown option --${name} (known: ${Object.keys(spec).map((k) => "--" + k).join(", ")}, --help)`,
      );
    }
    if (s.type === "boolean") {
      if (val !== undefined && val !== "true" && val !== "false") {
        throw new ArgError(`option --${name}: a flag, expected no value (or =true / =false), got "${val}"`);
      }
      values[name] = val === undefined ? true : val === "true";
      continue;
    }
    if (val === undefined) {
      val = args[++i];
      if (val === undefined) {
        throw new ArgError(`option --${name}: expected ${expectedForm(name, s)} after it, got nothing`);
      }
    }
    const v = optionValue(name, s, val);
    if (s.multiple) (values[name] as unknown[]).push(v);
    else values[name] = v;
  }
  return { values, positionals } as ParsedArgs<S>;
}

/** What a task accepts, for {@link parseTaskArgs} and its `--help`. */
export interface TaskSpec<S extends ArgSpec> {
  /** Task name as typed after `deno task`, e.g. "reproduce". */
  readonly name: string;
  /** One-paragraph description. */
  readonly description: string;
  readonly options: S;
  /** Positional arguments, e.g. "[DIR...]" (default: none allowed). */
  readonly positionals?: string;
  /** Further usage lines (other forms of the task), shown after the main one. */
  readonly usage?: readonly string[];
}

/** The `--help` text of a task: usage line(s), description, every option with its default. */
export function formatHelp<S extends ArgSpec>(task: TaskSpec<S>): string {
  const opts = Object.entries(task.options);
  const form = (k: string, s: OptionSpec) =>
    s.type === "boolean"
      ? `--${k}`
      : `--${k} ${s.metavar ?? (s.choices ? s.choices.join("|") : s.type === "number" ? "N" : "VALUE")}`;
  const lines = [`usage: deno task ${task.name} [options]${task.positionals ? ` ${task.positionals}` : ""}`];
  for (const u of task.usage ?? []) lines.push(`       ${u}`);
  lines.push("", task.description.trim(), "", "options:");
  const width = Math.max(12, ...opts.map(([k, s]) => form(k, s).length)) + 2;
  for (const [k, s] of opts) {
    const def = s.default !== undefined && s.type !== "boolean" ? ` (default ${s.default})` : "";
    const rep = s.multiple ? " (repeatable)" : "";
    lines.push(`  ${form(k, s).padEnd(width)}${s.help ?? ""}${def}${rep}`);
  }
  lines.push(`  ${"--help".padEnd(width)}show this help and exit`);
  return lines.join("\n");
}

/**
 * Parse a task's arguments: `--help`/`-h` prints {@link formatHelp} and exits 0; a bad argument (or a
 * positional where none is allowed) prints one line `<task>: <message> (see --help)` to stderr and exits 2.
 */
export function parseTaskArgs<S extends ArgSpec>(args: readonly string[], task: TaskSpec<S>): ParsedArgs<S> {
  if (args.some((a) => a === "--help" || a === "-h")) {
    console.log(formatHelp(task));
    Deno.exit(0);
  }
  try {
    const parsed = parseArgs(args, task.options);
    if (!task.positionals && parsed.positionals.length) {
      throw new ArgError(
        `unexpected argument "${parsed.positionals[0]}" (options start with --; see --help)`,
      );
    }
    return parsed;
  } catch (e) {
    usageError(task.name, e);
  }
}

/** Print a usage error as one line (ending in a `--help` hint) and exit 2. */
export function usageError(task: string, e: unknown): never {
  const m = e instanceof Error ? e.message : String(e);
  console.error(`${task}: ${m.replace(/\s*\n\s*/g, " ")}${m.includes("--help") ? "" : " (see --help)"}`);
  Deno.exit(2);
}
