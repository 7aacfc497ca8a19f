/**
 * Intensity–volume histogram features (IBSI 1, section 3.5, family "intensity_volume_histogram").
 *
 * The IVH has its own discretisation ({@link IvhSettings}): voxel values X are mapped onto a grid
 * X_min, X_min + step, …, X_max. With ν(i) the fraction of ROI voxels with value ≥ i and
 * γ(i) = (i − X_min)/(X_max − X_min):
 * V_x (BC2M) = ν at the smallest grid point with γ ≥ x; I_x (GBPN) = the smallest grid point with
 * ν(i) < x (one step past X_max when no grid point qualifies); V10 − V90 (DDTU); I10 − I90 (CNV2).
 * The digital phantom checks: ν(2) = 24/74 = 0.324 (V10), I10 = 5, I90 = 2.
 */
import type { DiscretisedRoi } from "./roi.ts";
import { type FeatureValue, fv } from "./feature.ts";

/** How intensities are put on the IVH grid. */
export type IvhSettings =
  /** Values used as they are (calibrated discrete units, e.g. HU), step `step` (default 1); range = [lower, upper] when given, else the ROI min/max. */
  | { readonly method: "none"; readonly step?: number; readonly lower?: number; readonly upper?: number }
  /** Fixed bin size w from `lower`: each value becomes its bin centre lower + (bin − 0.5)·w; grid up to the bin holding `upper` (else the ROI max). */
  | { readonly method: "fbs"; readonly binWidth: number; readonly lower: number; readonly upper?: number }
  /** Fixed bin number N over the ROI min/max: values become bins 1..N, step 1, grid 1..N. */
  | { readonly method: "fbn"; readonly binCount: number };

/** The six IVH features. */
export function intensityVolumeHistogram(
  roi: DiscretisedRoi,
  settings: IvhSettings = { method: "none" },
): FeatureValue[] {
  const iv = roi.intensity, mask = roi.intensityMask;
  let vmin = Infinity, vmax = -Infinity, n = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const v = iv[i];
    if (v < vmin) vmin = v;
    if (v > vmax) vmax = v;
    n++;
  }
  let map: (v: number) => number, gmin: number, gmax: number, step: number;
  if (settings.method === "fbn") {
    const N = settings.binCount, w = vmax - vmin;
    map = (v) => (w > 0 ? Math.min(N, Math.floor(N * (v - vmin) / w) + 1) : 1);
    gmin = 1, gmax = N, step = 1;
  } else if (settings.method === "fbs") {
    const w = settings.binWidth, lb = settings.lower;
    map = (v) => lb + (Math.floor((v - lb) / w + 1e-9) + 0.5) * w;
    gmin = lb + 0.5 * w;
    const top = settings.upper ?? vmax;
    gmax = lb + (Math.floor((top - lb) / w + 1e-9) - 0.5) * w;
    if (settings.upper === undefined) gmax = lb + (Math.floor((top - lb) / w + 1e-9) + 0.5) * w;
    step = w;
  } else {
    step = settings.step ?? 1;
    map = (v) => v;
    gmin = settings.lower ?? vmin;
    gmax = settings.upper ?? vmax;
  }
  const nGrid = Math.round((gmax - gmin) / step) + 1;
  if (!(nGrid <= 1e6)) {
    throw new RangeError(
      `intensity-volume histogram: ROI intensities ${vmin} … ${vmax} with step ${step} give ${nGrid} grid points (limit 1e6): set "ivh" binWidth/binCount or re-segment ("resegmentRange")`,
    );
  }
  const eps = 1e-9 * step;
  const grid = (k: number) => gmin + k * step;
  // no sort: each voxel's value x counts toward every grid point g with x ≥ g − eps, a prefix of the
  // grid of length K(x) (found from an estimate, then checked by that exact comparison); ge[k] is
  // then the number of voxels with K > k, i.e. with value ≥ grid(k) − eps
  const G = Math.max(0, nGrid);
  const ge = new Float64Array(G + 1);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const x = map(iv[i]);
    let K = Math.floor((x + eps - gmin) / step) + 1;
    K = K < 0 ? 0 : K > G ? G : K;
    while (K < G && x >= grid(K) - eps) K++;
    while (K > 0 && !(x >= grid(K - 1) - eps)) K--;
    ge[K]++;
  }
  for (let k = G - 1; k >= 0; k--) ge[k] += ge[k + 1];
  /** fraction of voxels with value ≥ grid(k) (k < nGrid) */
  const nu = (k: number): number => (ge[k + 1]) / n;
  const Vx = (frac: number): number => {
    const t = gmin + frac * (gmax - gmin);
    const k = Math.max(0, Math.ceil((t - gmin) / step - 1e-9));
    return k >= nGrid ? 0 : nu(k);
  };
  const Ix = (frac: number): number => {
    for (let k = 0; k < nGrid; k++) if (nu(k) < frac) return grid(k);
    return gmax + step;
  };
  const v10 = Vx(0.1), v90 = Vx(0.9), i10 = Ix(0.1), i90 = Ix(0.9);
  const F = (name: string, code: string, v: number) => fv("intensity_volume_histogram", name, code, v);
  return [
    F("Volume fraction at 10% intensity", "BC2M", v10),
    F("Volume fraction at 90% intensity", "BC2M", v90),
    F("Intensity at 10% volume", "GBPN", i10),
    F("Intensity at 90% volume", "GBPN", i90),
    F("Volume fraction difference between intensity fractions", "DDTU", v10 - v90),
    F("Intensity fraction difference between volume fractions", "CNV2", i10 - i90),
  ];
}
