/**
 * Fold assignment for K-fold cross-validation. All randomness comes from the caller's `Rng`.
 *
 * - `stratifiedFolds`: within each outcome class (in order of first appearance of the sorted class
 *   values), the rows are shuffled and dealt to folds 1..K in turn, the dealing continuing from one
 *   class to the next, so every fold gets ⌊n_c/K⌋ or ⌈n_c/K⌉ rows of each class c and fold sizes
 *   differ by at most one.
 * - `randomFolds`: cv.glmnet's default, a random permutation of rep(1..K, length n).
 * Labels are 1..K, one per row in input order (the format of glmnet's `foldid`).
 */
import type { Rng } from "../random/rng.ts";
import type { Vec } from "./matrix_types.ts";
import { checkInteger } from "../io/options.ts";

function checkK(k: number, n: number): void {
  checkInteger("", "nfolds", k, 2);
  if (k > n) throw new Error(`option "nfolds": ${k} folds for ${n} rows; need nfolds <= n`);
}

/** Stratified fold labels (1..k) for outcome `y`. */
export function stratifiedFolds(y: Vec, k: number, rng: Rng): number[] {
  checkK(k, y.length);
  const classes = [...new Set(y)].sort((a, b) => a - b);
  const fold = new Array<number>(y.length).fill(0);
  let deal = 0;
  for (const c of classes) {
    const idx: number[] = [];
    y.forEach((v, i) => {
      if (v === c) idx.push(i);
    });
    for (const i of rng.shuffle(idx)) fold[i] = (deal++ % k) + 1;
  }
  return fold;
}

/** cv.glmnet-style random fold labels: a permutation of rep(1..k, length n). */
export function randomFolds(n: number, k: number, rng: Rng): number[] {
  checkK(k, n);
  return rng.shuffle(Array.from({ length: n }, (_, i) => (i % k) + 1));
}

/** Check user-given fold labels: integers 1..K, one per row, every fold non-empty. Returns K. */
export function checkFoldid(foldid: Vec, n: number): number {
  if (foldid.length !== n) {
    throw new Error(`option "foldid": expected ${n} labels (one per row), got ${foldid.length}`);
  }
  let k = 0;
  foldid.forEach((f, i) => {
    if (!Number.isInteger(f) || f < 1) {
      throw new Error(`option "foldid" row ${i + 1}: expected an integer >= 1, got ${f}`);
    }
    k = Math.max(k, f);
  });
  for (let f = 1; f <= k; f++) {
    if (!foldid.includes(f)) throw new Error(`option "foldid": fold ${f} of 1..${k} is empty`);
  }
  if (k < 2) throw new Error(`option "foldid": need at least 2 folds, got ${k}`);
  return k;
}
