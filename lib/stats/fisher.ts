/**
 * Fisher's exact test of independence on a contingency table, as R's `stats::fisher.test`.
 *
 * 2 × 2 table [[a, b], [c, d]]: with the margins fixed, X = a follows Fisher's noncentral
 * hypergeometric distribution P(X = x | ψ) ∝ C(m, x) C(n, k − x) ψˣ on x = lo..hi
 * (m, n: column totals, k: first row total, lo = max(0, k − n), hi = min(k, m)).
 * - p: "less" P(X ≤ a | ψ₀), "greater" P(X ≥ a | ψ₀), "two.sided" Σ P(x | ψ₀) over x with
 *   P(x | ψ₀) ≤ P(a | ψ₀)(1 + 1e−7) (R's relative tolerance for ties); ψ₀ = `or` (default 1).
 * - estimate: conditional maximum-likelihood odds ratio, the root ψ̂ of E[X | ψ] = a (0 when a = lo, ∞ when a = hi).
 * - confInt: exact conditional interval; two-sided: lower ψ with P(X ≥ a | ψ) = α/2 (0 when a = lo),
 *   upper ψ with P(X ≤ a | ψ) = α/2 (∞ when a = hi); one-sided intervals use α. The equations are solved
 *   on log ψ by bisection to ~1e−15 (R's `uniroot` stops at ~1e−4, so R's printed values differ in the
 *   4th–5th digit).
 *
 * r × c table: p = Σ of the multivariate hypergeometric probabilities
 * P(T) = Π rᵢ! Π cⱼ! / (N! Π tᵢⱼ!) of all tables T with the observed margins and
 * P(T) ≤ P(observed)(1 + 1e−7) (two-sided only). Tables are enumerated column by column, the state being
 * the remaining row margins (the shorter dimension is made the rows). A node of this network is pruned
 * when all its completions are known to count (the most probable completion is at or below the threshold:
 * the node's whole mass N'!/(Π rᵢ'! Π cⱼ'!) is added in closed form) or none can (the least probable one is
 * above it), with exact bounds for two-row tables and valid relaxations otherwise (Mehta & Patel's network
 * idea without their past-path hashing), the last columns being handled by exact sorted lists
 * (meet in the middle, see `fisherRxCPValue`). Fast for the Table 1 case, 2 groups × k levels
 * (2 × 6 with N ≈ 360 in about a second).
 *
 * References: Fisher, R. A. (1935) JRSS 98, 39–82; Agresti (2002) Categorical Data Analysis, 3.5;
 * Mehta, C. R. & Patel, N. R. (1983) JASA 78, 427–434; R: `fisher.test` (2 × 2 code, FEXACT).
 */
import { logDhyper, logFactorials } from "./distributions.ts";
import { margins } from "./chisq.ts";
import { type Alternative, checkAlternative, countMatrix, StatsInputError } from "./validate.ts";
import { checkBoolean, checkKnownOptions, checkOpenUnit, optionError } from "../io/options.ts";

/** Options of {@link fisherTest}. */
export interface FisherOptions {
  /** Alternative hypothesis, 2 × 2 only; r × c tables are two-sided (default "two.sided"). */
  alternative?: Alternative;
  /** Confidence level of the odds-ratio interval (default 0.95). */
  confLevel?: number;
  /** Compute the odds-ratio interval, 2 × 2 only (default true). */
  confInt?: boolean;
  /** Hypothesised odds ratio ψ₀, 2 × 2 only (default 1). */
  or?: number;
  /** Work limit of the r × c enumeration in network nodes (default 5e7): beyond it the function throws. */
  maxNodes?: number;
}

