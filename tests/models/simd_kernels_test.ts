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
