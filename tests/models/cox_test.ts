// deno-lint-ignore-file no-explicit-any -- fixture JSON is read loosely; values are checked by the assertions
import { assert, assertClose, assertEquals, assertThrows, sharedDir, sharedExists } from "../assert.ts";
import { CoxPH, fitCoxMatrix, predictFrozenCox } from "../../lib/models/cox.ts";
import { logRankTest } from "../../lib/eval/logrank.ts";
import { coxTable, zphTable } from "../../lib/models/cox_report.ts";
import { loadCase } from "../../lib/conformance/case.ts";
import { readCsvSync } from "../../lib/data/csv.ts";
import type { PredictorSpec } from "../../lib/models/design.ts";

Deno.test("Cox fit of a hand-solved three-subject case: β = −½ log 2 and its information by hand (1e-10)", () => {
  // Events at t = 1 (x = 1) and t = 2 (x = 0); subject with x = 1 censored at 3.
  // ℓ(β) = β − log(2e^β + 1) − log(1 + e^β); ℓ'(β) = 0 ⇔ 1 − 2u² = 0 with u = e^β.
  const fit = fitCoxMatrix([1, 2, 3], [1, 1, 0], [[1], [0], [1]], { ties: "breslow" });
  assertClose(fit.coef[0], -0.5 * Math.log(2), { abs: 1e-10, rel: 0 });
  const u = Math.SQRT1_2;
  const info = (2 * u) / (2 * u + 1) ** 2 + u / (1 + u) ** 2;
  assertClose(fit.vcov[0][0], 1 / info, { abs: 0, rel: 1e-10 });
  assertClose(fit.loglik, Math.log(u) - Math.log(2 * u + 1) - Math.log(1 + u), { abs: 1e-12 });
  assertClose(fit.loglikNull, -Math.log(3) - Math.log(2), { abs: 1e-12 });
  assert(fit.converged, "converged");
});

Deno.test("without tied times the Cox score test of one binary covariate equals the log-rank statistic (1e-10)", () => {
  const time = [2, 3, 5, 7, 8, 11, 13, 14, 17, 19, 23, 29];
  const status = [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0];
  const group = ["a", "b", "a", "a", "b", "b", "a", "b", "b", "a", "b", "b"];
  const fit = new CoxPH({ covariates: [{ name: "g", type: "factor", levels: ["a", "b"] }] }).fit({
    time,
    status,
    g: group,
  });
  const lr = logRankTest(time, status, group, { levels: ["a", "b"] });
  assertClose(fit.scoreTest_.statistic, lr.statistic, { abs: 1e-12, rel: 1e-10 });
  assertEquals(lr.df, 1);
  assertClose(
    lr.observed.reduce((a, b) => a + b, 0),
    lr.expected.reduce((a, b) => a + b, 0),
    { abs: 1e-12 },
    "O and E totals agree",
  );
});

Deno.test("predictSurvival is exp(−H0(t)·exp(lp)) with H0 a right-continuous step from 0", () => {
  const time = [1, 2, 3, 4, 5, 6];
  const status = [1, 0, 1, 1, 0, 1];
  const x = [0.5, -1, 1.2, 0, 0.3, -0.4];
  const fit = new CoxPH({ covariates: [{ name: "x", type: "numeric" }], ties: "breslow" }).fit({
    time,
    status,
    x,
  });
  const H = fit.baselineCumhazAt([0.5, 1, 2.5, 10]);
  assertEquals(H[0], 0);
  assertClose(H[1], fit.baselineCumhaz_.cumhaz[0], { abs: 1e-15 });
  const s = fit.predictSurvival([{ x: 0.7 }], [0.5, 1, 2.5, 10])[0];
  const lp = fit.coef_[0] * 0.7;
  assertClose(s, H.map((h) => Math.exp(-h * Math.exp(lp))), { abs: 1e-15 });
  assertClose(fit.predictRiskByTime([{ x: 0.7 }], [1, 10]).map((r) => r[0]), [1 - s[1], 1 - s[3]], {
    abs: 1e-15,
  });
});

Deno.test("CoxPH errors name the option, row and column", () => {
  assertThrows(() => new CoxPH({ covariates: [], ties: "exact" as "efron" }), 'option "ties"');
  const fit = new CoxPH({ covariates: [{ name: "sex", type: "factor", levels: ["m", "f"] }] }).fit({
    time: [1, 2, 3, 4],
    status: [1, 1, 0, 1],
    sex: ["m", "f", "m", "f"],
  });
  assertThrows(() => fit.predictSurvival([{ sex: "x" }], [1]), 'row 1, column "sex"');
  assertThrows(
    () =>
      new CoxPH({ covariates: [{ name: "z", type: "numeric" }] }).fit({
        time: [1, 2],
        status: [0, 0],
        z: [1, 2],
      }),
    "no events",
  );
});

const LUNG_COVS: PredictorSpec[] = [
  { name: "age", type: "numeric" },
  { name: "sex", type: "factor", levels: ["male", "female"], reference: "male" },
  { name: "ph_ecog", type: "numeric" },
];

Deno.test({
  name: "cox.zph of lung age + sex + ph.ecog matches survival 3.x's printed table (3 decimals)",
  ignore: !sharedExists,
  fn: () => {
    // R: cox.zph(coxph(Surv(time, status) ~ age + sex + ph.ecog, lung)) prints
    //   age 0.188 1 0.66; sex 2.305 1 0.13; ph.ecog 2.054 1 0.15; GLOBAL 4.464 3 0.22 (lung rows complete in ph.ecog).
    const t = readCsvSync(`${sharedDir}fixtures/data/lung.csv`);
    const cols = Object.fromEntries(t.header.map((h, j) => [h, t.rows.map((r) => r[j])]));
    const z = new CoxPH({ covariates: LUNG_COVS }).fit(cols).zph();
    assertClose(z.table.map((r) => r.chisq), [0.188, 2.305, 2.054, 4.464], { abs: 6e-4, rel: 0 });
    assertEquals(z.table.map((r) => r.df), [1, 1, 1, 3]);
    assertEquals(z.scaledResiduals.length, 164);
  },
});

