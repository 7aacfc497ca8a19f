/**
 * Explicit bootstrap resamples of the validation ops (`../shared/fixtures/README.md`, section 6): the
 * table named by `params.resamples.table` lists, per resample b (column `resample_column`), the rows
 * drawn with replacement in draw order (column `row_column`, numbered from `row_base`).
 */
import type { ResolvedCase } from "./case.ts";

/** The case's resamples as 0-based row indices, in resample order (1..B). */
export function caseResamples(c: ResolvedCase): number[][] {
  const spec = c.params.resamples as
    | { table: string; resample_column: string; row_column: string; row_base?: number }
    | undefined;
  if (!spec) throw new Error(`${c.id}: params.resamples is missing`);
  const t = c.table(spec.table);
  const b = t.num(spec.resample_column);
  const r = t.num(spec.row_column);
  const base = spec.row_base ?? 1;
  const byB = new Map<number, number[]>();
  b.forEach((k, i) => {
    if (!byB.has(k)) byB.set(k, []);
    byB.get(k)!.push(r[i] - base);
  });
  return [...byB.keys()].sort((x, y) => x - y).map((k) => byB.get(k)!);
}
