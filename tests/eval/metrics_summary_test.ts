import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { evaluateModels, metricsSummary, resultFor } from "../../lib/eval/metrics_summary.ts";
import { delongAuc } from "../../lib/stats/delong.ts";
import { brierScore } from "../../lib/eval/brier.ts";
import { bootstrap } from "../../lib/eval/bootstrap.ts";
import { createRng } from "../../lib/random/rng.ts";

/** Paths of every NaN number in a value (typed arrays of bootstrap replicates are not table values). */
function nanPaths(v: unknown, path = "$", out: string[] = []): string[] {
  if (typeof v === "number" && Number.isNaN(v)) out.push(path);
  else if (Array.isArray(v)) v.forEach((x, i) => nanPaths(x, `${path}[${i}]`, out));
  else if (v && typeof v === "object" && !ArrayBuffer.isView(v)) {
    for (const [k, x] of Object.entries(v)) nanPaths(x, `${path}.${k}`, out);
  }
  return out;
}

function simulate(seed: number, n: number) {
  const r = createRng(seed);
  const y: number[] = [], a: number[] = [], b: number[] = [];
  for (let i = 0; i < n; i++) {
    const yi = r.uniform() < 0.3 ? 1 : 0;
    y.push(yi);
    a.push(1 / (1 + Math.exp(-(-1 + 1.5 * yi + r.normal()))));
    b.push(1 / (1 + Math.exp(-(-1 + 0.8 * yi + r.normal()))));
  }
  return { y, a, b };
}

const tr = simulate(1, 120), te = simulate(2, 60);
const models = {
  clinical: { train: { y: tr.y, p: tr.b }, test: { y: te.y, p: te.b } },
  nomogram: { train: { y: tr.y, p: tr.a }, test: { y: te.y, p: te.a } },
};

Deno.test("metricsSummary: AUC interval is DeLong's, Brier interval a labelled stratified bootstrap", () => {
  const s = metricsSummary(te.y, te.a, { B: 300, seed: 20250411 });
  const d = delongAuc(te.y, te.a);
  assertEquals([s.auc.estimate, s.auc.lower, s.auc.upper, s.auc.method], [
    d.auc,
    d.lower,
    d.upper,
    "95% CI, DeLong",
  ]);
  assertEquals(s.brier.estimate, brierScore(te.y, te.a).brier);
  assertEquals(s.brier.method, "95% CI, stratified bootstrap, 300 resamples, percentile, seed 20250411");
  // reproducible from the label alone
  const direct = bootstrap(
    te.y,
    (idx) => idx.reduce((acc, i) => acc + (te.a[i] - te.y[i]) ** 2, 0) / idx.length,
    createRng(20250411),
    { B: 300, bca: false },
  );
  assertClose([s.brier.lower!, s.brier.upper!], [direct.percentile.lower!, direct.percentile.upper!], {
    rel: 1e-14,
  });
  assert(
    s.aucBootstrap!.lower! <= s.auc.estimate! && s.auc.estimate! <= s.aucBootstrap!.upper!,
    "bootstrap AUC interval covers the estimate",
  );
});

Deno.test("metricsSummary with BCa labels the intervals BCa", () => {
  const s = metricsSummary(te.y, te.a, { B: 200, ciType: "bca" });
  assertEquals(s.brier.method, "95% CI, stratified bootstrap, 200 resamples, BCa, seed 1");
});

Deno.test("metricsSummary with one class: AUC fields null with a note, Brier defined, no NaN anywhere", () => {
  const s = metricsSummary([0, 0, 0, 0], [0.1, 0.2, 0.3, 0.1], { B: 50 });
  assertEquals([s.auc.estimate, s.auc.lower, s.auc.upper, s.scaledBrier.estimate], [null, null, null, null]);
  assert(s.auc.note!.includes("no events"), s.auc.note!);
  assertClose(s.brier.estimate!, (0.01 + 0.04 + 0.09 + 0.01) / 4, { rel: 1e-14 });
  assertEquals(nanPaths(s), []);
});

Deno.test("metricsSummary under perfect separation: AUC 1 with DeLong CI [1, 1] and a note", () => {
  const s = metricsSummary([1, 1, 1, 0, 0, 0], [0.9, 0.8, 0.7, 0.3, 0.2, 0.1], { B: 100 });
  assertEquals([s.auc.estimate, s.auc.lower, s.auc.upper], [1, 1, 1]);
  assert(s.auc.note!.includes("perfect separation"), s.auc.note!);
  assertEquals(nanPaths(s), []);
});

