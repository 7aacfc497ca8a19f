/**
 * IBSI texture features: GLCM, GLRLM, GLSZM, GLDZM, NGTDM and NGLDM for 2D, 2.5D and 3D with every IBSI
 * aggregation method, from a discretised ROI.
 *
 * Entry point: `computeTextureFeatures(roi, options)` → one row per family × feature × aggregation method,
 * named by the IBSI heading and code. Registry: `TEXTURE_FEATURES`.
 *
 * Reference: IBSI reference manual (Zwanenburg et al., Radiology 2020;295:328–338; theibsi/ibsi-doc,
 * chapter Image features), sections on each texture family and on feature aggregation.
 */
import { type CompactRoi, compactRoi, type TextureRoi } from "./levels.ts";
import { DIRECTIONS_2D, DIRECTIONS_3D, type Offset } from "./directions.ts";
import {
  aggregateFeatures,
  type AggregationMethod,
  DIRECTIONAL_AGGREGATIONS,
  directionalGroups,
  type FeatureDef,
  type FeatureValue,
  type MatrixOps,
  type TextureDimension,
  ZONE_AGGREGATIONS,
  zoneGroups,
} from "./aggregate.ts";
import { type CoMatrix, GLCM_FEATURES, GLCM_OPS, glcmMatrices, glcmMatrix } from "./glcm.ts";
import { GLRLM_FEATURES, GLRLM_OPS, glrlmMatrix } from "./glrlm.ts";
import { GLSZM_FEATURES, GLSZM_OPS, zoneMatrices } from "./glszm.ts";
import { GLDZM_FEATURES, GLDZM_OPS } from "./gldzm.ts";
import { NGTDM_FEATURES, NGTDM_OPS, ngtdmMatrices } from "./ngtdm.ts";
import { NGLDM_FEATURES, NGLDM_OPS, ngldmMatrices } from "./ngldm.ts";
import { borderDistance, labelZones, type Zones } from "./zones.ts";
import { neighbourhoodSweep, type SweepMatrices } from "./sweep.ts";
import type { SizeMatrix } from "./size_matrix.ts";
import type { ComputeTextureFeatures, TextureAggregationCode } from "../roi.ts";

export type { TextureRoi } from "./levels.ts";
export type { AggregationMethod, FeatureValue, TextureDimension } from "./aggregate.ts";
export { DIRECTIONAL_AGGREGATIONS, ZONE_AGGREGATIONS } from "./aggregate.ts";
export { compactRoi } from "./levels.ts";
export { GLCM_FEATURES } from "./glcm.ts";
export { GLRLM_FEATURES } from "./glrlm.ts";
export { GLSZM_FEATURES } from "./glszm.ts";
export { GLDZM_FEATURES } from "./gldzm.ts";
export { NGTDM_FEATURES } from "./ngtdm.ts";
export { NGLDM_FEATURES } from "./ngldm.ts";
/** The family modules (matrix builders and one function per feature), for direct use and tests. */
export * as glcm from "./glcm.ts";
export * as glrlm from "./glrlm.ts";
export * as glszm from "./glszm.ts";
export * as gldzm from "./gldzm.ts";
export * as ngtdm from "./ngtdm.ts";
export * as ngldm from "./ngldm.ts";

import { TEXTURE_FAMILIES, type TextureFamily } from "../feature.ts";
export { TEXTURE_FAMILIES, type TextureFamily };

/**
 * Options of `computeTextureFeatures` (a superset of `TextureSettings` in lib/radiomics/roi.ts).
 * The aggregation methods computed are those of `dimensions` plus those named in `aggregations`;
 * when both are absent, ["3D"].
 */
export interface TextureOptions {
  /** Families to compute (default all six). */
  readonly families?: readonly TextureFamily[];
  /** Dimensions: "2D" (BTW3, SUJT, 8QNN), "2.5D" (JJUI, ZW7Z, 62GR), "3D" (ITBB, IAZD, KOBO). */
  readonly dimensions?: readonly TextureDimension[];
  /**
   * Individual IBSI aggregation codes ("BTW3", "SUJT", "JJUI", "ZW7Z", "ITBB", "IAZD" for GLCM/GLRLM;
   * "8QNN", "62GR", "KOBO" for the others; a code of the other kind is ignored by a family), or dimensions.
   */
  readonly aggregations?: readonly string[];
  /** Chebyshev distance δ of GLCM pairs and NGTDM/NGLDM neighbourhoods (default 1). */
  readonly distance?: number;
  /** NGLDM coarseness α (default 0). */
  readonly ngldmAlpha?: number;
  /** N_g for the normalised GLCM inverse differences (default `roi.nLevels`). */
  readonly nGreyLevels?: number;
}

