import { assert, assertClose, assertEquals, assertNotEquals, assertThrows } from "../assert.ts";
import { bootstrap, bootstrapLabel } from "../../lib/eval/bootstrap.ts";
import { quantileSorted } from "../../lib/stats/quantile.ts";
import { placementValues } from "../../lib/stats/auc.ts";
import { createRng } from "../../lib/random/rng.ts";

const y = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
const p = [0.9, 0.7, 0.4, 0.65, 0.2, 0.5, 0.1, 0.3, 0.35, 0.05, 0.6, 0.15];
const brierStat = (idx: Int32Array) => {
  let s = 0;
  for (const i of idx) s += (p[i] - y[i]) ** 2;
  return s / idx.length;
};
const aucStat = (idx: Int32Array) => {
  const ca: number[] = [], co: number[] = [];
  for (const i of idx) (y[i] === 1 ? ca : co).push(p[i]);
  return ca.length && co.length ? placementValues(ca, co).auc : NaN;
};

Deno.test("quantileSorted matches R quantile(c(1, 2, 3, 4, 10), c(0, .3, 1)) = 1, 2.2, 10", () => {
  assertClose([0, 0.3, 1].map((q) => quantileSorted([1, 2, 3, 4, 10], q)), [1, 2.2, 10], { abs: 1e-15 });
});

Deno.test("bootstrap: same seed gives identical replicates and intervals", () => {
  const a = bootstrap(y, brierStat, createRng(20250411), { B: 300 });
  const b = bootstrap(y, brierStat, createRng(20250411), { B: 300 });
  assertEquals(Array.from(a.replicates), Array.from(b.replicates));
  assertEquals([a.percentile, a.bca], [b.percentile, b.bca]);
});

Deno.test("bootstrap: a different seed gives a different interval", () => {
  const a = bootstrap(y, brierStat, createRng(1), { B: 300 });
  const b = bootstrap(y, brierStat, createRng(2), { B: 300 });
  assertNotEquals([a.percentile.lower, a.percentile.upper], [b.percentile.lower, b.percentile.upper]);
});

Deno.test("stratified resamples keep the class counts, so every resample has both classes", () => {
  const r = bootstrap(y, (idx) => idx.reduce((s, i) => s + y[i], 0), createRng(3), { B: 200, bca: false });
  assert(r.replicates.every((v) => v === 4), "every resample has the 4 events");
  const ra = bootstrap(y, aucStat, createRng(3), { B: 200 });
  assertEquals(ra.nInvalid, 0);
});

Deno.test("unstratified resamples with one class give NaN statistics that are counted and excluded, not averaged", () => {
  const yy = [1, 0, 0, 0, 0];
  const pp = [0.9, 0.1, 0.2, 0.3, 0.4];
  const stat = (idx: Int32Array) => {
    const ca: number[] = [], co: number[] = [];
    for (const i of idx) (yy[i] === 1 ? ca : co).push(pp[i]);
    return ca.length && co.length ? placementValues(ca, co).auc : NaN;
  };
  const r = bootstrap(yy, stat, createRng(5), { B: 400, stratified: false, bca: false });
  // P(no case among 5 draws) = (4/5)^5 ≈ 0.33
  assert(r.nInvalid > 80 && r.nInvalid < 200, `nInvalid ${r.nInvalid}`);
  assertEquals(r.nValid + r.nInvalid, 400);
  assertEquals(r.replicates.filter((v) => Number.isNaN(v)).length, r.nInvalid);
  assert(
    r.warnings.some((w) => w.includes(`${r.nInvalid} of 400 resamples gave no value`)),
    r.warnings.join("; "),
  );
  assert(r.percentile.lower !== null && !Number.isNaN(r.percentile.lower), "interval from valid replicates");
  assert(r.percentile.method.startsWith("95% CI, bootstrap, 400 resamples"), r.percentile.method);
});

