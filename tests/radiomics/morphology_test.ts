import { assertClose, assertEquals } from "../assert.ts";
import { marchingCubes, meshVolumeArea } from "../../lib/radiomics/mesh.ts";
import { convexHull, maxDistance } from "../../lib/radiomics/convex_hull.ts";
import {
  ellipsoidArea,
  morphology,
  spatialAutocorrelation,
  symmetricEigenvalues3,
} from "../../lib/radiomics/morphology.ts";
import { preprocess } from "../../lib/radiomics/preprocess.ts";
import { createRng } from "../../lib/random/rng.ts";
import { phantom } from "./phantom.ts";

Deno.test("marching cubes: one voxel is an octahedron (volume 1/6, area √3 voxel units)", () => {
  const m = meshVolumeArea(marchingCubes(new Uint8Array([1]), [1, 1, 1], [1, 1, 1]));
  assertClose(m.volume, 1 / 6, { abs: 1e-12 });
  assertClose(m.area, Math.sqrt(3), { abs: 1e-12 });
  // spacing scales volume by sx·sy·sz
  assertClose(meshVolumeArea(marchingCubes(new Uint8Array([1]), [1, 1, 1], [2, 3, 4])).volume, 24 / 6, {
    abs: 1e-12,
  });
});

Deno.test("marching cubes: an n³ block is the cube of side n with chamfered edges and corners", () => {
  // cube of side n = k + 1 around the voxel centres; each of the 12 edges loses a prism of section
  // ½·½·½ and length k; each of the 8 corners loses ⅛ − 1/48 = 5/48: V = (k+1)³ − 1.5k − 5/6.
  for (const n of [2, 3, 5]) {
    const k = n - 1;
    const m = meshVolumeArea(marchingCubes(new Uint8Array(n ** 3).fill(1), [n, n, n], [1, 1, 1]));
    assertClose(m.volume, (k + 1) ** 3 - 1.5 * k - 5 / 6, { abs: 1e-9 }, `n=${n}`);
    // area: 6 faces k², 12 chamfers k·(√2/2), 8 corner triangles √3/8
    assertClose(m.area, 6 * k * k + 12 * k * Math.SQRT1_2 + Math.sqrt(3), { abs: 1e-9 }, `area n=${n}`);
  }
});

Deno.test("convex hull of a cube's corners and inner points: volume and area of the cube; diameter its diagonal", () => {
  const pts: number[] = [];
  for (let x = 0; x <= 4; x++) {
    for (let y = 0; y <= 4; y++) for (let z = 0; z <= 4; z++) pts.push(x, y, z * 2);
  }
  const h = convexHull(Float64Array.from(pts));
  assertClose(h.volume, 4 * 4 * 8, { rel: 1e-12 });
  assertClose(h.area, 2 * (16 + 32 + 32), { rel: 1e-12 });
  assertClose(maxDistance(h.vertices), Math.sqrt(16 + 16 + 64), { rel: 1e-12 });
});

Deno.test("convex hull of all lattice points of an octahedron (coplanar and collinear points on every face) is the octahedron", () => {
  // |x| + |y| + |z| ≤ r: volume 4r³/3, area 8 · (√3/4)(r√2)² = 4√3 r², diameter 2r
  const r = 6, pts: number[] = [];
  for (let x = -r; x <= r; x++) {
    for (let y = -r; y <= r; y++) {
      for (let z = -r; z <= r; z++) if (Math.abs(x) + Math.abs(y) + Math.abs(z) <= r) pts.push(x, y * 1.5, z);
    }
  }
  const h = convexHull(Float64Array.from(pts));
  assertClose(h.volume, (4 * r ** 3 / 3) * 1.5, { rel: 1e-12 });
  // faces: triangles with edge vectors (r, −1.5r, 0) and (r, 0, −r) → area ½‖cross‖ = ½ r² √(1.5² + 1 + 1.5²)
  assertClose(h.area, 8 * 0.5 * r * r * Math.sqrt(2.25 + 1 + 2.25), { rel: 1e-12 });
  assertClose(maxDistance(h.vertices), 2 * r * 1.5, { rel: 1e-12 });
  assertEquals(h.vertices.length / 3, 6);
});

Deno.test("ellipsoid area follows the IBSI Legendre series: exact for a sphere, the series' value otherwise", () => {
  assertClose(ellipsoidArea(3, 3, 3), 4 * Math.PI * 9, { rel: 1e-12 });
  // a = 5, b = c = 3: α = β = 0.8, argument of P_ν is 1, so the series is 4πab Σ_{ν≤20} 0.64^ν/(1 − 4ν²).
  // (The IBSI series is its definition of the feature; it is not the exact spheroid area, 165.8.)
  let s = 0;
  for (let nu = 0; nu <= 20; nu++) s += 0.64 ** nu / (1 - 4 * nu * nu);
  assertClose(ellipsoidArea(5, 3, 3), 4 * Math.PI * 15 * s, { rel: 1e-12 });
});

