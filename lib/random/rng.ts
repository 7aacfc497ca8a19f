/**
 * The one seeded pseudo-random generator of the workspace.
 *
 * Every random step (synthetic cohort, SMOTE, fold assignment, bootstrap) draws from an `Rng`
 * created here, so the same seed gives byte-identical results. The engine is xoroshiro128+
 * (pure-rand), seeded through splitmix32 so that small consecutive seeds give unrelated streams;
 * doubles are multiples of 2^-53 in [0, 1).
 *
 * Independent sub-streams are derived with `fork(label)`: the child seed is a hash of the parent seed
 * and the label, so adding a random step in one place does not shift the numbers of another.
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";

type Engine = ReturnType<typeof xoroshiro128plus>;

/** splitmix32 finaliser: a bijective 32-bit mix (used to decorrelate seeds). */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/** FNV-1a 32-bit hash of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A seeded random stream. Not thread-safe; pass it explicitly, never store it globally. */
export class Rng {
  readonly seed: number;
  #engine: Engine;
  #spare: number | null = null;

  /** @param seed integer seed (any safe integer; reduced to 32 bits). */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new Error(`Rng seed: must be a safe integer, got ${seed}`);
    this.seed = seed;
    this.#engine = xoroshiro128plus(mix32(Number(BigInt.asIntN(32, BigInt(seed)))));
    // xoroshiro128+ seeded from a 32-bit value starts close to 1.0; discard a short warm-up.
    for (let i = 0; i < 16; i++) this.#engine.next();
  }

  /** Uniform double in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.#engine);
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return uniformInt(this.#engine, lo, hi);
  }

  /** Standard normal deviate by the Marsaglia polar method. */
  normal(mean = 0, sd = 1): number {
    if (this.#spare !== null) {
      const z = this.#spare;
      this.#spare = null;
      return mean + sd * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spare = v * f;
    return mean + sd * u * f;
  }

  /** Fisher–Yates shuffle of a copy of `xs`. */
  shuffle<T>(xs: readonly T[]): T[] {
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }

  /** An independent stream derived from this generator's seed and a label (does not advance this one). */
  fork(label: string): Rng {
    return new Rng(mix32(this.seed ^ fnv1a(label)));
  }
}

/** Create the workspace generator for a seed. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}
