import { assert, assertEquals } from "../assert.ts";
import { rocCurveFigure, rocFigureFromEvaluation } from "../../lib/plot/roc_curve.ts";
import { evaluateModels } from "../../lib/eval/metrics_summary.ts";
import { rocCurve } from "../../lib/eval/roc.ts";

const y = [1, 1, 1, 0, 0, 0, 0];
const p = [0.8, 0.6, 0.3, 0.1, 0.3, 0.5, 0.2];

Deno.test("rocCurveFigure is deterministic and writes AUC with its interval method in the legend", () => {
  const e = evaluateModels({
    clinical: { test: { y, p: y.map((v) => 0.4 + 0.2 * v) } },
    nomogram: { test: { y, p } },
  }, {
    B: 20,
    labels: { nomogram: "Radiomics nomogram" },
  });
  const f1 = rocFigureFromEvaluation(e, "test");
  const f2 = rocFigureFromEvaluation(e, "test");
  assertEquals(f1.svg, f2.svg);
  assert(f1.svg.includes("Radiomics nomogram: AUC 0.875 (95% CI, DeLong: "), f1.svg.slice(0, 300));
  assert(f1.svg.includes("#d62728") && f1.svg.includes("#1f77b4"), "first model red, second blue");
  assert(f1.svg.includes("Sensitivity") && f1.svg.includes("Specificity"), "axis labels");
});

Deno.test("rocCurveFigure without an interval shows the curve's AUC alone", () => {
  const f = rocCurveFigure([{ label: "S", curve: rocCurve(y, p) }]);
  assert(f.svg.includes("S: AUC 0.875<"), "legend text");
});
