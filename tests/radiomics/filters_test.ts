import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import {
  cropToRoi,
  filterCase,
  laplacianOfGaussian,
  logImageName,
  padOdd,
  swt1,
  swt3,
  swt3Bands,
  WAVELET_BANDS,
  type WaveletBand,
  waveletFilters,
  waveletImageName,
} from "../../lib/radiomics/filters/mod.ts";
import { imageFromArray } from "../../lib/radiomics/image.ts";
import { createRng } from "../../lib/random/rng.ts";

const s = Math.SQRT1_2;

function randomVolume(
  dims: [number, number, number],
  seed: number,
): { data: Float64Array; dims: [number, number, number] } {
  const rng = createRng(seed);
  const data = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal(0, 10);
  return { data, dims };
}

/** Transpose (adjoint) of the periodic level-1 SWT step along one axis: x̃[m] = Σ_j f[j] y[m − ⌊F/2⌋ + j]. */
function adjointAxis(
  v: Float64Array,
  dims: [number, number, number],
  axis: number,
  f: Float64Array,
): Float64Array {
  const out = new Float64Array(v.length);
  const n = dims[axis], half = Math.floor(f.length / 2);
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      for (let x = 0; x < dims[0]; x++) {
        const p = [x, y, z];
        let acc = 0;
        for (let j = 0; j < f.length; j++) {
          const q = [...p];
          q[axis] = (((p[axis] - half + j) % n) + n) % n;
          acc += f[j] * v[q[0] + dims[0] * (q[1] + dims[1] * q[2])];
        }
        out[x + dims[0] * (y + dims[1] * z)] = acc;
      }
    }
  }
  return out;
}

Deno.test("waveletFilters: haar and coif1 match PyWavelets' dec_lo/dec_hi (1e-15)", () => {
  const h = waveletFilters("haar");
  assertClose(h.decLo, [s, s], { abs: 1e-15 });
  assertClose(h.decHi, [-s, s], { abs: 1e-15 });
  const c = waveletFilters("coif1");
  // PyWavelets' printed values of Wavelet('coif1').dec_lo / dec_hi
  assertClose(c.decLo, [
    -0.01565572813546454,
    -0.0727326195128539,
    0.38486484686420286,
    0.8525720202122554,
    0.3378976624578092,
    -0.0727326195128539,
  ], { abs: 1e-14 });
  assertClose(c.decHi, [
    0.0727326195128539,
    0.3378976624578092,
    -0.8525720202122554,
    0.38486484686420286,
    0.0727326195128539,
    -0.01565572813546454,
  ], { abs: 1e-14 });
  // orthonormality: Σ lo² = 1, Σ lo = √2, Σ hi = 0
  assertClose(c.decLo.reduce((a, b) => a + b * b, 0), 1, { abs: 1e-14 });
  assertClose(c.decLo.reduce((a, b) => a + b, 0), Math.SQRT2, { abs: 1e-14 });
  assertClose(c.decHi.reduce((a, b) => a + b, 0), 0, { abs: 1e-14 });
  assertThrows(() => waveletFilters("db4" as "haar"), 'option "wavelet"');
});

Deno.test("swt1 with haar: y[o] = f0·x[o+1] + f1·x[o] (periodic), checked by hand", () => {
  const x = [1, 2, 3, 4];
  const { decLo, decHi } = waveletFilters("haar");
  assertClose(swt1(x, decLo), [3 * s, 5 * s, 7 * s, 5 * s], { abs: 1e-14 });
  assertClose(swt1(x, decHi), [-s, -s, -s, 3 * s], { abs: 1e-14 });
});

Deno.test("swt3 with haar on a 2×2×2 volume: sub-band values by hand; letters follow axes x, y, z", () => {
  // v(0,0,0) = 1, v(1,1,1) = 2, else 0 (x fastest)
  const vol = {
    data: Float64Array.from([1, 0, 0, 0, 0, 0, 0, 2]),
    dims: [2, 2, 2] as [number, number, number],
  };
  const b = swt3(vol, { wavelet: "haar" });
  assertEquals([...b.keys()], [...WAVELET_BANDS]);
  const k = 1 / (2 * Math.SQRT2);
  assertClose(b.get("LLL")!, new Array(8).fill(3 * k), { abs: 1e-14 });
  // HHH(0,0,0) = (1 − 2)/(2√2); LHL(0,0,0) = (1 − 2)/(2√2); LHL(0,1,0) = (−1 + 2)/(2√2)
  assertClose(b.get("HHH")![0], -k, { abs: 1e-14 });
  assertClose(b.get("LHL")![0], -k, { abs: 1e-14 });
  assertClose(b.get("LHL")![2], k, { abs: 1e-14 });
  // a volume varying along x only has detail energy in the bands with H first
  const ramp = {
    data: Float64Array.from([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]),
    dims: [4, 2, 2] as [number, number, number],
  };
  const r = swt3(ramp, { wavelet: "haar" });
  const energy = (band: WaveletBand) => r.get(band)!.reduce((a, v) => a + v * v, 0);
  assert(energy("HLL") > 1, `HLL energy ${energy("HLL")}`);
  for (const band of ["LHL", "LLH", "LHH", "HHL", "HLH", "HHH"] as WaveletBand[]) {
    assertClose(energy(band), 0, { abs: 1e-20 }, band);
  }
});

