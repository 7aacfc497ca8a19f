import { assert, assertClose, assertEquals, assertThrows, sharedExists } from "../assert.ts";
import {
  observedAtHorizon,
  survivalCalibration,
  survivalCalibrationAtHorizons,
} from "../../lib/eval/survival_calibration.ts";
import { fixtureMismatches } from "../models/fixture_util.ts";
import { ownFixtureMismatches } from "../fixtures/own_fixtures.ts";
import { createRng } from "../../lib/random/rng.ts";

for (
  const id of [
    "validation/calibration_survival-lung-365-deciles",
    "validation/calibration_survival-lung-train-test-365-quintiles",
  ]
) {
  Deno.test({
    name: `survivalCalibration matches survfit/coxph on fixture ${id} (rel 1e-9; slope rel 1e-6)`,
    ignore: !sharedExists,
    fn: async () => {
      const m = await fixtureMismatches(id);
      assert(m.length === 0, `${id}: ${JSON.stringify(m.slice(0, 3))}`);
    },
  });
}

for (
  const id of [
    "calibration_survival-synth-test-12-quintiles",
    "calibration_survival-synth-test-24-quintiles",
    "calibration_survival-synth-train-6-deciles",
  ]
) {
  Deno.test(`survivalCalibration matches survfit/coxph on the held-out case ${id} (rel 1e-9; slope rel 1e-6)`, async () => {
    const m = await ownFixtureMismatches(id);
    assert(m.length === 0, `${id}: ${JSON.stringify(m.slice(0, 3))}`);
  });
}

Deno.test("observedAtHorizon: Kaplan–Meier at t0 includes events at t0; Greenwood se on the survival scale", () => {
  // times 1..5, events at 2 and 4 (censored 1, 3, 5): S(4) = (1 − 1/4)(1 − 1/2) = 0.375
  const o = observedAtHorizon([1, 2, 3, 4, 5], [0, 1, 0, 1, 0], 4);
  assertClose(o.observedSurv, 0.375, { rel: 1e-15 });
  assertClose(o.observedSurvSe, 0.375 * Math.sqrt(1 / (4 * 3) + 1 / (2 * 1)), { rel: 1e-14 });
  assertEquals([o.nEventsByT0, o.nAtRiskT0], [2, 2]);
  const before = observedAtHorizon([1, 2, 3, 4, 5], [0, 1, 0, 1, 0], 3.99);
  assertClose(before.observedSurv, 0.75, { rel: 1e-15 });
});

function synth(seed: number, n: number) {
  const rng = createRng(seed);
  const risk = Array.from({ length: n }, () => 0.1 + 0.7 * rng.uniform());
  const time = risk.map((r) => Math.round((-Math.log(rng.uniform()) / (0.1 * r)) * 10) / 10 + 0.1);
  const status = time.map(() => (rng.uniform() < 0.8 ? 1 : 0));
  return { time, status, risk };
}

Deno.test("survivalCalibration: a risk equal to a break belongs to the lower group; groups partition the rows", () => {
  const { time, status } = synth(11, 40);
  const risk = Array.from({ length: 40 }, (_, i) => (i < 20 ? 0.3 : 0.6)); // median break equals 0.3 … 0.6 ties
  const r = survivalCalibration(time, status, risk.map((v, i) => v + (i % 5) * 0.01), 12, { g: 2 });
  assertEquals(r.groups.reduce((a, g) => a + g.n, 0), 40);
  const tied = survivalCalibration(time, status, risk, 12, { g: 4 });
  // quartile breaks are 0.3, 0.3, 0.45, 0.6, 0.6 → distinct 0.3, 0.45, 0.6: 2 groups, the 0.3s in the first
  assertClose(tied.breaks, [0.3, 0.45, 0.6], { rel: 1e-15 });
  assertEquals(tied.groups.map((g) => g.n), [20, 20]);
  assertClose(tied.overall.oeRatio, tied.overall.observedRisk / 0.45, { rel: 1e-12 });
});

Deno.test("survivalCalibrationAtHorizons gives one result per horizon and warns when no one is followed to t0", () => {
  const { time, status, risk } = synth(5, 120);
  const late = Math.max(...time) + 1;
  const set = survivalCalibrationAtHorizons(time, status, [risk, risk], [5, late], {
    g: 3,
    labels: ["5", "late"],
  });
  assertEquals(set.results.length, 2);
  assertEquals(set.results[0].warnings.length, 0);
  assert(
    set.results[1].warnings.some((w) => w.includes("no patient is followed up")),
    JSON.stringify(set.results[1].warnings),
  );
  assert(Number.isFinite(set.results[0].calibrationSlope.slope), "slope estimable");
});

Deno.test("survivalCalibration rejects bad input naming the value", () => {
  const { time, status, risk } = synth(7, 30);
  assertThrows(
    () => survivalCalibration(time, status, risk.map((r, i) => (i === 3 ? 1.2 : r)), 5),
    'row 4, "risk"',
  );
  assertThrows(() => survivalCalibration(time, status, risk, -1), '"t0"');
  assertThrows(() => survivalCalibration(time, status, risk, 5, { g: 1 }), 'option "g"');
});
