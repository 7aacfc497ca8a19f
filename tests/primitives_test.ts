/**
 * One implementation of each primitive in lib, found by reading the sources:
 *
 * - quantile, median, mean, variance and sd live in `lib/stats/quantile.ts` only;
 * - a 0/1 check (`y !== 0 && y !== 1`) only in `lib/stats/binary_input.ts` (`nonBinaryIndex`);
 * - the confidence-level and integer option checks only in `lib/io/options.ts`;
 * - a `readPublished*` function outside `lib/audit/published.ts` goes through its parsers;
 * - no options interface declares both `seed` and `rng` (see lib/random/mod.ts).
 *
 * `lib/radiomics` is outside these rules: its statistics follow IBSI's definitions (e.g. the biased
 * variance of the first-order features) and it imports only the base layers.
 *
 * EXEMPT lists the files not yet routed (each with its owner's reason); an entry whose file no longer
 * shows the pattern makes the test fail, so the lists only shrink.
 */
import { join, relative } from "node:path";
import { assert, assertEquals } from "./assert.ts";

const lib = new URL("../lib/", import.meta.url).pathname;

async function* tsFiles(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* tsFiles(p);
    else if (e.isFile && e.name.endsWith(".ts")) yield p;
  }
}

/** Every lib source outside lib/radiomics as [path relative to lib/, text without comments]. */
async function sources(): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for await (const f of tsFiles(lib)) {
    const rel = relative(lib, f);
    if (rel.startsWith("radiomics/")) continue;
    const text = (await Deno.readTextFile(f))
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
    out.push([rel, text]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Files (other than `home`) whose text matches `re`, each with its first match. */
async function offenders(re: RegExp, home: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [file, text] of await sources()) {
    if (home.includes(file)) continue;
    const m = text.match(re);
    if (m) found.set(file, m[0].trim());
  }
  return found;
}

function assertOnly(
  found: Map<string, string>,
  exempt: Readonly<Record<string, string>>,
  what: string,
): void {
  const extra = [...found].filter(([f]) => !(f in exempt)).map(([f, m]) => `lib/${f}: ${m}`);
  assertEquals(extra, [], `${what} outside its one module`);
  const stale = Object.keys(exempt).filter((f) => !found.has(f));
  assertEquals(stale, [], `exempt files that no longer have ${what} (remove them from the list)`);
}

const NAMES =
  "quantile|quantile7|quantileType7|quantileSorted|median|mean|sampleMean|variance|sampleVariance|sd|std|stdev";
const FUNCTION_DEF = new RegExp(`\\bfunction\\s+(${NAMES})\\s*[<(]`);
const ARROW_DEF = new RegExp(
  `\\b(?:const|let)\\s+(${NAMES})\\s*=\\s*(?:\\([^)]*\\)|[A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=>`,
);

Deno.test("the tests above see a second quantile, mean or sd when one is written (self-check)", () => {
  assert(FUNCTION_DEF.test("function quantile7(sorted: number[], p: number) {"));
  assert(FUNCTION_DEF.test("export function mean(a: ArrayLike<number>): number {"));
  assert(
    ARROW_DEF.test("const mean = (xs: readonly number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;"),
  );
  assert(ARROW_DEF.test("const sd = (xs: number[]): number => Math.sqrt(v(xs));"));
  assert(!ARROW_DEF.test("const mean = (c.q1 + c.median + c.q3) / 3;"), "an expression is not a definition");
  assert(!FUNCTION_DEF.test("export function quantileMatched(scores: number[]) {"));
});

Deno.test("quantile, median, mean, variance and sd are defined only in lib/stats/quantile.ts", async () => {
  assertOnly(await offenders(FUNCTION_DEF, ["stats/quantile.ts"]), {}, "a quantile/mean/sd function");
  assertOnly(await offenders(ARROW_DEF, ["stats/quantile.ts"]), {}, "a quantile/mean/sd arrow function");
});

Deno.test("a 0/1 check is written only in lib/stats/binary_input.ts", async () => {
  const re = /!==\s*0\s*&&\s*[\w.]+(?:\[[^\]]+\])?\s*!==\s*1\b/;
  assert(re.test("if (y[i] !== 0 && y[i] !== 1) return i;"));
  assertOnly(await offenders(re, ["stats/binary_input.ts"]), {}, "a 0/1 check");
});

Deno.test("confLevel and integer option checks are written only in lib/io/options.ts", async () => {
  const re = /must be (?:in \(0, 1\)|an integer >=)/;
  assertOnly(await offenders(re, ["io/options.ts"]), {}, "an inline confLevel/integer option check");
});

Deno.test("readPublished* functions outside lib/audit/published.ts go through its parsers", async () => {
  for (const [file, text] of await sources()) {
    if (file === "audit/published.ts" || !/export\s+(?:async\s+)?function\s+readPublished\w*/.test(text)) {
      continue;
    }
    assert(/from\s+"\.\.\/audit\/published\.ts"/.test(text), `lib/${file} reads a published table itself`);
  }
});

Deno.test("no options interface declares both seed and rng", async () => {
  const found = new Map<string, string>();
  for (const [file, text] of await sources()) {
    for (const m of text.matchAll(/interface\s+(\w+)[^{]*\{/g)) {
      // the body up to the matching brace (nested object and function types included)
      let depth = 1, k = m.index! + m[0].length;
      while (depth > 0 && k < text.length) depth += text[k] === "{" ? 1 : text[k] === "}" ? -1 : 0, k++;
      const body = text.slice(m.index! + m[0].length, k);
      if (/\bseed\??\s*:/.test(body) && /\brng\??\s*:/.test(body)) found.set(file, m[1]);
    }
  }
  assertOnly(found, {}, "an options interface with both seed and rng");
});
