/**
 * The IBSI 1 reference data sets and their processing (IBSI manual, "Reference data sets"; summary in
 * `../shared/reference/ibsi1/configs.md`): the digital phantom as is, and configurations A–E of the
 * CT phantom.
 */
import type { ExtractionSettings } from "./extract.ts";

/** IBSI 1 data set names as in reference_values.csv. */
export type IbsiDataSet = "digital_phantom" | "config_A" | "config_B" | "config_C" | "config_D" | "config_E";

/** A data set: folder (relative to the ibsi1 folder) and extraction settings. */
export interface IbsiConfig {
  readonly folder: "digital_phantom" | "ct_phantom";
  readonly settings: ExtractionSettings;
}

/** Settings per data set. */
export const IBSI_CONFIGS: Readonly<Record<IbsiDataSet, IbsiConfig>> = {
  digital_phantom: {
    folder: "digital_phantom",
    settings: {
      preprocess: { discretisation: { method: "none" } },
      ivh: { method: "none", step: 1 },
      texture: { dimensions: ["2D", "2.5D", "3D"] },
    },
  },
  config_A: {
    folder: "ct_phantom",
    settings: {
      preprocess: { resegmentRange: [-500, 400], discretisation: { method: "fbs", binWidth: 25 } },
      ivh: { method: "none", step: 1, lower: -500, upper: 400 },
      texture: { dimensions: ["2D", "2.5D"] },
    },
  },
  config_B: {
    folder: "ct_phantom",
    settings: {
      preprocess: {
        resampledSpacing: [2, 2, 0],
        interpolator: "linear",
        roundIntensities: true,
        resegmentRange: [-500, 400],
        discretisation: { method: "fbn", binCount: 32 },
      },
      ivh: { method: "none", step: 1, lower: -500, upper: 400 },
      texture: { dimensions: ["2D", "2.5D"] },
    },
  },
  config_C: {
    folder: "ct_phantom",
    settings: {
      preprocess: {
        resampledSpacing: [2, 2, 2],
        interpolator: "linear",
        roundIntensities: true,
        resegmentRange: [-1000, 400],
        discretisation: { method: "fbs", binWidth: 25 },
      },
      ivh: { method: "fbs", binWidth: 2.5, lower: -1000, upper: 400 },
      texture: { dimensions: ["3D"] },
    },
  },
  config_D: {
    folder: "ct_phantom",
    settings: {
      preprocess: {
        resampledSpacing: [2, 2, 2],
        interpolator: "linear",
        roundIntensities: true,
        resegmentOutliers: 3,
        discretisation: { method: "fbn", binCount: 32 },
      },
      ivh: { method: "none", step: 1 },
      texture: { dimensions: ["3D"] },
    },
  },
  config_E: {
    folder: "ct_phantom",
    settings: {
      preprocess: {
        resampledSpacing: [2, 2, 2],
        interpolator: "bspline",
        roundIntensities: true,
        resegmentRange: [-1000, 400],
        resegmentOutliers: 3,
        discretisation: { method: "fbn", binCount: 32 },
      },
      ivh: { method: "fbn", binCount: 1000 },
      texture: { dimensions: ["3D"] },
    },
  },
};
