/**
 * The three vector kernels of the glmnet-algorithm LASSO solver (lib/models/lasso_glmnet.ts) as a
 * small WebAssembly module with 128-bit SIMD (two doubles per instruction), assembled here from
 * named opcodes (WebAssembly core spec 2.0 binary format, SIMD proposal opcodes), with plain
 * TypeScript fallbacks when WebAssembly SIMD is not available:
 * - dot(a, b, n) = Σᵢ a[i]·b[i];
 * - wsq(v, x, n) = Σᵢ (v[i]·x[i])·x[i];
 * - axpy(r, v, x, d, n): r[i] −= (d·v[i])·x[i];
 * - dots(list, m, b, n, out): out[k] = dot(list[k], b, n) for k < m (one call for many columns).
 * Arguments are byte offsets into the module's memory (`f64` views below) and lengths. Sums use two
 * pairs of accumulators (lanes 0/1 of two vectors, four partial sums), then the 0–3 remaining terms;
 * results are deterministic (no fused multiply–add) but not bit-identical to the fallbacks.
 */

// --- A minimal assembler ------------------------------------------------------------------------
const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
};
const sleb = (v: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const str = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const I32_ADD = [0x6a], I32_AND = [0x71], I32_SHL = [0x74], I32_LT_U = [0x49], I32_EQZ = [0x45];
const F64_LOAD = [0x2b, 3, 0], F64_STORE = [0x39, 3, 0], I32_LOAD = [0x28, 2, 0];
const CALL = (f: number) => [0x10, ...uleb(f)];
const F64_ADD = [0xa0], F64_SUB = [0xa1], F64_MUL = [0xa2];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const V_LOAD = (offset: number) => simd(0x00, 3, ...uleb(offset)); // v128.load align=8
const V_STORE = (offset: number) => simd(0x0b, 3, ...uleb(offset)); // v128.store
const F64X2_SPLAT = simd(0x14);
const LANE = (k: number) => simd(0x21, k); // f64x2.extract_lane
const F64X2_ADD = simd(0xf0), F64X2_SUB = simd(0xf1), F64X2_MUL = simd(0xf2);
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = [0x0b];
const BR = (d: number) => [0x0c, ...uleb(d)], BR_IF = (d: number) => [0x0d, ...uleb(d)];
const addTo = (
  local: number,
  bytes: number,
): number[] => [...get(local), ...i32c(bytes), ...I32_ADD, ...set(local)];

/** Concatenate instruction groups (one group per source line). */
const asm = (...groups: number[][][]): number[] => groups.flat(2);

/**
 * Body of a reduction over i < n with pointer params p0 = 0, p1 = 1 (advanced in place), n = 2:
 * `term(off)` pushes the v128 term at byte offset `off` of both pointers, `scalar()` the f64 term.
 * Locals: 3 end4 (i32), 4 acc0, 5 acc1 (v128), 6 s (f64), 7 end (i32).
 */
function reduction(term: (off: number) => number[], scalar: () => number[]): number[] {
  return asm(
    [get(0), get(2), i32c(-4), I32_AND, i32c(3), I32_SHL, I32_ADD, set(3)], // end4 = p0 + (n & ~3)·8
    [get(0), get(2), i32c(3), I32_SHL, I32_ADD, set(7)], // end = p0 + n·8
    [BLOCK, LOOP, get(0), get(3), I32_LT_U, I32_EQZ, BR_IF(1)], // while p0 < end4:
    [get(4), term(0), F64X2_ADD, set(4)], //   acc0 += term(p0, p1)
    [get(5), term(16), F64X2_ADD, set(5)], //   acc1 += term(p0 + 16, p1 + 16)
    [addTo(0, 32), addTo(1, 32), BR(0), END, END], //   p0 += 32, p1 += 32
    [get(4), LANE(0), get(5), LANE(0), F64_ADD], // s = (acc0[0] + acc1[0])
    [get(4), LANE(1), get(5), LANE(1), F64_ADD, F64_ADD, set(6)], //   + (acc0[1] + acc1[1])
    [BLOCK, LOOP, get(0), get(7), I32_LT_U, I32_EQZ, BR_IF(1)], // while p0 < end:
    [get(6), scalar(), F64_ADD, set(6)], //   s += scalar(p0, p1)
    [addTo(0, 8), addTo(1, 8), BR(0), END, END], //   p0 += 8, p1 += 8
    [get(6)], // return s
  );
}

const dotBody = reduction(
  (off) => asm([get(0), V_LOAD(off), get(1), V_LOAD(off), F64X2_MUL]),
  () => asm([get(0), F64_LOAD, get(1), F64_LOAD, F64_MUL]),
);
const wsqBody = reduction(
  (off) => asm([get(0), V_LOAD(off), get(1), V_LOAD(off), F64X2_MUL, get(1), V_LOAD(off), F64X2_MUL]),
  () => asm([get(0), F64_LOAD, get(1), F64_LOAD, F64_MUL, get(1), F64_LOAD, F64_MUL]),
);
// axpy(r = 0, v = 1, x = 2, d = 3, n = 4); locals 5 end2, 6 dv (v128), 7 end (i32).
const axpyBody = asm(
  [get(0), get(4), i32c(-2), I32_AND, i32c(3), I32_SHL, I32_ADD, set(5)], // end2 = r + (n & ~1)·8
  [get(0), get(4), i32c(3), I32_SHL, I32_ADD, set(7)], // end = r + n·8
  [get(3), F64X2_SPLAT, set(6)], // dv = (d, d)
  [BLOCK, LOOP, get(0), get(5), I32_LT_U, I32_EQZ, BR_IF(1)], // while r < end2:
  [get(0), get(0), V_LOAD(0)], //   store at r: r[0..1]
  [get(6), get(1), V_LOAD(0), F64X2_MUL, get(2), V_LOAD(0), F64X2_MUL], //   (dv·v)·x
  [F64X2_SUB, V_STORE(0)], //   r − (dv·v)·x
  [addTo(0, 16), addTo(1, 16), addTo(2, 16), BR(0), END, END], //   r, v, x += 16
  [BLOCK, LOOP, get(0), get(7), I32_LT_U, I32_EQZ, BR_IF(1)], // while r < end:
  [get(0), get(0), F64_LOAD], //   store at r: r[0]
  [get(3), get(1), F64_LOAD, F64_MUL, get(2), F64_LOAD, F64_MUL], //   (d·v)·x
  [F64_SUB, F64_STORE], //   r − (d·v)·x
  [addTo(0, 8), addTo(1, 8), addTo(2, 8), BR(0), END, END], //   r, v, x += 8
);

// dots(list = 0, m = 1, b = 2, n = 3, out = 4); local 5 end (i32). list: i32 indices of doubles.
const dotsBody = asm(
  [get(0), get(1), i32c(2), I32_SHL, I32_ADD, set(5)], // end = list + m·4
  [BLOCK, LOOP, get(0), get(5), I32_LT_U, I32_EQZ, BR_IF(1)], // while list < end:
  [get(4), get(0), I32_LOAD, i32c(3), I32_SHL, get(2), get(3), CALL(0), F64_STORE], //   *out = dot(8·*list, b, n)
  [addTo(0, 4), addTo(4, 8), BR(0), END, END], //   list += 4, out += 8
);

const code = (locals: number[][], body: number[]) => {
  const b = [...vec(locals), ...body, ...END];
  return [...uleb(b.length), ...b];
};
const moduleBytes = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  ...section(
    1,
    vec([[0x60, 3, I32, I32, I32, 1, F64], [0x60, 5, I32, I32, I32, F64, I32, 0], [
      0x60,
      5,
      I32,
      I32,
      I32,
      I32,
      I32,
      0,
    ]]),
  ),
  ...section(3, vec([[0], [0], [1], [2]])),
  ...section(5, vec([[0x00, 1]])),
  ...section(
    7,
    vec([[...str("dot"), 0, 0], [...str("wsq"), 0, 1], [...str("axpy"), 0, 2], [...str("dots"), 0, 3], [
      ...str("mem"),
      2,
      0,
    ]]),
  ),
  ...section(
    10,
    vec([
      code([[1, I32], [2, V128], [1, F64], [1, I32]], dotBody),
      code([[1, I32], [2, V128], [1, F64], [1, I32]], wsqBody),
      code([[1, I32], [1, V128], [1, I32]], axpyBody),
      code([[1, I32]], dotsBody),
    ]),
  ),
]);

