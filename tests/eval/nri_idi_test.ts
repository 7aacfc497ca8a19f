import { assert, assertClose, assertEquals, assertThrows, sharedExists } from "../assert.ts";
import { nriIdi, riskCategory, riskCategoryLabels } from "../../lib/eval/nri_idi.ts";
import { fixtureMismatches } from "../models/fixture_util.ts";
import { ownFixtureMismatches } from "../fixtures/own_fixtures.ts";

for (const id of ["validation/nri_idi-asah-add-s100b", "validation/nri_idi-synthA-test-3-vs-6-features"]) {
  Deno.test({
    name: `nriIdi matches Hmisc::improveProb and the categorical NRI on fixture ${id} (rel 1e-9, abs 1e-12)`,
    ignore: !sharedExists,
    fn: async () => {
      const m = await fixtureMismatches(id);
      assert(m.length === 0, `${id}: ${JSON.stringify(m.slice(0, 3))}`);
    },
  });
}

for (const id of ["nri_idi-synth-test-clinical-vs-nomogram", "nri_idi-synth-insample-one-cutoff"]) {
  Deno.test(`nriIdi matches Hmisc::improveProb on the held-out case ${id} (rel 1e-9, abs 1e-12)`, async () => {
    const m = await ownFixtureMismatches(id);
    assert(m.length === 0, `${id}: ${JSON.stringify(m.slice(0, 3))}`);
  });
}

// Hand-computed: 3 events, 3 non-events.
const y = [1, 1, 1, 0, 0, 0];
const pOld = [0.3, 0.5, 0.15, 0.2, 0.4, 0.05];
const pNew = [0.6, 0.4, 0.25, 0.1, 0.4, 0.25];

Deno.test("continuous NRI counts ups and downs (ties are neither) and uses improveProb's se", () => {
  const r = nriIdi(y, pOld, pNew);
  const c = r.continuous;
  assertEquals([c.nUpEvents, c.nDownEvents, c.nUpNonevents, c.nDownNonevents], [2, 1, 1, 1]);
  assertClose(c.nriEvents.estimate, 1 / 3, { rel: 1e-15 });
  assertClose(c.nriNonevents.estimate, 0, { abs: 1e-15 });
  // var_ev = (2 + 1)/9 − (2 − 1)²/27 = 8/27; var_ne = 2/9 − 0 = 6/27
  assertClose(c.nriEvents.se, Math.sqrt(8 / 27), { rel: 1e-14 });
  assertClose(c.nri.se, Math.sqrt(14 / 27), { rel: 1e-14 });
  assertClose(c.nri.sePencina2008, Math.sqrt(1 / 3 + 2 / 9), { rel: 1e-14 });
  assertClose(c.nri.z, (1 / 3) / Math.sqrt(14 / 27), { rel: 1e-14 });
  assert(r.categorical === null, "no cut-offs, no categorical NRI");
});

Deno.test("IDI is the difference of discrimination slopes, se from n − 1 variances", () => {
  const r = nriIdi(y, pOld, pNew);
  const dEv = [0.3, -0.1, 0.1];
  const dNe = [-0.1, 0, 0.2];
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const vr = (v: number[]) => v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1);
  assertClose(r.idi.idi, mean(dEv) - mean(dNe), { rel: 1e-12 });
  assertClose(r.idi.idi, r.idi.discriminationSlopeNew - r.idi.discriminationSlopeOld, { rel: 1e-12 });
  assertClose(r.idi.se, Math.sqrt(vr(dEv) / 3 + vr(dNe) / 3), { rel: 1e-12 });
  assertClose(r.idi.upper - r.idi.lower, 2 * 1.959963984540054 * r.idi.se, { rel: 1e-12 });
});

Deno.test("categorical NRI: categories are left-closed, the reclassification table counts moves", () => {
  assertEquals([0.0999, 0.1, 0.2, 1].map((p) => riskCategory(p, [0.1, 0.2])), [0, 1, 2, 2]);
  assertEquals(riskCategoryLabels([0.1, 0.2]), ["< 10%", "10%–20%", "≥ 20%"]);
  const r = nriIdi(y, pOld, pNew, { cutoffs: [0.1, 0.2] });
  const c = r.categorical!;
  // events: 0.3→0.6 (2→2), 0.5→0.4 (2→2), 0.15→0.25 (1→2 up); non-events: 0.2→0.1 (2→1 down), 0.4→0.4, 0.05→0.25 (0→2 up)
  assertEquals(c.reclassificationEvents, [[0, 0, 0], [0, 0, 1], [0, 0, 2]]);
  assertEquals(c.reclassificationNonevents, [[0, 0, 1], [0, 0, 0], [0, 1, 1]]);
  assertEquals([c.nUpEvents, c.nDownEvents, c.nUpNonevents, c.nDownNonevents], [1, 0, 1, 1]);
  assertClose(c.nri.estimate, 1 / 3, { rel: 1e-15 });
});

Deno.test("nriIdi rejects bad input naming the option or value, and leaves inputs untouched", () => {
  const before = JSON.stringify([y, pOld, pNew]);
  nriIdi(y, pOld, pNew, { cutoffs: [0.2] });
  assertEquals(JSON.stringify([y, pOld, pNew]), before);
  assertThrows(() => nriIdi(y, pOld, pNew, { cutoffs: [0.3, 0.2] }), 'option "cutoffs[1]"');
  assertThrows(() => nriIdi(y, pOld, [0.1, 2, 0.1, 0.1, 0.1, 0.1]), "pNew[1]");
  assertThrows(() => nriIdi([1, 1], [0.1, 0.2], [0.2, 0.3]), "both events and non-events");
  assertThrows(() => nriIdi(y, pOld, pNew, { confLevel: 95 }), "confLevel");
});
