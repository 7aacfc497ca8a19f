import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { imageFromArray } from "../../lib/radiomics/image.ts";
import { discretise, preprocess, preprocessLike, roiGrid } from "../../lib/radiomics/preprocess.ts";
import { createRng } from "../../lib/random/rng.ts";

const line = (values: number[], spacing: number) =>
  imageFromArray(Float32Array.from(values), [values.length, 1, 1], [spacing, 1, 1], [0, 0, 0], "line.nii");
const maskLine = (values: number[], spacing: number) =>
  imageFromArray(Uint8Array.from(values), [values.length, 1, 1], [spacing, 1, 1], [0, 0, 0], "mask.nii");

Deno.test("resampling places the new grid by 'align grid centres' (IBSI 3WE3) and interpolates linearly", () => {
  // n = 4, s = 3 → 2 mm: n_new = ceil(12/2) = 6, first point 0.5·(3 − (2/3)·5) = −1/6, step 2/3;
  // ramp 10·i with edge clamping: 0, 5, 11.667, 18.333, 25, 30.
  const roi = preprocess(line([0, 10, 20, 30], 3), maskLine([1, 1, 1, 1], 3), {
    resampledSpacing: [2, 0, 0],
    roundIntensities: false,
    discretisation: { method: "fbn", binCount: 4 },
  });
  assertEquals(roi.dims, [6, 1, 1]);
  assertEquals(roi.spacing, [2, 1, 1]);
  assertClose(Array.from(roi.image), [0, 5, 35 / 3, 55 / 3, 25, 30], { abs: 1e-9 });
  assertClose(roi.origin[0], -0.5, { abs: 1e-12 }); // −1/6 of a 3 mm voxel
  // rounding (68QD) after interpolation
  const r2 = preprocess(line([0, 10, 20, 30], 3), maskLine([1, 1, 1, 1], 3), {
    resampledSpacing: [2, 0, 0],
    discretisation: { method: "fbn", binCount: 4 },
  });
  assertEquals(Array.from(r2.image), [0, 5, 12, 18, 25, 30]);
});

Deno.test("the mask is interpolated linearly and thresholded at 0.5 (IBSI E8H9)", () => {
  // mask 1,1,0,0 at the positions above: 1, 1, 5/6, 1/6, 0, 0 → ROI = first three
  const roi = preprocess(line([0, 10, 20, 30], 3), maskLine([1, 1, 0, 0], 3), {
    resampledSpacing: [2, 0, 0],
    discretisation: { method: "fbn", binCount: 4 },
  });
  assertEquals(Array.from(roi.morphMask), [1, 1, 1, 0, 0, 0]);
  const strict = preprocess(line([0, 10, 20, 30], 3), maskLine([1, 1, 0, 0], 3), {
    resampledSpacing: [2, 0, 0],
    maskThreshold: 0.9,
    discretisation: { method: "fbn", binCount: 4 },
  });
  assertEquals(Array.from(strict.morphMask), [1, 1, 0, 0, 0, 0]);
});

Deno.test("cubic B-spline interpolation reproduces the samples and a linear ramp away from the edges", () => {
  const n = 30;
  const ramp = Array.from({ length: n }, (_, i) => 3 * i - 7);
  const roi = preprocess(line(ramp, 1), maskLine(new Array(n).fill(1), 1), {
    resampledSpacing: [0.5, 0, 0],
    interpolator: "bspline",
    roundIntensities: false,
    discretisation: { method: "fbn", binCount: 8 },
  });
  // n_new = 60, first point 0.5·(29 − 0.5·59) = −0.25, step 0.5 → position p_j = −0.25 + 0.5 j
  assertEquals(roi.dims[0], 60);
  // mirror boundaries bend the spline near the ends; the error decays as (2 − √3)^distance
  for (let j = 20; j < 40; j++) assertClose(roi.image[j], 3 * (-0.25 + 0.5 * j) - 7, { abs: 1e-4 }, `j=${j}`);
  // samples reproduced at the knots of a non-polynomial signal (shift of exactly one voxel: step 1)
  const rng = createRng(7);
  const noise = Array.from({ length: 20 }, () => rng.normal() * 100);
  const same = preprocess(line(noise, 1), maskLine(new Array(20).fill(1), 1), {
    resampledSpacing: [0.999999999999, 0, 0],
    interpolator: "bspline",
    roundIntensities: false,
    discretisation: { method: "fbn", binCount: 8 },
  });
  assertClose(Array.from(same.image), noise.map(Math.fround), { abs: 1e-6 }); // stored as float32
});