for (const id of ["cox-lung-efron", "cox-lung-breslow", "cox-lung-train-efron"]) {
  Deno.test({
    name: `CoxPH matches coxph fixture ${id} (iterative fit: rel 1e-6)`,
    ignore: !sharedExists,
    fn: () => {
      const c = loadCase(`${sharedDir}fixtures/${id}.json`);
      const p = c.params as Record<string, unknown>;
      const e = c.expected as Record<string, any>;
      const fit = new CoxPH({ covariates: p.covariates as PredictorSpec[], ties: p.ties as "efron" }).fit(
        c.table().columns as Record<string, string[]>,
      );
      const tol = { abs: 1e-9, rel: 1e-6 };
      const rows = fit.coefficients();
      assertClose(rows.map((r) => r.coef), e.coefficients.map((r: any) => r.coef), tol, "coef");
      assertClose(rows.map((r) => r.se), e.coefficients.map((r: any) => r.se), tol, "se");
      assertClose(rows.map((r) => r.hrUpper), e.coefficients.map((r: any) => r.hr_upper), tol, "hr_upper");
      assertClose([fit.loglikNull_, fit.loglik_], [e.loglik_null, e.loglik], tol, "loglik");
      assertClose(
        [fit.lrTest_.statistic, fit.waldTest_.statistic, fit.scoreTest_.statistic],
        [e.lr_test.statistic, e.wald_test.statistic, e.score_test.statistic],
        tol,
        "tests",
      );
      const k = fit.concordance_;
      assertEquals([k.concordant, k.discordant, k.tiedX, k.tiedY, k.tiedXY], [
        e.concordance.concordant,
        e.concordance.discordant,
        e.concordance.tied_x,
        e.concordance.tied_y,
        e.concordance.tied_xy,
      ]);
      assertClose([k.cIndex, k.se], [e.concordance.c_index, e.concordance.se], tol, "concordance");
      assertClose(fit.baselineCumhaz_.cumhaz, e.baseline_cumhaz.cumhaz, tol, "baseline cumhaz");
      const pr = p.predict as { times: number[]; newdata: Record<string, unknown>[] };
      assertClose(
        fit.predictSurvival(pr.newdata as any, pr.times).flat(),
        e.predict.survival.flat(),
        tol,
        "predicted survival",
      );
    },
  });
}

Deno.test("a level without events gives a warning that its coefficient may be infinite", () => {
  const time = [1, 2, 3, 4, 5, 6, 7, 8];
  const status = [1, 1, 1, 1, 0, 0, 0, 0];
  const g = ["b", "b", "b", "b", "a", "a", "a", "a"]; // every event in level b, all earlier than level a
  const fit = new CoxPH({ covariates: [{ name: "g", type: "factor", levels: ["a", "b"] }] }).fit({
    time,
    status,
    g,
  });
  assert(fit.warnings_.some((w) => w.includes('"g=b" may be infinite')), JSON.stringify(fit.warnings_));
  const ok = new CoxPH({ covariates: [{ name: "g", type: "factor", levels: ["a", "b"] }] }).fit({
    time,
    status,
    g: ["a", "b", "a", "b", "a", "b", "a", "b"],
  });
  assertEquals(ok.warnings_, []);
});

Deno.test("coxTable and zphTable state the tests, ties and methods", () => {
  const time = [2, 3, 5, 7, 8, 11, 13, 14, 17, 19, 23, 29];
  const status = [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0];
  const x = [1.2, 0.4, -0.3, 0.8, 0.1, -1, 0.5, -0.2, 0.3, -0.6, -0.1, -0.9];
  const fit = new CoxPH({ covariates: [{ name: "x", type: "numeric" }] }).fit({ time, status, x });
  const t = coxTable(fit);
  assertEquals(t.rows.map((r) => r.term), ["x"]);
  assert(
    t.notes!.some((n) => n.includes("Likelihood-ratio test") && n.includes("Score (log-rank) test")),
    JSON.stringify(t.notes),
  );
  assert(t.notes!.some((n) => n.includes("ties: efron")), "ties stated");
  const z = zphTable(fit.zph());
  assertEquals(z.rows.map((r) => r.term), ["x", "GLOBAL"]);
});

Deno.test("a frozen Cox model predicts exactly as the fit after a JSON round trip", () => {
  const time = [2, 3, 5, 7, 8, 11, 13, 14, 17, 19, 23, 29];
  const status = [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0];
  const x = [1.2, 0.4, -0.3, 0.8, 0.1, -1, 0.5, -0.2, 0.3, -0.6, -0.1, -0.9];
  const fit = new CoxPH({ covariates: [{ name: "x", type: "numeric" }] }).fit({ time, status, x });
  const frozen = JSON.parse(JSON.stringify(fit));
  const nd = [{ x: 0.25 }, { x: -2 }];
  assertEquals(predictFrozenCox(frozen, nd, [1, 6, 12, 30]), fit.predictSurvival(nd, [1, 6, 12, 30]));
  assertEquals(predictFrozenCox(frozen, nd, [], "lp").map((r) => r[0]), fit.linearPredictor(nd));
  assertThrows(
    () => predictFrozenCox({ ...frozen, kind: "logistic" }, nd, [1]),
    'field "kind" must be "cox"',
  );
});
