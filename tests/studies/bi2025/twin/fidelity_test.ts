import { assert, assertClose, assertEquals } from "../../../assert.ts";
import { synthCohort } from "../../../../studies/bi2025/twin/mod.ts";
import { twinOrComparison, twinOrTable } from "../../../../studies/bi2025/twin/mod.ts";
import { readCodebook } from "../../../../lib/data/codebook.ts";
import { readPublished } from "../../../../lib/audit/published.ts";

const root = new URL("../../../../", import.meta.url).pathname;
const codebook = await readCodebook(root + "studies/bi2025/codebook.csv");
const published = await readPublished(root + "studies/bi2025/published");
const twin = synthCohort();

Deno.test("generating model's univariate ORs lie inside the published Table 2 CIs (and at the published ORs within 2%)", () => {
  const rows = twinOrComparison(twin.patients, codebook, published);
  assertEquals(rows.length, 16);
  for (const r of rows) {
    assert(
      r.generatingInside,
      `${r.variable}: generating OR ${r.generatingOr} outside (${r.publishedLower}, ${r.publishedUpper})`,
    );
    // gender and location are generated without association (OR 1), inside their CIs
    if (r.variable !== "gender" && r.variable !== "location") {
      assertClose(r.generatingOr, r.publishedOr, { abs: 0, rel: 0.02 }, r.variable);
    }
  }
});

Deno.test("realised twin ORs: inside the published CIs; two-level variables reproduce the published 2x2 ORs exactly", () => {
  const rows = twinOrComparison(twin.patients, codebook, published, { populationN: 1000 });
  for (const r of rows) {
    assert(
      r.realisedInside,
      `${r.variable}: realised OR ${r.realisedOr} outside (${r.publishedLower}, ${r.publishedUpper})`,
    );
    if (!["age_months", "ki67_pct", "max_diameter_cm"].includes(r.variable)) {
      assertClose(r.realisedOr, r.publishedOr, { abs: 0.0005, rel: 0 }, `${r.variable} OR`);
      assertClose(r.realisedLower, r.publishedLower, { abs: 0.0005, rel: 0 }, `${r.variable} lower`);
      assertClose(r.realisedUpper, r.publishedUpper, { abs: 0.0005, rel: 0 }, `${r.variable} upper`);
    }
  }
});

Deno.test("twinOrTable lists published, generating and realised ORs side by side", () => {
  const rows = twinOrComparison(twin.patients, codebook, published, { populationN: 1000 });
  const t = twinOrTable(rows);
  assertEquals(t.rows.length, 16);
  assertEquals(t.rows.find((r) => r.variable === "Metastasis")!.published, "6.067 (2.738-13.446)");
  assertEquals(t.rows.find((r) => r.variable === "Metastasis")!.realised, "6.067 (2.738-13.446)");
});
