// deno-lint-ignore-file no-explicit-any -- fixture JSON is read loosely; values are checked by the assertions
import {
  assert,
  assertClose,
  assertEquals,
  assertRejects,
  assertThrows,
  sharedDir,
  sharedExists,
} from "../assert.ts";
import {
  checkNomogram,
  loadNomogram,
  nomogram,
  nomogramFromCoefficients,
  prettyTicks,
  saveNomogram,
  scoreNomogram,
  trainingRange,
} from "../../lib/models/nomogram.ts";
import { formatScores, parsePatients, scoreRows } from "../../lib/models/nomogram_score.ts";
import { fitLogistic } from "../../lib/models/logistic.ts";
import { CoxPH } from "../../lib/models/cox.ts";
import { loadCase } from "../../lib/conformance/case.ts";
import type { PredictorSpec } from "../../lib/models/design.ts";

const PREDS: PredictorSpec[] = [
  { name: "ki67", type: "numeric", label: "Ki-67 (%)" },
  { name: "metastasis", type: "factor", levels: ["negative", "positive"] },
  { name: "radscore", type: "numeric" },
];
// A logistic model given by its coefficients: lp = −2 + 0.03 ki67 + 1.2 [metastasis] + 0.8 radscore.
const LOGIT = nomogramFromCoefficients(
  {
    model: "logistic",
    predictors: PREDS,
    terms: ["ki67", "metastasis=positive", "radscore"],
    coefficients: [0.03, 1.2, 0.8],
    intercept: -2,
  },
  { values: { ki67: [0, 20, 40, 60, 80], radscore: [-2, -1, 0, 1, 2] } },
);

Deno.test("rms scaling: the widest predictor spans 0..100, every axis starts at 0 (by hand)", () => {
  // ranges: ki67 0.03·80 = 2.4 (widest), metastasis 1.2, radscore 0.8·4 = 3.2 → radscore is the widest
  assertClose(LOGIT.pointsPerUnitLp, 100 / 3.2, { abs: 1e-12 });
  assertClose(LOGIT.axes[2].points as number[], [0, 25, 50, 75, 100], { abs: 1e-12 });
  assertClose(LOGIT.axes[0].points as number[], [0, 18.75, 37.5, 56.25, 75], { abs: 1e-12 });
  assertClose(LOGIT.axes[1].points as number[], [0, 37.5], { abs: 1e-12 });
  assertClose(LOGIT.lpAtZeroPoints, -2 + 0.8 * -2, { abs: 1e-15 });
});

Deno.test("scoring a patient by hand from the axes: points read off the ticks, lp and risk back from total points", () => {
  const s = scoreNomogram(LOGIT, [{ ki67: 40, metastasis: "positive", radscore: 1 }])[0];
  const total = 37.5 + 37.5 + 75; // ki67 = 40, metastasis positive, radscore = 1
  assertClose(s.totalPoints, total, { abs: 1e-12 });
  const lp = LOGIT.lpAtZeroPoints + total / LOGIT.pointsPerUnitLp;
  assertClose(s.lp, -2 + 0.03 * 40 + 1.2 + 0.8, { abs: 1e-12 });
  assertClose(s.lp, lp, { abs: 1e-12 });
  assertClose(s.risk, 1 / (1 + Math.exp(-lp)), { abs: 1e-15 });
  // the risk axis places 0.5 where lp = 0
  const k = LOGIT.riskAxes[0].values.indexOf(0.5);
  assertClose(LOGIT.riskAxes[0].points[k], -LOGIT.lpAtZeroPoints * LOGIT.pointsPerUnitLp, { abs: 1e-12 });
  const out = scoreNomogram(LOGIT, [{ ki67: 95, metastasis: "negative", radscore: 0 }])[0];
  assert(out.warnings[0].includes("outside the axis range"), "extrapolation is flagged");
  assertThrows(
    () => scoreNomogram(LOGIT, [{ ki67: 5, metastasis: "maybe", radscore: 0 }]),
    'row 1, column "metastasis"',
  );
});

