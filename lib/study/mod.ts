/** Study wiring: the study folder (spec, loader, new-study inference), the generic study steps, predictions and calibration reports. */
export * from "./spec.ts";
export * from "./load.ts";
export * from "./new_study.ts";
export * from "./generic.ts";
export * from "./predictions.ts";
export * from "./calibration_report.ts";
