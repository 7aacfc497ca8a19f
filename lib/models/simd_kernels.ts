/**
 * The vector kernels of the glmnet-algorithm LASSO solver (lib/models/lasso_glmnet.ts) as a
 * small WebAssembly module with 128-bit SIMD (two doubles per instruction), assembled here from
 * named opcodes (WebAssembly core spec 2.0 binary format, SIMD proposal opcodes), with plain
 * TypeScript fallbacks when WebAssembly SIMD is not available:
 * - dot(a, b, n) = Σᵢ a[i]·b[i];
 * - wsq(v, x, n) = Σᵢ (v[i]·x[i])·x[i];
 * - axpy(r, v, x, d, n): r[i] −= (d·v[i])·x[i];
 * - dots(list, m, b, n, out): out[k] = dot(list[k], b, n) for k < m (one call for many columns);
 * - dot32 / dots32: the same over floats (f32x4, four per instruction), for screening with an error
 *   bound (the LASSO's KKT and strong-rule scans decide exactly, in doubles, where the bound cannot);
 * - cd: a whole coordinate-descent pass of the LASSO (dot, soft-threshold, axpy per feature);
 * - wsqs: wsq of many columns in one call (the LASSO's weighted column norms).
 * Arguments are byte offsets into the module's memory (`f64` views below) and lengths. Sums use four
 * vector accumulators (eight partial sums, i ≡ 0..7 mod 8), pairs of the remainder in the first,
 * then the last odd term; results are deterministic (no fused multiply–add) but not bit-identical to
 * the fallbacks. axpy does two vectors per iteration (per element the fallback's operations).
 */

// --- A minimal assembler ------------------------------------------------------------------------
const I32 = 0x7f, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b;
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
const F32_LOAD = [0x2a, 2, 0], F32_ADD = [0x92], F32_MUL = [0x94], F64_PROMOTE_F32 = [0xbb];
const I32_MUL = [0x6c], F64_ABS = [0x99], F64_NE = [0x62], F64_GT = [0x64], F64_DIV = [0xa3];
const F64_MAX = [0xa5], F64_COPYSIGN = [0xa6], SELECT = [0x1b], IF = [0x04, 0x40];
const F64_ZERO = [0x44, 0, 0, 0, 0, 0, 0, 0, 0]; // f64.const 0
const IF_F64 = [0x04, F64], ELSE = [0x05];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const V_LOAD = (offset: number) => simd(0x00, 3, ...uleb(offset)); // v128.load align=8
const V_STORE = (offset: number) => simd(0x0b, 3, ...uleb(offset)); // v128.store
const F64X2_SPLAT = simd(0x14);
const LANE = (k: number) => simd(0x21, k); // f64x2.extract_lane
const F64X2_ADD = simd(0xf0), F64X2_SUB = simd(0xf1), F64X2_MUL = simd(0xf2);
const F32X4_ADD = simd(0xe4), F32X4_MUL = simd(0xe6);
const LANE32 = (k: number) => simd(0x1f, k); // f32x4.extract_lane
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
// axpy(r = 0, v = 1, x = 2, d = 3, n = 4); locals 5 end4, 6 dv (v128), 7 end, 8 end2 (i32).
// Two vectors per iteration, then one, then the last element.
const axpyStep = (off: number) =>
  asm(
    [get(0), get(0), V_LOAD(off)], // store at r + off: r[off..]
    [get(6), get(1), V_LOAD(off), F64X2_MUL, get(2), V_LOAD(off), F64X2_MUL], //   (dv·v)·x
    [F64X2_SUB, V_STORE(off)], //   r − (dv·v)·x
  );
