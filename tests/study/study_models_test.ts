import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { createRng } from "../../lib/random/rng.ts";
import { fitStudyModels, type Row, withRadscore } from "../../lib/study/models.ts";
import { applyStudyModel, checkFrozenStudyModel, freezeStudyModel } from "../../lib/study/frozen.ts";
import { evaluationInput, type StudyPredictions } from "../../lib/study/predictions.ts";
import { priorCorrected } from "../../lib/study/calibration_report.ts";
import { applyFrozenRadscore, type FrozenRadscore } from "../../lib/models/selection_pipeline.ts";
import type { FeatureTable } from "../../lib/features/feature_table.ts";
import type { PredictorSpec } from "../../lib/models/design.ts";

/** Outcome column and model names of the small study (a study takes them from its spec). */
const STUDY = {
  outcome: "progression",
  labels: { clinical: "Clinical model", radiomics: "Radiomics signature", nomogram: "Radiomics nomogram" },
} as const;

// A small synthetic study: 2 clinical predictors, 3 radiomics features, outcome from a logistic model.
function makeStudy(seed: number, n: number) {
  const rng = createRng(seed);
  const rows: Row[] = [];
  const values: number[][] = [];
  for (let i = 0; i < n; i++) {
    const ki67 = Math.round(5 + 40 * rng.uniform());
    const met = rng.uniform() < 0.3 ? "positive" : "negative";
    const f = [rng.normal(10, 2), rng.normal(-3, 0.5), rng.normal(0, 1)];
    const lp = -4 + 0.05 * ki67 + (met === "positive" ? 1.2 : 0) + 0.8 * (f[0] - 10) / 2;
    const y = rng.uniform() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
    rows.push({ id: `P${i}`, ki67_pct: ki67, metastasis: met, progression: y });
    values.push(f);
  }
  const features: FeatureTable = {
    ids: rows.map((r) => String(r.id)),
    names: ["f1", "f2", "f3"],
    values,
    metadata: {},
    source: "test features",
  };
  return { rows, features };
}

const frozenRs: FrozenRadscore = {
  kind: "radscore",
  features: ["f1", "f3"],
  center: [10, 0],
  scale: [2, 1],
  intercept: -1.5,
  coefficients: [0.9, 0.1],
  order: "paper",
  lambda: 0.01,
};
const clinical: PredictorSpec[] = [
  { name: "ki67_pct", type: "numeric" },
  { name: "metastasis", type: "factor", levels: ["negative", "positive"], reference: "negative" },
];

function radscoreRecords(rows: readonly Row[], features: FeatureTable) {
  const rs = applyFrozenRadscore(frozenRs, features.values as number[][], features.names);
  return rows.map((r, i) => ({ id: String(r.id), radscore: rs[i] }));
}

Deno.test("applyFrozenRadscore computes intercept + Σ b·(x − centre)/scale (hand value)", () => {
  const rs = applyFrozenRadscore(frozenRs, [[12, 7, 2]], ["f1", "f2", "f3"]);
  assertClose(rs[0], -1.5 + 0.9 * (12 - 10) / 2 + 0.1 * 2, { rel: 1e-15 });
  assertThrows(
    () => applyFrozenRadscore(frozenRs, [[1, 2]], ["f1", "f2"], "x.csv"),
    'x.csv: feature "f3" of the frozen Radscore is missing',
  );
});

Deno.test("withRadscore names the patient without a Radscore", () => {
  assertThrows(
    () => withRadscore([{ id: "A" }, { id: "B" }], [{ id: "A", radscore: 1 }], "test"),
    'no Radscore for patient "B"',
  );
});

Deno.test("a frozen study model applied to new patients reproduces the fitted models' predictions exactly", () => {
  const train = makeStudy(1, 200);
  const test = makeStudy(2, 80);
  const trainRows = withRadscore(train.rows, radscoreRecords(train.rows, train.features), "train");
  const testRows = withRadscore(test.rows, radscoreRecords(test.rows, test.features), "test");
  const fits = fitStudyModels({ train: trainRows, test: testRows, clinicalPredictors: clinical, ...STUDY });
  const frozen = JSON.parse(JSON.stringify(freezeStudyModel(fits, frozenRs, { seed: 1 })));
  checkFrozenStudyModel(frozen);
  const applied = applyStudyModel(frozen, test.rows, test.features, "test");
  for (const k of ["clinical", "radiomics", "nomogram"]) {
    assertClose(applied.models[k].sets.test.p, fits.predictions.models[k].sets.test.p, {
      rel: 1e-12,
      abs: 1e-15,
    }, k);
    assertEquals(applied.models[k].sets.test.y, fits.predictions.models[k].sets.test.y);
  }
  assertThrows(
    () => checkFrozenStudyModel({ kind: "study-model", outcome: "y", radscore: {} }),
    'missing field "models"',
  );
});

Deno.test("fitStudyModels reads only training rows: test rows change no coefficient", () => {
  const train = makeStudy(3, 150);
  const trainRows = withRadscore(train.rows, radscoreRecords(train.rows, train.features), "train");
  const a = makeStudy(4, 50);
  const b = makeStudy(5, 70);
  const fa = fitStudyModels({
    train: trainRows,
    test: withRadscore(a.rows, radscoreRecords(a.rows, a.features), "test"),
    clinicalPredictors: clinical,
    ...STUDY,
  });
  const fb = fitStudyModels({
    train: trainRows,
    test: withRadscore(b.rows, radscoreRecords(b.rows, b.features), "test"),
    clinicalPredictors: clinical,
    ...STUDY,
  });
  assertEquals(fa.nomogram.coef_, fb.nomogram.coef_);
  assertEquals(fa.clinical.coef_, fb.clinical.coef_);
});

Deno.test("evaluationInput refuses models listing other patients on a set", () => {
  const set = (ids: string[]) => ({ id: ids, y: [0, 1], lp: [0, 0], p: [0.5, 0.5] });
  const sp: StudyPredictions = {
    outcome: "y",
    models: {
      a: { label: "A", fittedOn: "", sets: { test: set(["1", "2"]) } },
      b: { label: "B", fittedOn: "", sets: { test: set(["2", "1"]) } },
    },
  };
  assertThrows(() => evaluationInput(sp), 'model "b" set "test" lists other patients');
});

Deno.test("prior correction shifts every logit by log-odds(π) − log-odds(π_s) and keeps the ranking", () => {
  const p = [0.2, 0.5, 0.7, 0.9];
  const sp: StudyPredictions = {
    outcome: "y",
    models: {
      m: {
        label: "M",
        fittedOn: "",
        fittedPrevalence: 0.5,
        sets: {
          train: {
            id: ["a", "b", "c", "d"],
            y: [0, 0, 1, 1],
            lp: p.map((v) => Math.log(v / (1 - v))),
            p,
          },
        },
      },
    },
  };
  const c = priorCorrected(sp, 0.15);
  assertEquals(Object.keys(c.models), ["m", "m_corrected"]);
  const shift = Math.log(0.15 / 0.85) - 0;
  const q = c.models.m_corrected.sets.train.p;
  q.forEach((v, i) =>
    assertClose(Math.log(v / (1 - v)), Math.log(p[i] / (1 - p[i])) + shift, { rel: 1e-12 })
  );
  assert(q.every((v, i) => i === 0 || v > q[i - 1]), "order kept");
});