/** One texture feature value (a `TextureFeatureValue` of lib/radiomics/roi.ts plus label, key, reason). */
export interface TextureFeatureRow {
  readonly family: TextureFamily;
  /** IBSI section heading, e.g. "Joint maximum". */
  readonly name: string;
  /** Output key `<family>_<Key>` (pyradiomics style), e.g. "glcm_JointMaximum". */
  readonly key: string;
  readonly ibsiCode: string;
  /** IBSI aggregation code, e.g. "IAZD". */
  readonly aggregation: TextureAggregationCode;
  /** Aggregation label as in the IBSI tables, e.g. "3D, merged". */
  readonly aggregationLabel: string;
  readonly value: number;
  /** Why the value is NaN (or averaged over fewer matrices), if so. */
  readonly reason?: string;
}

/**
 * A registry entry. The feature functions themselves are in the per-family lists (`GLCM_FEATURES`, …:
 * name, key, code and `fn` of the family's matrix statistics).
 */
export interface TextureFeatureInfo {
  readonly family: TextureFamily;
  /** IBSI section heading, e.g. "Joint maximum". */
  readonly name: string;
  /** Output key, e.g. "glcm_JointMaximum". */
  readonly key: string;
  readonly ibsiCode: string;
}

const FEATURES_BY_FAMILY: Record<TextureFamily, readonly FeatureDef<never>[]> = {
  glcm: GLCM_FEATURES as readonly FeatureDef<never>[],
  glrlm: GLRLM_FEATURES as readonly FeatureDef<never>[],
  glszm: GLSZM_FEATURES as readonly FeatureDef<never>[],
  gldzm: GLDZM_FEATURES as readonly FeatureDef<never>[],
  ngtdm: NGTDM_FEATURES as readonly FeatureDef<never>[],
  ngldm: NGLDM_FEATURES as readonly FeatureDef<never>[],
};

/** Every texture feature: family, IBSI name, output key and IBSI code (95 features). */
export const TEXTURE_FEATURES: readonly TextureFeatureInfo[] = TEXTURE_FAMILIES.flatMap((family) =>
  FEATURES_BY_FAMILY[family].map((d) => ({
    family,
    name: d.name,
    key: `${family}_${d.key}`,
    ibsiCode: d.code,
  }))
);

/** The aggregation methods of `family` selected by `specs` (dimensions or codes). */
export function aggregationMethods(family: TextureFamily, specs: readonly string[]): AggregationMethod[] {
  const all = family === "glcm" || family === "glrlm" ? DIRECTIONAL_AGGREGATIONS : ZONE_AGGREGATIONS;
  const known = new Set([
    "2D",
    "2.5D",
    "3D",
    ...DIRECTIONAL_AGGREGATIONS.map((a) => a.code),
    ...ZONE_AGGREGATIONS.map((a) => a.code),
  ]);
  for (const s of specs) {
    if (!known.has(s)) {
      throw new RangeError(
        `option "aggregations": expected "2D", "2.5D", "3D" or an IBSI aggregation code, got "${s}"`,
      );
    }
  }
  return all.filter((a) => specs.includes(a.dimension) || specs.includes(a.code));
}

function scaled(dirs: readonly Offset[], d: number): Offset[] {
  return dirs.map(([x, y, z]) => [x * d, y * d, z * d] as const);
}