const axpyBody = asm(
  [get(0), get(4), i32c(-4), I32_AND, i32c(3), I32_SHL, I32_ADD, set(5)], // end4 = r + (n & ~3)·8
  [get(0), get(4), i32c(-2), I32_AND, i32c(3), I32_SHL, I32_ADD, set(8)], // end2 = r + (n & ~1)·8
  [get(0), get(4), i32c(3), I32_SHL, I32_ADD, set(7)], // end = r + n·8
  [get(3), F64X2_SPLAT, set(6)], // dv = (d, d)
  [BLOCK, LOOP, get(0), get(5), I32_LT_U, I32_EQZ, BR_IF(1)], // while r < end4:
  [axpyStep(0), axpyStep(16)], //   two vectors
  [addTo(0, 32), addTo(1, 32), addTo(2, 32), BR(0), END, END], //   r, v, x += 32
  [BLOCK, get(0), get(8), I32_LT_U, I32_EQZ, BR_IF(0)], // if r < end2: one vector
  [axpyStep(0), addTo(0, 16), addTo(1, 16), addTo(2, 16), END], //   r, v, x += 16
  [BLOCK, get(0), get(7), I32_LT_U, I32_EQZ, BR_IF(0)], // if r < end: the last element
  [get(0), get(0), F64_LOAD], //   store at r: r[0]
  [get(3), get(1), F64_LOAD, F64_MUL, get(2), F64_LOAD, F64_MUL], //   (d·v)·x
  [F64_SUB, F64_STORE, END], //   r − (d·v)·x
);

// dots(list = 0, m = 1, b = 2, n = 3, out = 4); local 5 end (i32). list: i32 indices of doubles.
const dotsBody = asm(
  [get(0), get(1), i32c(2), I32_SHL, I32_ADD, set(5)], // end = list + m·4
  [BLOCK, LOOP, get(0), get(5), I32_LT_U, I32_EQZ, BR_IF(1)], // while list < end:
  [get(4), get(0), I32_LOAD, i32c(3), I32_SHL, get(2), get(3), CALL(0), F64_STORE], //   *out = dot(8·*list, b, n)
  [addTo(0, 4), addTo(4, 8), BR(0), END, END], //   list += 4, out += 8
);

// dot32(a = 0, b = 1, n = 2): Σᵢ a[i]·b[i] over floats (f32 arithmetic), returned as f64. Two f32x4
// accumulators (eight partial sums), then one vector, then the 0–3 last terms.
// Locals: 3 end8 (i32), 4 acc0, 5 acc1 (v128), 6 s (f32), 7 end4, 8 end (i32).
const dot32Body = asm(
  [get(0), get(2), i32c(-8), I32_AND, i32c(2), I32_SHL, I32_ADD, set(3)], // end8 = a + (n & ~7)·4
  [get(0), get(2), i32c(-4), I32_AND, i32c(2), I32_SHL, I32_ADD, set(7)], // end4 = a + (n & ~3)·4
  [get(0), get(2), i32c(2), I32_SHL, I32_ADD, set(8)], // end = a + n·4
  [BLOCK, LOOP, get(0), get(3), I32_LT_U, I32_EQZ, BR_IF(1)], // while a < end8:
  [get(4), get(0), V_LOAD(0), get(1), V_LOAD(0), F32X4_MUL, F32X4_ADD, set(4)], //   acc0 += a[0..3]·b[0..3]
  [get(5), get(0), V_LOAD(16), get(1), V_LOAD(16), F32X4_MUL, F32X4_ADD, set(5)], //   acc1 += a[4..7]·b[4..7]
  [addTo(0, 32), addTo(1, 32), BR(0), END, END], //   a, b += 32
  [BLOCK, get(0), get(7), I32_LT_U, I32_EQZ, BR_IF(0)], // if a < end4: one vector
  [get(4), get(0), V_LOAD(0), get(1), V_LOAD(0), F32X4_MUL, F32X4_ADD, set(4)], //   acc0 += a[0..3]·b[0..3]
  [addTo(0, 16), addTo(1, 16), END], //   a, b += 16
  [get(4), get(5), F32X4_ADD, set(4)], // acc0 += acc1
  [get(4), LANE32(0), get(4), LANE32(1), F32_ADD], // s = (acc0[0] + acc0[1])
  [get(4), LANE32(2), get(4), LANE32(3), F32_ADD, F32_ADD, set(6)], //   + (acc0[2] + acc0[3])
  [BLOCK, LOOP, get(0), get(8), I32_LT_U, I32_EQZ, BR_IF(1)], // while a < end:
  [get(6), get(0), F32_LOAD, get(1), F32_LOAD, F32_MUL, F32_ADD, set(6)], //   s += a[0]·b[0]
  [addTo(0, 4), addTo(1, 4), BR(0), END, END], //   a, b += 4
  [get(6), F64_PROMOTE_F32], // return s as f64
);

