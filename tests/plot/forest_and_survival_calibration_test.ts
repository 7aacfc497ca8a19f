import { assert, assertEquals, assertThrows } from "../assert.ts";
import { coxForestRows, forestPlotFigure } from "../../lib/plot/forest_plot.ts";
import { survivalCalibrationFigure } from "../../lib/plot/survival_calibration.ts";
import { survivalCalibrationAtHorizons } from "../../lib/eval/survival_calibration.ts";
import { CoxPH } from "../../lib/models/cox.ts";
import { createRng } from "../../lib/random/rng.ts";

function synth(seed: number, n: number) {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => rng.normal());
  const g = Array.from({ length: n }, () => (rng.uniform() < 0.4 ? "yes" : "no"));
  const time = x.map((v, i) =>
    Math.round((-Math.log(rng.uniform()) / (0.05 * Math.exp(0.5 * v + (g[i] === "yes" ? 0.7 : 0)))) * 10) /
      10 + 0.1
  );
  const status = time.map(() => (rng.uniform() < 0.85 ? 1 : 0));
  return { x, g, time, status };
}

Deno.test("forestPlotFigure draws one row per label and panel, log axis, reference line; deterministic", () => {
  const rows = [
    {
      label: "Metastasis: yes vs no",
      panel: "Univariable",
      estimate: 6.07,
      lower: 2.74,
      upper: 13.45,
      pValue: 0.0001,
    },
    {
      label: "Metastasis: yes vs no",
      panel: "Multivariable",
      estimate: 12.2,
      lower: 3.8,
      upper: 39.2,
      pValue: 0.00002,
    },
    { label: "Ki-67 index", panel: "Univariable", estimate: 1.03, lower: 1.02, upper: 1.05, pValue: 0.2 },
  ];
  const a = forestPlotFigure(rows);
  assertEquals(a.svg, forestPlotFigure(rows).svg);
  assert(
    a.svg.includes("Metastasis: yes vs no") && a.svg.includes("Univariable") &&
      a.svg.includes("Multivariable"),
    "labels and panels",
  );
  assert(a.svg.includes("6.07 (2.74–13.45)") && a.svg.includes("p &lt;0.001"), "printed estimates");
  assert(a.svg.includes("Odds ratio (95% CI, log scale)"), "axis label");
  assertThrows(() => forestPlotFigure([{ label: "x", estimate: -1, lower: 0.5, upper: 2 }]), 'row 1 ("x")');
});

Deno.test("coxForestRows names factor levels against their reference and carries the fit's hazard ratios", () => {
  const d = synth(4, 150);
  const fit = new CoxPH({
    covariates: [{ name: "x", type: "numeric", label: "Radscore" }, {
      name: "g",
      type: "factor",
      levels: ["no", "yes"],
      label: "Metastasis",
    }],
    time: "time",
    status: "status",
  }).fit({ x: d.x, g: d.g, time: d.time, status: d.status });
  const rows = coxForestRows(fit);
  assertEquals(rows.map((r) => r.label), ["Radscore", "Metastasis: yes vs no"]);
  assertEquals(rows[1].estimate, fit.coefficients()[1].hr);
  const f = forestPlotFigure(rows, { measure: "HR" });
  assert(f.svg.includes("Hazard ratio (95% CI, log scale)"), "HR axis");
});

Deno.test("survivalCalibrationFigure has one panel per horizon with points, CI bars and the ideal line", () => {
  const d = synth(9, 200);
  const risk12 = d.x.map((v) => 1 / (1 + Math.exp(-(v - 0.2))));
  const risk24 = risk12.map((r) => Math.min(0.95, r * 1.3));
  const set = survivalCalibrationAtHorizons(d.time, d.status, [risk12, risk24], [12, 24], {
    g: 4,
    labels: ["12 months", "24 months"],
  });
  const f = survivalCalibrationFigure(set, { model: "nomogram" });
  assertEquals(f.svg, survivalCalibrationFigure(set, { model: "nomogram" }).svg);
  assertEquals((f.svg.match(/<circle/g) ?? []).length, 8);
  assert(
    f.svg.includes("12 months") && f.svg.includes("24 months") && f.svg.includes("O/E"),
    "panels and O/E",
  );
  assert(
    f.svg.includes('aria-label="rule"') && f.svg.includes("stroke-dasharray"),
    "CI bars and the dashed ideal line",
  );
});

Deno.test("table2ForestRows: univariable and multivariable panels, factor rows name the reference level", async () => {
  const { screenPredictors } = await import("../../lib/models/screening.ts");
  const { table2ForestRows } = await import("../../lib/plot/forest_plot.ts");
  const rng = createRng(12);
  const n = 200;
  const ki = Array.from({ length: n }, () => rng.normal(20, 8));
  const met = Array.from({ length: n }, () => (rng.uniform() < 0.3 ? "positive" : "negative"));
  const noise = Array.from({ length: n }, () => rng.normal());
  const y = ki.map((
    k,
    i,
  ) => (rng.uniform() < 1 / (1 + Math.exp(-(-4 + 0.1 * k + (met[i] === "positive" ? 1.5 : 0)))) ? 1 : 0));
  const s = screenPredictors({ y, ki, met, noise }, {
    outcome: "y",
    candidates: [
      { name: "ki", type: "numeric", label: "Ki-67 index" },
      { name: "met", type: "factor", levels: ["negative", "positive"], label: "Metastasis" },
      { name: "noise", type: "numeric", label: "Noise" },
    ],
    threshold: 0.05,
  });
  const rows = table2ForestRows(s);
  const uni = rows.filter((r) => r.panel === "Univariable");
  assertEquals(uni.map((r) => r.label), ["Ki-67 index", "Metastasis: positive vs negative", "Noise"]);
  const multi = rows.filter((r) => r.panel === "Multivariable");
  assertEquals(multi.length, s.multivariable ? s.multivariable.coefficients_.length - 1 : 0);
  assertEquals(uni[1].estimate, s.univariable[1].terms[0].oddsRatio);
});
