/**
 * Radiomics feature names of the workspace: `phase_filter_family_feature`, e.g.
 * `venous_wavelet-LHL_glcm_Contrast`, `plain_original_shape_Sphericity`. Without a phase the name is
 * pyradiomics' own (`original_glcm_Contrast`). Families and feature names follow pyradiomics 3 (IBSI
 * compliant); filters are `original` and the eight 3D wavelet bands `wavelet-LLL` … `wavelet-HHH`.
 */

/** CT phases of the study. */
export const PHASES = ["plain", "arterial", "venous"] as const;
export type Phase = (typeof PHASES)[number];

/** Image types: original plus the eight undecimated wavelet bands. */
export const FILTERS = [
  "original",
  "wavelet-LLL",
  "wavelet-LLH",
  "wavelet-LHL",
  "wavelet-LHH",
  "wavelet-HLL",
  "wavelet-HLH",
  "wavelet-HHL",
  "wavelet-HHH",
] as const;

/** Feature classes (pyradiomics names) and their features. Shape is computed on the original image only. */
export const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  shape: [
    "Elongation",
    "Flatness",
    "LeastAxisLength",
    "MajorAxisLength",
    "Maximum2DDiameterColumn",
    "Maximum2DDiameterRow",
    "Maximum2DDiameterSlice",
    "Maximum3DDiameter",
    "MeshVolume",
    "MinorAxisLength",
    "Sphericity",
    "SurfaceArea",
    "SurfaceVolumeRatio",
    "VoxelVolume",
  ],
  firstorder: [
    "10Percentile",
    "90Percentile",
    "Energy",
    "Entropy",
    "InterquartileRange",
    "Kurtosis",
    "Maximum",
    "MeanAbsoluteDeviation",
    "Mean",
    "Median",
    "Minimum",
    "Range",
    "RobustMeanAbsoluteDeviation",
    "RootMeanSquared",
    "Skewness",
    "TotalEnergy",
    "Uniformity",
    "Variance",
  ],
  glcm: [
    "Autocorrelation",
    "ClusterProminence",
    "ClusterShade",
    "ClusterTendency",
    "Contrast",
    "Correlation",
    "DifferenceAverage",
    "DifferenceEntropy",
    "DifferenceVariance",
    "Id",
    "Idm",
    "Idmn",
    "Idn",
    "Imc1",
    "Imc2",
    "InverseVariance",
    "JointAverage",
    "JointEnergy",
    "JointEntropy",
    "MCC",
    "MaximumProbability",
    "SumAverage",
    "SumEntropy",
    "SumSquares",
  ],
  glrlm: [
    "GrayLevelNonUniformity",
    "GrayLevelNonUniformityNormalized",
    "GrayLevelVariance",
    "HighGrayLevelRunEmphasis",
    "LongRunEmphasis",
    "LongRunHighGrayLevelEmphasis",
    "LongRunLowGrayLevelEmphasis",
    "LowGrayLevelRunEmphasis",
    "RunEntropy",
    "RunLengthNonUniformity",
    "RunLengthNonUniformityNormalized",
    "RunPercentage",
    "RunVariance",
    "ShortRunEmphasis",
    "ShortRunHighGrayLevelEmphasis",
    "ShortRunLowGrayLevelEmphasis",
  ],
  glszm: [
    "GrayLevelNonUniformity",
    "GrayLevelNonUniformityNormalized",
    "GrayLevelVariance",
    "HighGrayLevelZoneEmphasis",
    "LargeAreaEmphasis",
    "LargeAreaHighGrayLevelEmphasis",
    "LargeAreaLowGrayLevelEmphasis",
    "LowGrayLevelZoneEmphasis",
    "SizeZoneNonUniformity",
    "SizeZoneNonUniformityNormalized",
    "SmallAreaEmphasis",
    "SmallAreaHighGrayLevelEmphasis",
    "SmallAreaLowGrayLevelEmphasis",
    "ZoneEntropy",
    "ZonePercentage",
    "ZoneVariance",
  ],
  gldm: [
    "DependenceEntropy",
    "DependenceNonUniformity",
    "DependenceNonUniformityNormalized",
    "DependenceVariance",
    "GrayLevelNonUniformity",
    "GrayLevelVariance",
    "HighGrayLevelEmphasis",
    "LargeDependenceEmphasis",
    "LargeDependenceHighGrayLevelEmphasis",
    "LargeDependenceLowGrayLevelEmphasis",
    "LowGrayLevelEmphasis",
    "SmallDependenceEmphasis",
    "SmallDependenceHighGrayLevelEmphasis",
    "SmallDependenceLowGrayLevelEmphasis",
  ],
  ngtdm: ["Busyness", "Coarseness", "Complexity", "Contrast", "Strength"],
};

/** Parts of a feature name. `phase` is undefined for pyradiomics names without a phase prefix. */
export interface FeatureNameParts {
  readonly phase?: string;
  readonly filter: string;
  readonly family: string;
  readonly feature: string;
}

/** Join parts to `phase_filter_family_feature` (or `filter_family_feature` without a phase). */
export function featureName(parts: FeatureNameParts): string {
  const base = `${parts.filter}_${parts.family}_${parts.feature}`;
  return parts.phase ? `${parts.phase}_${base}` : base;
}

/**
 * Split a feature name into its parts. Accepts `phase_filter_family_feature` and pyradiomics'
 * `filter_family_feature` (filters may contain "-", e.g. `wavelet-LHL`, `log-sigma-3-0-mm-3D`).
 * Returns null for names that are not radiomics features (e.g. `diagnostics_*`, ids).
 */
export function parseFeatureName(name: string): FeatureNameParts | null {
  const parts = name.split("_");
  if (parts.length < 3) return null;
  const families = new Set([...Object.keys(FAMILIES), "shape2D"]);
  if (parts.length >= 4 && families.has(parts[2])) {
    return { phase: parts[0], filter: parts[1], family: parts[2], feature: parts.slice(3).join("_") };
  }
  if (families.has(parts[1])) {
    return { filter: parts[0], family: parts[1], feature: parts.slice(2).join("_") };
  }
  return null;
}

/** Every feature name of one phase in the workspace's canonical order (shape on original only). */
export function phaseFeatureNames(phase: string): string[] {
  const out: string[] = [];
  for (const filter of FILTERS) {
    for (const [family, feats] of Object.entries(FAMILIES)) {
      if (family === "shape" && filter !== "original") continue;
      for (const feature of feats) out.push(featureName({ phase, filter, family, feature }));
    }
  }
  return out;
}