// dots32(list = 0, m = 1, b = 2, n = 3, out = 4); local 5 end (i32). list: i32 indices of floats.
const dots32Body = asm(
  [get(0), get(1), i32c(2), I32_SHL, I32_ADD, set(5)], // end = list + m·4
  [BLOCK, LOOP, get(0), get(5), I32_LT_U, I32_EQZ, BR_IF(1)], // while list < end:
  [get(4), get(0), I32_LOAD, i32c(2), I32_SHL, get(2), get(3), CALL(4), F64_STORE], //   *out = dot32(4·*list, b, n)
  [addTo(0, 4), addTo(4, 8), BR(0), END, END], //   list += 4, out += 8
);

// axpydot(r = 0, v = 1, x = 2, d = 3, n = 4, y = 5): axpy(r, v, x, d, n), returning dot(y, r, n) of
// the updated r, both with the same operations per element and the same accumulators as axpy and
// dot (so the same values), in one pass. Locals: 6 end4 (i32), 7 dv, 8 acc0, 9 acc1, 10 t (v128),
// 11 s (f64), 12 end (i32), 13 rn (f64).
const axpyDotStep = (off: number, acc: number) =>
  asm(
    [get(0), get(0), V_LOAD(off), get(7), get(1), V_LOAD(off), F64X2_MUL, get(2), V_LOAD(off), F64X2_MUL], // r − (dv·v)·x
    [F64X2_SUB, set(10), get(10), V_STORE(off)], //   t = …, stored at r + off
    [get(acc), get(5), V_LOAD(off), get(10), F64X2_MUL, F64X2_ADD, set(acc)], //   acc += y·t
  );
const axpyDotBody = asm(
  [get(0), get(4), i32c(-4), I32_AND, i32c(3), I32_SHL, I32_ADD, set(6)], // end4 = r + (n & ~3)·8
  [get(0), get(4), i32c(3), I32_SHL, I32_ADD, set(12)], // end = r + n·8
  [get(3), F64X2_SPLAT, set(7)], // dv = (d, d)
  [BLOCK, LOOP, get(0), get(6), I32_LT_U, I32_EQZ, BR_IF(1)], // while r < end4:
  [axpyDotStep(0, 8), axpyDotStep(16, 9)], //   two vectors
  [addTo(0, 32), addTo(1, 32), addTo(2, 32), addTo(5, 32), BR(0), END, END], //   r, v, x, y += 32
  [get(8), LANE(0), get(9), LANE(0), F64_ADD], // s = (acc0[0] + acc1[0])
  [get(8), LANE(1), get(9), LANE(1), F64_ADD, F64_ADD, set(11)], //   + (acc0[1] + acc1[1])
  [BLOCK, LOOP, get(0), get(12), I32_LT_U, I32_EQZ, BR_IF(1)], // while r < end:
  [get(0), F64_LOAD, get(3), get(1), F64_LOAD, F64_MUL, get(2), F64_LOAD, F64_MUL, F64_SUB, set(13)], //   rn = r − (d·v)·x
  [get(0), get(13), F64_STORE], //   *r = rn
  [get(11), get(5), F64_LOAD, get(13), F64_MUL, F64_ADD, set(11)], //   s += y·rn
  [addTo(0, 8), addTo(1, 8), addTo(2, 8), addTo(5, 8), BR(0), END, END], //   r, v, x, y += 8
  [get(11)], // return s
);