/** Result of {@link fisherTest}. */
export interface FisherResult {
  readonly method: string;
  readonly pValue: number;
  /** Conditional MLE of the odds ratio (2 × 2 only, else null). */
  readonly estimate: number | null;
  /** Exact conditional confidence interval of the odds ratio (2 × 2 with `confInt`, else null). */
  readonly confInt: readonly [number, number] | null;
  readonly observed: readonly (readonly number[])[];
  /** Expected counts under independence rᵢcⱼ/N. */
  readonly expected: readonly (readonly number[])[];
  readonly alternative: Alternative;
  readonly confLevel: number;
  readonly nullOddsRatio: number;
  /** r × c: network nodes visited (a measure of the work done); 2 × 2: support size. */
  readonly work: number;
}

const KNOWN = ["alternative", "confLevel", "confInt", "or", "maxNodes"] as const;
const REL_ERR = 1 + 1e-7;

/** Fisher's exact test (see the module documentation). R: `fisher.test(x, alternative, conf.level, or)`. */
export function fisherTest(
  counts: readonly (readonly number[])[],
  options: FisherOptions = {},
): FisherResult {
  const fn = "fisherTest";
  checkKnownOptions(fn, options, KNOWN);
  const alternative = checkAlternative(fn, options.alternative ?? "two.sided");
  const confLevel = checkOpenUnit(fn, "confLevel", options.confLevel ?? 0.95);
  const wantCi = checkBoolean(fn, "confInt", options.confInt ?? true);
  const or = options.or ?? 1;
  if (typeof or !== "number" || !(or >= 0) || Number.isNaN(or)) {
    optionError(fn, "or", "a number >= 0 (may be Infinity)", or);
  }
  const maxNodes = options.maxNodes ?? 5e7;
  if (typeof maxNodes !== "number" || !(maxNodes >= 1)) {
    optionError(fn, "maxNodes", "a number >= 1", maxNodes);
  }
  const x = countMatrix(fn, counts, true);
  const nr = x.length, nc = x[0].length;
  if (nr < 2 || nc < 2) {
    throw new StatsInputError(`${fn}: need at least 2 rows and 2 columns, got ${nr} × ${nc}`);
  }
  const { rows, cols, n } = margins(x);
  if (n === 0) throw new StatsInputError(`${fn}: the table is empty (all counts 0)`);
  const expected = rows.map((r) => cols.map((c) => (r * c) / n));
  if (nr === 2 && nc === 2) {
    const r = fisher2x2(x, alternative, confLevel, wantCi, or);
    return { ...r, observed: x, expected, alternative, confLevel, nullOddsRatio: or };
  }
  if (alternative !== "two.sided") {
    optionError(fn, "alternative", `"two.sided" for a ${nr} × ${nc} table`, alternative);
  }
  if (options.or !== undefined && or !== 1) {
    optionError(fn, "or", `1 for a ${nr} × ${nc} table (odds ratio defined for 2 × 2 only)`, or);
  }
  const { p, nodes } = fisherRxCPValue(x, maxNodes);
  return {
    method: "Fisher's Exact Test for Count Data",
    pValue: p,
    estimate: null,
    confInt: null,
    observed: x,
    expected,
    alternative,
    confLevel,
    nullOddsRatio: or,
    work: nodes,
  };
}

// ---------------------------------------------------------------------------------------------
// 2 × 2

/** Fisher's noncentral hypergeometric distribution of X11 given the margins of a 2 × 2 table. */
class NoncentralHypergeometric {
  readonly lo: number;
  readonly hi: number;
  readonly support: number[];
  readonly logdc: number[];
  constructor(readonly m: number, readonly n: number, readonly k: number) {
    this.lo = Math.max(0, k - n);
    this.hi = Math.min(k, m);
    this.support = [];
    this.logdc = [];
    for (let s = this.lo; s <= this.hi; s++) {
      this.support.push(s);
      this.logdc.push(logDhyper(s, m, n, k));
    }
  }
  /** Probabilities at log odds ratio θ (finite). */
  density(theta: number): number[] {
    const d = this.logdc.map((l, i) => l + theta * this.support[i]);
    const mx = Math.max(...d);
    const e = d.map((v) => Math.exp(v - mx));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  }
  /** E[X | θ]. */
  mean(theta: number): number {
    const d = this.density(theta);
    let s = 0;
    for (let i = 0; i < d.length; i++) s += this.support[i] * d[i];
    return s;
  }
  /** P(X ≤ q | θ) or, with upper, P(X ≥ q | θ). */
  tail(q: number, theta: number, upper: boolean): number {
    const d = this.density(theta);
    let s = 0;
    for (let i = 0; i < d.length; i++) if (upper ? this.support[i] >= q : this.support[i] <= q) s += d[i];
    return s;
  }
  /** Tail at odds ratio ψ ∈ [0, ∞]. */
  tailAtPsi(q: number, psi: number, upper: boolean): number {
    if (psi === 0) return upper ? Number(q <= this.lo) : Number(q >= this.lo);
    if (psi === Infinity) return upper ? Number(q <= this.hi) : Number(q >= this.hi);
    return this.tail(q, Math.log(psi), upper);
  }
}

