/**
 * `deno task conformance [DIR...] [--strict] [--filter TEXT] [--json FILE]`
 *
 * Runs every reference case in each folder (default `../shared/fixtures`) against the library and
 * prints a table per op and the closing line `conformance: N passed, M failed`. Ops not implemented
 * yet are listed and, with --strict, counted as failures. Exit code 1 when anything failed.
 */
import { parseTaskArgs } from "../lib/io/args.ts";
import { type CaseResult, closingLine, formatReport, runFolder } from "../lib/conformance/runner.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";

const { values, positionals } = parseTaskArgs(Deno.args, {
  name: "conformance",
  positionals: "[DIR...]",
  description:
    "Runs every reference case in each folder (default ../shared/fixtures) against the library and " +
    "prints a table per op and the line `conformance: N passed, M failed` (exit 1 when anything failed).",
  options: {
    strict: { type: "boolean", help: "count ops not implemented as failures" },
    filter: { type: "string", metavar: "TEXT", help: "run only cases whose name contains TEXT" },
    json: { type: "string", metavar: "FILE", help: "write every case result as JSON" },
    quiet: { type: "boolean", help: "no progress counter" },
  },
});

const dirs = positionals.length
  ? positionals
  : [new URL("../../shared/fixtures", import.meta.url).pathname.replace(/\/$/, "")];
const all: CaseResult[] = [];
let missing = false;
for (const dir of dirs) {
  try {
    Deno.statSync(dir);
  } catch {
    console.error(
      `conformance: folder ${dir} not found (the shared reference data sit in ../shared beside the clone)`,
    );
    missing = true;
    continue;
  }
  const { kind, results } = await runFolder(dir, {
    filter: values.filter,
    onCase: values.quiet ? undefined : (_r, done, total) => {
      if (Deno.stderr.isTerminal()) Deno.stderr.writeSync(new TextEncoder().encode(`\r${done}/${total}`));
    },
  });
  if (Deno.stderr.isTerminal()) Deno.stderr.writeSync(new TextEncoder().encode("\r"));
  console.log(`\n== ${dir} (${kind}, ${results.length} cases)\n`);
  console.log(formatReport(results, { strict: values.strict }));
  all.push(...results);
}
if (values.json) await writeFileAtomic(values.json, JSON.stringify(all, null, 2) + "\n");
console.log("");
console.log(closingLine(all, values.strict));
const failed = all.some((r) =>
  r.status === "fail" || r.status === "error" || (values.strict && r.status === "not_implemented")
);
Deno.exit(failed || missing ? 1 : 0);