/** The kernels over one growable buffer of doubles. */
export interface Kernels {
  /** Doubles of the buffer (a new view after every {@link Kernels.reserve}). */
  f64: Float64Array;
  /** Make room for `count` doubles and `listCount` list entries (contents may be lost). */
  reserve(count: number, listCount?: number): void;
  /** Σᵢ f64[a + i]·f64[b + i] (a, b: indices into f64). */
  dot(a: number, b: number, n: number): number;
  /** Σᵢ (f64[v + i]·f64[x + i])·f64[x + i]. */
  wsq(v: number, x: number, n: number): number;
  /** f64[r + i] −= (d·f64[v + i])·f64[x + i]. */
  axpy(r: number, v: number, x: number, d: number, n: number): void;
  /**
   * f64[out + k] = dot(cols[k], b, n) for k < m, with `cols` the column starts (indices into f64)
   * written by the caller into {@link Kernels.list} from 0.
   */
  dots(m: number, b: number, n: number, out: number): void;
  /** Column starts of {@link Kernels.dots} (a new view after every reserve). */
  list: Int32Array;
  /** True when the WebAssembly SIMD module is in use. */
  readonly simd: boolean;
}

interface Exports {
  dot(a: number, b: number, n: number): number;
  wsq(a: number, b: number, n: number): number;
  axpy(r: number, v: number, x: number, d: number, n: number): void;
  dots(list: number, m: number, b: number, n: number, out: number): void;
  mem: WebAssembly.Memory;
}