/**
 * Root in θ = log ψ of an increasing function f(θ) − target, by bracketing then bisection to
 * |Δθ| ≤ 1e−15·max(1, |θ|).
 */
function solveIncreasing(f: (theta: number) => number, target: number): number {
  let a = -1, b = 1;
  let k = 0;
  while (f(a) > target && k++ < 200) a *= 2;
  k = 0;
  while (f(b) < target && k++ < 200) b *= 2;
  for (let it = 0; it < 400; it++) {
    const mid = 0.5 * (a + b);
    if (b - a <= 1e-15 * Math.max(1, Math.abs(mid)) || mid === a || mid === b) break;
    if (f(mid) < target) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}

function fisher2x2(x: number[][], alternative: Alternative, confLevel: number, wantCi: boolean, or: number) {
  const m = x[0][0] + x[1][0];
  const n = x[0][1] + x[1][1];
  const k = x[0][0] + x[0][1];
  const a = x[0][0];
  const h = new NoncentralHypergeometric(m, n, k);
  const { lo, hi } = h;

  let pValue: number;
  if (alternative === "less") pValue = h.tailAtPsi(a, or, false);
  else if (alternative === "greater") pValue = h.tailAtPsi(a, or, true);
  else if (or === 0) pValue = Number(a === lo);
  else if (or === Infinity) pValue = Number(a === hi);
  else {
    const d = h.density(Math.log(or));
    const dObs = d[a - lo] * REL_ERR;
    pValue = 0;
    for (const v of d) if (v <= dObs) pValue += v;
  }
  pValue = Math.min(1, pValue);

  // Conditional MLE: E[X | ψ] = a.
  const estimate = a === lo ? 0 : a === hi ? Infinity : Math.exp(solveIncreasing((t) => h.mean(t), a));

  // Exact conditional limits.
  const lower = (
    alpha: number,
  ) => (a === lo ? 0 : Math.exp(solveIncreasing((t) => h.tail(a, t, true), alpha)));
  const upper = (
    alpha: number,
  ) => (a === hi ? Infinity : Math.exp(solveIncreasing((t) => -h.tail(a, t, false), -alpha)));
  let confInt: [number, number] | null = null;
  if (wantCi) {
    if (alternative === "less") confInt = [0, upper(1 - confLevel)];
    else if (alternative === "greater") confInt = [lower(1 - confLevel), Infinity];
    else {
      const alpha = (1 - confLevel) / 2;
      confInt = [lower(alpha), upper(alpha)];
    }
  }
  return {
    method: "Fisher's Exact Test for Count Data",
    pValue,
    estimate,
    confInt,
    work: h.support.length,
  };
}

// ---------------------------------------------------------------------------------------------
// r × c

/**
 * Two-sided exact p-value of an r × c table (see the module documentation).
 *
 * Algorithm: columns sorted by decreasing total; the last columns form a "tail" whose every
 * assignment is listed once, grouped by its row sums (key) and sorted by value −Σ log x! with prefix
 * sums of exp(value) (the tail's size is Π C(cⱼ + r − 1, r − 1) ≤ `tailCap`, default 2e5). The head
 * columns are enumerated depth-first; a head node whose completions all count (most probable completion
 * ≤ threshold) adds its closed-form mass, one whose completions cannot count (least probable > threshold)
 * is skipped; a path reaching the tail adds exp(konst + head)·Σ{exp(w): w ≤ thr − konst − head} by binary
 * search in the list of its remaining row margins. Exact (no approximation); `tailCap = 1` gives the pure
 * pruned network. Returns the p-value and the work done (head nodes + listed tail assignments); throws
 * when more than `maxNodes` head nodes are needed.
 */
export function fisherRxCPValue(
  counts: readonly (readonly number[])[],
  maxNodes = 5e7,
  tailCap = 2e5,
): { p: number; nodes: number } {
  let x = countMatrix("fisherRxCPValue", counts, true);
  if (x.length > x[0].length) x = x[0].map((_, j) => x.map((r) => r[j])); // rows = shorter dimension
  // Drop empty rows/columns: they do not change the distribution.
  x = x.filter((r) => r.some((v) => v > 0));
  const keepCols = x[0].map((_, j) => x.some((r) => r[j] > 0));
  x = x.map((r) => r.filter((_, j) => keepCols[j]));
  const nr = x.length, nc = x[0]?.length ?? 0;
  if (nr < 2 || nc < 2) return { p: 1, nodes: 0 };
  const { rows, cols, n } = margins(x);
  // Larger columns first: their splits are decided early, where pruning pays most; small ones in the tail.
  const order = cols.map((_, j) => j).sort((a, b) => cols[b] - cols[a]);
  const c = order.map((j) => cols[j]);
  const lf = logFactorials(n);
  let konst = -lf[n];
  for (const r of rows) konst += lf[r];
  for (const v of c) konst += lf[v];
  let obsLog = konst;
  for (const r of x) for (const v of r) obsLog -= lf[v];
  const thr = obsLog + Math.log(REL_ERR);
  // suffix sums of column totals and of their log factorials
  const cSuffix = new Array<number>(nc + 1).fill(0);
  const lfcSuffix = new Array<number>(nc + 1).fill(0);
  for (let j = nc - 1; j >= 0; j--) {
    cSuffix[j] = cSuffix[j + 1] + c[j];
    lfcSuffix[j] = lfcSuffix[j + 1] + lf[c[j]];
  }

  // ---- tail: columns m..nc−1 listed exhaustively
  const compositions = (t: number) => Math.exp(lf[t + nr - 1] - lf[t] - lf[nr - 1]);
  let m = nc - 1;
  let size = compositions(c[nc - 1]);
  while (m > 0 && size * compositions(c[m - 1]) <= tailCap) size *= compositions(c[--m]);
  // key of a row-sum vector: mixed radix with digit i in 0..rows[i] (text when that could exceed 2^53)
  const radix = rows.map((r) => r + 1);
  const safe = radix.reduce((a, b) => a * b, 1) < Number.MAX_SAFE_INTEGER;
  const keyOf = (v: readonly number[]): number | string => {
    if (!safe) return v.join(",");
    let k = 0;
    for (let i = 0; i < nr; i++) k = k * radix[i] + v[i];
    return k;
  };
  const groups = new Map<number | string, number[]>();
  const sums = new Array<number>(nr).fill(0);
  const listTail = (j: number, val: number): void => {
    if (j === nc) {
      const key = keyOf(sums);
      const g = groups.get(key);
      if (g) g.push(val);
      else groups.set(key, [val]);
      return;
    }
    const split = (i: number, left: number, v: number): void => {
      if (i === nr - 1) {
        if (left > rows[i]) return;
        sums[i] += left;
        listTail(j + 1, v - lf[left]);
        sums[i] -= left;
        return;
      }
      for (let a = 0; a <= Math.min(left, rows[i]); a++) {
        sums[i] += a;
        split(i + 1, left - a, v - lf[a]);
        sums[i] -= a;
      }
    };
    split(0, c[j], val);
  };
  listTail(m, 0);
  const tail = new Map<number | string, { vals: Float64Array; pre: Float64Array; off: number }>();
  let listed = 0;
  for (const [key, g] of groups) {
    const vals = Float64Array.from(g).sort();
    const off = vals[vals.length - 1];
    const pre = new Float64Array(vals.length);
    let acc = 0;
    for (let i = 0; i < vals.length; i++) pre[i] = acc += Math.exp(vals[i] - off);
    tail.set(key, { vals, pre, off });
    listed += vals.length;
  }
  groups.clear();

  // ---- head: pruned depth-first enumeration of columns 0..m−1
  const boundCache = new Map<string, [number, number, number]>();
  /** [log total mass, upper bound of max, lower bound of min] of −Σ log x! over completions from column j. */
  const bounds = (j: number, rem: number[]): [number, number, number] => {
    const key = j + ":" + rem.join(",");
    const hit = boundCache.get(key);
    if (hit) return hit;
    let logMass = lf[cSuffix[j]] - lfcSuffix[j];
    for (const r of rem) logMass -= lf[r];
    let maxB: number, minB: number;
    if (nr === 2) [maxB, minB] = twoRowExtremes(c.slice(j), rem[0], lf);
    else [maxB, minB] = relaxedExtremes(c.slice(j), rem, lf);
    const out: [number, number, number] = [logMass, maxB, minB];
    boundCache.set(key, out);
    return out;
  };
  let p = 0;
  let nodes = 0;
  const visit = (j: number, rem: number[], partial: number): void => {
    if (++nodes > maxNodes) {
      throw new StatsInputError(
        `fisherTest: r × c enumeration exceeded maxNodes = ${maxNodes} (table ${nr} × ${nc}, N = ${n}); raise the option "maxNodes" or use a chi-square test`,
      );
    }
    if (j === m) {
      const t = tail.get(keyOf(rem));
      if (!t) return;
      const limit = thr - konst - partial;
      let lo = 0, hi = t.vals.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (t.vals[mid] <= limit) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) p += Math.exp(konst + partial + t.off) * t.pre[lo - 1];
      return;
    }
    const [logMass, maxB, minB] = bounds(j, rem);
    if (konst + partial + maxB <= thr) {
      p += Math.exp(konst + partial + logMass);
      return;
    }
    if (konst + partial + minB > thr) return;
    const remSuffix = new Array<number>(nr + 1).fill(0);
    for (let i = nr - 1; i >= 0; i--) remSuffix[i] = remSuffix[i + 1] + rem[i];
    const next = rem.slice();
    const fill = (i: number, left: number, part: number): void => {
      if (i === nr - 1) {
        next[i] = rem[i] - left;
        visit(j + 1, next.slice(), part - lf[left]);
        return;
      }
      const from = Math.max(0, left - remSuffix[i + 1]);
      const to = Math.min(rem[i], left);
      for (let v = from; v <= to; v++) {
        next[i] = rem[i] - v;
        fill(i + 1, left - v, part - lf[v]);
      }
    };
    fill(0, c[j], partial);
  };
  visit(0, rows.slice(), 0);
  return { p: Math.min(1, p), nodes: nodes + listed };
}

