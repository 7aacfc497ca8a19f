/** Radiomics feature tables: names, CSV import (pyradiomics / 3D Slicer), twin generator, ICC screening. */
export * from "./names.ts";
export * from "./feature_table.ts";
export * from "./synth_features.ts";
export * from "./icc_screening.ts";
export * from "./twin_io.ts";
export * from "./cohort_join.ts";