Deno.test("BCa equals the percentile interval when the bootstrap distribution is symmetric and unbiased (within 0.1 SE)", () => {
  // symmetric data (±1 … ±40), statistic = mean: jackknife acceleration is exactly 0, z0 ≈ 0
  const x = Array.from({ length: 80 }, (_, i) => (i < 40 ? i + 1 : -(i - 39)));
  const mean = (idx: Int32Array) => idx.reduce((s, i) => s + x[i], 0) / idx.length;
  const r = bootstrap(new Array(80).fill(0), mean, createRng(11), { B: 4000 });
  assertClose(r.bca!.acceleration!, 0, { abs: 1e-12 }, "acceleration");
  assert(Math.abs(r.bca!.z0!) < 0.1, `z0 ${r.bca!.z0}`);
  const tol = { abs: 0.1 * r.se! };
  assertClose(r.bca!.lower!, r.percentile.lower!, tol, "lower");
  assertClose(r.bca!.upper!, r.percentile.upper!, tol, "upper");
});

Deno.test("BCa moves the interval towards the tail for a skewed statistic (positive acceleration)", () => {
  const x = Array.from({ length: 60 }, (_, i) => Math.exp(i / 12));
  const mean = (idx: Int32Array) => idx.reduce((s, i) => s + x[i], 0) / idx.length;
  const r = bootstrap(new Array(60).fill(0), mean, createRng(4), { B: 2000 });
  assert(r.bca!.acceleration! > 0, `a = ${r.bca!.acceleration}`);
  assert(r.bca!.upper! > r.percentile.upper!, "BCa upper limit beyond the percentile one");
});

Deno.test("bootstrap labels state level, resampling, B, type and seed", () => {
  assertEquals(
    bootstrapLabel({ confLevel: 0.95, B: 2000, type: "percentile", seed: 20250411, stratified: true }),
    "95% CI, stratified bootstrap, 2,000 resamples, percentile, seed 20250411",
  );
  const r = bootstrap(y, brierStat, createRng(9), { B: 50, seedLabel: 20250411 });
  assertEquals(r.bca!.method, "95% CI, stratified bootstrap, 50 resamples, BCa, seed 20250411");
});

Deno.test("bootstrap calls onProgress up to (B, B) and validates B", () => {
  const calls: number[] = [];
  bootstrap(y, brierStat, createRng(1), { B: 250, bca: false, onProgress: (d, t) => calls.push(d / t) });
  assertEquals(calls[calls.length - 1], 1);
  assert(calls.length >= 100, `${calls.length} progress calls`);
  assertThrows(
    () => bootstrap(y, brierStat, createRng(1), { B: 0 }),
    'option "B": must be an integer >= 1, got 0',
  );
});

Deno.test("bootstrap of a statistic undefined on the sample reports it and gives null intervals", () => {
  const r = bootstrap([0, 0, 0], () => NaN, createRng(1), { B: 20 });
  assertEquals([r.percentile.lower, r.percentile.upper, r.nValid], [null, null, 0]);
  assert(r.warnings[0].includes("undefined (NaN) on the original sample"), r.warnings[0]);
});

Deno.test("BCa limits match an independent NumPy/SciPy computation from the same replicates (rel 1e-10)", () => {
  // x = exp(i/8), i = 0..29; statistic = mean; seed 4, B = 1000. Reference: numpy jackknife acceleration,
  // scipy.stats.norm for z0 and the adjusted levels, numpy.quantile (linear = R type 7) of the replicates.
  const x = Array.from({ length: 30 }, (_, i) => Math.exp(i / 8));
  const mean = (idx: Int32Array) => idx.reduce((s, i) => s + x[i], 0) / idx.length;
  const r = bootstrap(new Array(30).fill(0), mean, createRng(4), { B: 1000 });
  const tol = { rel: 1e-10 };
  assertClose(r.bca!.z0!, 0.04764395595447656, tol, "z0");
  assertClose(r.bca!.acceleration!, 0.036285094868976187, tol, "a");
  assertClose([r.bca!.lower!, r.bca!.upper!], [7.301858882648518, 14.838196427784467], tol, "BCa limits");
});
