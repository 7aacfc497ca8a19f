/**
 * Command-line arguments for `tasks/`: `--name value`, `--name=value`, boolean `--flag`, and
 * positionals. Options are declared with their type; an unknown option or a missing value is an error
 * naming the option.
 */

export type ArgSpec = Record<string, { type: "string" | "boolean" | "number"; default?: string | boolean | number; multiple?: boolean }>;

export type ParsedArgs<S extends ArgSpec> = {
  values: { [K in keyof S]: S[K]["type"] extends "boolean" ? boolean : S[K]["type"] extends "number" ? (S[K]["multiple"] extends true ? number[] : number | undefined) : (S[K]["multiple"] extends true ? string[] : string | undefined) };
  positionals: string[];
};

/** Parse `args` against `spec`. */
export function parseArgs<S extends ArgSpec>(args: readonly string[], spec: S): ParsedArgs<S> {
  const values: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(spec)) values[k] = s.multiple ? [] : s.default ?? (s.type === "boolean" ? false : undefined);
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
    const s = spec[name];
    if (!s) throw new Error(`unknown option --${name} (known: ${Object.keys(spec).map((k) => "--" + k).join(", ")})`);
    if (s.type === "boolean") {
      values[name] = val === undefined ? true : val !== "false";
      continue;
    }
    if (val === undefined) {
      val = args[++i];
      if (val === undefined) throw new Error(`option --${name}: expected a value`);
    }
    let v: string | number = val;
    if (s.type === "number") {
      v = Number(val);
      if (!Number.isFinite(v)) throw new Error(`option --${name}: expected a number, got "${val}"`);
    }
    if (s.multiple) (values[name] as unknown[]).push(v);
    else values[name] = v;
  }
  return { values, positionals } as ParsedArgs<S>;
}
