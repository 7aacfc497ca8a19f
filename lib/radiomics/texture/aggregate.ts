/**
 * IBSI feature aggregation for texture families (IBSI 5QB6 and the aggregation sections of each family).
 *
 * Matrices are built per slice (2D, in-plane neighbourhoods) or over the volume (3D), and per direction for
 * GLCM/GLRLM. Aggregation groups matrices; each group is merged (summed, N_v summed with it) into one
 * matrix, features are computed per group and averaged over groups:
 *
 * | code | label                    | groups (GLCM, GLRLM)                                   |
 * | ---- | ------------------------ | ------------------------------------------------------ |
 * | BTW3 | 2D, averaged             | every (slice, in-plane direction) matrix on its own     |
 * | SUJT | 2D, slice-merged         | per slice, the 4 direction matrices                     |
 * | JJUI | 2.5D, direction-merged   | per in-plane direction, the matrices of all slices      |
 * | ZW7Z | 2.5D, merged             | one group: all slices and directions                    |
 * | ITBB | 3D, averaged             | every 3D direction on its own (13)                      |
 * | IAZD | 3D, merged               | one group: all 13 directions                            |
 *
 * | code | label | groups (GLSZM, GLDZM, NGTDM, NGLDM)  |
 * | ---- | ----- | ------------------------------------ |
 * | 8QNN | 2D    | every slice on its own                 |
 * | 62GR | 2.5D  | one group: all slices                  |
 * | KOBO | 3D    | the 3D matrix                          |
 *
 * Empty matrices (e.g. a slice direction without any voxel pair) have no features and are left out of the
 * average; when every group is empty the feature is NaN with a reason. A feature undefined for a
 * non-empty matrix (NaN, e.g. correlation with zero variance) is left out as well, and the row says so.
 */

/** Dimensionality of a texture computation. */
export type TextureDimension = "2D" | "2.5D" | "3D";

/** An IBSI aggregation method. */
export interface AggregationMethod {
  /** Label as in the IBSI tables, e.g. "3D, merged". */
  readonly label: string;
  /** IBSI code, e.g. "IAZD". */
  readonly code: string;
  readonly dimension: TextureDimension;
}

/** Aggregation methods of the directional families (GLCM, GLRLM). */
export const DIRECTIONAL_AGGREGATIONS: readonly AggregationMethod[] = [
  { label: "2D, averaged", code: "BTW3", dimension: "2D" },
  { label: "2D, slice-merged", code: "SUJT", dimension: "2D" },
  { label: "2.5D, direction-merged", code: "JJUI", dimension: "2.5D" },
  { label: "2.5D, merged", code: "ZW7Z", dimension: "2.5D" },
  { label: "3D, averaged", code: "ITBB", dimension: "3D" },
  { label: "3D, merged", code: "IAZD", dimension: "3D" },
];

/** Aggregation methods of the families without directions (GLSZM, GLDZM, NGTDM, NGLDM). */
export const ZONE_AGGREGATIONS: readonly AggregationMethod[] = [
  { label: "2D", code: "8QNN", dimension: "2D" },
  { label: "2.5D", code: "62GR", dimension: "2.5D" },
  { label: "3D", code: "KOBO", dimension: "3D" },
];

/** One feature of a family: IBSI name and code, and its function of the family's matrix statistics. */
export interface FeatureDef<S> {
  /** The IBSI section heading, e.g. "Joint maximum". */
  readonly name: string;
  /** CamelCase key used in output names (`glcm_JointMaximum`). */
  readonly key: string;
  /** IBSI feature code, e.g. "GYBY". */
  readonly code: string;
  /** The feature of one (merged) matrix; NaN where undefined. */
  readonly fn: (s: S) => number;
  /** Why `fn` can be NaN for a non-empty matrix (recorded as the reason). */
  readonly undefinedWhen?: string;
}

/** A feature value with the reason it is NaN (or partly averaged), if any. */
export interface FeatureValue {
  readonly value: number;
  readonly reason?: string;
}

/** How a family handles its matrices during aggregation. */
export interface MatrixOps<M, S> {
  merge(ms: readonly M[]): M;
  isEmpty(m: M): boolean;
  stats(m: M): S;
  /** Reason used when every group is empty. */
  readonly emptyReason: string;
}

/**
 * Merge each group, compute every feature per merged matrix and average over the non-empty groups.
 * Returns one value per entry of `defs`, in order.
 */
export function aggregateFeatures<M, S>(
  groups: readonly (readonly M[])[],
  ops: MatrixOps<M, S>,
  defs: readonly FeatureDef<S>[],
): FeatureValue[] {
  const F = defs.length;
  const sum = new Float64Array(F);
  const ok = new Int32Array(F);
  let nonEmpty = 0;
  for (const g of groups) {
    if (g.length === 0) continue;
    const m = ops.merge(g);
    if (ops.isEmpty(m)) continue;
    nonEmpty++;
    const s = ops.stats(m);
    for (let f = 0; f < F; f++) {
      const v = defs[f].fn(s);
      if (Number.isFinite(v)) {
        sum[f] += v;
        ok[f]++;
      }
    }
  }
  const out: FeatureValue[] = [];
  for (let f = 0; f < F; f++) {
    if (nonEmpty === 0) out.push({ value: NaN, reason: ops.emptyReason });
    else if (ok[f] === 0) {
      out.push({ value: NaN, reason: `undefined: ${defs[f].undefinedWhen ?? "not finite"}` });
    } else if (ok[f] < nonEmpty) {
      out.push({
        value: sum[f] / ok[f],
        reason: `averaged over ${ok[f]} of ${nonEmpty} matrices; the others undefined (${
          defs[f].undefinedWhen ?? "not finite"
        })`,
      });
    } else out.push({ value: sum[f] / ok[f] });
  }
  return out;
}

/**
 * Groups of a directional family for `method`: `perSlice[s][d]` holds the in-plane matrices of slice s and
 * direction d, `perDirection3d[d]` the 3D matrices.
 */
export function directionalGroups<M>(
  method: AggregationMethod,
  perSlice: readonly (readonly M[])[],
  perDirection3d: readonly M[],
): M[][] {
  switch (method.code) {
    case "BTW3":
      return perSlice.flatMap((ds) => ds.map((m) => [m]));
    case "SUJT":
      return perSlice.map((ds) => [...ds]);
    case "JJUI": {
      const D = perSlice.length ? perSlice[0].length : 0;
      return Array.from({ length: D }, (_, d) => perSlice.map((ds) => ds[d]));
    }
    case "ZW7Z":
      return [perSlice.flat()];
    case "ITBB":
      return perDirection3d.map((m) => [m]);
    case "IAZD":
      return [[...perDirection3d]];
    default:
      throw new RangeError(
        `aggregation "${method.code}": not a GLCM/GLRLM aggregation (BTW3, SUJT, JJUI, ZW7Z, ITBB, IAZD)`,
      );
  }
}

/** Groups of a family without directions for `method`: per-slice matrices or the 3D matrix. */
export function zoneGroups<M>(
  method: AggregationMethod,
  perSlice: readonly M[],
  volume: M | undefined,
): M[][] {
  switch (method.code) {
    case "8QNN":
      return perSlice.map((m) => [m]);
    case "62GR":
      return [[...perSlice]];
    case "KOBO":
      return volume === undefined ? [] : [[volume]];
    default:
      throw new RangeError(
        `aggregation "${method.code}": not a GLSZM/GLDZM/NGTDM/NGLDM aggregation (8QNN, 62GR, KOBO)`,
      );
  }
}
