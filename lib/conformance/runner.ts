/**
 * The conformance runner: runs reference cases against the library and reports per op.
 *
 * Two kinds of folder are understood:
 * - a fixture folder (`*.json` cases in the format of `../shared/fixtures/README.md`): each case's
 *   `op` is looked up as `lib/conformance/ops/<op>.ts`, whose `run(case)` returns the result object
 *   compared with `expected`;
 * - a reference-data folder claimed by a suite in `lib/conformance/suites/<name>.ts` (e.g. the IBSI
 *   phantoms, pyradiomics baselines), whose `detect(dir)` says it is theirs and `runSuite(dir)` yields
 *   one result per feature and data set.
 * Ops or suites the library does not implement yet are reported as "not implemented".
 */
import { join } from "node:path";
import { compareExpected, type Mismatch } from "./compare.ts";
import { checkCaseSchema, loadCase, type ResolvedCase } from "./case.ts";

/** What an op module exports. */
export interface OpModule {
  run(c: ResolvedCase): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** What a suite module exports. */
export interface SuiteModule {
  /** Short name shown in reports. */
  readonly name: string;
  /** True when `dir` holds this suite's reference data. */
  detect(dir: string): boolean;
  /** Run every case of the folder. */
  runSuite(dir: string, options: RunOptions): Promise<CaseResult[]>;
}

export type CaseStatus = "pass" | "fail" | "error" | "not_implemented" | "skipped";

/** The outcome of one case. */
export interface CaseResult {
  readonly id: string;
  /** Group shown in the report: the op for fixtures, "family/config" for suites. */
  readonly group: string;
  readonly status: CaseStatus;
  readonly mismatches?: readonly Mismatch[];
  readonly message?: string;
}

export interface RunOptions {
  /** Only cases whose id contains this text. */
  readonly filter?: string;
  /** Progress callback (called after each case). */
  readonly onCase?: (r: CaseResult, done: number, total: number) => void;
}

const here = new URL(".", import.meta.url).pathname;

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

const opCache = new Map<string, OpModule | null>();

/** Load the module of an op, or null when the library does not implement it. */
export async function loadOp(op: string): Promise<OpModule | null> {
  if (!/^[a-z0-9_]+$/.test(op)) return null;
  if (opCache.has(op)) return opCache.get(op)!;
  const path = join(here, "ops", `${op}.ts`);
  const mod = exists(path) ? ((await import(`file://${path}`)) as OpModule) : null;
  opCache.set(op, mod);
  return mod;
}

/** Ops implemented by the library (files in lib/conformance/ops). */
export function implementedOps(): string[] {
  const dir = join(here, "ops");
  if (!exists(dir)) return [];
  return [...Deno.readDirSync(dir)].filter((e) => e.isFile && e.name.endsWith(".ts")).map((e) =>
    e.name.slice(0, -3)
  ).sort();
}

/** Suite modules present in lib/conformance/suites. */
export async function loadSuites(): Promise<SuiteModule[]> {
  const dir = join(here, "suites");
  if (!exists(dir)) return [];
  const names = [...Deno.readDirSync(dir)].filter((e) =>
    e.isFile && e.name.endsWith(".ts") && e.name !== "mod.ts"
  ).map((e) => e.name).sort();
  const out: SuiteModule[] = [];
  for (const n of names) out.push((await import(`file://${join(dir, n)}`)) as SuiteModule);
  return out;
}

/** Run one fixture case. Exceptions become "error" results with their message. */
export async function runCase(file: string): Promise<CaseResult> {
  let c: ResolvedCase;
  try {
    c = loadCase(file);
  } catch (e) {
    const id = file.replace(/^.*\//, "").replace(/\.json$/, "");
    return { id, group: "(schema)", status: "error", message: (e as Error).message };
  }
  const mod = await loadOp(c.op);
  if (!mod) {
    return { id: c.id, group: c.op, status: "not_implemented", message: `op "${c.op}" is not implemented` };
  }
  try {
    const actual = await mod.run(c);
    const mismatches = compareExpected(c.expected, actual, c.tolerance);
    return { id: c.id, group: c.op, status: mismatches.length ? "fail" : "pass", mismatches };
  } catch (e) {
    const err = e as Error;
    return { id: c.id, group: c.op, status: "error", message: `${err.name}: ${err.message}` };
  }
}

/** List the fixture files of a folder (sorted). */
export function fixtureFiles(dir: string): string[] {
  return [...Deno.readDirSync(dir)].filter((e) => e.isFile && e.name.endsWith(".json")).map((e) =>
    join(dir, e.name)
  ).sort();
}

/** Schema check of every fixture file in a folder (no ops run). */
export function checkFolderSchema(dir: string): string[] {
  const problems: string[] = [];
  for (const f of fixtureFiles(dir)) {
    try {
      problems.push(...checkCaseSchema(JSON.parse(Deno.readTextFileSync(f)), f));
    } catch (e) {
      problems.push(`${f}: ${(e as Error).message}`);
    }
  }
  return problems;
}

/** Run a folder: a suite's reference data if a suite claims it, otherwise fixture cases. */
export async function runFolder(
  dir: string,
  options: RunOptions = {},
): Promise<{ kind: string; results: CaseResult[] }> {
  for (const s of await loadSuites()) {
    if (s.detect(dir)) return { kind: s.name, results: await s.runSuite(dir, options) };
  }
  const files = fixtureFiles(dir).filter((f) => !options.filter || f.includes(options.filter));
  if (files.length === 0) {
    throw new Error(`${dir}: no *.json reference cases and no suite recognises this folder`);
  }
  const results: CaseResult[] = [];
  for (const f of files) {
    const r = await runCase(f);
    results.push(r);
    options.onCase?.(r, results.length, files.length);
  }
  return { kind: "fixtures", results };
}

/** Counts per status. */
export function tally(results: readonly CaseResult[]): Record<CaseStatus, number> {
  const t: Record<CaseStatus, number> = { pass: 0, fail: 0, error: 0, not_implemented: 0, skipped: 0 };
  for (const r of results) t[r.status]++;
  return t;
}

function fmt(v: unknown): string {
  if (typeof v === "number") return String(v);
  const s = JSON.stringify(v);
  return s === undefined ? "undefined" : s.length > 60 ? s.slice(0, 57) + "..." : s;
}

/** Text report: one table row per group, then the failures with their first mismatches. */
export function formatReport(
  results: readonly CaseResult[],
  options: { strict?: boolean; maxMismatches?: number } = {},
): string {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    if (!groups.has(r.group)) groups.set(r.group, []);
    groups.get(r.group)!.push(r);
  }
  const lines: string[] = [];
  const w = Math.max(8, ...[...groups.keys()].map((g) => g.length));
  lines.push(`${"op".padEnd(w)}  cases  pass  fail  error  not impl.`);
  for (const [g, rs] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const t = tally(rs);
    lines.push(
      `${g.padEnd(w)}  ${String(rs.length).padStart(5)}  ${String(t.pass).padStart(4)}  ${
        String(t.fail).padStart(4)
      }  ${String(t.error).padStart(5)}  ${String(t.not_implemented).padStart(9)}`,
    );
  }
  const bad = results.filter((r) => r.status === "fail" || r.status === "error");
  if (bad.length) {
    lines.push("", "Failures:");
    for (const r of bad) {
      lines.push(`  ${r.id} (${r.group}): ${r.status}${r.message ? ": " + r.message : ""}`);
      for (const m of (r.mismatches ?? []).slice(0, options.maxMismatches ?? 5)) {
        lines.push(`    ${m.path}: expected ${fmt(m.expected)}, got ${fmt(m.actual)} (${m.reason})`);
      }
      const more = (r.mismatches?.length ?? 0) - (options.maxMismatches ?? 5);
      if (more > 0) lines.push(`    … ${more} more`);
    }
  }
  const ni = results.filter((r) => r.status === "not_implemented");
  if (ni.length) {
    const ops = [...new Set(ni.map((r) => r.group))].sort();
    lines.push(
      "",
      `Not implemented${options.strict ? " (counted as failures, --strict)" : ""}: ${ops.join(", ")}`,
    );
  }
  return lines.join("\n");
}

/** The closing line: `conformance: N passed, M failed` (+ `, K skipped` for not implemented when not strict). */
export function closingLine(results: readonly CaseResult[], strict = false): string {
  const t = tally(results);
  const failed = t.fail + t.error + (strict ? t.not_implemented : 0);
  const skipped = t.skipped + (strict ? 0 : t.not_implemented);
  return `conformance: ${t.pass} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}
