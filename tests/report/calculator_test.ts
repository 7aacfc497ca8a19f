import { assert, assertEquals, assertThrows } from "../assert.ts";
import { nomogramFromCoefficients, scoreNomogram, trainingRange } from "../../lib/models/nomogram.ts";
import { scoreRows } from "../../lib/models/nomogram_score.ts";
import { nomogramPoints } from "../../lib/models/nomogram_points.ts";
import type { PredictorSpec } from "../../lib/models/design.ts";
import { calculatorHtml, calculatorOutputIds, writeCalculatorPages } from "../../lib/report/calculator.ts";
import { checkCalculatorPage, expectedOutputs, spreadPatients } from "../../lib/report/calculator_check.ts";
import { findChromium } from "../../lib/report/headless_chromium.ts";

const PREDS: PredictorSpec[] = [
  { name: "ki67", type: "numeric", label: "Ki-67 (%)" },
  { name: "stage", type: "factor", levels: ["I", "II", "III", "IV"] },
  { name: "radscore", type: "numeric" },
];
// lp = −2 + 0.03 ki67 + stage effects + 0.8 radscore (logistic); the Cox twin uses S0 at 6, 12, 24.
const LOGIT = nomogramFromCoefficients(
  {
    model: "logistic",
    predictors: PREDS,
    terms: ["ki67", "stage=II", "stage=III", "stage=IV", "radscore"],
    coefficients: [0.03, 0.4, 1.1, 1.9, 0.8],
    intercept: -2,
  },
  { values: { ki67: [0, 20, 40, 60, 80], radscore: [-2, -1, 0, 1, 2] } },
);
const COX = nomogramFromCoefficients(
  {
    model: "cox",
    predictors: PREDS,
    terms: ["ki67", "stage=II", "stage=III", "stage=IV", "radscore"],
    coefficients: [0.02, 0.3, 0.7, 1.2, 0.5],
    baselineSurvival: [{ time: 6, survival: 0.95 }, { time: 12, survival: 0.9 }, { time: 24, survival: 0.8 }],
  },
  { values: { ki67: [0, 20, 40, 60, 80], radscore: [-2, -1, 0, 1, 2] } },
);

Deno.test("nomogramPoints is self-contained: its source alone, evaluated, scores like scoreNomogram", () => {
  const fn = new Function(`return (${nomogramPoints.toString()});`)() as typeof nomogramPoints;
  const pts = [{ ki67: 33, stage: "III", radscore: 0.4 }, { ki67: 95, stage: "I", radscore: -2.5 }];
  for (const nom of [LOGIT, COX]) {
    const want = scoreNomogram(nom, pts);
    pts.forEach((p, i) => {
      const got = fn(nom, p);
      assertEquals(got.totalPoints, want[i].totalPoints);
      assertEquals(got.risk, want[i].risk);
      assertEquals(got.survival, want[i].survival);
    });
  }
  // by hand: logistic, ki67 = 33, stage III, radscore 0.4 → lp = −2 + 0.99 + 1.1 + 0.32
  assert(Math.abs(fn(LOGIT, pts[0]).lp - 0.41) < 1e-12, "lp by hand");
});

