/**
 * The synthetic twin of Bi et al. (2025): the cohort generator, the radiomics feature generator, the
 * synthetic CT images, the run inputs of `deno task reproduce` (images extracted into the cache, the
 * synthetic external cohort), and the twin-versus-paper fidelity checks. Study code: imports lib only
 * through `lib/<folder>/mod.ts`; lib never imports it.
 */
export * from "./cohort.ts";
export * from "./features.ts";
export * from "./features_io.ts";
export * from "./images.ts";
export * from "./fidelity.ts";
export * from "./run_inputs.ts";
export * from "./study_features.ts";
export * from "./external.ts";
