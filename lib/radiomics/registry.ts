/**
 * Feature registry: every non-texture feature this library computes, with its family, IBSI name
 * (the manual's section heading), IBSI code and a short key used in output names
 * (`<family>_<Key>`, e.g. `morphology_VolumeMesh`, in the manner of pyradiomics'
 * `original_shape_MeshVolume`), plus the function computing each family.
 * Texture families (GLCM … NGLDM) are registered by `texture/mod.ts`.
 */
import type { FeatureValue, IntensityFamily } from "./feature.ts";
import type { PreprocessedRoi } from "./preprocess.ts";
import type { IvhSettings } from "./ivh.ts";
import { morphology } from "./morphology.ts";
import { localIntensity } from "./local_intensity.ts";
import { intensityStatistics } from "./intensity_stats.ts";
import { intensityHistogram } from "./intensity_histogram.ts";
import { intensityVolumeHistogram } from "./ivh.ts";

/** One registered feature. */
export interface RegisteredFeature {
  readonly family: IntensityFamily;
  readonly name: string;
  readonly ibsiCode: string;
  /** PascalCase key for output names. */
  readonly key: string;
}

/** Family → function computing all its features from a preprocessed ROI. */
export const FAMILY_FUNCTIONS: Readonly<
  Record<IntensityFamily, (roi: PreprocessedRoi, ivh: IvhSettings) => FeatureValue[]>
> = {
  morphology: (roi) => morphology(roi),
  local_intensity: (roi) => localIntensity(roi),
  intensity_statistics: (roi) => intensityStatistics(roi),
  intensity_histogram: (roi) => intensityHistogram(roi),
  intensity_volume_histogram: (roi, ivh) => intensityVolumeHistogram(roi, ivh),
};

