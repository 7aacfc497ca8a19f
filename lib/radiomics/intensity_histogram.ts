/**
 * Intensity histogram features (IBSI 1, section 3.4, family "intensity_histogram") on the discretised
 * grey levels 1..N_g of the intensity mask. Statistics as in the statistics family but on levels;
 * mode = most frequent level (ties: the lowest); entropy −Σ p_i log₂ p_i; uniformity Σ p_i²; the
 * histogram gradient H'(i) = (H(i+1) − H(i−1))/2 inside, H(2) − H(1) and H(N_g) − H(N_g − 1) at the
 * ends, over i = 1..N_g.
 */
import type { DiscretisedRoi } from "./roi.ts";
import { countsSummary } from "./stats_util.ts";
import { type FeatureValue, fv } from "./feature.ts";

/** All 23 intensity histogram features of the ROI. */
export function intensityHistogram(roi: DiscretisedRoi): FeatureValue[] {
  // one counting pass over levels 1..nLevels (a second, with the observed range, only if a level
  // falls outside); everything else from the counts (levels are integers)
  const lv = roi.levels, mask = roi.intensityMask, cap = roi.nLevels;
  let counts = new Float64Array(cap + 1), base = 0, n = 0, outside = false;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const v = lv[i];
    if (v >= 1 && v <= cap) counts[v]++;
    else outside = true;
    n++;
  }
  if (outside) {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      if (lv[i] < lo) lo = lv[i];
      if (lv[i] > hi) hi = lv[i];
    }
    base = Math.min(1, lo);
    counts = new Float64Array(Math.max(cap, hi) - base + 1);
    for (let i = 0; i < mask.length; i++) if (mask[i]) counts[lv[i] - base]++;
  }
  const { m, d } = countsSummary(counts, base);
  const Ng = Math.max(roi.nLevels, d.max);
  const H = new Float64Array(Ng + 2); // index 1..Ng
  for (let v = Math.max(1, base); v <= Ng; v++) H[v] = counts[v - base];
  let mode = 1, entropy = 0, uniformity = 0;
  for (let i = 1; i <= Ng; i++) {
    if (H[i] > H[mode]) mode = i;
    const p = H[i] / n;
    if (p > 0) entropy -= p * Math.log2(p);
    uniformity += p * p;
  }
  let gmax = -Infinity, gmaxI = 1, gmin = Infinity, gminI = 1;
  for (let i = 1; i <= Ng; i++) {
    const g = Ng === 1 ? 0 : i === 1 ? H[2] - H[1] : i === Ng ? H[Ng] - H[Ng - 1] : (H[i + 1] - H[i - 1]) / 2;
    if (g > gmax) gmax = g, gmaxI = i;
    if (g < gmin) gmin = g, gminI = i;
  }
  const F = (name: string, code: string, v: number) => fv("intensity_histogram", name, code, v);
  return [
    F("Mean discretised intensity", "X6K6", m.mean),
    F("Discretised intensity variance", "CH89", m.variance),
    F("Discretised intensity skewness", "88K1", m.skewness),
    F("(Excess) discretised intensity kurtosis", "C3I7", m.kurtosis),
    F("Median discretised intensity", "WIFQ", d.median),
    F("Minimum discretised intensity", "1PR8", d.min),
    F("10th discretised intensity percentile", "GPMT", d.p10),
    F("90th discretised intensity percentile", "OZ0C", d.p90),
    F("Maximum discretised intensity", "3NCY", d.max),
    F("Intensity histogram mode", "AMMC", mode),
    F("Discretised intensity interquartile range", "WR0O", d.iqr),
    F("Discretised intensity range", "5Z3W", d.range),
    F("Intensity histogram mean absolute deviation", "D2ZX", d.mad),
    F("Intensity histogram robust mean absolute deviation", "WRZB", d.rmad),
    F("Intensity histogram median absolute deviation", "4RNL", d.medad),
    F("Intensity histogram coefficient of variation", "CWYJ", d.cov),
    F("Intensity histogram quartile coefficient of dispersion", "SLWD", d.qcod),
    F("Discretised intensity entropy", "TLU2", entropy),
    F("Discretised intensity uniformity", "BJ5W", uniformity),
    F("Maximum histogram gradient", "12CE", gmax),
    F("Maximum histogram gradient intensity", "8E6O", gmaxI),
    F("Minimum histogram gradient", "VQB3", gmin),
    F("Minimum histogram gradient intensity", "RHQZ", gminI),
  ];
}