// cd(list = 0, m = 1, r = 2, v = 3, b = 4, xv = 5, n = 6, al = 7): one coordinate-descent pass over
// the features list[0..m) (i32 feature indices; column k at byte k·n·8), as lib/models/lasso_glmnet.ts:
// u = x̃ₖᵀr + xvₖbₖ, bₖ ← S(u, al)/xvₖ, and when bₖ moved by d: r −= d·v∘x̃ₖ (fused with the next
// feature's dot product); returns maxₖ xvₖd². Locals: 8 end, 9 col, 10 bp, 11 xp (i32), 12 bk, 13 xvk,
// 14 u, 15 nb, 16 d, 17 dlx (f64), 18 k (i32), 19 au, 20 pending (f64), 21 have (i32).
const cdBody = asm(
  [get(0), get(1), i32c(2), I32_SHL, I32_ADD, set(8)], // end = list + m·4
  [F64_ZERO, set(17)], // dlx = 0
  [BLOCK, LOOP, get(0), get(8), I32_LT_U, I32_EQZ, BR_IF(1)], // while list < end:
  [get(0), I32_LOAD, set(18)], //   k = *list
  [get(18), get(6), I32_MUL, i32c(3), I32_SHL, set(9)], //   col = k·n·8
  [get(18), i32c(3), I32_SHL, get(4), I32_ADD, set(10)], //   bp = b + k·8
  [get(18), i32c(3), I32_SHL, get(5), I32_ADD, set(11)], //   xp = xv + k·8
  [get(10), F64_LOAD, set(12), get(11), F64_LOAD, set(13)], //   bk = *bp, xvk = *xp
  [get(21), IF_F64, get(20), ELSE, get(9), get(2), get(6), CALL(0), END], //   g = have ? pending : dot(col, r, n)
  [get(13), get(12), F64_MUL, F64_ADD, set(14)], //   u = g + xvk·bk
  [i32c(0), set(21)], //   have = 0
  [get(14), F64_ABS, get(7), F64_SUB, set(19)], //   au = |u| − al
  [get(19), get(14), F64_COPYSIGN, get(13), F64_DIV, F64_ZERO, get(19), F64_ZERO, F64_GT, SELECT, set(15)], //   nb = au > 0 ? ±au/xvk : 0
  [get(10), get(15), F64_STORE], //   *bp = nb
  [get(15), get(12), F64_SUB, set(16)], //   d = nb − bk
  [get(16), F64_ZERO, F64_NE, IF], //   if d ≠ 0:
  [get(17), get(13), get(16), F64_MUL, get(16), F64_MUL, F64_MAX, set(17)], //     dlx = max(dlx, xvk·d·d)
  [get(0), i32c(4), I32_ADD, get(8), I32_LT_U, IF], //     if another feature follows:
  [get(2), get(3), get(9), get(16), get(6)], //       pending = axpydot(r, v, col, d, n,
  [get(0), i32c(4), I32_ADD, I32_LOAD, get(6), I32_MUL, i32c(3), I32_SHL, CALL(7), set(20)], //         its column)
  [i32c(1), set(21)], //       have = 1
  [ELSE, get(2), get(3), get(9), get(16), get(6), CALL(2), END, END], //     else axpy(r, v, col, d, n)
  [addTo(0, 4), BR(0), END, END], //   list += 4
  [get(17)], // return dlx
);

