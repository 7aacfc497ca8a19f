import { assert, assertEquals } from "../assert.ts";
import { nriIdi } from "../../lib/eval/nri_idi.ts";
import { nriIdiTable, reclassificationTable } from "../../lib/report/nri_idi_table.ts";
import { survivalCalibrationAtHorizons } from "../../lib/eval/survival_calibration.ts";
import { survivalCalibrationTable } from "../../lib/report/survival_calibration_table.ts";
import { toMarkdown } from "../../lib/report/table.ts";
import { createRng } from "../../lib/random/rng.ts";

const y = [1, 1, 1, 0, 0, 0, 1, 0];
const pOld = [0.3, 0.5, 0.15, 0.2, 0.4, 0.05, 0.12, 0.3];
const pNew = [0.6, 0.4, 0.25, 0.1, 0.4, 0.25, 0.3, 0.15];

Deno.test("nriIdiTable has continuous, categorical and IDI rows per comparison with the values of nriIdi", () => {
  const r = nriIdi(y, pOld, pNew, { cutoffs: [0.1, 0.2] });
  const t = nriIdiTable([{ newModel: "Nomogram", oldModel: "Clinical", set: "test", result: r }]);
  assertEquals(t.rows.map((x) => x.measure), [
    "NRI, continuous",
    "  events",
    "  non-events",
    "NRI, categorical (< 10% / 10%–20% / ≥ 20%)",
    "  events",
    "  non-events",
    "IDI",
  ]);
  assertEquals(t.rows[0].estimate, r.continuous.nri.estimate);
  assertEquals(t.rows[3].se, r.categorical!.nri.se);
  assertEquals(t.rows[6].estimate, r.idi.idi);
  const md = toMarkdown(t);
  assert(md.includes("Nomogram vs Clinical") && md.includes("Hmisc::improveProb"), md.slice(0, 300));
  const rc = reclassificationTable(r.categorical!, { newModel: "Nomogram", oldModel: "Clinical" });
  assertEquals(rc.rows.length, 6);
  assertEquals(rc.rows.reduce((a, x) => a + Number(x.total), 0), y.length);
});

Deno.test("survivalCalibrationTable lists each group and an 'all' row with O/E per horizon", () => {
  const rng = createRng(2);
  const risk = Array.from({ length: 90 }, () => 0.1 + 0.7 * rng.uniform());
  const time = risk.map((r) => Math.round((-Math.log(rng.uniform()) / (0.1 * r)) * 10) / 10 + 0.1);
  const status = time.map(() => (rng.uniform() < 0.8 ? 1 : 0));
  const set = survivalCalibrationAtHorizons(time, status, [risk, risk], [3, 6], {
    g: 3,
    labels: ["3 months", "6 months"],
  });
  const t = survivalCalibrationTable(set, { model: "Nomogram" });
  assertEquals(t.rows.length, 2 * (3 + 1));
  assertEquals(t.rows[3].group, "all");
  assertEquals(t.rows[3].oe, set.results[0].overall.oeRatio);
  assertEquals(t.rows[0].predicted, set.results[0].groups[0].meanPredictedRisk);
  assert(t.title.includes("3 months, 6 months: Nomogram"), t.title);
});
