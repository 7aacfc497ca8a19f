/**
 * One side-by-side workload of bench/r_compare.ts: our implementation, the R anchor, and the data
 * both read. Adding a workload = adding one {@link Workload} to the list in ./mod.ts.
 */

/** Values compared between the two sides (names chosen by the workload). */
export type Values = Record<string, number | number[] | null>;

/** Outcome of an agreement check. */
export interface Agreement {
  readonly ok: boolean;
  /** One line: what was compared, the largest differences, the tolerance. */
  readonly detail: string;
}

/** A workload run by both sides on the same data file. */
export interface Workload {
  /** Short name printed in the table. */
  readonly name: string;
  /** R packages the R side needs (checked with requireNamespace before it runs). */
  readonly rPackages: readonly string[];
  /** Write the shared data file(s) into `dir` (deterministic). */
  prepare(dir: string): void;
  /** Our side; returns the values for the agreement check (timed unless {@link run} is given). */
  ours(): Values;
  /**
   * The timed call when the conversion of our result to {@link Values} should not count (as R's
   * `run()` is timed without its `check()` conversion); default: {@link ours}.
   */
  run?(): unknown;
  /**
   * R code evaluated with `dir` (the data folder) defined. It must define `run <- function()` (the
   * timed call, the package's default settings) and `check <- function()` returning a named list of
   * numbers/vectors for {@link agree} (it may refit at a tighter threshold).
   */
  readonly r: string;
  /** Compare our values with R's `check()` output. */
  agree(ours: Values, r: Values): Agreement;
}

/** Largest |a − b| over two equal-length vectors (Infinity when lengths differ). */
export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Largest |a − b|/max(|b|, tiny) over two equal-length vectors. */
export function maxRelDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300));
  }
  return m;
}