/**
 * Two-row tables: exact max and min over a₁..a_k (Σa = R, 0 ≤ aⱼ ≤ cⱼ) of
 * g(a) = −Σⱼ [log aⱼ! + log (cⱼ − aⱼ)!]. g is separable concave: the max comes from greedy marginal
 * allocation; the min lies at a vertex (all but one aⱼ at a bound), enumerated when k ≤ 14
 * (otherwise the valid relaxation Σ −log cⱼ! is used).
 */
function twoRowExtremes(c: readonly number[], R: number, lf: Float64Array): [number, number] {
  const k = c.length;
  const g = (j: number, v: number) => -(lf[v] + lf[c[j] - v]);
  // max: greedy
  const a = new Array<number>(k).fill(0);
  let left = R;
  while (left > 0) {
    let best = -1, bestGain = -Infinity;
    for (let j = 0; j < k; j++) {
      if (a[j] < c[j]) {
        const gain = Math.log((c[j] - a[j]) / (a[j] + 1));
        if (gain > bestGain) {
          bestGain = gain;
          best = j;
        }
      }
    }
    a[best]++;
    left--;
  }
  let maxV = 0;
  for (let j = 0; j < k; j++) maxV += g(j, a[j]);
  // min: vertices
  let minV = Infinity;
  if (k <= 14) {
    for (let f = 0; f < k; f++) {
      const others = [...Array(k).keys()].filter((j) => j !== f);
      const combos = 1 << others.length;
      for (let mask = 0; mask < combos; mask++) {
        let s = 0;
        let val = 0;
        for (let b = 0; b < others.length; b++) {
          const j = others[b];
          if (mask & (1 << b)) s += c[j];
          val += -lf[c[j]]; // aⱼ ∈ {0, cⱼ}: g = −log cⱼ!
        }
        const af = R - s;
        if (af < 0 || af > c[f]) continue;
        val += g(f, af);
        if (val < minV) minV = val;
      }
    }
  } else {
    minV = 0;
    for (let j = 0; j < k; j++) minV -= lf[c[j]];
  }
  return [maxV, minV];
}

