/** The value of one non-texture feature, as returned by every family function. */

/** Non-texture families (names as in the IBSI reference CSV). */
export type IntensityFamily =
  | "morphology"
  | "local_intensity"
  | "intensity_statistics"
  | "intensity_histogram"
  | "intensity_volume_histogram";

/** The texture families. */
export type TextureFamily = "glcm" | "glrlm" | "glszm" | "gldzm" | "ngtdm" | "ngldm";

/** All families, texture included. */
export type FeatureFamily = IntensityFamily | TextureFamily;

/** The non-texture families, in the order they are computed and reported. */
export const INTENSITY_FAMILIES: readonly IntensityFamily[] = [
  "morphology",
  "local_intensity",
  "intensity_statistics",
  "intensity_histogram",
  "intensity_volume_histogram",
];

/** All texture families, in IBSI order. */
export const TEXTURE_FAMILIES: readonly TextureFamily[] = [
  "glcm",
  "glrlm",
  "glszm",
  "gldzm",
  "ngtdm",
  "ngldm",
];

/** Every family, in the order extraction computes and reports them (non-texture first). */
export const FEATURE_FAMILIES: readonly FeatureFamily[] = [...INTENSITY_FAMILIES, ...TEXTURE_FAMILIES];

/** One feature value with its IBSI name and code. */
export interface FeatureValue {
  readonly family: FeatureFamily;
  /** IBSI manual heading, e.g. "Volume (mesh)". */
  readonly name: string;
  /** IBSI permanent code, e.g. "RNU0". */
  readonly ibsiCode: string;
  /** IBSI aggregation code for texture features ("" otherwise). */
  readonly aggregation: string;
  readonly value: number;
}

/** Helper building a {@link FeatureValue}. */
export function fv(
  family: FeatureFamily,
  name: string,
  ibsiCode: string,
  value: number,
  aggregation = "",
): FeatureValue {
  return { family, name, ibsiCode, aggregation, value };
}
