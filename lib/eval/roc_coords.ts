/**
 * Coordinates of an ROC curve and optimal cut-offs (pROC `coords`).
 *
 * Candidate thresholds are those of {@link rocCurve}: −Inf, the midpoints (a + b)/2 of consecutive
 * distinct observed values and +Inf, increasing. Optimal thresholds:
 * - "youden": maximise J = sensitivity + specificity − 1 (Youden 1950);
 * - "closest.topleft": minimise (1 − sensitivity)² + (1 − specificity)².
 * Ties are decided exactly, on integer counts (tp·n + tn·m for Youden;
 * (m − tp)²n² + (n − tn)²m² for the distance), and every tied optimum is returned, in increasing
 * threshold order, as pROC's `coords(roc, "best", ties.minmax = FALSE)` lists them.
 *
 * References: Youden (1950) Cancer 3:32; Perkins & Schisterman (2006) Am J Epidemiol 163:670;
 * R: pROC::coords(roc, "best", best.method = "youden" | "closest.topleft").
 */
import { EvalInputError } from "../stats/binary_input.ts";
import { type RocCurve, rocCurve, type RocOptions } from "./roc.ts";

/** A point of the ROC curve. */
export interface RocCoord {
  readonly threshold: number;
  readonly sensitivity: number;
  readonly specificity: number;
  /** sensitivity + specificity − 1. */
  readonly youdenJ: number;
}

/** Optimality criteria. */
export type BestMethod = "youden" | "closest.topleft";

/** All points of the curve. */
export function rocCoordsAll(curve: RocCurve): RocCoord[] {
  return curve.thresholds.map((t, k) => ({
    threshold: t,
    sensitivity: curve.sensitivity[k],
    specificity: curve.specificity[k],
    youdenJ: curve.sensitivity[k] + curve.specificity[k] - 1,
  }));
}

/** Every threshold optimal under `method` (ties kept, increasing thresholds). */
export function bestThresholds(curve: RocCurve, method: BestMethod = "youden"): RocCoord[] {
  const m = curve.nCases, n = curve.nControls;
  let score: (k: number) => number;
  if (method === "youden") score = (k) => curve.truePositives[k] * n + curve.trueNegatives[k] * m;
  else if (method === "closest.topleft") {
    score = (k) => -(((m - curve.truePositives[k]) * n) ** 2 + ((n - curve.trueNegatives[k]) * m) ** 2);
  } else {throw new EvalInputError(
      `bestThresholds: method: expected "youden" or "closest.topleft", got ${JSON.stringify(method)}`,
    );}
  let best = -Infinity;
  const idx: number[] = [];
  for (let k = 0; k < curve.thresholds.length; k++) {
    const s = score(k);
    if (s > best) {
      best = s;
      idx.length = 0;
      idx.push(k);
    } else if (s === best) idx.push(k);
  }
  const all = rocCoordsAll(curve);
  return idx.map((k) => all[k]);
}

/** Result of {@link rocCoords}. */
export interface RocCoordsResult {
  readonly curve: RocCurve;
  readonly points: readonly RocCoord[];
  readonly bestYouden: readonly RocCoord[];
  readonly bestClosestTopleft: readonly RocCoord[];
}

/**
 * ROC curve points plus Youden and closest-to-top-left optima in one call.
 * R: `coords(roc, "all")`, `coords(roc, "best", best.method = ...)`.
 */
export function rocCoords(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  options: RocOptions = {},
): RocCoordsResult {
  const curve = rocCurve(y, score, options);
  return {
    curve,
    points: rocCoordsAll(curve),
    bestYouden: bestThresholds(curve, "youden"),
    bestClosestTopleft: bestThresholds(curve, "closest.topleft"),
  };
}
