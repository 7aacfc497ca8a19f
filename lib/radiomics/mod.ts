/**
 * Radiomics extraction (IBSI 1): NIfTI images, image–mask checks, preprocessing, and the
 * morphology, local intensity, intensity statistics, intensity histogram and intensity–volume
 * histogram families; texture families live in `./texture/` (H) and plug in through `roi.ts`.
 */
export * from "./image.ts";
export * from "./checks.ts";
export * from "./preprocess.ts";
export * from "./roi.ts";
export * from "./feature.ts";
export * from "./mesh.ts";
export * from "./convex_hull.ts";
export * from "./morphology.ts";
export * from "./local_intensity.ts";
export * from "./intensity_stats.ts";
export * from "./intensity_histogram.ts";
export * from "./ivh.ts";
export * from "./registry.ts";
export * from "./extract.ts";
export * from "./params.ts";
export * from "./output.ts";
export * from "./ibsi_configs.ts";
export * from "./ibsi_reference.ts";
/** Texture families (GLCM, GLRLM, GLSZM, GLDZM, NGTDM, NGLDM), namespaced to keep names apart. */
export * as texture from "./texture/mod.ts";
export * from "./batch.ts";
export type { CaseSettings } from "./filters/features.ts";