/** Per-slice × per-direction and 3D per-direction matrices, built only when needed. */
function directional<M>(
  roi: CompactRoi,
  methods: readonly AggregationMethod[],
  build: (dir: Offset, z0: number, z1: number) => M,
  dirs2d: readonly Offset[],
  dirs3d: readonly Offset[],
  buildAll3d?: (dirs: readonly Offset[]) => M[],
): { perSlice: M[][]; per3d: M[] } {
  const need2d = methods.some((m) => m.dimension !== "3D");
  const need3d = methods.some((m) => m.dimension === "3D");
  const perSlice: M[][] = [];
  if (need2d) {
    for (let z = 0; z < roi.nz; z++) {
      if (roi.sliceVoxels[z] > 0) perSlice.push(dirs2d.map((d) => build(d, z, z + 1)));
    }
  }
  const per3d = !need3d ? [] : buildAll3d ? buildAll3d(dirs3d) : dirs3d.map((d) => build(d, 0, roi.nz));
  return { perSlice, per3d };
}

function rowsOf(
  family: TextureFamily,
  defs: readonly FeatureDef<never>[],
  method: AggregationMethod,
  values: readonly FeatureValue[],
): TextureFeatureRow[] {
  return defs.map((d, i) => ({
    family,
    name: d.name,
    key: `${family}_${d.key}`,
    ibsiCode: d.code,
    aggregation: method.code as TextureAggregationCode,
    aggregationLabel: method.label,
    value: values[i].value,
    ...(values[i].reason ? { reason: values[i].reason } : {}),
  }));
}

/**
 * Compute IBSI texture features of a discretised ROI.
 *
 * For each requested family and aggregation method, matrices are built once (per slice and direction as
 * needed; the 3D ones at distance 1 from one neighbourhood sweep, sweep.ts), grouped and merged per
 * aggregate.ts, and every feature of the family is evaluated. The compact ROI is built into buffers
 * reused by the next call on a box of the same size (compactRoi with `reuse`). Features
 * that IBSI leaves undefined for the ROI (e.g. GLCM of a single voxel, correlation with one grey level)
 * are NaN with a `reason`; nothing throws for valid input. Malformed input (array sizes, levels outside
 * 0..nLevels, unknown options) throws a RangeError naming the field.
 */