Deno.test("cropping does not change results: the grid is computed on the whole image", () => {
  const rng = createRng(11);
  const [nx, ny, nz] = [40, 36, 12];
  const data = new Float32Array(nx * ny * nz).map(() => Math.round(rng.normal() * 50));
  const mask = new Uint8Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if ((x - 20) ** 2 + (y - 17) ** 2 + ((z - 6) * 3) ** 2 < 64) mask[x + nx * (y + ny * z)] = 1;
      }
    }
  }
  const I = imageFromArray(data, [nx, ny, nz], [0.9, 0.9, 3]),
    M = imageFromArray(mask, [nx, ny, nz], [0.9, 0.9, 3]);
  const opts = {
    resampledSpacing: [2, 2, 2],
    roundIntensities: false,
    discretisation: { method: "fbn" as const, binCount: 16 },
  };
  const small = preprocess(I, M, { ...opts, marginMm: 4 });
  const big = preprocess(I, M, { ...opts, marginMm: 200 }); // the whole image
  const summary = (r: typeof small) => {
    let n = 0, s = 0;
    for (let i = 0; i < r.morphMask.length; i++) if (r.morphMask[i]) n++, s += r.image[i];
    return [n, s];
  };
  assert(small.image.length < big.image.length / 3, `crop ${small.image.length} vs full ${big.image.length}`);
  assertClose(summary(small), summary(big), { rel: 1e-12 });
});

Deno.test("memory follows the ROI: a small mask in a large scan copies only a small float block", () => {
  const [nx, ny, nz] = [256, 256, 64];
  const data = new Int16Array(nx * ny * nz);
  const mask = new Uint8Array(nx * ny * nz);
  for (let z = 30; z < 34; z++) {
    for (let y = 100; y < 104; y++) for (let x = 100; x < 104; x++) mask[x + nx * (y + ny * z)] = 1;
  }
  const roi = preprocess(
    imageFromArray(data, [nx, ny, nz], [1, 1, 1]),
    imageFromArray(mask, [nx, ny, nz], [1, 1, 1]),
    { discretisation: { method: "fbn", binCount: 4 } },
  );
  // 4 voxels + 8 mm margin each side = 20 per axis
  assertEquals(roi.dims, [20, 20, 20]);
  assertEquals(roi.nMorphVoxels, 64);
});

