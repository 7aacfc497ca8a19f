import { assertEquals, assertThrows } from "../assert.ts";
import { radiomicsSets } from "../../lib/features/cohort_join.ts";
import { parseFeatureCsv } from "../../lib/features/feature_table.ts";
import { parseCsv } from "../../lib/data/csv.ts";
import { twinFeaturesFor } from "../../studies/bi2025/twin/mod.ts";

const features = parseFeatureCsv(
  "id,original_glcm_Contrast,original_glcm_Id\nP2,2,0.2\nP1,1,0.1\nP3,3,0.3\n",
  { phase: "venous" },
);
const cohort = parseCsv("id,split,progression\nP1,train,0\nP2,test,1\nP3,train,1\n", "cohort.csv");

Deno.test("radiomicsSets matches feature rows to cohort ids and splits train/test in cohort order", () => {
  const s = radiomicsSets(features, cohort, {
    outcome: "progression",
    features: ["venous_original_glcm_Id"],
  });
  assertEquals(s.train.ids, ["P1", "P3"]);
  assertEquals(s.train.X, [[0.1], [0.3]]);
  assertEquals(s.train.y, [0, 1]);
  assertEquals(s.test.X, [[0.2]]);
});

Deno.test("radiomicsSets names the cohort row of a patient without features or a bad outcome", () => {
  const c2 = parseCsv("id,split,progression\nP9,train,0\n", "cohort.csv");
  assertThrows(
    () => radiomicsSets(features, c2, { outcome: "progression" }),
    /no features for patient "P9" \(cohort\.csv row 2\)/,
  );
  const c3 = parseCsv("id,split,progression\nP1,train,yes\n", "cohort.csv");
  assertThrows(
    () => radiomicsSets(features, c3, { outcome: "progression" }),
    /cohort\.csv row 2, column "progression"/,
  );
});

Deno.test("twinFeaturesFor generates in memory when the data folder has no feature files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const rows = Array.from(
      { length: 12 },
      (_, i) => `P${i},train,${i % 2},${i / 10},${-i / 7},${(i % 3) / 2}`,
    );
    const c = parseCsv(
      ["id,split,progression,latent_aggressiveness,latent_heterogeneity,latent_vascularity", ...rows].join(
        "\n",
      ),
      "c.csv",
    );
    const r = await twinFeaturesFor(dir, c, 3);
    assertEquals(r.origin, "generated");
    assertEquals([r.table.ids.length, r.table.names.length, r.repeats.ids.length], [12, 2553, 12]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
