import { assert, assertEquals } from "../assert.ts";
import { nomogramFromCoefficients } from "../../lib/models/nomogram.ts";
import { nomogramFigure } from "../../lib/plot/nomogram.ts";
import { kmCurveFigure } from "../../lib/plot/km_curve.ts";
import { tdAucFigure, tdBrierFigure } from "../../lib/plot/td_curves.ts";
import { kaplanMeierStrata } from "../../lib/eval/km.ts";
import { compareTimeDependent } from "../../lib/eval/td_auc_brier.ts";

const NOM = nomogramFromCoefficients(
  {
    model: "cox",
    predictors: [{ name: "ki67", type: "numeric" }, {
      name: "metastasis",
      type: "factor",
      levels: ["negative", "positive"],
    }],
    terms: ["ki67", "metastasis=positive"],
    coefficients: [0.02, 0.9],
    baselineSurvival: [{ time: 6, survival: 0.95 }, { time: 12, survival: 0.85 }, {
      time: 24,
      survival: 0.7,
    }],
  },
  { values: { ki67: [0, 20, 40, 60, 80] }, funAt: [0.95, 0.9, 0.8, 0.7, 0.5, 0.3] },
);

Deno.test("nomogramFigure draws one labelled axis per predictor and per horizon, byte-identical on repeat", () => {
  const a = nomogramFigure(NOM);
  assertEquals(a.svg, nomogramFigure(NOM).svg);
  for (
    const label of [
      "Points",
      "ki67",
      "metastasis",
      "Total Points",
      "6-month PFS probability",
      "24-month PFS probability",
      "positive",
    ]
  ) {
    assert(a.svg.includes(`>${label}<`), `missing label ${label}`);
  }
});

Deno.test("KM and time-dependent figures are deterministic and caption the methods and undefined horizons", () => {
  const time = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], status = [1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
  const g = [
    "Low risk",
    "High risk",
    "Low risk",
    "High risk",
    "Low risk",
    "High risk",
    "Low risk",
    "High risk",
    "Low risk",
    "High risk",
  ];
  const km = kmCurveFigure(kaplanMeierStrata(time, status, g));
  assertEquals(km.svg, kmCurveFigure(kaplanMeierStrata(time, status, g)).svg);
  assert(km.svg.includes("Number at risk"), "risk table");
  const risk = [0.9, 0.4, 0.7, 0.6, 0.2, 0.3, 0.7, 0.1, 0.5, 0.05];
  const cmp = compareTimeDependent(time, status, { Nomogram: [risk, risk, risk] }, [0.5, 3, 6]);
  const auc = tdAucFigure(cmp);
  assert(
    auc.caption!.includes("Cumulative/dynamic AUC") && auc.caption!.includes("not defined at t = 0.5"),
    auc.caption,
  );
  assert(
    tdBrierFigure(cmp).caption!.includes("IPCW Brier score (Kaplan–Meier censoring model)"),
    "brier caption",
  );
  assertEquals(auc.svg, tdAucFigure(cmp).svg);
});
