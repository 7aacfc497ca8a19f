import { assertEquals } from "../../assert.ts";
import { compactRoi } from "../../../lib/radiomics/texture/levels.ts";
import { DIRECTIONS_3D } from "../../../lib/radiomics/texture/directions.ts";
import { glcmMatrices } from "../../../lib/radiomics/texture/glcm.ts";
import { glrlmMatrix } from "../../../lib/radiomics/texture/glrlm.ts";
import { ngtdmMatrices } from "../../../lib/radiomics/texture/ngtdm.ts";
import { ngldmMatrices } from "../../../lib/radiomics/texture/ngldm.ts";
import { neighbourhoodSweep } from "../../../lib/radiomics/texture/sweep.ts";
import { borderDistance, labelZones } from "../../../lib/radiomics/texture/zones.ts";
import { createRng } from "../../../lib/random/rng.ts";

// a random 3D ROI with holes; `change` sets how often the level changes along x (long or short runs)
function randomRoi(seed: number, dims: readonly [number, number, number], nLevels: number, change: number) {
  const rng = createRng(seed);
  const levels = new Int32Array(dims[0] * dims[1] * dims[2]);
  let g = 1;
  for (let i = 0; i < levels.length; i++) {
    if (rng.uniform() < change) g = 1 + Math.floor(rng.uniform() * nLevels);
    levels[i] = rng.uniform() < 0.15 ? 0 : g;
  }
  return compactRoi({ dims, levels, nLevels });
}

const CASES = [
  { seed: 1, dims: [13, 11, 9] as const, nLevels: 5, change: 0.3 },
  { seed: 2, dims: [7, 17, 12] as const, nLevels: 3, change: 0.05 },
  { seed: 3, dims: [20, 4, 6] as const, nLevels: 12, change: 0.9 },
  { seed: 4, dims: [1, 1, 5] as const, nLevels: 2, change: 0.5 },
];

Deno.test("neighbourhoodSweep gives the per-family builders' 3D GLCMs, GLRLMs, NGTDM, NGLDM and zones, bit for bit", () => {
  for (const { seed, dims, nLevels, change } of CASES) {
    const roi = randomRoi(seed, dims, nLevels, change);
    const dist = borderDistance(roi, "3D");
    const sw = neighbourhoodSweep(roi, {
      glcm: true,
      glrlm: true,
      ngtdm: true,
      ngldm: true,
      zones: true,
      dist,
    });
    const z = labelZones(roi, "3D", dist);
    for (const k of ["level", "size", "slice", "distance"] as const) {
      assertEquals(Array.from(sw.zones![k]), Array.from(z[k]), `zones ${k}, seed ${seed}`);
    }
    const glcm = glcmMatrices(roi, DIRECTIONS_3D);
    assertEquals(sw.glcm!.map((m) => Array.from(m.counts)), glcm.map((m) => Array.from(m.counts)));
    DIRECTIONS_3D.forEach((d, i) => {
      const r = glrlmMatrix(roi, d);
      assertEquals(Array.from(sw.glrlm![i].cols), Array.from(r.cols), `GLRLM columns, direction ${d}`);
      assertEquals(Array.from(sw.glrlm![i].counts), Array.from(r.counts), `GLRLM counts, direction ${d}`);
      assertEquals(sw.glrlm![i].nV, r.nV);
    });
    const t = ngtdmMatrices(roi, "3D", 1)[0];
    assertEquals(Array.from(sw.ngtdm!.n), Array.from(t.n));
    // s_i bit for bit (the same additions in the same order)
    assertEquals(Array.from(sw.ngtdm!.s), Array.from(t.s));
    const l = ngldmMatrices(roi, "3D", 1, 0)[0];
    assertEquals(Array.from(sw.ngldm!.cols), Array.from(l.cols));
    assertEquals(Array.from(sw.ngldm!.counts), Array.from(l.counts));
    assertEquals(sw.ngldm!.nV, l.nV);
  }
});

Deno.test("neighbourhoodSweep returns only the requested matrices", () => {
  const roi = randomRoi(5, [6, 5, 4], 4, 0.4);
  const sw = neighbourhoodSweep(roi, { glcm: false, glrlm: true, ngtdm: false, ngldm: true, zones: false });
  assertEquals(
    [sw.glcm === undefined, sw.glrlm?.length, sw.ngtdm === undefined, sw.ngldm !== undefined, sw.zones],
    [true, 13, true, true, undefined],
  );
});
