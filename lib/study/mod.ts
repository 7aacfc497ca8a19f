/** Study wiring: the study folder (spec, loader, new-study inference), the generic study steps, predictions and calibration reports. */
export * from "./spec.ts";
export * from "./load.ts";
export * from "./new_study.ts";
export * from "./generic.ts";
export * from "./predictions.ts";
export * from "./calibration_report.ts";
export * from "./models.ts";
export * from "./frozen.ts";
export * from "./survival.ts";
export * from "./internal_validation.ts";
export * from "./validation.ts";
export * from "./image_provenance.ts";
export * from "./extraction_view.ts";
export * from "./radiomics_models.ts";
export * from "./prepare.ts";