Deno.test("Cox nomogram: survival axes S0(t)^exp(lp) round-trip through scoring at 6/12/24 months", () => {
  const time = [2, 3, 5, 7, 8, 11, 13, 14, 17, 19, 23, 26, 29, 30, 31, 35];
  const status = [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0];
  const x = [2.1, 1.5, 0.3, 1.8, 0.9, -0.2, 1.1, 0.4, 0.8, -0.5, 0.2, -1, 0.1, -0.8, -1.2, -0.3];
  const g = ["a", "b", "a", "b", "b", "a", "b", "a", "b", "a", "a", "b", "a", "b", "a", "a"];
  const fit = new CoxPH({
    covariates: [{ name: "x", type: "numeric" }, { name: "g", type: "factor", levels: ["a", "b"] }],
  }).fit({ time, status, x, g });
  const nom = nomogram(fit, {
    times: [6, 12, 24],
    values: { x: [-2, -1, 0, 1, 2, 3] },
    funAt: [0.9, 0.7, 0.5, 0.3, 0.1],
  });
  assertEquals(nom.riskAxes.map((a) => a.label), [
    "6-month PFS probability",
    "12-month PFS probability",
    "24-month PFS probability",
  ]);
  const s0 = fit.baselineSurvival([6, 12, 24]);
  assertClose(nom.baselineSurvival!.map((b) => b.survival), s0, { abs: 1e-15 });
  const sc = scoreNomogram(nom, [{ x: 0.5, g: "b" }])[0];
  const direct = fit.predictSurvival([{ x: 0.5, g: "b" }], [6, 12, 24])[0];
  assertClose([sc.survival!["6"], sc.survival!["12"], sc.survival!["24"]], direct, { abs: 1e-12 });
  // a tick's points, converted back to lp, give that survival probability
  const ax = nom.riskAxes[1];
  ax.values.forEach((s, k) => {
    const lp = nom.lpAtZeroPoints + ax.points[k] / nom.pointsPerUnitLp;
    assertClose(Math.pow(s0[1], Math.exp(lp)), s, { abs: 1e-12 });
  });
  assertThrows(() => nomogram(fit, { values: { x: [0, 1] } }), 'option "times"');
});

Deno.test("a saved nomogram loads and scores identically without the fit; bad files are named", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await saveNomogram(path, LOGIT);
  const back = await loadNomogram(path);
  const pts = [{ id: "P1", ki67: 12, metastasis: "negative", radscore: -0.4 }, {
    id: "P2",
    ki67: 55,
    metastasis: "positive",
    radscore: 1.3,
  }];
  assertEquals(scoreNomogram(back, pts), scoreNomogram(LOGIT, pts));
  const csv = formatScores(
    scoreRows(back, parsePatients("id,ki67,metastasis,radscore\nP1,12,negative,-0.4\n", "p.csv")),
  );
  assert(csv.startsWith("id,points_ki67,points_metastasis,points_radscore,total_points,lp,risk"), csv);
  await Deno.writeTextFile(path, JSON.stringify({ kind: "model" }));
  await assertRejects(() => loadNomogram(path), 'field "kind" must be "nomogram"');
  assertThrows(() => checkNomogram({ ...LOGIT, model: "cox" }), "baselineSurvival");
  await Deno.remove(path);
});

