import { assert, assertEquals, assertThrows } from "../../../assert.ts";
import { synthFeatures } from "../../../../studies/bi2025/twin/mod.ts";
import { iccScreening } from "../../../../lib/features/icc_screening.ts";
import {
  latentRowsFromCohort,
  loadTwinFeatures,
  twinFeatureCsvs,
  writeTwinFeatures,
} from "../../../../studies/bi2025/twin/mod.ts";
import { createRng } from "../../../../lib/random/rng.ts";

const rng = createRng(77);
const latent = Array.from(
  { length: 80 },
  (_, i) => ({
    id: `P${String(i + 1).padStart(3, "0")}`,
    latent: [rng.normal(), rng.normal(), rng.normal()],
  }),
);
const tw = synthFeatures(latent, { seed: 5 });

function corr(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
const col = (j: number) => tw.values.map((r) => r[j]);

Deno.test("twin features: 2,553 named columns, one row per patient, 40 repeat patients", () => {
  assertEquals(tw.names.length, 2553);
  assertEquals(tw.values.length, 80);
  assertEquals(tw.repeats.ids.length, 40);
  assert(tw.names.includes("venous_wavelet-LHL_glcm_Contrast"), "canonical name present");
  assert(tw.values.every((r) => r.every(Number.isFinite)), "all finite");
});

Deno.test("twin features are deterministic in the seed", () => {
  const again = synthFeatures(latent, { seed: 5 });
  assertEquals(again.values[3], tw.values[3]);
  const other = synthFeatures(latent, { seed: 6 });
  assert(JSON.stringify(other.values[3]) !== JSON.stringify(tw.values[3]), "other seed differs");
});

const ranks = (v: number[]) => {
  const o = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Array<number>(v.length);
  o.forEach((i, k) => (r[i] = k));
  return r;
};

Deno.test("twin features contain near-duplicate blocks (some Spearman |r| > 0.9 within a phase/filter/family)", () => {
  const glcm = tw.names.flatMap((nm, j) => (nm.startsWith("venous_original_glcm_") ? [j] : []));
  let best = 0;
  for (let a = 0; a < glcm.length; a++) {
    for (let b = a + 1; b < glcm.length; b++) {
      best = Math.max(best, Math.abs(corr(ranks(col(glcm[a])), ranks(col(glcm[b])))));
    }
  }
  assert(best > 0.9, `max within-family |r| ${best}`);
});

Deno.test("twin features are skewed where they should be (volume) and signal features track a latent", () => {
  const vol = col(tw.names.indexOf("plain_original_shape_VoxelVolume"));
  const m = vol.reduce((s, v) => s + v, 0) / vol.length;
  const med = [...vol].sort((a, b) => a - b)[40];
  assert(m > med, "right skew: mean above median");
  const sig = tw.truth.signalLatent.flatMap((l, j) => (l >= 0 ? [[j, l]] : []));
  assert(sig.length > 100 && sig.length < 0.3 * 2553, `a minority carries signal: ${sig.length}`);
  const rs = sig.map(([j, l]) =>
    Math.abs(corr(col(j).map((v) => Math.sign(v) * Math.log1p(Math.abs(v))), latent.map((r) => r.latent[l])))
  );
  const mean = rs.reduce((s, v) => s + v, 0) / rs.length;
  assert(mean > 0.2, `mean |r| of signal features with their latent ${mean}`);
});

Deno.test("repeat readings: reliable features pass ICC screening far more often than unreliable ones", () => {
  const s = iccScreening({ names: tw.names, ...tw.repeats });
  const kept = new Set(s.kept);
  const rel = tw.names.filter((_, j) => tw.truth.tau[j] < 0.3);
  const unrel = tw.names.filter((_, j) => tw.truth.tau[j] > 0.45);
  const pr = rel.filter((n) => kept.has(n)).length / rel.length;
  const pu = unrel.filter((n) => kept.has(n)).length / unrel.length;
  assert(pr > 0.8 && pu < 0.5, `kept: reliable ${pr}, unreliable ${pu}`);
  assertEquals(tw.repeats.readerA1[0], tw.values[tw.ids.indexOf(tw.repeats.ids[0])]);
});

Deno.test("writeTwinFeatures writes both CSVs and loadTwinFeatures reads them back identically", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const rows = latent.slice(0, 45).map((r) => ({
      id: r.id,
      latent_aggressiveness: r.latent[0],
      latent_heterogeneity: String(r.latent[1]),
      latent_vascularity: r.latent[2],
    }));
    const info = await writeTwinFeatures(rows, dir, 9);
    assertEquals([info.nPatients, info.nFeatures, info.nRepeat], [45, 2553, 40]);
    const back = await loadTwinFeatures(dir);
    const direct = synthFeatures(latentRowsFromCohort(rows), { seed: 9 });
    assertEquals(back.table.values[7], direct.values[7]);
    assertEquals(back.repeats.readerB[3], direct.repeats.readerB[3]);
    assertEquals(twinFeatureCsvs(direct).features, await Deno.readTextFile(info.features));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("latentRowsFromCohort names the bad cell", () => {
  assertThrows(
    () =>
      latentRowsFromCohort([{
        id: "P1",
        latent_aggressiveness: "x",
        latent_heterogeneity: 1,
        latent_vascularity: 1,
      }]),
    /row 2, column "latent_aggressiveness"/,
  );
});