Deno.test("swt3: the eight sub-bands hold 8 × the input energy (haar, coif1; 1e-10 relative)", () => {
  for (const w of ["haar", "coif1"] as const) {
    const vol = randomVolume([8, 6, 10], 7);
    const e0 = vol.data.reduce((a, v) => a + v * v, 0);
    let e = 0;
    for (const band of swt3(vol, { wavelet: w }).values()) e += band.reduce((a, v) => a + v * v, 0);
    assertClose(e, 8 * e0, { rel: 1e-10 }, w);
  }
});

Deno.test("swt3: perfect reconstruction x = ⅛ Σ_bands Wᵀ_band(band) (coif1, 1e-10)", () => {
  const vol = randomVolume([6, 8, 4], 11);
  const f = waveletFilters("coif1");
  const bands = swt3(vol, { wavelet: "coif1" });
  const rec = new Float64Array(vol.data.length);
  for (const [name, data] of bands) {
    let v = data;
    for (let a = 0; a < 3; a++) v = adjointAxis(v, vol.dims, a, name[a] === "L" ? f.decLo : f.decHi);
    for (let i = 0; i < v.length; i++) rec[i] += v[i] / 8;
  }
  assertClose(rec, vol.data, { abs: 1e-10 });
});

Deno.test("padOdd: 'wrap' appends the first element of odd axes; 'resize' lays the flat buffer into the new shape", () => {
  const vol = { data: Float64Array.from([1, 2, 3, 4, 5, 6]), dims: [3, 2, 1] as [number, number, number] };
  const w = padOdd(vol, "wrap");
  assertEquals(w.dims, [4, 2, 2]);
  assertEquals([...w.data], [1, 2, 3, 1, 4, 5, 6, 4, 1, 2, 3, 1, 4, 5, 6, 4]);
  const r = padOdd(vol, "resize");
  assertEquals([...r.data], [1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  // odd-size transform returns the input's size; "wrap" equals the transform of the padded array, cropped
  const v = randomVolume([5, 4, 3], 3);
  const out = swt3(v, { wavelet: "coif1", bands: ["HLH"] }).get("HLH")!;
  const padded = swt3(padOdd(v, "wrap"), { wavelet: "coif1", oddPadding: "none", bands: ["HLH"] }).get(
    "HLH",
  )!;
  assertEquals(out.length, 60);
  assertClose(out[1 + 5 * (2 + 4 * 1)], padded[1 + 6 * (2 + 4 * 1)], { abs: 1e-12 });
});

Deno.test("band and LoG image names follow pyradiomics", () => {
  assertEquals(waveletImageName("LHL"), "wavelet-LHL");
  assertEquals(logImageName(3), "log-sigma-3-0-mm-3D");
  assertEquals(logImageName(1.5), "log-sigma-1-5-mm-3D");
});

Deno.test("laplacianOfGaussian is exact on a quadratic: σ²·∇²(x² + y² + z²) = 6σ² away from borders (1e-8)", () => {
  const dims: [number, number, number] = [24, 24, 16];
  const sp: [number, number, number] = [1, 1, 2];
  const data = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      for (let x = 0; x < dims[0]; x++) {
        data[x + 24 * (y + 24 * z)] = (x * sp[0]) ** 2 + (y * sp[1]) ** 2 + (z * sp[2]) ** 2;
      }
    }
  }
  const sigma = 1.5;
  const out = laplacianOfGaussian({ data, dims }, sigma, { spacing: sp });
  assertClose(out[12 + 24 * (12 + 24 * 8)], 6 * sigma * sigma, { rel: 1e-8 });
});

