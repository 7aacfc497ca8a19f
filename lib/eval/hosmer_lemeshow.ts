/**
 * Hosmer–Lemeshow goodness-of-fit test with the grouping stated exactly.
 *
 * Grouping (ResourceSelection::hoslem.test):
 *   1. probabilities for the breaks: probsₖ = k · (1/g), k = 0..g, computed as R's seq(0, 1, 1/g)
 *      does (so 3 · 0.1 = 0.30000000000000004), the last one capped at 1;
 *   2. breaks = unique(quantile(p̂, probs, type = 7)): tied quantiles (many equal p̂) are merged, so
 *      fewer than g groups may form;
 *   3. groups = cut(p̂, breaks, include.lowest = TRUE): right-closed intervals (bₖ₋₁, bₖ], the first
 *      one closed [b₀, b₁];
 *   4. empty intervals (possible only with interpolated breaks) are dropped and not counted as formed.
 * Statistic C = Σ_groups (O₁ − E₁)²/E₁ + (O₀ − E₀)²/E₀, O₁ = events, E₁ = Σ p̂, O₀ = non-events,
 * E₀ = n_group − E₁ (equivalently Σ (O₁ − E₁)² / (E₁ (1 − E₁/n_group))).
 * Degrees of freedom: "groups_formed_minus_2" (default here: df = groups actually formed − 2, the
 * honest count when ties merge groups) or "g_minus_2" (df = g − 2 whatever was formed, hoslem.test's
 * rule). p = upper chi-square tail.
 * Reference: Hosmer DW, Lemeshow S, Sturdivant RX. Applied Logistic Regression, 3rd ed. (2013), §5.2.2;
 * R: ResourceSelection::hoslem.test.
 */
import { quantileSorted } from "../stats/quantile.ts";
import { chisqUpper } from "../stats/distributions.ts";
import { checkBinary, checkProbabilities } from "../stats/binary_input.ts";

/** Options of {@link hosmerLemeshow}. */
export interface HosmerLemeshowOptions {
  /** Requested number of quantile groups g (default 10). */
  readonly g?: number;
  /** Degrees-of-freedom rule (default "groups_formed_minus_2"). */
  readonly dfRule?: "groups_formed_minus_2" | "g_minus_2";
  /** Probabilities for the quantile breaks (default R's seq(0, 1, 1/g)). */
  readonly probs?: readonly number[];
}

/** One group of the Hosmer–Lemeshow table. */
export interface HLGroup {
  /** Interval of p̂ as text, e.g. "(0.0276, 0.0435]". */
  readonly interval: string;
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
  readonly observed1: number;
  readonly expected1: number;
  readonly observed0: number;
  readonly expected0: number;
  /** Mean predicted probability of the group. */
  readonly meanPredicted: number;
  /** Observed event proportion of the group. */
  readonly observedRate: number;
}

/** Result of {@link hosmerLemeshow}. */
export interface HosmerLemeshowResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly g: number;
  readonly groupsFormed: number;
  readonly breaks: readonly number[];
  readonly groups: readonly HLGroup[];
  readonly dfRule: "groups_formed_minus_2" | "g_minus_2";
  /** One-line statement of the method for table footnotes. */
  readonly method: string;
}

/** R's seq(0, 1, 1/g): k · (1/g), last capped at 1. */
export function hlProbs(g: number): number[] {
  const by = 1 / g;
  return Array.from({ length: g + 1 }, (_, k) => Math.min(k * by, 1));
}

/** Index of the group of value v in cut(·, breaks, include.lowest = TRUE, right = TRUE), or −1. */
export function cutIndex(v: number, breaks: readonly number[]): number {
  const m = breaks.length - 1;
  if (v < breaks[0] || v > breaks[m]) return -1;
  if (v === breaks[0]) return 0;
  let lo = 0;
  let hi = m; // find smallest k ≥ 1 with v <= breaks[k]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (v <= breaks[mid]) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

/** Hosmer–Lemeshow test of predicted probabilities `p` against 0/1 outcomes `y` (see module doc). */
export function hosmerLemeshow(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  options: HosmerLemeshowOptions = {},
): HosmerLemeshowResult {
  checkBinary("hosmerLemeshow", y);
  checkProbabilities("hosmerLemeshow", "p", p, y.length);
  const g = options.g ?? 10;
  if (!Number.isInteger(g) || g < 3) {
    throw new Error(`hosmerLemeshow: option "g": expected an integer >= 3, got ${g}`);
  }
  const dfRule = options.dfRule ?? "groups_formed_minus_2";
  if (dfRule !== "g_minus_2" && dfRule !== "groups_formed_minus_2") {
    throw new Error(
      `hosmerLemeshow: option "dfRule": expected "g_minus_2" or "groups_formed_minus_2", got ${
        JSON.stringify(dfRule)
      }`,
    );
  }
  const probs = options.probs ?? hlProbs(g);
  const sorted = Array.from(p).sort((a, b) => a - b);
  const q = probs.map((pr) => quantileSorted(sorted, pr));
  const breaks: number[] = [];
  for (const b of q) if (!breaks.includes(b)) breaks.push(b); // R unique(): first occurrence, order kept
  if (breaks.length < 2) {
    throw new Error(
      `hosmerLemeshow: all predicted probabilities are equal (${breaks[0]}); no groups can be formed`,
    );
  }
  const m = breaks.length - 1;
  const n = new Array<number>(m).fill(0);
  const o1 = new Array<number>(m).fill(0);
  const e1 = new Array<number>(m).fill(0);
  for (let i = 0; i < y.length; i++) {
    const k = cutIndex(p[i], breaks);
    n[k]++;
    o1[k] += y[i];
    e1[k] += p[i];
  }
  const groups: HLGroup[] = [];
  let stat = 0;
  for (let k = 0; k < m; k++) {
    if (n[k] === 0) continue;
    const e0 = n[k] - e1[k];
    const o0 = n[k] - o1[k];
    stat += (o1[k] - e1[k]) ** 2 / e1[k] + (o0 - e0) ** 2 / e0;
    groups.push({
      interval: `${k === 0 ? "[" : "("}${fmt(breaks[k])}, ${fmt(breaks[k + 1])}]`,
      lower: breaks[k],
      upper: breaks[k + 1],
      n: n[k],
      observed1: o1[k],
      expected1: e1[k],
      observed0: o0,
      expected0: e0,
      meanPredicted: e1[k] / n[k],
      observedRate: o1[k] / n[k],
    });
  }
  const groupsFormed = groups.length;
  const df = dfRule === "g_minus_2" ? g - 2 : groupsFormed - 2;
  const pValue = df > 0 ? chisqUpper(stat, df) : NaN;
  const method =
    `Hosmer–Lemeshow: ${g} groups requested at type-7 quantiles of predicted risk, tied breaks merged, ` +
    `right-closed intervals (lowest included); ${groupsFormed} groups formed; df = ${
      dfRule === "g_minus_2" ? "g − 2" : "groups formed − 2"
    } = ${df}`;
  return { statistic: stat, df, pValue, g, groupsFormed, breaks, groups, dfRule, method };
}
