/** Radiomics feature tables: names, CSV import (pyradiomics / 3D Slicer), ICC screening. */
export * from "./names.ts";
export * from "./feature_table.ts";
export * from "./icc_screening.ts";
export * from "./cohort_join.ts";
export * from "./extracted.ts";