Deno.test("the calculator page is a complete offline HTML document with one input per predictor", () => {
  const html = calculatorHtml(COX, { source: "models/nomogram_survival.json" });
  assert(html.startsWith("<!doctype html>"), "doctype");
  assert(html.includes('<meta charset="utf-8">') && html.includes("<style>"), "charset and inline CSS");
  assert(!/(src|href)="(https?:)?\/\//.test(html), "no network resources");
  assert(
    html.includes('<select id="in_stage"') && html.includes('<option value="IV">IV</option>'),
    "factor list",
  );
  assert(
    html.includes('<input type="number" step="any" id="in_ki67" name="ki67" min="0" max="80">'),
    "number range",
  );
  assert(html.includes(nomogramPoints.toString()), "the shared scoring function is embedded verbatim");
  for (const id of calculatorOutputIds(COX)) assert(html.includes(`id="${id}"`), `output ${id}`);
  assertEquals(calculatorOutputIds(COX).slice(-6), [
    "survival_6",
    "risk_6",
    "survival_12",
    "risk_12",
    "survival_24",
    "risk_24",
  ]);
});

Deno.test("the number field shows the training range stored in the model JSON and uses it as min/max", () => {
  const train = { ki67: [3, 41, 76], stage: ["I", "II", "IV"], radscore: [-1.5, 0.25, 1.75] };
  const nom = nomogramFromCoefficients(
    {
      model: "logistic",
      predictors: PREDS,
      terms: ["ki67", "stage=II", "stage=III", "stage=IV", "radscore"],
      coefficients: [0.03, 0.4, 1.1, 1.9, 0.8],
      intercept: -2,
    },
    { data: train },
  );
  const html = calculatorHtml(nom);
  assert(
    html.includes('<input type="number" step="any" id="in_ki67" name="ki67" min="3" max="76">'),
    "training min/max on the field",
  );
  assert(
    html.includes("training range 3 to 76") && html.includes("training range -1.5 to 1.75"),
    "shown beside it",
  );
  assert(
    html.includes(`const trainingRange = ${trainingRange.toString()};`),
    "the page checks with the same function",
  );
  // spread patients: the last lies 10 % beyond the training maximum, so score refuses it (one range for both)
  const sp = spreadPatients(nom, 4);
  assertEquals(sp[3].ki67, 83.3);
  assert((sp[2].ki67 as number) <= 76, "the others are inside");
  assertThrows(() => scoreRows(nom, sp, "p.csv", { extrapolation: "refuse" }), /training range \[3, 76\]/);
  // a JSON without ranges (built from axis values) keeps the axis as its range
  assert(
    calculatorHtml(LOGIT).includes('min="0" max="80"') &&
      calculatorHtml(LOGIT).includes("axis range 0 to 80"),
  );
});

Deno.test("expected outputs round the score task's values with toFixed (1 decimal points, 3 probabilities)", () => {
  const p = { ki67: 40, stage: "II", radscore: 1 };
  const row = scoreRows(COX, [p]).rows[0];
  const e = expectedOutputs(COX, row);
  assertEquals(e.total_points, (row.total_points as number).toFixed(1));
  assertEquals(e.risk, (1 - Math.pow(0.95, Math.exp(row.lp as number))).toFixed(3));
  assertEquals(e.risk_24, (row.risk_24 as number).toFixed(3));
  const sp = spreadPatients(LOGIT, 5);
  assertEquals(sp.map((x) => x.stage), ["II", "III", "IV", "I", "II"]);
  assert((sp[4].ki67 as number) > 80, "the last patient lies beyond the axis (extrapolation checked)");
});

const chromium = findChromium();
Deno.test({
  name:
    "in headless Chromium the pages show what score gives for three patients each (CI's check-calculator step: five); a changed page is caught",
  ignore: chromium === null, // Debian: apt-get install chromium (CI installs it)
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const models = `${dir}/models`;
    await Deno.mkdir(models);
    await Deno.writeTextFile(`${models}/nomogram_logistic.json`, JSON.stringify(LOGIT));
    await Deno.writeTextFile(`${models}/nomogram_survival.json`, JSON.stringify(COX));
    const written = await writeCalculatorPages(models, `${dir}/calculator`);
    assertEquals(written.map((f) => f.slice(dir.length)), [
      "/calculator/nomogram_logistic.html",
      "/calculator/nomogram_survival.html",
      "/calculator/index.html",
    ]);
    for (const [nom, page] of [[LOGIT, written[0]], [COX, written[1]]] as const) {
      const patients = spreadPatients(nom, 3);
      const rows = scoreRows(nom, patients).rows;
      const res = await checkCalculatorPage(chromium!, page, nom, patients, rows);
      assertEquals(res.map((r) => r.mismatches), [[], [], []], JSON.stringify(res[0]));
      assertEquals(
        res[0].shown.risk,
        rows[0].risk === undefined
          ? (rows[0].risk_6 as number).toFixed(3)
          : (rows[0].risk as number).toFixed(3),
      );
    }
    // a page whose embedded model differs (ki67 coefficient doubled) disagrees with score
    const tampered = JSON.parse(JSON.stringify(LOGIT));
    tampered.axes[0].coefficients.ki67 *= 2;
    await Deno.writeTextFile(`${dir}/tampered.html`, calculatorHtml(tampered));
    const patients = spreadPatients(LOGIT, 2);
    const res = await checkCalculatorPage(
      chromium!,
      `${dir}/tampered.html`,
      LOGIT,
      patients,
      scoreRows(LOGIT, patients).rows,
    );
    assert(
      res[1].mismatches.includes("points_ki67") && res[1].mismatches.includes("risk"),
      JSON.stringify(res[1].mismatches),
    );
    await Deno.remove(dir, { recursive: true });
  },
});
