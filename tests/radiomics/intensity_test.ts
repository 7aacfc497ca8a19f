import { assertClose, assertEquals } from "../assert.ts";
import { preprocess } from "../../lib/radiomics/preprocess.ts";
import { intensityStatistics } from "../../lib/radiomics/intensity_stats.ts";
import { intensityHistogram } from "../../lib/radiomics/intensity_histogram.ts";
import { intensityVolumeHistogram } from "../../lib/radiomics/ivh.ts";
import { localIntensity } from "../../lib/radiomics/local_intensity.ts";
import { type IbsiReference, matchesReference } from "../../lib/radiomics/ibsi_reference.ts";
import type { FeatureValue } from "../../lib/radiomics/feature.ts";
import { phantom } from "./phantom.ts";

const roi = () => {
  const { image, mask } = phantom();
  return preprocess(image, mask, { discretisation: { method: "none" } });
};

/** IBSI digital phantom values as printed (no tolerance: equal after rounding to the printed digits). */
function checkPrinted(features: FeatureValue[], ref: [string, string][]) {
  for (const [name, text] of ref) {
    const f = features.find((x) => x.name === name);
    if (!f) throw new Error(`missing ${name}`);
    const r = { valueText: text, value: Number(text), tolerance: null } as unknown as IbsiReference;
    if (!matchesReference(f.value, r)) throw new Error(`${name}: got ${f.value}, IBSI ${text}`);
  }
}

Deno.test("intensity statistics of the digital phantom: hand values and the IBSI table", () => {
  const f = intensityStatistics(roi());
  const by = new Map(f.map((x) => [x.ibsiCode, x.value]));
  // ROI counts: 1 → 50, 3 → 1, 4 → 16, 6 → 7
  const mean = 159 / 74;
  assertClose(by.get("Q4LE")!, mean, { rel: 1e-14 });
  const variance = (50 * (1 - mean) ** 2 + (3 - mean) ** 2 + 16 * (4 - mean) ** 2 + 7 * (6 - mean) ** 2) / 74;
  assertClose(by.get("ECT3")!, variance, { rel: 1e-12 });
  assertClose(by.get("N72L")!, 85 / 74, { rel: 1e-14 }); // mean |x − median 1|
  assertClose(by.get("N8CA")!, 50 + 9 + 16 * 16 + 7 * 36, { rel: 1e-14 });
  checkPrinted(f, [
    ["Mean intensity", "2.15"],
    ["Intensity variance", "3.05"],
    ["Intensity skewness", "1.08"],
    ["(Excess) intensity kurtosis", "-0.355"],
    ["Median intensity", "1"],
    ["Minimum intensity", "1"],
    ["10th intensity percentile", "1"],
    ["90th intensity percentile", "4"],
    ["Maximum intensity", "6"],
    ["Intensity interquartile range", "3"],
    ["Intensity range", "5"],
    ["Intensity-based mean absolute deviation", "1.55"],
    ["Intensity-based robust mean absolute deviation", "1.11"],
    ["Intensity-based median absolute deviation", "1.15"],
    ["Intensity-based coefficient of variation", "0.812"],
    ["Intensity-based quartile coefficient of dispersion", "0.6"],
    ["Intensity-based energy", "567"],
    ["Root mean square intensity", "2.77"],
  ]);
});

Deno.test("intensity histogram of the digital phantom: gradient, mode, entropy as IBSI", () => {
  const f = intensityHistogram(roi());
  const by = new Map(f.map((x) => [x.ibsiCode, x.value]));
  // H = [50, 0, 1, 16, 0, 7]: gradient at 1 is H(2) − H(1) = −50, at 3 is (16 − 0)/2 = 8
  assertEquals([by.get("12CE"), by.get("8E6O"), by.get("VQB3"), by.get("RHQZ"), by.get("AMMC")], [
    8,
    3,
    -50,
    1,
    1,
  ]);
  const p = [50, 1, 16, 7].map((c) => c / 74);
  assertClose(by.get("TLU2")!, -p.reduce((a, q) => a + q * Math.log2(q), 0), { rel: 1e-14 });
  assertClose(by.get("BJ5W")!, p.reduce((a, q) => a + q * q, 0), { rel: 1e-14 });
  checkPrinted(f, [
    ["Mean discretised intensity", "2.15"],
    ["Discretised intensity entropy", "1.27"],
    ["Discretised intensity uniformity", "0.512"],
    ["Intensity histogram robust mean absolute deviation", "1.11"],
    ["Intensity histogram quartile coefficient of dispersion", "0.6"],
  ]);
});