Deno.test("laplacianOfGaussian of a Gaussian blob matches the analytic value at its centre (1 %) and ITK's (1 %)", () => {
  // f = exp(−r²/2s0²) ⇒ G_σ*f = (s0²/S²)^{3/2} exp(−r²/2S²), S² = s0² + σ²; ∇² at r = 0: −3/S² · (s0²/S²)^{3/2}
  const n = 41, c = 20, s0 = 3, sigma = 2;
  const data = new Float64Array(n * n * n);
  for (let z = 0; z < n; z++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        data[x + n * (y + n * z)] = Math.exp(-((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2) / (2 * s0 * s0));
      }
    }
  }
  const S2 = s0 * s0 + sigma * sigma;
  const expected = sigma * sigma * (-3 / S2) * (s0 * s0 / S2) ** 1.5;
  const out = laplacianOfGaussian({ data, dims: [n, n, n] }, sigma);
  assertClose(out[c + n * (c + n * c)], expected, { rel: 0.01 });
  // ITK 5.2 LaplacianRecursiveGaussianImageFilter (NormalizeAcrossScale on), same blob: −0.536766 at the centre
  assertClose(out[c + n * (c + n * c)], -0.536766, { rel: 0.01 });
});

Deno.test("filterCase: wavelet bands on the ROI crop equal the whole-image transform inside the ROI (1e-10)", () => {
  const dims: [number, number, number] = [20, 18, 16];
  const v = randomVolume(dims, 5);
  const mask = new Uint8Array(v.data.length);
  for (let z = 6; z < 10; z++) {
    for (let y = 5; y < 11; y++) for (let x = 7; x < 12; x++) mask[x + 20 * (y + 18 * z)] = 1;
  }
  const img = imageFromArray(v.data, dims, [1, 1, 2]);
  const msk = imageFromArray(mask, dims, [1, 1, 2]);
  const fc = filterCase(img, msk, { original: true, wavelet: { wavelet: "coif1" }, logSigmas: [1] });
  const names = [...fc.images()].map((f) => f.name);
  assertEquals(names, ["original", ...WAVELET_BANDS.map((b) => `wavelet-${b}`), "log-sigma-1-0-mm-3D"]);
  const whole = swt3(v, { wavelet: "coif1" }).get("HLH")!;
  const crop = [...fc.images()].find((f) => f.name === "wavelet-HLH")!.image;
  const c = cropToRoi(img, msk, fc.margin);
  assertEquals(crop.dims, c.image.dims);
  const [cx, cy] = crop.dims;
  let checked = 0;
  for (let z = 0; z < crop.dims[2]; z++) {
    for (let y = 0; y < cy; y++) {
      for (let x = 0; x < cx; x++) {
        if (!fc.mask.data[x + cx * (y + cy * z)]) continue;
        const X = x + 7 - fc.margin[0], Y = y + 5 - fc.margin[1], Z = z + 6 - fc.margin[2];
        assertClose(crop.data[x + cx * (y + cy * z)], whole[X + 20 * (Y + 18 * Z)], { abs: 1e-10 });
        checked++;
      }
    }
  }
  assertEquals(checked, 120);
});

Deno.test("swt3 equals pyradiomics' _swt3 through PyWavelets swtn on a 5 × 4 × 3 volume (odd sizes; 1e-9)", () => {
  // Reference: PyWavelets 1.1.1 (Debian python3-pywt), pyradiomics' steps: numpy.pad(..., 'wrap') on odd axes
  // (or ndarray.resize for "resize"), pywt.swtn(data, w, level=1, start_level=0, axes=(2, 1, 0)), crop.
  // Input m[z, y, x] = (7x + 13y + 29z + 3xy) mod 17 − 8; values at flat indices 0, 7, 31, 59 (x fastest).
  const data = new Float64Array(60);
  for (let z = 0; z < 3; z++) {
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 5; x++) {
        data[x + 5 * (y + 4 * z)] = ((7 * x + 13 * y + 29 * z + 3 * x * y) % 17) - 8;
      }
    }
  }
  const vol = { data, dims: [5, 4, 3] as [number, number, number] };
  const at = (a: Float64Array) => [0, 7, 31, 59].map((i) => a[i]);
  const c = swt3(vol, { wavelet: "coif1" });
  assertClose(at(c.get("LHL")!), [
    -11.624929357391325,
    5.836258109751698,
    -8.228480727667568,
    3.407068986462839,
  ], { abs: 1e-9 });
  assertClose(at(c.get("HHH")!), [
    -0.8298840273974273,
    0.9031723805610887,
    -3.955332510292086,
    4.464747040331208,
  ], { abs: 1e-9 });
  assertClose(at(c.get("LLL")!), [
    -10.06429223741852,
    5.945601037856782,
    -1.2664271146676707,
    -3.297033829230737,
  ], { abs: 1e-9 });
  const r = swt3(vol, { wavelet: "coif1", oddPadding: "resize" });
  assertClose(at(r.get("LLH")!), [
    2.807742144919154,
    -0.6633100960992304,
    3.57145922807533,
    0.7313881797001575,
  ], { abs: 1e-9 });
  const h = swt3(vol, { wavelet: "haar" });
  assertClose(at(h.get("HLH")!), [
    -6.010407640085655,
    -6.010407640085655,
    -6.0104076400856545,
    -6.0104076400856545,
  ], { abs: 1e-9 });
});