function wasmKernels(): Kernels | null {
  try {
    if (typeof WebAssembly === "undefined" || !WebAssembly.validate(moduleBytes)) return null;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), {});
    const ex = inst.exports as unknown as Exports;
    let listAt = 0;
    const k: Kernels = {
      f64: new Float64Array(ex.mem.buffer),
      list: new Int32Array(0),
      reserve(count: number, listCount = 0) {
        const need = count * 8 + listCount * 4 - ex.mem.buffer.byteLength;
        if (need > 0) ex.mem.grow(Math.ceil(need / 65536));
        k.f64 = new Float64Array(ex.mem.buffer, 0, count);
        listAt = count * 8;
        k.list = new Int32Array(ex.mem.buffer, listAt, listCount);
      },
      dot: (a, b, n) => ex.dot(a * 8, b * 8, n),
      wsq: (v, x, n) => ex.wsq(v * 8, x * 8, n),
      axpy: (r, v, x, d, n) => ex.axpy(r * 8, v * 8, x * 8, d, n),
      dots: (m, b, n, out) => ex.dots(listAt, m, b * 8, n, out * 8),
      simd: true,
    };
    return k;
  } catch {
    return null;
  }
}

function jsKernels(): Kernels {
  const k: Kernels = {
    f64: new Float64Array(0),
    list: new Int32Array(0),
    reserve(count: number, listCount = 0) {
      if (k.f64.length < count) k.f64 = new Float64Array(count);
      if (k.list.length < listCount) k.list = new Int32Array(listCount);
    },
    dot(a, b, n) {
      const f = k.f64;
      let s0 = 0, s1 = 0;
      let i = 0;
      for (; i + 1 < n; i += 2) {
        s0 += f[a + i] * f[b + i];
        s1 += f[a + i + 1] * f[b + i + 1];
      }
      if (i < n) s0 += f[a + i] * f[b + i];
      return s0 + s1;
    },
    wsq(v, x, n) {
      const f = k.f64;
      let s = 0;
      for (let i = 0; i < n; i++) s += f[v + i] * f[x + i] * f[x + i];
      return s;
    },
    axpy(r, v, x, d, n) {
      const f = k.f64;
      for (let i = 0; i < n; i++) f[r + i] -= d * f[v + i] * f[x + i];
    },
    dots(m, b, n, out) {
      for (let q = 0; q < m; q++) k.f64[out + q] = k.dot(k.list[q], b, n);
    },
    simd: false,
  };
  return k;
}

let shared: Kernels | null = null;

/** The kernels (WebAssembly SIMD when available), one instance per process. */
export function kernels(): Kernels {
  return shared ??= wasmKernels() ?? jsKernels();
}

/** Plain TypeScript kernels (tests compare the two). */
export function fallbackKernels(): Kernels {
  return jsKernels();
}
