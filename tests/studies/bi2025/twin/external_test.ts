import { assert, assertEquals } from "../../../assert.ts";
import { readCodebook } from "../../../../lib/data/codebook.ts";
import { syntheticExternalCohort } from "../../../../studies/bi2025/twin/mod.ts";
import { synthFeatures } from "../../../../studies/bi2025/twin/mod.ts";

const codebook = await readCodebook(
  new URL("../../../../studies/bi2025/codebook.csv", import.meta.url).pathname,
);

Deno.test("a synthetic external cohort is deterministic in its seed and validated against the codebook", () => {
  const a = syntheticExternalCohort(codebook, 7, 20250411);
  const b = syntheticExternalCohort(codebook, 7, 20250411);
  assertEquals(a.rows.length, 306);
  assertEquals(a.rows.slice(0, 3), b.rows.slice(0, 3));
  assertEquals(a.features.values[5].slice(0, 10), b.features.values[5].slice(0, 10));
  assert(a.rows.every((r) => r.progression === 0 || r.progression === 1), "status coded 0/1");
});

Deno.test("the feature model seed fixes which features exist and carry signal; the patient seed draws new values", () => {
  const latent = Array.from({ length: 30 }, (_, i) => ({ id: `P${i}`, latent: [i / 10 - 1.5, 0, 0] }));
  const study = synthFeatures(latent, { seed: 11 });
  const sameModel = synthFeatures(latent, { seed: 12, modelSeed: 11 });
  const otherModel = synthFeatures(latent, { seed: 12 });
  assertEquals(study.names, sameModel.names);
  // With the model fixed, a feature's values correlate strongly across the two draws when it carries the latent signal.
  const corr = (x: number[], y: number[]) => {
    const mx = x.reduce((s, v) => s + v, 0) / x.length, my = y.reduce((s, v) => s + v, 0) / y.length;
    let sxy = 0, sxx = 0, syy = 0;
    x.forEach((v, i) => {
      sxy += (v - mx) * (y[i] - my);
      sxx += (v - mx) ** 2;
      syy += (y[i] - my) ** 2;
    });
    return sxy / Math.sqrt(sxx * syy);
  };
  const col = (t: { values: readonly (readonly number[])[] }, j: number) => t.values.map((r) => r[j]);
  const p = study.names.length;
  let same = 0, other = 0;
  for (let j = 0; j < p; j++) {
    if (Math.abs(corr(col(study, j), col(sameModel, j))) > 0.6) same++;
    if (Math.abs(corr(col(study, j), col(otherModel, j))) > 0.6) other++;
  }
  assert(
    same > other,
    `features tracking the latent variable: ${same} with the model fixed vs ${other} with a new model`,
  );
});
