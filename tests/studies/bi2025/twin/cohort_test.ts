import { assert, assertClose, assertEquals, assertNotEquals } from "../../../assert.ts";
import {
  conditionalBernoulli,
  DAYS_PER_MONTH,
  FOLLOW_UP_END,
  knotQuantile,
  quantileMatched,
  synthCohort,
  TREATMENT_END,
  TREATMENT_START,
  twinCsv,
  type TwinPatient,
  visitOf,
} from "../../../../studies/bi2025/twin/mod.ts";
import { readCodebook } from "../../../../lib/data/codebook.ts";
import { normaliseLabel, readPublished, table1Variables } from "../../../../lib/audit/published.ts";
import { quantile } from "../../../../lib/stats/quantile.ts";
import { createRng } from "../../../../lib/random/rng.ts";
import { LogisticRegression } from "../../../../lib/models/logistic.ts";

const root = new URL("../../../../", import.meta.url).pathname;
const codebook = await readCodebook(root + "studies/bi2025/codebook.csv");
const published = await readPublished(root + "studies/bi2025/published");
const twin = synthCohort();
const bySplit = (s: string) => twin.patients.filter((p) => p.split === s);

/** Documented resolutions of published rows that do not add up (studies/bi2025/codebook.csv notes). */
const RESOLVED: Record<string, Record<string, number[]>> = {
  midline_infiltration: { test: [67, 24] },
  calcification: { test: [40, 51] },
};

Deno.test("twin has 306 patients, 215 train / 91 test, unique ids", () => {
  assertEquals(twin.patients.length, 306);
  assertEquals(bySplit("train").length, 215);
  assertEquals(bySplit("test").length, 91);
  assertEquals(new Set(twin.patients.map((p) => p.id)).size, 306);
});

Deno.test("twin categorical counts per split equal the published Table 1 counts (resolved rows: documented values)", () => {
  const vars = table1Variables(published.table1);
  let checked = 0;
  for (const e of codebook.entries.filter((x) => x.publishedLevels.length > 0)) {
    const v = vars.find((x) => normaliseLabel(x.variable) === normaliseLabel(e.publishedLabel));
    assert(v, `Table 1 has no variable "${e.publishedLabel}"`);
    for (const g of published.groups) {
      const pts = bySplit(g.group) as unknown as Record<string, string | number>[];
      const twinCounts = e.levels.map((lv) => pts.filter((p) => String(p[e.variable]) === lv).length);
      const printed = e.publishedLevels.map((pl) =>
        v.rows.find((r) => r.level === pl)!.cells[g.group].n!.value
      );
      const expected = printed.reduce((a, b) => a + b, 0) === g.n ? printed : RESOLVED[e.variable]?.[g.group];
      assert(
        expected,
        `${e.variable} ${g.group}: published counts ${printed} do not add up and no resolution is documented`,
      );
      assertEquals(twinCounts, expected, `${e.variable} (${g.group})`);
      checked++;
    }
  }
  assertEquals(checked, 28); // 14 two-level variables (with progression) × 2 splits
});

Deno.test("twin progression is exactly 32/215 (train) and 13/91 (test)", () => {
  assertEquals(bySplit("train").filter((p) => p.progression === 1).length, 32);
  assertEquals(bySplit("test").filter((p) => p.progression === 1).length, 13);
});

Deno.test("twin medians and quartiles (R type 7) of age, Ki-67, diameter and PFS are within 5% of the published ones", () => {
  const vars = table1Variables(published.table1);
  const map: Record<string, keyof TwinPatient> = {
    "age": "age_months",
    "ki-67 index": "ki67_pct",
    "maximal diameter": "max_diameter_cm",
    "progression-free survival": "pfs_months",
  };
  let n = 0;
  for (const [label, col] of Object.entries(map)) {
    const v = vars.find((x) => normaliseLabel(x.variable) === label)!;
    for (const g of published.groups) {
      const c = v.rows[0].cells[g.group];
      const x = bySplit(g.group).map((p) => p[col] as number);
      const [q1, med, q3] = quantile(x, [0.25, 0.5, 0.75]);
      assertClose(q1, c.q1!.value, { abs: 0, rel: 0.05 }, `${col} ${g.group} Q1`);
      assertClose(med, c.median!.value, { abs: 0, rel: 0.05 }, `${col} ${g.group} median`);
      assertClose(q3, c.q3!.value, { abs: 0, rel: 0.05 }, `${col} ${g.group} Q3`);
      n++;
    }
  }
  assertEquals(n, 8);
});