/**
 * r ≥ 3 rows: valid bounds of max and min over completions of −Σ log xᵢⱼ!, from two relaxations
 * (keep only the column sums with cells capped by the remaining row margins, or only the row sums with
 * cells capped by the column totals); the tighter of the two is used.
 * Per line, the max of the concave −Σ log aᵢ! spreads the total as evenly as the caps allow (greedy);
 * the min lies at a vertex of {Σ aᵢ = t, 0 ≤ aᵢ ≤ capᵢ} (all but one aᵢ at a bound), enumerated.
 */
function relaxedExtremes(c: readonly number[], rem: readonly number[], lf: Float64Array): [number, number] {
  let maxCols = 0, minCols = 0, maxRows = 0, minRows = 0;
  for (const cj of c) {
    maxCols += spreadMax(rem, cj, lf);
    minCols += vertexMin(rem, cj, lf);
  }
  for (const ri of rem) {
    maxRows += spreadMax(c, ri, lf);
    minRows += vertexMin(c, ri, lf);
  }
  return [Math.min(maxCols, maxRows), Math.max(minCols, minRows)];
}

/** max of −Σ log aᵢ! over Σ aᵢ = total, 0 ≤ aᵢ ≤ capᵢ (greedy: always raise the smallest feasible aᵢ). */
function spreadMax(cap: readonly number[], total: number, lf: Float64Array): number {
  const a = new Array<number>(cap.length).fill(0);
  for (let left = total; left > 0; left--) {
    let best = -1;
    for (let i = 0; i < cap.length; i++) if (a[i] < cap[i] && (best < 0 || a[i] < a[best])) best = i;
    a[best]++;
  }
  let v = 0;
  for (const x of a) v -= lf[x];
  return v;
}

/** min of −Σ log aᵢ! over Σ aᵢ = total, 0 ≤ aᵢ ≤ capᵢ, by enumerating vertices (≤ 12 cells; else −log total!). */
function vertexMin(cap: readonly number[], total: number, lf: Float64Array): number {
  const k = cap.length;
  if (k > 12) return -lf[total];
  let best = Infinity;
  for (let f = 0; f < k; f++) {
    for (let mask = 0; mask < 1 << k; mask++) {
      if (mask & (1 << f)) continue;
      let s = 0, v = 0;
      for (let i = 0; i < k; i++) {
        if (mask & (1 << i)) {
          s += cap[i];
          v -= lf[cap[i]];
        }
      }
      const af = total - s;
      if (af < 0 || af > cap[f]) continue;
      v -= lf[af];
      if (v < best) best = v;
    }
  }
  return best;
}