Deno.test("re-segmentation by range and by outliers builds the intensity mask; the morphological mask is kept", () => {
  const vals = [-2000, -500, 0, 10, 20, 30, 40, 500, 3000];
  const roi = preprocess(line(vals, 1), maskLine(new Array(vals.length).fill(1), 1), {
    resegmentRange: [-1000, 400],
    marginMm: 0,
    discretisation: { method: "fbs", binWidth: 100 },
  });
  assertEquals(Array.from(roi.intensityMask), [0, 1, 1, 1, 1, 1, 1, 0, 0]);
  assertEquals(Array.from(roi.morphMask), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  // FBS from the range's lower bound −1000: floor((x + 1000)/100) + 1
  assertEquals(Array.from(roi.levels), [0, 6, 11, 11, 11, 11, 11, 0, 0]);
  // outliers: μ ± 3σ of all ROI values
  const xs = [...new Array(20).fill(0).map((_, i) => i), 1000];
  const o = preprocess(line(xs, 1), maskLine(new Array(xs.length).fill(1), 1), {
    resegmentOutliers: 3,
    marginMm: 0,
    discretisation: { method: "fbn", binCount: 4 },
  });
  const mu = xs.reduce((a, b) => a + b) / xs.length,
    sd = Math.sqrt(xs.reduce((a, b) => a + (b - mu) ** 2, 0) / xs.length);
  assertClose(o.resegmentInterval, [mu - 3 * sd, mu + 3 * sd], { rel: 1e-12 });
  assertEquals(o.intensityMask[20], 0);
  assertEquals(o.nVoxels, 20);
});

Deno.test("discretisation: fixed bin number puts the maximum in bin N; fixed bin size counts from the lower bound", () => {
  const x = Float64Array.from([1, 3, 4, 6, 1]);
  const m = Uint8Array.from([1, 1, 1, 1, 0]);
  const fbn = discretise(x, m, { method: "fbn", binCount: 3 }, 1, 6);
  assertEquals(Array.from(fbn.levels), [1, 2, 2, 3, 0]); // floor(3(x − 1)/5) + 1
  assertEquals(fbn.nLevels, 3);
  const fbs = discretise(x, m, { method: "fbs", binWidth: 2 }, 1, 6);
  assertEquals(Array.from(fbs.levels), [1, 2, 2, 3, 0]); // floor((x − 1)/2) + 1
  assertThrows(
    () => discretise(x, m, { method: "fbs", binWidth: 2, lowerBound: 2 }, 1, 6),
    /below the lower bound 2/,
  );
});

Deno.test("preprocess errors name the option or the file", () => {
  const I = line([1, 2, 3], 1);
  assertThrows(
    () => preprocess(I, maskLine([0, 0, 0], 1)),
    /mask\.nii: the mask has no voxel with label 1 \(empty ROI\)/,
  );
  assertThrows(
    () => preprocess(I, maskLine([1, 1, 1], 1), { interpolator: "cubic" as "linear" }),
    /option "interpolator"/,
  );
  assertThrows(
    () => preprocess(I, maskLine([1, 1, 1], 1), { resegmentRange: [5, 1] }),
    /option "resegmentRange"/,
  );
  assertThrows(
    () => preprocess(I, maskLine([1, 1, 1], 1), { discretisation: { method: "fbn", binCount: 0 } }),
    /option "binCount"/,
  );
  assertThrows(
    () => preprocess(I, maskLine([1, 1, 1], 1), { resegmentRange: [100, 200] }),
    /no ROI voxel left after re-segmentation/,
  );
  // a one-voxel ROI vanishes when resampled far coarser (partial volume < 0.5)
  const tiny = new Array(9).fill(0);
  tiny[3] = 1; // new grid points sit at 0, 4, 8: none within half a voxel of 3
  assertThrows(
    () => preprocess(line(new Array(9).fill(1), 1), maskLine(tiny, 1), { resampledSpacing: [4, 0, 0] }),
    /no voxel left in the ROI after mask interpolation/,
  );
});

Deno.test("preprocessLike equals preprocess for another image on the ROI's grid (exact), reusing arrays when asked", () => {
  const rng = createRng(16);
  const [nx, ny, nz] = [9, 8, 7];
  const img = (sd: number) =>
    imageFromArray(Float64Array.from({ length: nx * ny * nz }, () => rng.normal() * sd), [nx, ny, nz], [
      1,
      1,
      2,
    ]);
  const m = new Uint8Array(nx * ny * nz).map((_, i) => (i % 5 !== 0 && i % 7 !== 0 ? 1 : 0));
  const mask = imageFromArray(m, [nx, ny, nz], [1, 1, 2]);
  const opts = {
    discretisation: { method: "fbs" as const, binWidth: 25 },
    roundIntensities: false,
    marginMm: 8,
  };
  const base = preprocess(img(100), mask, opts);
  let previous;
  for (const sd of [30, 80, 5]) {
    const other = img(sd);
    const want = preprocess(other, mask, opts);
    const got = preprocessLike(other, roiGrid(base), opts.discretisation, previous);
    assertEquals(got.dims, want.dims);
    assertEquals(got.nLevels, want.nLevels);
    assertEquals(got.nVoxels, want.nVoxels);
    assertEquals(got.discretisation, want.discretisation);
    assertEquals(Array.from(got.levels), Array.from(want.levels));
    assert(got.intensity.every((v, i) => Object.is(v, want.intensity[i])), `intensities differ (sd ${sd})`);
    assertEquals(Array.from(got.morphMask), Array.from(want.intensityMask));
    if (previous) assert(got.intensity === previous.intensity, "the previous intensity array is reused");
    previous = got;
  }
});