Deno.test("swt3Bands yields swt3's sub-bands in pyradiomics' order, also when recycling one buffer (exact)", () => {
  const rng = createRng(16);
  const dims: [number, number, number] = [7, 6, 5];
  const vol = { data: Float64Array.from({ length: 7 * 6 * 5 }, () => rng.normal()), dims };
  const whole = swt3(vol, { wavelet: "coif1" });
  for (const recycle of [false, true]) {
    const names: string[] = [];
    for (const [band, data] of swt3Bands(vol, { wavelet: "coif1", recycle })) {
      names.push(band);
      const ref = whole.get(band)!;
      assert(data.every((v, i) => Object.is(v, ref[i])), `band ${band} differs (recycle ${recycle})`);
    }
    assertEquals(names, [...whole.keys()]);
  }
});

/** Reference: pad (numpy 'wrap' / resize / none), swt1 along every x line, then y, then z, crop back. */
function naiveSwt3Band(
  vol: { data: Float64Array; dims: [number, number, number] },
  band: WaveletBand,
  mode: "wrap" | "resize" | "none",
): Float64Array {
  const fl = waveletFilters("coif1");
  const p = padOdd(vol, mode);
  const pd = p.dims;
  let cur = p.data;
  for (let axis = 0; axis < 3; axis++) {
    const f = band[axis] === "L" ? fl.decLo : fl.decHi;
    const next = new Float64Array(cur.length);
    const stride = axis === 0 ? 1 : axis === 1 ? pd[0] : pd[0] * pd[1];
    for (let z = 0; z < (axis === 2 ? 1 : pd[2]); z++) {
      for (let y = 0; y < (axis === 1 ? 1 : pd[1]); y++) {
        for (let x = 0; x < (axis === 0 ? 1 : pd[0]); x++) {
          const base = x + pd[0] * (y + pd[1] * z);
          const line = Array.from({ length: pd[axis] }, (_, k) => cur[base + k * stride]);
          swt1(line, f).forEach((v, k) => (next[base + k * stride] = v));
        }
      }
    }
    cur = next;
  }
  const [nx, ny, nz] = vol.dims;
  const out = new Float64Array(nx * ny * nz);
  for (let z = 0, o = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, o++) out[o] = cur[x + pd[0] * (y + pd[1] * z)];
  }
  return out;
}

Deno.test("swt3Bands equals line-by-line swt1 on the padded volume, odd and even axes, every padding (exact)", () => {
  for (const dims of [[7, 6, 5], [8, 5, 9], [6, 4, 8]] as [number, number, number][]) {
    const vol = randomVolume(dims, 61);
    for (const mode of ["wrap", "resize", "none"] as const) {
      for (const [band, data] of swt3Bands(vol, { wavelet: "coif1", oddPadding: mode, recycle: true })) {
        const ref = naiveSwt3Band(vol, band, mode);
        assert(
          data.every((v, i) => Object.is(v, ref[i])),
          `${band} ${mode} ${dims.join("×")} differs from the line-by-line transform`,
        );
      }
    }
  }
  // a subset of bands without LLH: LLL computed last from a second x pass
  const vol = randomVolume([7, 6, 5], 62);
  const got = new Map(swt3Bands(vol, { bands: ["HLL", "LLL"] }));
  assertEquals([...got.keys()], ["HLL", "LLL"]);
  const ref = naiveSwt3Band(vol, "LLL", "wrap");
  assert(got.get("LLL")!.every((v, i) => Object.is(v, ref[i])), "LLL after HLL differs");
});

Deno.test('swt3Bands order "shared": LLL right after LLH, the same arrays as pyradiomics\' order (exact)', () => {
  const vol = randomVolume([7, 6, 5], 63);
  const whole = swt3(vol, { wavelet: "coif1" });
  for (const recycle of [false, true]) {
    const names: string[] = [];
    for (const [band, data] of swt3Bands(vol, { order: "shared", recycle })) {
      names.push(band);
      assert(
        data.every((v, i) => Object.is(v, whole.get(band)![i])),
        `band ${band} differs (recycle ${recycle})`,
      );
    }
    assertEquals(names, ["LLH", "LLL", "LHL", "LHH", "HLL", "HLH", "HHL", "HHH"]);
  }
  const two = [...swt3Bands(vol, { order: "shared", bands: ["LLL", "LLH"] })].map(([b]) => b);
  assertEquals(two, ["LLH", "LLL"]);
  assertThrows(() => swt3Bands(vol, { order: "any" as "shared" }), 'option "order"');
});
