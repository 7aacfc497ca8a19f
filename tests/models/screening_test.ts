import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import {
  predictorsFromCodebook,
  refitSignificant,
  screenPredictors,
  table2Candidates,
} from "../../lib/models/screening.ts";
import { fitLogistic } from "../../lib/models/logistic.ts";
import { modelPredictions } from "../../lib/models/predictions.ts";
import { table2, table2WithPublished } from "../../lib/report/table2.ts";
import { normaliseLabel } from "../../lib/audit/published.ts";
import { toCsvText } from "../../lib/report/table.ts";
import { createRng } from "../../lib/random/rng.ts";

// Seeded synthetic data: x1 strongly related to y, x2 noise, g a binary factor related to y.
function makeData(n: number, seed: number) {
  const rng = createRng(seed);
  const rows: { id: string; y: number; x1: number; x2: number; g: string }[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = rng.normal();
    const x2 = rng.normal();
    const g = rng.uniform() < 0.5 ? "yes" : "no";
    const eta = -0.5 + 1.5 * x1 + (g === "yes" ? 1 : 0);
    rows.push({ id: `P${i}`, y: rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0, x1, x2, g });
  }
  return rows;
}
const candidates = [
  { name: "x1", type: "numeric" as const, label: "X one" },
  { name: "x2", type: "numeric" as const, label: "X two" },
  { name: "g", type: "factor" as const, levels: ["no", "yes"], reference: "no", label: "Group" },
];

Deno.test("univariable results equal separate one-predictor fits; the multivariable model holds those with p < threshold", () => {
  const data = makeData(300, 11);
  const s = screenPredictors(data, { outcome: "y", candidates, threshold: 0.05 });
  for (const u of s.univariable) {
    const alone = fitLogistic(data, {
      outcome: "y",
      predictors: candidates.filter((c) => c.name === u.predictor),
      profile: false,
    });
    assertClose(u.terms[0].estimate, alone.coef_[1], { abs: 1e-12 });
    assertEquals(u.selected, u.pScreen < 0.05);
  }
  assertEquals(s.selected, s.univariable.filter((u) => u.selected).map((u) => u.predictor));
  assertEquals(s.multivariable?.predictors_.map((p) => p.name), s.selected);
  assert(s.selected.includes("x1"), "the strong predictor is selected");
});

Deno.test("threshold and force are honoured", () => {
  const data = makeData(300, 11);
  const all = screenPredictors(data, { outcome: "y", candidates, threshold: 1, inclusive: true });
  assertEquals(all.selected, ["x1", "x2", "g"]);
  const forced = screenPredictors(data, { outcome: "y", candidates, threshold: 1e-300, force: ["x2"] });
  assertEquals(forced.selected, ["x2"]);
  assertThrows(
    () => screenPredictors(data, { outcome: "y", candidates, force: ["zz"] }),
    /"zz" is not a candidate/,
  );
});

Deno.test("Table 2 rows: one per term, empty multivariable cells for unselected predictors, full-precision OR in CSV", () => {
  const data = makeData(300, 11);
  const s = screenPredictors(data, { outcome: "y", candidates, threshold: 0.05 });
  const t = table2(s);
  // a binary factor names its level and the reference (gtsummary style)
  assertEquals(t.rows.map((r) => r.variable), ["X one", "X two", "Group: yes vs no"]);
  const uni = s.univariable[0].terms[0];
  assertEquals(t.rows[0].uni_or, uni.oddsRatio);
  for (const [k, u] of s.univariable.entries()) assertEquals(t.rows[k].multi_or === null, !u.selected);
  assert(toCsvText(t).includes(String(uni.oddsRatio)), "CSV keeps full precision");
  // CI bounds and p as numbers beside the text (CSV/XLSX only), headers unique
  assertEquals([t.rows[0].uni_lower, t.rows[0].uni_p_value], [uni.orWaldLower, uni.pValue]);
  const header = toCsvText(t).split("\n")[0].split(",");
  assertEquals(new Set(header).size, header.length);
  assert(header.includes("uni_or_lower") && header.includes("multi_p_value"), header.join(","));
});

Deno.test("Table 2 beside the published one matches rows by normalised label and keeps unmatched published rows", () => {
  const data = makeData(300, 11);
  const s = screenPredictors(data, { outcome: "y", candidates });
  const cmp = table2WithPublished(s, [
    { variable: "X one*", analysis: "univariable", or: 2.5, lower: 1.2, upper: 5.1, pText: "0.010" },
    { variable: "Rad_score", analysis: "univariable", or: 1.9, lower: 1.5, upper: 2.5, pText: "<0.001" },
  ]);
  const x1 = cmp.rows.find((r) => r.variable === "X one" && r.analysis === "univariable")!;
  assertEquals([x1.published_or, x1.published_p], [2.5, "0.010"]);
  const rad = cmp.rows.find((r) => r.variable === "Rad_score")!;
  assertEquals([rad.or, rad.published_or], [null, 1.9]);
  assertEquals(normaliseLabel("Age* (months)"), "age");
});

Deno.test("refitSignificant keeps multivariable predictors with p < threshold; predictions on test rows use the training fit", () => {
  const train = makeData(300, 11);
  const test = makeData(100, 12);
  const s = screenPredictors(train, { outcome: "y", candidates: [candidates[0], candidates[2]] });
  const fit = refitSignificant(s, train);
  const pr = modelPredictions(fit, { train, test });
  assertEquals(pr.sets.test.id.length, 100);
  const b = fit.coef_;
  const g = fit.terms_.indexOf("g=yes");
  const lp0 = b[0] + b[1] * test[0].x1 + (g >= 0 && test[0].g === "yes" ? b[g] : 0);
  assertClose(pr.sets.test.lp[0], lp0, { abs: 1e-14 });
});

Deno.test("codebook rows become numeric and factor specifications with the codebook reference", () => {
  const entries = [
    {
      variable: "age",
      type: "continuous",
      levels: [],
      reference: null,
      publishedLabel: "Age* (months)",
      source: "Table 1; Table 2",
    },
    {
      variable: "met",
      type: "binary",
      levels: ["negative", "positive"],
      reference: "negative",
      publishedLabel: "Metastasis",
      source: "Table 2",
    },
    { variable: "id", type: "id", levels: [], reference: null, source: "synthetic" },
  ];
  assertEquals(predictorsFromCodebook(entries, ["age"]), [{ name: "age", type: "numeric", label: "Age" }]);
  assertEquals(table2Candidates({ entries }).map((p) => p.name), ["age", "met"]);
  assertThrows(() => predictorsFromCodebook(entries, ["id"]), /not a predictor type/);
});