Deno.test("prettyTicks gives 1-2-5 steps covering the range", () => {
  assertEquals(prettyTicks(39, 82, 6), [30, 40, 50, 60, 70, 80, 90]);
  assertEquals(prettyTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
});

for (const id of ["nomogram_points-asah-age-gender-s100b", "nomogram_points-asah-wfns-age"]) {
  Deno.test({
    name: `nomogram matches rms::nomogram fixture ${id} (rel 1e-6)`,
    ignore: !sharedExists,
    fn: () => {
      const c = loadCase(`${sharedDir}fixtures/${id}.json`);
      const p = c.params as Record<string, any>;
      const e = c.expected as Record<string, any>;
      const fit = fitLogistic(c.table().columns as Record<string, string[]>, {
        outcome: p.outcome,
        predictors: p.predictors,
        profile: false,
      });
      const nom = nomogram(fit, { values: p.values, maxscale: p.maxscale, funAt: p.fun_at, lpAt: p.lp_at });
      const tol = { abs: 1e-9, rel: 1e-6 };
      assertClose(
        [nom.pointsPerUnitLp, nom.lpAtZeroPoints],
        [e.points_per_unit_lp, e.lp_at_zero_points],
        tol,
      );
      for (const a of nom.axes) assertClose(a.points as number[], e.predictors[a.name].points, tol, a.name);
      assertClose(nom.lpAxis.points as number[], e.lp_axis.points, tol, "lp axis");
      assertEquals(nom.riskAxes[0].values, e.risk_axis.risk);
      assertClose(nom.riskAxes[0].points as number[], e.risk_axis.points, tol, "risk axis");
      const s = scoreNomogram(nom, p.score_rows);
      assertClose(s.map((x) => x.totalPoints), e.scores.total_points, tol, "total points");
      assertClose(s.map((x) => x.risk), e.scores.risk, tol, "risk");
    },
  });
}

Deno.test("scoreRows: values outside the axis range refused unless allowed; rows are CSV lines", () => {
  const csv = "id,ki67,metastasis,radscore\nA,40,negative,0\nB,1e308,negative,0\n";
  const patients = parsePatients(csv, "p.csv");
  assertThrows(
    () => scoreRows(LOGIT, patients, "p.csv", { extrapolation: "refuse" }),
    /p\.csv row 3, column "ki67": 1e\+308 is outside the model.s axis range \[0, 80\]; not scored \(allow it with --allow-extrapolation\)/,
  );
  const ok = scoreRows(LOGIT, patients, "p.csv", { extrapolation: "warn" });
  assert(String(ok.rows[1].warnings).includes("outside the axis range"), "warned");
  assertThrows(
    () => scoreRows(LOGIT, parsePatients("id,ki67,metastasis,radscore\nA,40,maybe,0\n", "q.csv"), "q.csv"),
    'q.csv row 2, column "metastasis"',
  );
});

Deno.test("a nomogram built from training rows stores each numeric predictor's [min, max]; score refuses values outside it", () => {
  const train = {
    ki67: [3, 17.5, 41, 76],
    metastasis: ["negative", "positive", "negative", "positive"],
    radscore: [-1.8, 0.2, 1.9, -0.4],
  };
  const nom = nomogramFromCoefficients(
    {
      model: "logistic",
      predictors: PREDS,
      terms: ["ki67", "metastasis=positive", "radscore"],
      coefficients: [0.03, 1.2, 0.8],
      intercept: -2,
    },
    { data: train },
  );
  const ki67 = nom.axes.find((a) => a.name === "ki67")!;
  assertEquals(ki67.range, [3, 76]);
  assertEquals(ki67.values, [0, 20, 40, 60, 80], "the axis ticks cover the training range and go beyond it");
  assertEquals(nom.axes.find((a) => a.name === "radscore")!.range, [-1.8, 1.9]);
  assertEquals(nom.axes.find((a) => a.name === "metastasis")!.range, undefined, "factors have no range");
  // 78 lies on the axis (0–80) but above the training maximum 76: refused, and warned when allowed
  const patients = [{ ki67: 78, metastasis: "negative", radscore: 0 }];
  assertThrows(
    () => scoreNomogram(nom, patients, { source: "p.csv", extrapolation: "refuse" }),
    /p\.csv row 1, column "ki67": 78 is outside the model's training range \[3, 76\]/,
  );
  assertEquals(scoreNomogram(nom, patients)[0].warnings, [
    "ki67 = 78 is outside the training range [3, 76]: points extrapolated",
  ]);
  assertEquals(scoreNomogram(nom, [{ ki67: 76, metastasis: "negative", radscore: 1.9 }])[0].warnings, []);
  // explicit ranges win over the data; a JSON written before ranges were stored falls back to the axis
  const given = nomogramFromCoefficients(
    {
      model: "logistic",
      predictors: PREDS,
      terms: ["ki67", "metastasis=positive", "radscore"],
      coefficients: [0.03, 1.2, 0.8],
    },
    { data: train, ranges: { ki67: [0, 90] } },
  );
  assertEquals(given.axes[0].range, [0, 90]);
  const { range: _dropped, ...old } = ki67;
  assertEquals(trainingRange(old), [0, 80]);
  const bad = JSON.parse(JSON.stringify(nom));
  bad.axes[0].range = [76, 3];
  assertThrows(() => checkNomogram(bad, "m.json"), /m\.json: axis "ki67" field "range" must be \[min, max\]/);
});