const TABLE: [IntensityFamily, string, string, string][] = [
  ["morphology", "Volume (mesh)", "RNU0", "VolumeMesh"],
  ["morphology", "Volume (voxel counting)", "YEKZ", "VolumeVoxelCounting"],
  ["morphology", "Surface area (mesh)", "C0JK", "SurfaceAreaMesh"],
  ["morphology", "Surface to volume ratio", "2PR5", "SurfaceToVolumeRatio"],
  ["morphology", "Compactness 1", "SKGS", "Compactness1"],
  ["morphology", "Compactness 2", "BQWJ", "Compactness2"],
  ["morphology", "Spherical disproportion", "KRCK", "SphericalDisproportion"],
  ["morphology", "Sphericity", "QCFX", "Sphericity"],
  ["morphology", "Asphericity", "25C7", "Asphericity"],
  ["morphology", "Centre of mass shift", "KLMA", "CentreOfMassShift"],
  ["morphology", "Maximum 3D diameter", "L0JK", "Maximum3DDiameter"],
  ["morphology", "Major axis length", "TDIC", "MajorAxisLength"],
  ["morphology", "Minor axis length", "P9VJ", "MinorAxisLength"],
  ["morphology", "Least axis length", "7J51", "LeastAxisLength"],
  ["morphology", "Elongation", "Q3CK", "Elongation"],
  ["morphology", "Flatness", "N17B", "Flatness"],
  ["morphology", "Volume density (axis-aligned bounding box)", "PBX1", "VolumeDensityAxisAlignedBoundingBox"],
  ["morphology", "Area density (axis-aligned bounding box)", "R59B", "AreaDensityAxisAlignedBoundingBox"],
  [
    "morphology",
    "Volume density (approximate enclosing ellipsoid)",
    "6BDE",
    "VolumeDensityApproximateEnclosingEllipsoid",
  ],
  [
    "morphology",
    "Area density (approximate enclosing ellipsoid)",
    "RDD2",
    "AreaDensityApproximateEnclosingEllipsoid",
  ],
  ["morphology", "Volume density (convex hull)", "R3ER", "VolumeDensityConvexHull"],
  ["morphology", "Area density (convex hull)", "7T7F", "AreaDensityConvexHull"],
  ["morphology", "Integrated intensity", "99N0", "IntegratedIntensity"],
  ["morphology", "Moran's I index", "N365", "MoranSIIndex"],
  ["morphology", "Geary's C measure", "NPT7", "GearySCMeasure"],
  ["local_intensity", "Local intensity peak", "VJGA", "LocalIntensityPeak"],
  ["local_intensity", "Global intensity peak", "0F91", "GlobalIntensityPeak"],
  ["intensity_statistics", "Mean intensity", "Q4LE", "MeanIntensity"],
  ["intensity_statistics", "Intensity variance", "ECT3", "IntensityVariance"],
  ["intensity_statistics", "Intensity skewness", "KE2A", "IntensitySkewness"],
  ["intensity_statistics", "(Excess) intensity kurtosis", "IPH6", "ExcessIntensityKurtosis"],
  ["intensity_statistics", "Median intensity", "Y12H", "MedianIntensity"],
  ["intensity_statistics", "Minimum intensity", "1GSF", "MinimumIntensity"],
  ["intensity_statistics", "10th intensity percentile", "QG58", "10thIntensityPercentile"],
  ["intensity_statistics", "90th intensity percentile", "8DWT", "90thIntensityPercentile"],
  ["intensity_statistics", "Maximum intensity", "84IY", "MaximumIntensity"],
  ["intensity_statistics", "Intensity interquartile range", "SALO", "IntensityInterquartileRange"],
  ["intensity_statistics", "Intensity range", "2OJQ", "IntensityRange"],
  [
    "intensity_statistics",
    "Intensity-based mean absolute deviation",
    "4FUA",
    "IntensityBasedMeanAbsoluteDeviation",
  ],
  [
    "intensity_statistics",
    "Intensity-based robust mean absolute deviation",
    "1128",
    "IntensityBasedRobustMeanAbsoluteDeviation",
  ],
  [
    "intensity_statistics",
    "Intensity-based median absolute deviation",
    "N72L",
    "IntensityBasedMedianAbsoluteDeviation",
  ],
  [
    "intensity_statistics",
    "Intensity-based coefficient of variation",
    "7TET",
    "IntensityBasedCoefficientOfVariation",
  ],
  [
    "intensity_statistics",
    "Intensity-based quartile coefficient of dispersion",
    "9S40",
    "IntensityBasedQuartileCoefficientOfDispersion",
  ],
  ["intensity_statistics", "Intensity-based energy", "N8CA", "IntensityBasedEnergy"],
  ["intensity_statistics", "Root mean square intensity", "5ZWQ", "RootMeanSquareIntensity"],
  ["intensity_histogram", "Mean discretised intensity", "X6K6", "MeanDiscretisedIntensity"],
  ["intensity_histogram", "Discretised intensity variance", "CH89", "DiscretisedIntensityVariance"],
  ["intensity_histogram", "Discretised intensity skewness", "88K1", "DiscretisedIntensitySkewness"],
  [
    "intensity_histogram",
    "(Excess) discretised intensity kurtosis",
    "C3I7",
    "ExcessDiscretisedIntensityKurtosis",
  ],
  ["intensity_histogram", "Median discretised intensity", "WIFQ", "MedianDiscretisedIntensity"],
  ["intensity_histogram", "Minimum discretised intensity", "1PR8", "MinimumDiscretisedIntensity"],
  [
    "intensity_histogram",
    "10th discretised intensity percentile",
    "GPMT",
    "10thDiscretisedIntensityPercentile",
  ],
  [
    "intensity_histogram",
    "90th discretised intensity percentile",
    "OZ0C",
    "90thDiscretisedIntensityPercentile",
  ],
  ["intensity_histogram", "Maximum discretised intensity", "3NCY", "MaximumDiscretisedIntensity"],
  ["intensity_histogram", "Intensity histogram mode", "AMMC", "IntensityHistogramMode"],
  [
    "intensity_histogram",
    "Discretised intensity interquartile range",
    "WR0O",
    "DiscretisedIntensityInterquartileRange",
  ],
  ["intensity_histogram", "Discretised intensity range", "5Z3W", "DiscretisedIntensityRange"],
  [
    "intensity_histogram",
    "Intensity histogram mean absolute deviation",
    "D2ZX",
    "IntensityHistogramMeanAbsoluteDeviation",
  ],
  [
    "intensity_histogram",
    "Intensity histogram robust mean absolute deviation",
    "WRZB",
    "IntensityHistogramRobustMeanAbsoluteDeviation",
  ],
  [
    "intensity_histogram",
    "Intensity histogram median absolute deviation",
    "4RNL",
    "IntensityHistogramMedianAbsoluteDeviation",
  ],
  [
    "intensity_histogram",
    "Intensity histogram coefficient of variation",
    "CWYJ",
    "IntensityHistogramCoefficientOfVariation",
  ],
  [
    "intensity_histogram",
    "Intensity histogram quartile coefficient of dispersion",
    "SLWD",
    "IntensityHistogramQuartileCoefficientOfDispersion",
  ],
  ["intensity_histogram", "Discretised intensity entropy", "TLU2", "DiscretisedIntensityEntropy"],
  ["intensity_histogram", "Discretised intensity uniformity", "BJ5W", "DiscretisedIntensityUniformity"],
  ["intensity_histogram", "Maximum histogram gradient", "12CE", "MaximumHistogramGradient"],
  [
    "intensity_histogram",
    "Maximum histogram gradient intensity",
    "8E6O",
    "MaximumHistogramGradientIntensity",
  ],
  ["intensity_histogram", "Minimum histogram gradient", "VQB3", "MinimumHistogramGradient"],
  [
    "intensity_histogram",
    "Minimum histogram gradient intensity",
    "RHQZ",
    "MinimumHistogramGradientIntensity",
  ],
  ["intensity_volume_histogram", "Volume fraction at 10% intensity", "BC2M", "VolumeFractionAt10Intensity"],
  ["intensity_volume_histogram", "Volume fraction at 90% intensity", "BC2M", "VolumeFractionAt90Intensity"],
  ["intensity_volume_histogram", "Intensity at 10% volume", "GBPN", "IntensityAt10Volume"],
  ["intensity_volume_histogram", "Intensity at 90% volume", "GBPN", "IntensityAt90Volume"],
  [
    "intensity_volume_histogram",
    "Volume fraction difference between intensity fractions",
    "DDTU",
    "VolumeFractionDifferenceBetweenIntensityFractions",
  ],
  [
    "intensity_volume_histogram",
    "Intensity fraction difference between volume fractions",
    "CNV2",
    "IntensityFractionDifferenceBetweenVolumeFractions",
  ],
];

/** All registered non-texture features, in output order. */
export const FEATURES: readonly RegisteredFeature[] = TABLE.map(([family, name, ibsiCode, key]) => ({
  family,
  name,
  ibsiCode,
  key,
}));

/** Output name of a feature: `<family>_<Key>`. */
export function featureKey(family: string, name: string): string {
  const f = FEATURES.find((r) => r.family === family && r.name === name);
  return f ? `${family}_${f.key}` : `${family}_${name.replace(/[^A-Za-z0-9]+/g, "")}`;
}
