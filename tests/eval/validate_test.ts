/**
 * validate / calibrate (lib/eval/validate.ts, calibrate.ts), the recipes and GiniMd. Reference values:
 * the R cases of ../shared/fixtures/validation (when present) and the held-out cases made by
 * tests/fixtures/validation_heldout/make_cases.R (our synthetic data), each under its stated tolerance
 * (iterative fits: rel 1e-6, abs 1e-9).
 */
import { loadCase } from "../../lib/conformance/case.ts";
import { compareExpected } from "../../lib/conformance/compare.ts";
import { loadOp } from "../../lib/conformance/runner.ts";
import {
  assert,
  assertClose,
  assertEquals,
  AssertionError,
  assertThrows,
  SHARED_ABSENT,
  sharedDir,
  sharedExists,
} from "../assert.ts";
import { giniMeanDifference } from "../../lib/stats/gini_md.ts";
import { coxRecipe, logisticRecipe, type ModelRecipe } from "../../lib/eval/recipe.ts";
import { drawResamples, emax, validate } from "../../lib/eval/validate.ts";
import { calibrate, seqLength } from "../../lib/eval/calibrate.ts";
import { selectionRecipe } from "../../lib/eval/selection_recipes.ts";
import { createRng } from "../../lib/random/rng.ts";
import type { ColumnData } from "../../lib/models/design.ts";

const heldout = new URL("../fixtures/validation_heldout/", import.meta.url).pathname;

async function assertCase(file: string): Promise<void> {
  const c = loadCase(file);
  const op = await loadOp(c.op);
  if (!op) throw new AssertionError(`op ${c.op} is not implemented`);
  const mm = compareExpected(c.expected, await op.run(c), c.tolerance);
  if (mm.length) {
    throw new AssertionError(
      `${c.id}: ${mm.length} mismatch(es): ` +
        mm.slice(0, 5).map((m) =>
          `${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`
        ).join("; "),
    );
  }
}

for (
  const f of [...Deno.readDirSync(heldout)].filter((e) => e.name.endsWith(".json")).map((e) => e.name).sort()
) {
  Deno.test(`held-out R case ${f.slice(0, -5)} passes within its stated tolerance`, () =>
    assertCase(heldout + f));
}

const validationDir = `${sharedDir}fixtures/validation/`;
const sharedCases = sharedExists
  ? [...Deno.readDirSync(validationDir)].map((e) => e.name).filter((n) =>
    /^(validate_|calibrate_)/.test(n) && n.endsWith(".json")
  ).sort()
  : [];
if (!sharedExists) {
  Deno.test({
    name: `validate/calibrate match ../shared/fixtures/validation (${SHARED_ABSENT})`,
    ignore: true,
    fn() {},
  });
}
for (const f of sharedCases) {
  Deno.test(`R case ${f.slice(0, -5)} passes within its stated tolerance`, () =>
    assertCase(validationDir + f));
}

/** A small logistic data set drawn from one seed. */
function logisticData(n: number, seed: number): ColumnData {
  const rng = createRng(seed);
  const x1: number[] = [], x2: number[] = [], y: number[] = [], g: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal(), b = rng.normal(), lev = rng.uniform() < 0.5 ? "u" : "v";
    x1.push(a);
    x2.push(b);
    g.push(lev);
    y.push(rng.uniform() < 1 / (1 + Math.exp(-(-0.5 + a - 0.5 * b + (lev === "v" ? 0.4 : 0)))) ? 1 : 0);
  }
  return { y, x1, x2, g };
}
const predictors = [
  { name: "x1", type: "numeric" as const },
  { name: "x2", type: "numeric" as const },
  { name: "g", type: "factor" as const, levels: ["u", "v"] },
];

Deno.test("giniMeanDifference equals the mean |xi − xj| over ordered pairs (rel 1e-12)", () => {
  const x = [3.1, -2, 0.5, 0.5, 7, 1e-3, -4.25];
  let s = 0;
  for (const a of x) for (const b of x) s += Math.abs(a - b);
  assertClose(giniMeanDifference(x), s / (x.length * (x.length - 1)), { rel: 1e-12 });
  assert(Number.isNaN(giniMeanDifference([1])), "one value gives NaN");
});

Deno.test("emax is 0 for a perfectly calibrated (0, 1) recalibration and grows with the slope's distance from 1", () => {
  assertClose(emax(0, 1), 0, { abs: 1e-15 });
  assert(emax(0, 0.8) > 0 && emax(0, 0.6) > emax(0, 0.8), "Emax increases as the slope shrinks");
});

Deno.test("seqLength reproduces R's seq(from, to, length.out) ends exactly", () => {
  const s = seqLength(0.1, 0.9, 5);
  assertEquals(s.length, 5);
  assertEquals([s[0], s[4]], [0.1, 0.9]);
  assertClose(s[2], 0.5, { rel: 1e-15 });
});

Deno.test("validate: same seed gives identical results, another seed other resamples", () => {
  const d = logisticData(120, 7);
  const r = logisticRecipe({ outcome: "y", predictors });
  const a = validate(r, d, { B: 15, seed: 3 });
  const b = validate(r, d, { B: 15, seed: 3 });
  const c = validate(r, d, { B: 15, seed: 4 });
  assertEquals(a, b);
  assert(a.index.Dxy.train !== c.index.Dxy.train, "another seed draws other resamples");
  assertEquals(a.index.Dxy.apparent, c.index.Dxy.apparent, "the apparent indexes do not depend on the seed");
  assertEquals(drawResamples(120, 15, 3), drawResamples(120, 15, 3));
});