Deno.test("intensity-volume histogram of the digital phantom: V10, V90, I10, I90 by hand", () => {
  const f = intensityVolumeHistogram(roi(), { method: "none", step: 1 });
  // grid 1..6; ν(2) = 24/74 (γ = 0.2 ≥ 0.1), ν(6) = 7/74; smallest i with ν(i) < 0.1 is 5, with ν < 0.9 is 2
  assertClose(f.map((x) => x.value), [24 / 74, 7 / 74, 5, 2, 17 / 74, 3], { rel: 1e-14 });
});

Deno.test("IVH by grid-prefix counts equals the definition ν(g) = #{x ≥ g}/N evaluated voxel by voxel (exact)", () => {
  const base = roi();
  const n = base.intensity.length;
  // values on and between grid points (step 0.5 from −3), including exact grid values
  const intensity = Float64Array.from({ length: n }, (_, i) => -3 + ((i * 7) % 23) * 0.25);
  const mask = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 2 ? 0 : 1));
  const xs = [...intensity].filter((_, i) => mask[i]);
  const f = intensityVolumeHistogram({ ...base, intensity, intensityMask: mask }, {
    method: "none",
    step: 0.5,
  });
  const lo = Math.min(...xs), hi = Math.max(...xs), nGrid = Math.round((hi - lo) / 0.5) + 1;
  const nu = (g: number) => xs.filter((x) => x >= g - 1e-9 * 0.5).length / xs.length;
  const grid = (k: number) => lo + k * 0.5;
  const vx = (p: number) => {
    const t = lo + p * (hi - lo), k = Math.max(0, Math.ceil((t - lo) / 0.5 - 1e-9));
    return k >= nGrid ? 0 : nu(grid(k));
  };
  const ix = (p: number) => {
    for (let k = 0; k < nGrid; k++) if (nu(grid(k)) < p) return grid(k);
    return hi + 0.5;
  };
  const want = [vx(0.1), vx(0.9), ix(0.1), ix(0.9)];
  assertEquals(f.slice(0, 4).map((x) => x.value), want);
});

Deno.test("IVH with fixed bin size uses bin centres between the re-segmentation bounds (IBSI config C rule)", () => {
  // values −1000 (bin 1, centre −998.75), 0 (bin 401, centre 1.25), 398 (bin 560, centre 398.75)
  const base = roi();
  const intensity = new Float64Array(base.intensity.length).fill(NaN);
  const mask = new Uint8Array(base.intensity.length);
  [-1000, 0, 398].forEach((v, i) => (intensity[i] = v, mask[i] = 1));
  const f = intensityVolumeHistogram({ ...base, intensity, intensityMask: mask }, {
    method: "fbs",
    binWidth: 2.5,
    lower: -1000,
    upper: 400,
  });
  // range [−998.75, 398.75]: 10 % → −859, first centre ≥ it is −858.75: 2 of 3 voxels at or above
  assertClose(f[0].value, 2 / 3, { rel: 1e-14 });
  // I90: first grid point with ν < 0.9 is the second centre; I10: ν stays ≥ 1/3 on the whole grid,
  // so the answer is the point one step past its top (where ν = 0)
  assertClose(f[3].value, -996.25, { rel: 1e-14 });
  assertClose(f[2].value, 401.25, { rel: 1e-14 });
});

Deno.test("local and global intensity peaks of the digital phantom match IBSI (2.6, 3.1)", () => {
  const f = localIntensity(roi());
  checkPrinted(f, [["Local intensity peak", "2.6"], ["Global intensity peak", "3.1"]]);
});
