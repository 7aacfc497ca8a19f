import { assert, assertEquals, assertThrows } from "../../../assert.ts";
import {
  synthPatientImages,
  type TumourLatents,
  writeTwinImages,
} from "../../../../studies/bi2025/twin/mod.ts";
import { encodeNifti1, type Image } from "../../../../lib/radiomics/image.ts";
import { createRng } from "../../../../lib/random/rng.ts";

const SIZE: [number, number, number] = [32, 32, 24];
const base: TumourLatents = {
  id: "P1",
  latent_aggressiveness: 0,
  latent_heterogeneity: 0,
  latent_vascularity: 0,
};

function inside(img: Image, mask: Image): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) out.push(img.data[i]);
  return out;
}
const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: number[]) => Math.sqrt(x.reduce((a, b) => a + (b - mean(x)) ** 2, 0) / (x.length - 1));

/** Mask voxels with a 6-neighbour outside the mask, per mask voxel (a surface-to-volume proxy). */
function boundaryFraction(m: Image): number {
  const [nx, ny, nz] = m.dims;
  let n = 0, b = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        if (!m.data[i]) continue;
        n++;
        const nb = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]];
        if (nb.some(([dx, dy, dz]) => !m.data[(x + dx) + nx * ((y + dy) + ny * (z + dz))])) b++;
      }
    }
  }
  return b / n;
}

/** Average over a few patients of `stat(images)` for given latents (different random draws). */
function avgStat(
  l: Partial<TumourLatents>,
  stat: (p: ReturnType<typeof synthPatientImages>) => number,
  n = 6,
): number {
  let s = 0;
  for (let k = 0; k < n; k++) {
    s += stat(synthPatientImages({ ...base, ...l, id: `P${k}` }, createRng(100 + k), { size: SIZE }));
  }
  return s / n;
}

Deno.test("synthPatientImages is deterministic in the Rng (byte-identical NIfTI)", () => {
  const a = synthPatientImages(base, createRng(7), { size: SIZE, repeats: true });
  const b = synthPatientImages(base, createRng(7), { size: SIZE, repeats: true });
  for (const ph of ["plain", "arterial", "venous"] as const) {
    assertEquals([...encodeNifti1(a.phases[ph])], [...encodeNifti1(b.phases[ph])]);
  }
  assertEquals([...a.masks.B!.data], [...b.masks.B!.data]);
  const c = synthPatientImages(base, createRng(8), { size: SIZE });
  assert(
    [...c.phases.plain.data].some((v, i) => v !== a.phases.plain.data[i]),
    "another seed gives another image",
  );
  assert(a.phases.plain.data instanceof Int16Array, "Int16 HU");
  assertEquals(a.phases.plain.dims, SIZE);
});

Deno.test("vascularity drives arterial enhancement (mean arterial − plain HU in the tumour)", () => {
  const enh = (p: ReturnType<typeof synthPatientImages>) =>
    mean(inside(p.phases.arterial, p.masks.A1!)) - mean(inside(p.phases.plain, p.masks.A1!));
  const lo = avgStat({ latent_vascularity: -1.5 }, enh), hi = avgStat({ latent_vascularity: 1.5 }, enh);
  assert(hi - lo > 30, `enhancement high ${hi.toFixed(1)} vs low ${lo.toFixed(1)} HU`);
});

Deno.test("heterogeneity and aggressiveness drive texture (tumour HU SD) and aggressiveness shape irregularity", () => {
  const sdPlain = (p: ReturnType<typeof synthPatientImages>) => sd(inside(p.phases.plain, p.masks.A1!));
  const lo = avgStat({ latent_heterogeneity: -1.5 }, sdPlain),
    hi = avgStat({ latent_heterogeneity: 1.5 }, sdPlain);
  assert(hi > lo + 3, `HU SD high ${hi.toFixed(1)} vs low ${lo.toFixed(1)}`);
  const bf = (p: ReturnType<typeof synthPatientImages>) => boundaryFraction(p.masks.A1!);
  const smooth = avgStat({ latent_aggressiveness: -2 }, bf),
    rough = avgStat({ latent_aggressiveness: 2 }, bf);
  assert(
    rough > smooth * 1.05,
    `boundary fraction aggressive ${rough.toFixed(3)} vs not ${smooth.toFixed(3)}`,
  );
});

Deno.test("repeat masks are slightly perturbed: Dice(A1, A2) and Dice(A1, B) in (0.8, 0.995)", () => {
  const p = synthPatientImages(base, createRng(3), { size: SIZE, repeats: true });
  const dice = (a: Image, b: Image) => {
    let ab = 0, na = 0, nb = 0;
    for (let i = 0; i < a.data.length; i++) {
      ab += a.data[i] && b.data[i] ? 1 : 0, na += a.data[i] ? 1 : 0, nb += b.data[i] ? 1 : 0;
    }
    return 2 * ab / (na + nb);
  };
  for (const r of ["A2", "B"] as const) {
    const d = dice(p.masks.A1!, p.masks[r]!);
    assert(d > 0.8 && d < 0.995, `Dice(A1, ${r}) = ${d}`);
  }
});

Deno.test("synthPatientImages rejects a non-finite latent, naming the patient and column", () => {
  assertThrows(
    () => synthPatientImages({ ...base, latent_vascularity: NaN }, createRng(1)),
    /P1.*latent_vascularity/,
  );
});

Deno.test("writeTwinImages writes phases, masks and a manifest (40 → 2 repeat patients here)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "synth_images_test_" });
  try {
    const cohort = ["P1", "P2", "P3"].map((id) => ({ ...base, id }));
    const seen: number[] = [];
    const rows = await writeTwinImages(cohort, dir, 5, {
      size: [16, 16, 12],
      nRepeat: 2,
      onProgress: (d) => seen.push(d),
    });
    assertEquals(seen, [1, 2, 3]);
    assertEquals(rows.length, 3 * 3 + 2 * 3 * 2);
    const text = await Deno.readTextFile(`${dir}/manifest.csv`);
    assertEquals(text.split("\n")[0], "patient,phase,image,mask,reader");
    await Deno.stat(`${dir}/P1/arterial.nii.gz`);
    const again = await writeTwinImages(cohort, `${dir}/again`, 5, { size: [16, 16, 12], nRepeat: 2 });
    assertEquals(again, rows);
    assertEquals([...await Deno.readFile(`${dir}/again/P2/venous.nii.gz`)], [
      ...await Deno.readFile(`${dir}/P2/venous.nii.gz`),
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