export function computeTextureFeatures(roi: TextureRoi, options: TextureOptions = {}): TextureFeatureRow[] {
  const families = options.families ?? TEXTURE_FAMILIES;
  for (const f of families) {
    if (!TEXTURE_FAMILIES.includes(f)) {
      throw new RangeError(
        `option "families": unknown family "${f}" (expected one of ${TEXTURE_FAMILIES.join(", ")})`,
      );
    }
  }
  const specs: readonly string[] = options.dimensions || options.aggregations
    ? [...(options.dimensions ?? []), ...(options.aggregations ?? [])]
    : ["3D"];
  const delta = options.distance ?? 1;
  if (!Number.isInteger(delta) || delta < 1) {
    throw new RangeError(`option "distance": must be an integer >= 1, got ${delta}`);
  }
  const alpha = options.ngldmAlpha ?? 0;
  const base = compactRoi(roi, true);
  const c: CompactRoi = options.nGreyLevels !== undefined ? { ...base, nG: options.nGreyLevels } : base;
  const out: TextureFeatureRow[] = [];

  if (c.nVoxels === 0) {
    for (const family of families) {
      for (const m of aggregationMethods(family, specs)) {
        const defs = FEATURES_BY_FAMILY[family];
        out.push(...rowsOf(family, defs, m, defs.map(() => ({ value: NaN, reason: "the ROI is empty" }))));
      }
    }
    return out;
  }

  // Zones (shared by GLSZM and GLDZM), with border distances when the GLDZM is requested.
  const zoneCache = new Map<string, Zones>();
  const zonesFor = (dim: "2D" | "3D"): Zones => {
    let z = zoneCache.get(dim);
    if (!z) {
      const dist = families.includes("gldzm") ? borderDistance(c, dim) : undefined;
      z = labelZones(c, dim, dist);
      zoneCache.set(dim, z);
    }
    return z;
  };

  // the 3D GLCMs, GLRLMs, NGTDM and NGLDM at δ = 1 (α = 0) and the 3D zones from one sweep of the
  // 26-neighbourhood (sweep.ts), when at least two of them are wanted
  const in3d = (f: TextureFamily) =>
    families.includes(f) && aggregationMethods(f, specs).some((m) => m.dimension === "3D");
  const want = {
    glcm: in3d("glcm") && c.G <= 128 && delta === 1,
    // the run-length counts (13 × G × max box side) stay ≤ 32 MiB
    glrlm: in3d("glrlm") && 13 * c.G * (Math.max(c.nx, c.ny, c.nz) + 1) <= 1 << 23,
    // (the sweep packs level sums with neighbour counts: levels < 2⁴⁰)
    ngtdm: in3d("ngtdm") && delta === 1 && (c.G === 0 || c.values[c.G - 1] < 2 ** 40),
    ngldm: in3d("ngldm") && alpha === 0 && delta === 1,
    zones: in3d("glszm") || in3d("gldzm"),
  };
  // (for one alone its own builder is faster)
  const sweep: SweepMatrices = +want.glcm + +want.glrlm + +want.ngtdm + +want.ngldm + +want.zones >= 2
    ? neighbourhoodSweep(c, {
      ...want,
      dist: families.includes("gldzm") ? borderDistance(c, "3D") : undefined,
    })
    : {};
  if (sweep.zones) zoneCache.set("3D", sweep.zones);

  for (const family of families) {
    const methods = aggregationMethods(family, specs);
    if (methods.length === 0) continue;
    const defs = FEATURES_BY_FAMILY[family];
    const need2d = methods.some((m) => m.dimension !== "3D");
    const need3d = methods.some((m) => m.dimension === "3D");
    const emit = <M, S>(ops: MatrixOps<M, S>, groupsOf: (m: AggregationMethod) => M[][]) => {
      for (const m of methods) {
        const vals = aggregateFeatures(groupsOf(m), ops, defs as unknown as readonly FeatureDef<S>[]);
        out.push(...rowsOf(family, defs, m, vals));
      }
    };
    if (family === "glcm") {
      const { perSlice, per3d } = directional<CoMatrix>(
        c,
        methods,
        (d, z0, z1) => glcmMatrix(c, d, z0, z1),
        scaled(DIRECTIONS_2D, delta),
        scaled(DIRECTIONS_3D, delta),
        (dirs) => sweep.glcm ?? glcmMatrices(c, dirs),
      );
      emit(GLCM_OPS, (m) => directionalGroups(m, perSlice, per3d));
    } else if (family === "glrlm") {
      const { perSlice, per3d } = directional<SizeMatrix>(
        c,
        methods,
        (d, z0, z1) => glrlmMatrix(c, d, z0, z1),
        DIRECTIONS_2D,
        DIRECTIONS_3D,
        sweep.glrlm ? () => sweep.glrlm! : undefined,
      );
      emit(GLRLM_OPS, (m) => directionalGroups(m, perSlice, per3d));
    } else if (family === "glszm" || family === "gldzm") {
      const col = family === "glszm" ? "size" : "distance";
      const slices = need2d
        ? zoneMatrices(c, zonesFor("2D"), col, true).filter((_, z) => c.sliceVoxels[z] > 0)
        : [];
      const vol = need3d ? zoneMatrices(c, zonesFor("3D"), col, false)[0] : undefined;
      emit(family === "glszm" ? GLSZM_OPS : GLDZM_OPS, (m) => zoneGroups(m, slices, vol));
    } else if (family === "ngtdm") {
      const slices = need2d ? ngtdmMatrices(c, "2D", delta).filter((_, z) => c.sliceVoxels[z] > 0) : [];
      const vol = need3d ? sweep.ngtdm ?? ngtdmMatrices(c, "3D", delta)[0] : undefined;
      emit(NGTDM_OPS, (m) => zoneGroups(m, slices, vol));
    } else {
      const slices = need2d
        ? ngldmMatrices(c, "2D", delta, alpha).filter((_, z) => c.sliceVoxels[z] > 0)
        : [];
      const vol = need3d ? sweep.ngldm ?? ngldmMatrices(c, "3D", delta, alpha)[0] : undefined;
      emit(NGLDM_OPS, (m) => zoneGroups(m, slices, vol));
    }
  }
  return out;
}

/** Compile-time check that this module fits the interface the IBSI suite expects (lib/radiomics/roi.ts). */
const _fitsSuiteInterface: ComputeTextureFeatures = computeTextureFeatures;
void _fitsSuiteInterface;
