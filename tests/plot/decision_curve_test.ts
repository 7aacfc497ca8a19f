import { assert, assertEquals } from "../assert.ts";
import { decisionFigureFromEvaluation } from "../../lib/plot/decision_curve.ts";
import { evaluateModels } from "../../lib/eval/metrics_summary.ts";

const y = [1, 1, 1, 0, 0, 0, 0, 0, 1, 0];
const p = [0.8, 0.6, 0.3, 0.1, 0.3, 0.5, 0.2, 0.15, 0.7, 0.05];

Deno.test("decision curve figure: model, treat-all and treat-none in the legend, bands in the caption, deterministic", () => {
  const e = evaluateModels({ clinical: { test: { y, p } } }, {
    B: 30,
    dcaBands: true,
    labels: { clinical: "Clinical model" },
  });
  const f = decisionFigureFromEvaluation(e, "test");
  assertEquals(f.svg, decisionFigureFromEvaluation(e, "test").svg);
  for (const s of ["Clinical model", "Treat all", "Treat none", "Net benefit", "Threshold probability"]) {
    assert(f.svg.includes(s), s);
  }
  assert(
    f.caption!.includes("95% pointwise band, stratified bootstrap, 30 resamples, percentile, seed 1"),
    f.caption!,
  );
});
