/**
 * Scratch arrays reused across calls: the nine image types of a case share one grid, so a family's
 * working buffers of the last call usually have the size the next call needs. Each slot keeps its
 * last array through a WeakRef only, so the garbage collector may drop it between calls (the
 * extraction never holds it longer than one family call).
 */

/** A typed array type with a length constructor. */
type Typed = Float64Array | Int32Array;

/** One reusable buffer of a call site (see module documentation). */
export class ScratchSlot<T extends Typed> {
  #last: WeakRef<T> | null = null;
  readonly #make: (n: number) => T;

  /** `make(n)`: a new zero-filled array of length n (e.g. `(n) => new Float64Array(n)`). */
  constructor(make: (n: number) => T) {
    this.#make = make;
  }

  /**
   * An array of length n: the slot's last one when it still exists and has that length (its contents
   * as the last caller left them, or zero-filled with `zeroed`), else a new zero-filled one, kept as
   * the slot's last.
   */
  get(n: number, zeroed = false): T {
    const last = this.#last?.deref();
    if (last && last.length === n) return zeroed ? last.fill(0) as T : last;
    const fresh = this.#make(n);
    this.#last = new WeakRef(fresh);
    return fresh;
  }
}
