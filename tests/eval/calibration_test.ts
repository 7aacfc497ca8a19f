import { aucMannWhitney } from "../../lib/stats/auc.ts";
import { assert, assertClose, assertEquals, assertThrows, sharedExists } from "../assert.ts";
import {
  binnedCalibration,
  calibrationInTheLarge,
  recalibration,
  smoothCalibration,
  valProb,
  wilsonInterval,
} from "../../lib/eval/calibration.ts";
import { priorCorrect, priorCorrectCoefficients, priorShift } from "../../lib/eval/prior_correction.ts";
import { calibrationCurveFigure } from "../../lib/plot/calibration_curve.ts";
import { createRng } from "../../lib/random/rng.ts";
import { fixtureMismatches } from "../models/fixture_util.ts";

for (const id of ["calibration-asah-multi-insample", "calibration-synthA-test"]) {
  Deno.test({
    name: `calibration summary matches glm / rms::val.prob on fixture ${id} (rel 1e-6, abs 1e-9)`,
    ignore: !sharedExists,
    fn: async () => {
      const m = await fixtureMismatches(id);
      assert(m.length === 0, `${id}: ${JSON.stringify(m.slice(0, 3))}`);
    },
  });
}

const y = [0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0];
const p = [
  0.1,
  0.2,
  0.7,
  0.3,
  0.6,
  0.8,
  0.15,
  0.55,
  0.4,
  0.35,
  0.9,
  0.05,
  0.25,
  0.65,
  0.45,
  0.2,
  0.75,
  0.3,
  0.1,
  0.5,
  0.22,
  0.12,
  0.33,
  0.85,
  0.18,
];

Deno.test("shifting p by the calibration-in-the-large intercept makes that intercept 0 (abs 1e-10)", () => {
  const a = calibrationInTheLarge(y, p).intercept;
  const shifted = p.map((v) => 1 / (1 + Math.exp(-(Math.log(v / (1 - v)) + a))));
  assertClose(calibrationInTheLarge(y, shifted).intercept, 0, { abs: 1e-10 });
});

Deno.test("recalibrated predictions have intercept 0 and slope 1 (abs 1e-9)", () => {
  const r = recalibration(y, p);
  const q = p.map((v) => 1 / (1 + Math.exp(-(r.intercept + r.slope * Math.log(v / (1 - v))))));
  const r2 = recalibration(y, q);
  assertClose([r2.intercept, r2.slope], [0, 1], { abs: 1e-9 });
  const v = valProb(y, q);
  assertClose(v.U_chisq, 0, { abs: 1e-9 });
});

Deno.test("Mann–Whitney AUC counts ties as 1/2", () => {
  assertEquals(aucMannWhitney([0, 1, 0, 1], [0.2, 0.2, 0.1, 0.9]), (1 + 0.5 + 1 + 1) / 4);
});

Deno.test("Wilson interval of 5/10 equals prop.test(5, 10, correct = FALSE) (abs 1e-7)", () => {
  assertClose(wilsonInterval(5, 10), [0.2365931, 0.7634069], { abs: 1e-7, rel: 0 });
  assertEquals(wilsonInterval(0, 10)[0], 0);
});

Deno.test("binned calibration uses the Hosmer–Lemeshow groups and reports the method", () => {
  const b = binnedCalibration(y, p, { groups: 5 });
  assertEquals(b.bins.reduce((s, x) => s + x.n, 0), y.length);
  for (const x of b.bins) {
    assert(x.lower <= x.observed && x.observed <= x.upper, "interval covers the proportion");
  }
  assert(b.method.includes("Wilson"), b.method);
});

Deno.test("smoothed calibration band is reproducible with the same seed and different with another", () => {
  const a = smoothCalibration(y, p, { B: 50, rng: createRng(7), gridSize: 10 });
  const b = smoothCalibration(y, p, { B: 50, rng: createRng(7), gridSize: 10 });
  const c = smoothCalibration(y, p, { B: 50, rng: createRng(8), gridSize: 10 });
  assertEquals(a.lower, b.lower);
  assert(JSON.stringify(a.lower) !== JSON.stringify(c.lower), "seed changes the band");
  assert(a.method.includes("seed 7") && a.method.includes("50 resamples"), a.method);
  assertThrows(() => smoothCalibration(y, p, { B: 10 }), /option "rng"/);
});

Deno.test("prior correction maps a balanced-training probability of 0.5 to the true prevalence", () => {
  assertClose(priorShift(0.15, 0.5), Math.log(0.15 / 0.85), { abs: 1e-15 });
  assertClose(priorCorrect([0.5], 0.15, 0.5)[0], 0.15, { abs: 1e-15 });
  assertEquals(priorCorrectCoefficients(["(Intercept)", "x"], [1, 2], 0.5, 0.5), [1, 2]);
  assertThrows(() => priorShift(0, 0.5), /piTrue/);
});

Deno.test("calibration figure draws every model deterministically", () => {
  const s = smoothCalibration(y, p, { B: 20, rng: createRng(1), gridSize: 10 });
  const b = binnedCalibration(y, p, { groups: 5 });
  const f1 = calibrationCurveFigure([
    { label: "Clinical", smooth: s, binned: b, intercept: 0.1, slope: 0.9 },
    { label: "Other", binned: b },
  ]);
  const f2 = calibrationCurveFigure([
    { label: "Clinical", smooth: s, binned: b, intercept: 0.1, slope: 0.9 },
    { label: "Other", binned: b },
  ]);
  assert(f1.svg.includes("<svg") && f1.svg.includes("Clinical (intercept 0.10, slope 0.90)"), "legend");
  assertEquals(f1.svg, f2.svg);
});
