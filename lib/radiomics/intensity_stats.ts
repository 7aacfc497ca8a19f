/**
 * Intensity-based statistical features (IBSI 1, section 3.3, family "intensity_statistics"), computed
 * over the voxels of the intensity mask with their (interpolated, rounded, re-segmented, not
 * discretised) intensities, as one 3D ROI (DHQ4). Variance, skewness and kurtosis are population
 * moments; percentiles interpolate linearly (Hyndman–Fan type 7).
 */
import type { DiscretisedRoi } from "./roi.ts";
import { dispersion, maskedValues, moments } from "./stats_util.ts";
import { type FeatureValue, fv } from "./feature.ts";

/** All 18 intensity statistics features of the ROI. */
export function intensityStatistics(roi: DiscretisedRoi): FeatureValue[] {
  // grid order; the percentiles from order statistics found without a full sort
  const x = maskedValues(roi.intensity, roi.intensityMask, true);
  const m = moments(x);
  let energy = 0;
  for (let i = 0; i < x.length; i++) energy += x[i] * x[i];
  const d = dispersion(x, m, false);
  const F = (name: string, code: string, v: number) => fv("intensity_statistics", name, code, v);
  return [
    F("Mean intensity", "Q4LE", m.mean),
    F("Intensity variance", "ECT3", m.variance),
    F("Intensity skewness", "KE2A", m.skewness),
    F("(Excess) intensity kurtosis", "IPH6", m.kurtosis),
    F("Median intensity", "Y12H", d.median),
    F("Minimum intensity", "1GSF", d.min),
    F("10th intensity percentile", "QG58", d.p10),
    F("90th intensity percentile", "8DWT", d.p90),
    F("Maximum intensity", "84IY", d.max),
    F("Intensity interquartile range", "SALO", d.iqr),
    F("Intensity range", "2OJQ", d.range),
    F("Intensity-based mean absolute deviation", "4FUA", d.mad),
    F("Intensity-based robust mean absolute deviation", "1128", d.rmad),
    F("Intensity-based median absolute deviation", "N72L", d.medad),
    F("Intensity-based coefficient of variation", "7TET", d.cov),
    F("Intensity-based quartile coefficient of dispersion", "9S40", d.qcod),
    F("Intensity-based energy", "N8CA", energy),
    F("Root mean square intensity", "5ZWQ", Math.sqrt(energy / x.length)),
  ];
}
