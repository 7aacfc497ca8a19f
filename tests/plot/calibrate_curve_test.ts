import { assert, assertEquals } from "../assert.ts";
import { calibrateCurveFigure } from "../../lib/plot/calibrate_curve.ts";
import { calibrate } from "../../lib/eval/calibrate.ts";
import { logisticRecipe } from "../../lib/eval/recipe.ts";
import { validate } from "../../lib/eval/validate.ts";
import { calibrateTable, validateTable, validationSummaryTable } from "../../lib/report/validation_table.ts";
import { toMarkdown } from "../../lib/report/table.ts";
import { createRng } from "../../lib/random/rng.ts";

const rng = createRng(12);
const x = Array.from({ length: 120 }, () => rng.normal());
const y = x.map((v) => (rng.uniform() < 1 / (1 + Math.exp(-(v - 0.3))) ? 1 : 0));
const recipe = logisticRecipe({
  outcome: "y",
  predictors: [{ name: "x", type: "numeric" }],
  label: "Model X",
});

Deno.test("calibrateCurveFigure is deterministic and draws the ideal, apparent and bias-corrected curves with the error summary", () => {
  const c = calibrate(recipe, { x, y }, { B: 10, seed: 3 });
  const f1 = calibrateCurveFigure(c);
  const f2 = calibrateCurveFigure(calibrate(recipe, { x, y }, { B: 10, seed: 3 }));
  assertEquals(f1.svg, f2.svg);
  for (
    const s of [
      "Ideal",
      "Apparent",
      "Bias-corrected (B = 10)",
      `Mean absolute error ${c.meanAbsError.toFixed(3)}`,
    ]
  ) {
    assert(f1.svg.includes(s), `figure shows "${s}"`);
  }
  // journal style: the title ("Bias-corrected calibration: Model X") is in the caption, not the image
  assert(!f1.svg.includes("Bias-corrected calibration: Model X"), "title drawn in the image");
  assert(f1.caption!.startsWith("Bias-corrected calibration: Model X. "), f1.caption);
  assert(f1.svg.includes('stroke-dasharray="5,3"'), "apparent curve dashed");
});

Deno.test("validateTable lists every rms index and the steps repeated; the summary gives the corrected AUC", () => {
  const v = validate(recipe, { x, y }, { B: 10, seed: 3 });
  const t = validateTable(v);
  assertEquals(t.rows.map((r) => r.index), [
    "Somers' Dxy",
    "AUC (C)",
    "Nagelkerke R²",
    "Calibration intercept",
    "Calibration slope",
    "Emax",
    "Discrimination D",
    "Unreliability U",
    "Quality Q",
    "Brier score",
    "g (log odds)",
    "gp (probability)",
  ]);
  assertEquals(t.rows[1].corrected, v.index.AUC.corrected);
  const md = toMarkdown(t);
  assert(md.includes("10 resamples, seed 3; 10 used, 0 failed"), md);
  assert(md.includes("Repeated in every resample: logistic regression on x."), md);
  const s = validationSummaryTable([v]);
  assertEquals(s.rows[0].auc_corrected, v.index.AUC.corrected);
  assertEquals(s.rows[0].repeated, "all");
  const ct = calibrateTable(calibrate(recipe, { x, y }, { B: 5, seed: 3 }));
  assertEquals(ct.rows.length, 50);
});
