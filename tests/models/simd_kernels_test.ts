import { assert, assertClose } from "../assert.ts";
import { fallbackKernels, kernels } from "../../lib/models/simd_kernels.ts";
import { createRng } from "../../lib/random/rng.ts";

Deno.test("simd kernels: dot, wsq and axpy agree with the TypeScript fallback for every length 0..40 (rel 1e-14)", () => {
  const k = kernels();
  // Deno has WebAssembly SIMD: a module that fails to validate would silently use the fallback.
  assert(k.simd, "the WebAssembly module validates and is in use");
  const f = fallbackKernels();
  const rng = createRng(5);
  for (let n = 0; n <= 40; n++) {
    const size = 3 * n + 7;
    k.reserve(size);
    f.reserve(size);
    for (let i = 0; i < size; i++) k.f64[i] = f.f64[i] = rng.normal();
    // Unaligned starts (odd indices) on purpose: the SIMD loads do not assume alignment.
    const a = 1, b = n + 2, c = 2 * n + 5;
    let ref = 0;
    for (let i = 0; i < n; i++) ref += f.f64[a + i] * f.f64[b + i];
    assertClose(k.dot(a, b, n), ref, { abs: 1e-13, rel: 1e-14 }, `dot n=${n}`);
    assertClose(k.dot(a, b, n), f.dot(a, b, n), { abs: 1e-13, rel: 1e-14 }, `dot n=${n}`);
    assertClose(k.wsq(a, b, n), f.wsq(a, b, n), { abs: 1e-13, rel: 1e-14 }, `wsq n=${n}`);
    k.axpy(c, a, b, 0.7, n);
    f.axpy(c, a, b, 0.7, n);
    // Same operations per element ((d·v)·x, then the subtraction): identical results.
    for (let i = 0; i < size; i++) assert(k.f64[i] === f.f64[i], `axpy n=${n} element ${i}`);
  }
});

Deno.test("simd kernels: reserve keeps growing the buffer and the kernels see the new view", () => {
  const k = kernels();
  k.reserve(200_000);
  assert(k.f64.length >= 200_000, "buffer large enough");
  k.f64.fill(2, 199_000, 199_100);
  k.f64.fill(3, 199_100, 199_200);
  assertClose(k.dot(199_000, 199_100, 100), 600, { rel: 1e-15 });
});

Deno.test("simd kernels: dots computes the listed columns' dot products in one call (as dot, exactly)", () => {
  for (const k of [kernels(), fallbackKernels()]) {
    const n = 37;
    k.reserve(10 * n + 20, 4);
    const rng = createRng(9);
    for (let i = 0; i < 10 * n + 20; i++) k.f64[i] = rng.normal();
    const cols = [3 * n, 0, 7 * n + 1, 5];
    k.list.set(cols);
    const b = 9 * n;
    k.dots(cols.length, b, n, 10 * n);
    cols.forEach((c, q) => assert(k.f64[10 * n + q] === k.dot(c, b, n), `column ${c}`));
  }
});

Deno.test("simd kernels: dot32 / dots32 (floats) are within the float error bound of the exact dot for every length 0..40", () => {
  for (const k of [kernels(), fallbackKernels()]) {
    const rng = createRng(8);
    for (let n = 0; n <= 40; n++) {
      k.reserve(2 * n + 16, 4);
      const a = 3, b = 2 * (n + 3) + 1; // float indices, odd starts on purpose
      for (let i = 0; i < n; i++) {
        k.f32[a + i] = rng.normal();
        k.f32[b + i] = rng.normal() * 1e-3;
      }
      let exact = 0;
      let abs = 0;
      for (let i = 0; i < n; i++) {
        exact += k.f32[a + i] * k.f32[b + i];
        abs += Math.abs(k.f32[a + i] * k.f32[b + i]);
      }
      const bound = ((n + 1) * 2 ** -24) / (1 - (n + 1) * 2 ** -24) * abs + 1e-300;
      const d = k.dot32(a, b, n);
      assert(Math.abs(d - exact) <= bound, `dot32 n=${n}: |${d} - ${exact}| > ${bound}`);
      k.list[0] = a;
      k.list[1] = b;
      const out = n + 6; // doubles after both float vectors
      k.dots32(2, b, n, out);
      assert(k.f64[out] === d, `dots32 n=${n} equals dot32`);
    }
  }
});

Deno.test("simd kernels: a cd pass (fused axpy + next dot) matches the TypeScript fallback's pass (rel 1e-12)", () => {
  // Soft-thresholded coordinate updates of a small LASSO problem, two passes so that some features
  // move (axpy fused with the next feature's dot), some stay at 0 and one is the last in the list.
  const n = 37, p = 9;
  const rng = createRng(12);
  const data = Array.from({ length: n * p + 2 * n + 2 * p }, () => rng.normal());
  const R = n * p, V = R + n, B = V + n, XV = B + p;
  const results = [kernels(), fallbackKernels()].map((k) => {
    k.reserve(data.length, p);
    k.f64.set(data);
    for (let i = 0; i < n; i++) k.f64[V + i] = 0.05 + 0.2 * Math.abs(data[V + i]);
    for (let j = 0; j < p; j++) {
      k.f64[B + j] = j % 3 === 0 ? 0 : 0.1 * data[B + j];
      k.f64[XV + j] = k.wsq(V, j * n, n);
      k.list[j] = (j * 4) % p; // a permutation of 0..8
    }
    const dlx = [k.cd(0, p, R, V, B, XV, n, 4), k.cd(2, p - 2, R, V, B, XV, n, 3)];
    return { dlx, b: Array.from(k.f64.subarray(B, B + p)), r: Array.from(k.f64.subarray(R, R + n)) };
  });
  const [w, f] = results;
  console.log(w.b, w.dlx);
  assertClose(w.dlx, f.dlx, { rel: 1e-12 });
  assertClose(w.b, f.b, { abs: 1e-14, rel: 1e-12 });
  assertClose(w.r, f.r, { abs: 1e-14, rel: 1e-12 });
});

Deno.test("simd kernels: wsqs writes wsq of each listed column at its feature index (as wsq, exactly)", () => {
  for (const k of [kernels(), fallbackKernels()]) {
    const n = 23, p = 6;
    const rng = createRng(14);
    k.reserve(n * p + n + p, p);
    for (let i = 0; i < n * p + n; i++) k.f64[i] = rng.normal();
    const V = n * p, OUT = V + n;
    k.f64.fill(-1, OUT, OUT + p);
    [4, 1, 3].forEach((j, q) => (k.list[q] = j));
    k.wsqs(0, 3, V, n, OUT);
    for (let j = 0; j < p; j++) {
      const want = [1, 3, 4].includes(j) ? k.wsq(V, j * n, n) : -1;
      assert(k.f64[OUT + j] === want, `feature ${j}`);
    }
  }
});
