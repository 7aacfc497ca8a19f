/**
 * Speed of the classical tests on the study's sizes: Fisher's exact test on 2 × k tables with N ≈ 300
 * (Table 1's categorical variables), the exact Wilcoxon distribution at R's limit (49 × 49), and a
 * whole Table 1 of 306 rows × 18 variables. `deno bench -A bench/stats_bench.ts`
 */
import { fisherTest } from "../lib/stats/fisher.ts";
import { mannWhitneyCounts } from "../lib/stats/wilcoxon.ts";
import { tTest } from "../lib/stats/ttest.ts";
import { table1, type Table1VariableSpec } from "../lib/report/table1.ts";
import { createRng } from "../lib/random/rng.ts";

Deno.bench("fisherTest 2 × 2, N = 306 (p, conditional MLE and CI)", () => {
  fisherTest([[126, 13], [89, 78]]);
});

Deno.bench("fisherTest 2 × 4, N = 300", () => {
  fisherTest([[60, 40, 30, 20], [30, 45, 40, 35]]);
});

Deno.bench("fisherTest 2 × 6, N = 360", () => {
  fisherTest([[40, 30, 25, 50, 35, 30], [20, 15, 12, 20, 10, 13]]);
});

Deno.bench("fisherTest 3 × 4, N = 95", () => {
  fisherTest([[10, 3, 8, 12], [2, 9, 11, 4], [7, 6, 1, 12]]);
});

Deno.bench("mannWhitneyCounts 49 × 49 (exact Wilcoxon distribution)", () => {
  mannWhitneyCounts(49, 49);
});

const rng = createRng(7);
const x = Array.from({ length: 215 }, () => rng.normal());
const y = Array.from({ length: 91 }, () => rng.normal() + 0.2);
Deno.bench("tTest Welch 215 vs 91", () => {
  tTest(x, y);
});

const rows = Array.from({ length: 306 }, (_, i) => {
  const r: Record<string, unknown> = { split: i < 215 ? "train" : "test" };
  for (let k = 0; k < 4; k++) r[`c${k}`] = Math.round(rng.uniform() * 1000) / 10;
  for (let k = 0; k < 14; k++) r[`b${k}`] = rng.uniform() < 0.3 + 0.03 * k ? "+" : "-";
  return r;
});
const specs: Table1VariableSpec[] = [
  ...Array.from({ length: 4 }, (_, k) => ({ name: `c${k}`, kind: "continuous" as const })),
  ...Array.from(
    { length: 14 },
    (_, k) => ({ name: `b${k}`, kind: "categorical" as const, levels: ["-", "+"] }),
  ),
];
Deno.bench("table1 306 rows × 18 variables, rule paper", () => {
  table1(rows, specs, { groupColumn: "split", groups: ["train", "test"] });
});