Deno.test("metricsSummary of a constant predictor: AUC 0.5, zero-width CI, no NaN", () => {
  const s = metricsSummary([1, 0, 1, 0, 0], [0.4, 0.4, 0.4, 0.4, 0.4], { B: 100, ciType: "bca" });
  assertEquals([s.auc.estimate, s.auc.lower, s.auc.upper], [0.5, 0.5, 0.5]);
  assertEquals(nanPaths(s), []);
});

Deno.test("evaluateModels: one result per model and set, paired DeLong tests per set, settings echoed", () => {
  const e = evaluateModels(models, { B: 200, labels: { clinical: "Clinical model" } });
  assertEquals(e.models, ["clinical", "nomogram"]);
  assertEquals(e.sets, ["train", "test"]);
  assertEquals(e.results.map((r) => `${r.model}/${r.set}`), [
    "clinical/train",
    "nomogram/train",
    "clinical/test",
    "nomogram/test",
  ]);
  assertEquals(resultFor(e, "clinical", "test").label, "Clinical model");
  assertEquals(e.comparisons.map((c) => `${c.set}:${c.model1}-${c.model2}`), [
    "train:clinical-nomogram",
    "test:clinical-nomogram",
  ]);
  assertEquals(e.settings, { B: 200, seed: 1, confLevel: 0.95, ciType: "percentile", direction: "<" });
  const r = resultFor(e, "nomogram", "test");
  assertEquals(r.roc!.auc, r.auc.estimate);
  assertEquals(r.dca.threshold.length, 99);
  assertEquals(nanPaths(e), []);
  assertThrows(() => resultFor(e, "radiomics", "test"), 'no result for model "radiomics"');
});

Deno.test("evaluateModels: same seed ⇒ identical evaluation; every model of a set uses the same resamples", () => {
  const a = evaluateModels(models, { B: 100, seed: 5, dcaBands: true });
  const b = evaluateModels(models, { B: 100, seed: 5, dcaBands: true });
  assertEquals(
    a.results.map((r) => [r.brier, r.aucBootstrap, r.dcaBands]),
    b.results.map((r) => [r.brier, r.aucBootstrap, r.dcaBands]),
  );
  // identical predictions under two names get identical intervals only if resamples are shared
  const twin = evaluateModels({ m1: models.clinical, m2: models.clinical }, {
    B: 100,
    seed: 5,
    compare: false,
  });
  assertEquals(resultFor(twin, "m1", "test").brier, resultFor(twin, "m2", "test").brier);
});

Deno.test("evaluateModels reports progress up to the total and names the model on bad input", () => {
  let last = [0, 0];
  evaluateModels(models, { B: 50, onProgress: (d, t) => (last = [d, t]) });
  assertEquals(last[0], last[1]);
  assertThrows(
    () => evaluateModels({ bad: { test: { y: [1, 0], p: [0.5, 1.5] } } }, { B: 10 }),
    'model "bad", set "test"',
  );
});

Deno.test("evaluationToJson writes infinite thresholds as strings and survives a JSON round trip unchanged", async () => {
  const { evaluationToJson } = await import("../../lib/eval/evaluation_json.ts");
  const e = evaluateModels(models, { B: 20 });
  const j = evaluationToJson(e);
  const text = JSON.stringify(j);
  assertEquals(JSON.parse(text), j);
  const roc = (j.results as { roc: { thresholds: unknown[] } }[])[0].roc;
  assertEquals([roc.thresholds[0], roc.thresholds[roc.thresholds.length - 1]], ["-Inf", "Inf"]);
});

Deno.test("metricsSummary keeps an AUC below 0.5 and warns instead of flipping the direction", () => {
  const s = metricsSummary([1, 1, 0, 0, 0], [0.2, 0.3, 0.6, 0.7, 0.1], { B: 20 });
  assertClose(s.auc.estimate!, 2 / 6, { abs: 1e-15 });
  assert(s.warnings.some((w) => w.includes("below 0.5") && w.includes("not flipped")), s.warnings.join("; "));
});
