/**
 * Seeded survival workloads shared by the Deno benches and the R side-by-side comparison (the same
 * rows reach both through a CSV): a Cox design of 1,546 rows × 7 covariates, and a test set of 686
 * patients with predicted risks at 24 horizons for the time-dependent AUC and Brier score.
 */
import { createRng } from "../../lib/random/rng.ts";

/** Columns of a data set, by name. */
export type Columns = Record<string, number[]>;

/** Cox workload: x0..x6 standard normal, exponential event times (days) with uniform censoring. */
export function coxWorkload(seed = 5, n = 1546, p = 7): Columns {
  const rng = createRng(seed);
  const cols: Columns = {};
  for (let j = 0; j < p; j++) cols[`x${j}`] = Array.from({ length: n }, () => rng.normal());
  const lp = Array.from({ length: n }, (_, i) => cols.x0[i] * 0.5 - cols.x1[i] * 0.3 + 0.2 * cols.x2[i]);
  const t = lp.map((v) => Math.ceil(-Math.log(rng.uniform()) * 365 / Math.exp(v)));
  const c = lp.map(() => Math.ceil(200 + 2000 * rng.uniform()));
  cols.time = t.map((v, i) => Math.min(v, c[i]));
  cols.status = t.map((v, i) => (v <= c[i] ? 1 : 0));
  return cols;
}

/** Time-dependent workload: one marker x, times in months (one decimal), risks at months 3, 6, …, 72. */
export function tdWorkload(
  seed = 3,
  n = 686,
): { time: number[]; status: number[]; times: number[]; risk: number[][] } {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => rng.normal());
  const tt = x.map((v) => -Math.log(rng.uniform()) * 40 / Math.exp(0.7 * v));
  const cc = x.map(() => 5 + 80 * rng.uniform());
  const time = tt.map((t, i) => Math.round(Math.min(t, cc[i]) * 10) / 10);
  const status = tt.map((t, i) => (t <= cc[i] ? 1 : 0));
  const times = Array.from({ length: 24 }, (_, k) => 3 * (k + 1));
  const risk = times.map((t) => x.map((v) => 1 - Math.exp(-t / 40 * Math.exp(0.7 * v))));
  return { time, status, times, risk };
}

/** CSV text of columns (header, then one line per row; numbers as JavaScript prints them: exact). */
export function columnsCsv(cols: Columns): string {
  const names = Object.keys(cols);
  const n = cols[names[0]].length;
  const lines = [names.join(",")];
  for (let i = 0; i < n; i++) lines.push(names.map((k) => cols[k][i]).join(","));
  return lines.join("\n") + "\n";
}