Deno.test("symmetric 3×3 eigenvalues match a diagonalisable example", () => {
  // Q diag(9, 4, 1) Qᵀ with Q a rotation about z by 30°
  const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
  const m = [9 * c * c + 4 * s * s, (9 - 4) * c * s, 0, (9 - 4) * c * s, 9 * s * s + 4 * c * c, 0, 0, 0, 1];
  assertClose(symmetricEigenvalues3(m), [9, 4, 1], { abs: 1e-12 });
});

Deno.test("Moran's I and Geary's C by FFT equal the brute-force pair sums for odd, even and mixed-radix boxes (rel. 1e-9)", () => {
  const rng = createRng(3);
  // padded lengths 2b − 1 → 2·3·5-smooth: e.g. 17 → 33 → 36 (radices 2, 2, 3, 3), 9 → 17 → 18, 13 → 25
  const cases: [[number, number, number], [number, number, number]][] = [
    [[7, 6, 5], [1, 1.5, 2]],
    [[9, 17, 6], [0.8, 0.8, 2.5]],
    [[5, 9, 13], [1, 1, 1]],
  ];
  for (const [dims, sp] of cases) {
    const [nx, ny, nz] = dims, n = nx * ny * nz;
    const v = Float64Array.from({ length: n }, () => rng.normal());
    const m = Uint8Array.from({ length: n }, () => (rng.uniform() < 0.6 ? 1 : 0));
    // an empty slice inside the box
    m.fill(0, nx * ny, 2 * nx * ny);
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (m[i]) idx.push(i);
    const pos = (
      i: number,
    ) => [(i % nx) * sp[0], (Math.floor(i / nx) % ny) * sp[1], Math.floor(i / (nx * ny)) * sp[2]];
    const mu = idx.reduce((a, i) => a + v[i], 0) / idx.length;
    let W = 0, S = 0, G = 0, D = 0;
    for (const i of idx) {
      D += (v[i] - mu) ** 2;
      const a = pos(i);
      for (const j of idx) {
        if (i === j) continue;
        const b = pos(j);
        const w = 1 / Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        W += w, S += w * (v[i] - mu) * (v[j] - mu), G += w * (v[i] - v[j]) ** 2;
      }
    }
    const N = idx.length;
    const r = spatialAutocorrelation(v, m, dims, sp);
    assertClose(r.moran, (N / W) * S / D, { rel: 1e-9 }, `Moran ${dims}`);
    assertClose(r.geary, ((N - 1) / (2 * W)) * G / D, { rel: 1e-9 }, `Geary ${dims}`);
  }
});

Deno.test("digital phantom morphology matches the IBSI reference within IBSI tolerance", () => {
  const { image, mask } = phantom();
  const roi = preprocess(image, mask, { discretisation: { method: "none" } });
  const got = new Map(morphology(roi).map((f) => [f.ibsiCode, f.value]));
  // [code, reference, tolerance] from the IBSI manual's digital phantom tables
  const ref: [string, number, number][] = [
    ["RNU0", 556, 4],
    ["YEKZ", 592, 4],
    ["C0JK", 388, 3],
    ["2PR5", 0.698, 0.004],
    ["SKGS", 0.0411, 0.0003],
    ["BQWJ", 0.599, 0.004],
    ["KRCK", 1.19, 0.01],
    ["QCFX", 0.843, 0.005],
    ["25C7", 0.186, 0.001],
    ["KLMA", 0.672, 0.004],
    ["L0JK", 13.1, 0.1],
    ["TDIC", 11.4, 0.1],
    ["P9VJ", 9.31, 0.06],
    ["7J51", 8.54, 0.05],
    ["Q3CK", 0.816, 0.005],
    ["N17B", 0.749, 0.005],
    ["PBX1", 0.869, 0.005],
    ["R59B", 0.866, 0.005],
    ["6BDE", 1.17, 0.01],
    ["RDD2", 1.36, 0.01],
    ["R3ER", 0.961, 0.006],
    ["7T7F", 1.03, 0.01],
    ["99N0", 1.2e3, 10],
    ["N365", 0.0397, 0.0003],
    ["NPT7", 0.974, 0.006],
  ];
  assertEquals(got.size, 25);
  for (const [code, v, tol] of ref) assertClose(got.get(code)!, v, { abs: tol, rel: 0 }, code);
});