// wsqs(list = 0, m = 1, v = 2, n = 3, out = 4): out[k] = wsq(v, column k, n) for the features k in
// list[0..m) (i32 feature indices; column k at byte k·n·8; out indexed by feature). Local 5 end (i32),
// 6 k (i32).
const wsqsBody = asm(
  [get(0), get(1), i32c(2), I32_SHL, I32_ADD, set(5)], // end = list + m·4
  [BLOCK, LOOP, get(0), get(5), I32_LT_U, I32_EQZ, BR_IF(1)], // while list < end:
  [get(0), I32_LOAD, set(6)], //   k = *list
  [get(6), i32c(3), I32_SHL, get(4), I32_ADD], //   store at out + k·8:
  [get(2), get(6), get(3), I32_MUL, i32c(3), I32_SHL, get(3), CALL(1), F64_STORE], //     wsq(v, k·n·8, n)
  [addTo(0, 4), BR(0), END, END], //   list += 4
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
    vec([
      [0x60, 3, I32, I32, I32, 1, F64],
      [0x60, 5, I32, I32, I32, F64, I32, 0],
      [0x60, 5, I32, I32, I32, I32, I32, 0],
      [0x60, 8, I32, I32, I32, I32, I32, I32, I32, F64, 1, F64],
      [0x60, 6, I32, I32, I32, F64, I32, I32, 1, F64],
    ]),
  ),
  ...section(3, vec([[0], [0], [1], [2], [0], [2], [3], [4], [2]])),
  ...section(5, vec([[0x00, 1]])),
  ...section(
    7,
    vec([
      [...str("dot"), 0, 0],
      [...str("wsq"), 0, 1],
      [...str("axpy"), 0, 2],
      [...str("dots"), 0, 3],
      [...str("dot32"), 0, 4],
      [...str("dots32"), 0, 5],
      [...str("cd"), 0, 6],
      [...str("wsqs"), 0, 8],
      [...str("mem"), 2, 0],
    ]),
  ),
  ...section(
    10,
    vec([
      code([[1, I32], [2, V128], [1, F64], [1, I32]], dotBody),
      code([[1, I32], [2, V128], [1, F64], [1, I32]], wsqBody),
      code([[1, I32], [1, V128], [2, I32]], axpyBody),
      code([[1, I32]], dotsBody),
      code([[1, I32], [2, V128], [1, F32], [2, I32]], dot32Body),
      code([[1, I32]], dots32Body),
      code([[4, I32], [6, F64], [1, I32], [2, F64], [1, I32]], cdBody),
      code([[1, I32], [4, V128], [1, F64], [1, I32], [1, F64]], axpyDotBody),
      code([[2, I32]], wsqsBody),
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
  /** Column starts of {@link Kernels.dots} / {@link Kernels.dots32} (a new view after every reserve). */
  list: Int32Array;
  /** The same buffer as floats (f32 index 2k + 1, 2k overlay double k; a new view after every reserve). */
  f32: Float32Array;
  /** Σᵢ f32[a + i]·f32[b + i] in float arithmetic (a, b: indices into f32), as a double. */
  dot32(a: number, b: number, n: number): number;
  /**
   * f64[out + k] = dot32(cols[k], b, n) for k < m, `cols` (indices into f32) in {@link Kernels.list}.
   * Any summation order; error ≤ γₙ₊₁ Σᵢ |aᵢbᵢ| (float unit roundoff 2⁻²⁴; the fallback is exact-er).
   */
  dots32(m: number, b: number, n: number, out: number): void;
  /**
   * One coordinate-descent pass of the LASSO (lib/models/lasso_glmnet.ts) over the features
   * list[list .. list + m) (indices into {@link Kernels.list}; feature k's column at f64[k·n]):
   * uₖ = dot(k·n, r, n) + xv[k]·b[k]; b[k] ← sign(uₖ)·max(|uₖ| − al, 0)/xv[k]; when b[k] moved by d,
   * axpy(r, v, k·n, d, n). r, v, b, xv: indices into f64. Returns maxₖ xv[k]·d² (0 if none moved).
   */
  cd(list: number, m: number, r: number, v: number, b: number, xv: number, n: number, al: number): number;
  /**
   * f64[out + k] = wsq(v, k·n, n) for the features k in list[list .. list + m) (indices into
   * {@link Kernels.list}; out indexed by feature).
   */
  wsqs(list: number, m: number, v: number, n: number, out: number): void;
  /** True when the WebAssembly SIMD module is in use. */
  readonly simd: boolean;
}

interface Exports {
  dot(a: number, b: number, n: number): number;
  wsq(a: number, b: number, n: number): number;
  axpy(r: number, v: number, x: number, d: number, n: number): void;
  dots(list: number, m: number, b: number, n: number, out: number): void;
  dot32(a: number, b: number, n: number): number;
  dots32(list: number, m: number, b: number, n: number, out: number): void;
  cd(list: number, m: number, r: number, v: number, b: number, xv: number, n: number, al: number): number;
  wsqs(list: number, m: number, v: number, n: number, out: number): void;
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
      f32: new Float32Array(ex.mem.buffer),
      list: new Int32Array(0),
      reserve(count: number, listCount = 0) {
        const need = count * 8 + listCount * 4 - ex.mem.buffer.byteLength;
        if (need > 0) ex.mem.grow(Math.ceil(need / 65536));
        k.f64 = new Float64Array(ex.mem.buffer, 0, count);
        k.f32 = new Float32Array(ex.mem.buffer, 0, 2 * count);
        listAt = count * 8;
        k.list = new Int32Array(ex.mem.buffer, listAt, listCount);
      },
      dot: (a, b, n) => ex.dot(a * 8, b * 8, n),
      wsq: (v, x, n) => ex.wsq(v * 8, x * 8, n),
      axpy: (r, v, x, d, n) => ex.axpy(r * 8, v * 8, x * 8, d, n),
      dots: (m, b, n, out) => ex.dots(listAt, m, b * 8, n, out * 8),
      dot32: (a, b, n) => ex.dot32(a * 4, b * 4, n),
      dots32: (m, b, n, out) => ex.dots32(listAt, m, b * 4, n, out * 8),
      cd: (list, m, r, v, b, xv, n, al) => ex.cd(listAt + list * 4, m, r * 8, v * 8, b * 8, xv * 8, n, al),
      wsqs: (list, m, v, n, out) => ex.wsqs(listAt + list * 4, m, v * 8, n, out * 8),
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
    f32: new Float32Array(0),
    list: new Int32Array(0),
    reserve(count: number, listCount = 0) {
      if (k.f64.length < count) {
        k.f64 = new Float64Array(count);
        k.f32 = new Float32Array(k.f64.buffer);
      }
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
    dot32(a, b, n) {
      const f = k.f32;
      let s = 0;
      for (let i = 0; i < n; i++) s += f[a + i] * f[b + i];
      return s;
    },
    dots32(m, b, n, out) {
      for (let q = 0; q < m; q++) k.f64[out + q] = k.dot32(k.list[q], b, n);
    },
    cd(list, m, r, v, b, xv, n, al) {
      const f = k.f64;
      let dlx = 0;
      for (let q = list; q < list + m; q++) {
        const j = k.list[q];
        const bk = f[b + j];
        const xvk = f[xv + j];
        const u = k.dot(j * n, r, n) + xvk * bk;
        const au = Math.abs(u) - al;
        const nb = au > 0 ? (u > 0 ? au : -au) / xvk : 0;
        f[b + j] = nb;
        const d = nb - bk;
        if (d === 0) continue;
        dlx = Math.max(dlx, xvk * d * d);
        k.axpy(r, v, j * n, d, n);
      }
      return dlx;
    },
    wsqs(list, m, v, n, out) {
      for (let q = list; q < list + m; q++) k.f64[out + k.list[q]] = k.wsq(v, k.list[q] * n, n);
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
