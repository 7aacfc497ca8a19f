/**
 * Log-rank test of equal survival in k groups: at each distinct event time, observed minus expected
 * events per group with the hypergeometric variance; statistic (O − E)ᵀ V⁻ (O − E) over the first
 * k − 1 groups, chi-square with k − 1 df.
 *
 * References: Mantel (1966); Peto & Peto (1972) JRSS-A 135:185; R: survival::survdiff(rho = 0).
 */
import chisqCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import { checkSurvival } from "../stats/survival_input.ts";
import { quadFormInv } from "../models/spd.ts";

/** Result of {@link logRankTest}. */
export interface LogRankResult {
  readonly method: "log-rank test (survival::survdiff, rho = 0)";
  readonly levels: readonly string[];
  readonly n: readonly number[];
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/** Log-rank test of `group` (cells compared as text; levels in order of `levels` or first appearance). */
export function logRankTest(
  time: readonly number[],
  status: readonly number[],
  group: readonly (string | number)[],
  options: { levels?: readonly string[] } = {},
): LogRankResult {
  checkSurvival(time, status, "logRankTest");
  const g = group.map(String);
  const levels = (options.levels ?? [...new Set(g)]).filter((l) => g.includes(l));
  const k = levels.length;
  if (k < 2) throw new Error(`logRankTest: need at least 2 groups with data, got ${JSON.stringify(levels)}`);
  const gi = g.map((v) => levels.indexOf(v));
  const order = [...time.keys()].filter((i) => gi[i] >= 0).sort((a, b) => time[a] - time[b]);
  const atRisk = levels.map((_, j) => gi.filter((x) => x === j).length);
  const nGroup = [...atRisk];
  const O = new Array<number>(k).fill(0), E = new Array<number>(k).fill(0);
  const V = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let q = 0;
  while (q < order.length) {
    const t = time[order[q]];
    let m = q;
    const d = new Array<number>(k).fill(0);
    const leave = new Array<number>(k).fill(0);
    while (m < order.length && time[order[m]] === t) {
      const i = order[m];
      if (status[i] === 1) d[gi[i]]++;
      leave[gi[i]]++;
      m++;
    }
    const D = d.reduce((a, b) => a + b, 0);
    const N = atRisk.reduce((a, b) => a + b, 0);
    if (D > 0) {
      for (let a = 0; a < k; a++) {
        O[a] += d[a];
        E[a] += (D * atRisk[a]) / N;
        if (N > 1) {
          const f = (D * (N - D)) / (N * N * (N - 1));
          for (let b = 0; b < k; b++) {
            V[a][b] += f * (a === b ? atRisk[a] * (N - atRisk[a]) : -atRisk[a] * atRisk[b]);
          }
        }
      }
    }
    for (let a = 0; a < k; a++) atRisk[a] -= leave[a];
    q = m;
  }
  const diff = O.slice(0, k - 1).map((o, a) => o - E[a]);
  const Vs = V.slice(0, k - 1).map((r) => r.slice(0, k - 1));
  const stat = quadFormInv(Vs, diff, "log-rank variance");
  return {
    method: "log-rank test (survival::survdiff, rho = 0)",
    levels,
    n: nGroup,
    observed: O,
    expected: E,
    statistic: stat,
    df: k - 1,
    pValue: 1 - chisqCdf(stat, k - 1),
  };
}
