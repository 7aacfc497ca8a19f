import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  compareSmoteOrders,
  SelectionPipeline,
  smoteOrderTable,
} from "../../lib/models/selection_pipeline.ts";
import { createRng } from "../../lib/random/rng.ts";

/** 140 patients (100 train, 40 test), 40 features in blocks, 4 informative, ~20 % events. */
function data(seed = 1) {
  const rng = createRng(seed);
  const n = 140;
  const p = 40;
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const lat = [rng.normal(), rng.normal()];
    const blocks = Array.from({ length: 8 }, () => rng.normal());
    const row = Array.from({ length: p }, (_, j) => {
      const b = Math.floor(j / 5);
      const signal = j < 5 ? lat[0] : j >= 5 && j < 10 ? lat[1] : 0;
      return 10 * j + (1 + j % 3) * (0.8 * blocks[b] + 0.9 * signal + 0.4 * rng.normal());
    });
    X.push(row);
    y.push(rng.uniform() < 1 / (1 + Math.exp(-(-2 + 1.3 * lat[0] - 1.1 * lat[1]))) ? 1 : 0);
  }
  const names = Array.from({ length: p }, (_, j) => `venous_original_firstorder_F${j}`);
  const train = Array.from({ length: 100 }, (_, i) => i);
  const test = Array.from({ length: 40 }, (_, i) => 100 + i);
  return { X, y, names, train, test };
}

const options = { mrmr: { k: 10 }, lasso: { nfolds: 5, nlambda: 30, lambdaMinRatio: 0.01 }, seed: 3 };

Deno.test("fitting the pipeline with and without test rows present gives identical parameters (no leakage)", () => {
  const { X, y, names, train } = data();
  for (const order of ["paper", "correct"] as const) {
    const alone = new SelectionPipeline({ ...options, order }).fit(
      train.map((i) => X[i]),
      train.map((i) => y[i]),
      names,
    );
    // Same training rows selected by index from the full table, test rows poisoned with NaN:
    // reading any of them would throw or change a parameter.
    const poisoned = X.map((r, i) => (train.includes(i) ? r : r.map(() => NaN)));
    const yPoison = y.map((v, i) => (train.includes(i) ? v : 7));
    const within = new SelectionPipeline({ ...options, order }).fit(poisoned, yPoison, names, {
      rows: train,
    });
    assertEquals(within.zscore_.mean_, alone.zscore_.mean_, `${order}: z-score mean`);
    assertEquals(within.zscore_.sd_, alone.zscore_.sd_, `${order}: z-score sd`);
    assertEquals(within.mrmr_.selected_, alone.mrmr_.selected_, `${order}: mRMR`);
    assertEquals(within.lasso_.cv_.cvm, alone.lasso_.cv_.cvm, `${order}: CV curve`);
    assertEquals(within.radscore_.toJSON(), alone.radscore_.toJSON(), `${order}: Radscore`);
  }
});

Deno.test("test rows only meet fitted objects: transform of test rows does not change the fit", () => {
  const { X, y, names, train, test } = data(2);
  const fit = new SelectionPipeline(options).fit(X, y, names, { rows: train });
  const before = JSON.stringify(fit.radscore_.toJSON());
  const scores = fit.transform(test.map((i) => X[i]));
  assertEquals(scores.length, 40);
  assertEquals(JSON.stringify(fit.radscore_.toJSON()), before);
});

Deno.test("pipeline counts: SMOTE balances training rows, mRMR keeps k, LASSO keeps at most k", () => {
  const { X, y, names, train } = data(3);
  const fit = new SelectionPipeline(options).fit(X, y, names, { rows: train });
  const c = fit.counts_;
  assertEquals(c.nTrain, 100);
  assertEquals(c.nAfterSmote, 2 * (100 - c.nEvents));
  assertEquals(c.afterMrmr, 10);
  assert(c.afterLasso <= 10 && c.afterLasso === fit.selectedNames_.length, "LASSO subset of mRMR");
  for (const nm of fit.selectedNames_) assert(fit.mrmr_.selectedNames_!.includes(nm), `${nm} from mRMR`);
});

Deno.test("same seed, same selection; the paper order CV sees oversampled rows, the correct order real rows", () => {
  const { X, y, names, train } = data(4);
  const a = new SelectionPipeline({ ...options, order: "paper" }).fit(X, y, names, { rows: train });
  const b = new SelectionPipeline({ ...options, order: "paper" }).fit(X, y, names, { rows: train });
  assertEquals(a.radscore_.toJSON(), b.radscore_.toJSON());
  const c = new SelectionPipeline({ ...options, order: "correct" }).fit(X, y, names, { rows: train });
  assertEquals(a.lasso_.cv_.foldid.length, a.counts_.nAfterSmote);
  assertEquals(c.lasso_.cv_.foldid.length, 100);
});

Deno.test("compareSmoteOrders reports lambda, features and test AUC for both orders", () => {
  const { X, y, names, train, test } = data(5);
  const res = compareSmoteOrders(
    { X: train.map((i) => X[i]), y: train.map((i) => y[i]) },
    { X: test.map((i) => X[i]), y: test.map((i) => y[i]) },
    names,
    options,
  );
  assertEquals(res.map((r) => r.order), ["paper", "correct"]);
  for (const r of res) assert(r.testAuc > 0.5 && r.testAuc <= 1, `${r.order} test AUC ${r.testAuc}`);
  assertEquals(smoteOrderTable(res).rows.length, 2);
});

Deno.test("SelectionPipeline rejects a bad order and out-of-range row ids", () => {
  const { X, y, names } = data(6);
  assertThrows(() => new SelectionPipeline({ order: "late" as "paper" }), /option "order"/);
  assertThrows(() => new SelectionPipeline(options).fit(X, y, names, { rows: [0, 1, 500] }), /"rows"\[2\]/);
});
