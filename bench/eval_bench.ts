/**
 * Speed of the discrimination/accuracy measures: DeLong on n = 300 and a stratified bootstrap of
 * AUC + Brier (2,000 resamples) on n = 91 (the paper's test-set size). `deno bench -A bench/eval_bench.ts`.
 */
import { createRng } from "../lib/random/rng.ts";
import { delongAuc, delongTest } from "../lib/stats/delong.ts";
import { metricsSummary } from "../lib/eval/metrics_summary.ts";
import { bootstrap } from "../lib/eval/bootstrap.ts";
import { placementValues } from "../lib/stats/auc.ts";
import { decisionCurveBands } from "../lib/eval/dca.ts";

function simulate(seed: number, n: number) {
  const r = createRng(seed);
  const y: number[] = [], p: number[] = [], q: number[] = [];
  for (let i = 0; i < n; i++) {
    const yi = r.uniform() < 0.33 ? 1 : 0;
    y.push(yi);
    p.push(1 / (1 + Math.exp(-(-0.8 + 1.5 * yi + r.normal()))));
    q.push(1 / (1 + Math.exp(-(-0.8 + 1.0 * yi + r.normal()))));
  }
  return { y, p, q };
}

const big = simulate(1, 300);
const test = simulate(2, 91);

Deno.bench("DeLong AUC + variance + CI, n = 300", () => {
  delongAuc(big.y, big.p);
});

Deno.bench("paired DeLong test, n = 300", () => {
  delongTest(big.y, big.p, big.q);
});

Deno.bench("stratified bootstrap of AUC and Brier, B = 2000, n = 91 (percentile)", () => {
  const aucStat = (idx: Int32Array) => {
    const ca: number[] = [], co: number[] = [];
    for (const i of idx) (test.y[i] === 1 ? ca : co).push(test.p[i]);
    return placementValues(ca, co).auc;
  };
  const brierStat = (idx: Int32Array) => {
    let s = 0;
    for (const i of idx) s += (test.p[i] - test.y[i]) ** 2;
    return s / idx.length;
  };
  bootstrap(test.y, aucStat, createRng(20250411), { B: 2000, bca: false });
  bootstrap(test.y, brierStat, createRng(20250411), { B: 2000, bca: false });
});

Deno.bench("metricsSummary (DeLong + 3 bootstraps, B = 2000, BCa), n = 91", () => {
  metricsSummary(test.y, test.p, { B: 2000, ciType: "bca" });
});

Deno.bench("decision curve bands, 99 thresholds, B = 2000, n = 91", () => {
  decisionCurveBands(test.y, test.p, createRng(1), { B: 2000 });
});