Deno.test("same seed gives identical CSV text; another seed gives a different cohort", () => {
  const a = twinCsv(synthCohort({ seed: 7 }));
  const b = twinCsv(synthCohort({ seed: 7 }));
  assertEquals(a, b);
  assertNotEquals(twinCsv(synthCohort({ seed: 8 })), a);
});

Deno.test("committed studies/bi2025/cohort.csv is the twin of the default seed (deno task synth)", () => {
  assertEquals(Deno.readTextFileSync(root + "studies/bi2025/cohort.csv"), twinCsv(twin));
});

Deno.test("in the twin's training split Ki-67 and metastasis are the only independent predictors (multivariable p < 0.05)", () => {
  const rows = bySplit("train") as unknown as Record<string, string | number>[];
  const bin = (name: string, ref = "negative", other = "positive") => ({
    name,
    type: "factor" as const,
    levels: [ref, other],
    reference: ref,
  });
  const fit = new LogisticRegression({
    outcome: "progression",
    profile: false,
    predictors: [
      { name: "ki67_pct", type: "numeric" },
      { name: "max_diameter_cm", type: "numeric" },
      bin("midline_infiltration"),
      bin("vascular_wrapping"),
      bin("calcification"),
      bin("necrosis"),
      bin("metastasis"),
    ],
  }).fit(rows);
  const sig = fit.coefficients_.filter((c) => c.term !== "(Intercept)" && c.pValue < 0.05).map((c) => c.term);
  assertEquals(sig, ["ki67_pct", "metastasis=positive"]);
});

Deno.test("PFS and dates are consistent with treatment 2013-02..2022-12, visits to 24 months and follow-up end 2024-12-31", () => {
  const day = (s: string) => Date.parse(s + "T00:00:00Z") / 86400000;
  for (const p of twin.patients) {
    assert(p.pfs_months > 0 && p.pfs_months <= 24, `${p.id}: pfs ${p.pfs_months}`);
    assert(
      p.treatment_date >= TREATMENT_START && p.treatment_date <= TREATMENT_END,
      `${p.id}: date ${p.treatment_date}`,
    );
    assert(
      day(p.treatment_date) + p.pfs_months * DAYS_PER_MONTH <= day(FOLLOW_UP_END),
      `${p.id}: follow-up beyond the end`,
    );
    assertEquals(p.last_visit_month, String(visitOf(p.pfs_months)), p.id);
  }
  assertEquals([0.9, 1.8, 4.3, 8.5, 17, 24].map(visitOf), [1, 3, 6, 12, 24, 24]);
});

Deno.test("conditionalBernoulli draws exactly k ones with P(set) proportional to exp(sum of logits) (20000 draws, abs 0.015)", () => {
  const rng = createRng(11);
  const logits = [0, Math.log(2), Math.log(3)];
  const freq = [0, 0, 0];
  const N = 20000;
  for (let i = 0; i < N; i++) {
    const y = conditionalBernoulli(logits, 1, rng);
    assertEquals(y.reduce((a, b) => a + b, 0), 1);
    freq[y.indexOf(1)]++;
  }
  assertClose(freq.map((f) => f / N), [1 / 6, 2 / 6, 3 / 6], { abs: 0.015, rel: 0 });
  assertEquals(Array.from(conditionalBernoulli([5, 5, -5, 0], 4, rng)), [1, 1, 1, 1]);
});

Deno.test("quantileMatched gives the r-th smallest score Q((r - 1/2)/n) of the knot quantile function", () => {
  const knots = { p: [0, 0.5, 1], q: [0, 10, 30] };
  assertEquals(knotQuantile(knots, 0.75), 20);
  // ranks of [3, 1, 2, 0] are 4, 2, 3, 1 -> Q(0.875), Q(0.375), Q(0.625), Q(0.125)
  assertEquals(quantileMatched([3, 1, 2, 0], knots, 2), [25, 7.5, 15, 2.5]);
});