Deno.test("validate: optimism is positive for an overfitted model and corrected = apparent − optimism", () => {
  const d = logisticData(60, 11) as Record<string, unknown[]>;
  const rng = createRng(5);
  const noise = Array.from({ length: 8 }, (_, k) => `z${k}`);
  for (const z of noise) d[z] = d.y.map(() => rng.normal());
  const r = logisticRecipe({
    outcome: "y",
    predictors: [...predictors, ...noise.map((name) => ({ name, type: "numeric" as const }))],
  });
  const v = validate(r, d as ColumnData, { B: 30, seed: 1 });
  assert(v.index.Dxy.optimism > 0, `Dxy optimism ${v.index.Dxy.optimism} > 0`);
  assert(v.index.Slope.corrected < 1, `corrected slope ${v.index.Slope.corrected} < 1`);
  for (const [k, i] of Object.entries(v.index)) {
    // Emax is rms's exception: apparent 0, corrected = optimism = Emax of the corrected calibration.
    if (k !== "Emax") assertClose(i.corrected, i.apparent - i.optimism, { abs: 1e-15 });
  }
  assertClose(v.index.Emax.corrected, emax(v.index.Intercept.corrected, v.index.Slope.corrected), { abs: 0 });
  assertClose(v.index.AUC.optimism, v.index.Dxy.optimism / 2, { rel: 1e-12 });
});

Deno.test("validate: a resample whose fit throws is counted as failed and left out of the means", () => {
  const d = logisticData(80, 2);
  const base = logisticRecipe({ outcome: "y", predictors });
  const failing: ModelRecipe<ColumnData> = {
    ...base,
    fit: (data, rows, ctx) => {
      if (ctx.resample === 2) throw new Error("boom");
      return base.fit(data, rows, ctx);
    },
  };
  const v = validate(failing, d, { B: 5, seed: 9 });
  assertEquals([v.nSuccessful, v.nFailed, v.index.R2.n], [4, 1, 4]);
  assertEquals(v.failures, ["resample 2: boom"]);
  assertEquals(v.perResample.resample, [1, 3, 4, 5]);
});

Deno.test("validate and calibrate check their options first, naming the option", () => {
  const d = logisticData(40, 1);
  const r = logisticRecipe({ outcome: "y", predictors });
  assertThrows(() => validate(r, d, { B: 0 }), 'validate option "B": must be an integer >= 1, got 0');
  assertThrows(
    () => validate(r, d, { resamples: [[0, 1]] }),
    'validate option "resamples"[0]: expected 40 row indices, got 2',
  );
  assertThrows(
    () => calibrate(r, d, { B: 2, predy: [0.2, 1.5] }),
    'calibrate option "predy"[1]: must be a probability, got 1.5',
  );
  const cox = coxRecipe({ time: "x1", status: "y", covariates: [] });
  assertThrows(() => calibrate(cox, d, { B: 2 }), "is not a logistic model");
});

Deno.test("calibrate: apparent curve, bias-corrected curve = apparent − optimism, error summary over ranks 5..n − 4", () => {
  const d = logisticData(150, 21);
  const c = calibrate(logisticRecipe({ outcome: "y", predictors }), d, { B: 20, seed: 2 });
  assertEquals(c.predy.length, 50);
  assertEquals(c.nError, 150 - 8);
  c.predy.forEach((_, k) =>
    assertClose(c.calibratedCorrected[k], c.calibratedOrig[k] - c.optimism[k], { abs: 1e-15 })
  );
  assert(c.nUsed.every((u) => u <= 20 && u > 0), "n_used in 1..B");
  assert(c.quantile90AbsError >= c.meanAbsError * 0.5 && c.meanAbsError > 0, "error summary is positive");
});

Deno.test("selectionRecipe repeats the screening in each resample only when asked, and says so", () => {
  const d = logisticData(150, 31);
  const rows = Array.from({ length: 150 }, (_, i) => ({ y: d.y[i], x1: d.x1[i], x2: d.x2[i], g: d.g[i] }));
  const mk = (repeat: boolean) =>
    selectionRecipe({
      outcome: "y",
      label: "clinical",
      clinical: { candidates: predictors, threshold: 0.05, repeat },
    });
  const rep = validate(mk(true), { rows }, { B: 8, seed: 4 });
  const fixed = validate(mk(false), { rows }, { B: 8, seed: 4 });
  assertEquals(rep.steps.map((s) => s.repeated), [true, true, true]);
  assertEquals(fixed.steps.map((s) => s.repeated), [false, false, true]);
  assertEquals(rep.index.Dxy.apparent, fixed.index.Dxy.apparent, "same apparent model");
  const nTerms = new Set(fixed.perResample.coefficients.map((c) => c.length));
  assertEquals([...nTerms], [fixed.terms.length], "fixed selection: every refit has the apparent terms");
  // the apparent fit equals a plain logistic recipe on the selected predictors
  const plain = validate(
    logisticRecipe({
      outcome: "y",
      predictors: predictors.filter((p) =>
        fixed.terms.some((t) => t === p.name || t.startsWith(`${p.name}=`))
      ),
    }),
    { y: d.y, x1: d.x1, x2: d.x2, g: d.g },
    { B: 8, seed: 4 },
  );
  assertClose(plain.index.R2.corrected, fixed.index.R2.corrected, { rel: 1e-12 });
});
