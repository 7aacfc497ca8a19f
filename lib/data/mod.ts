export * from "./csv.ts";
export * from "./codebook.ts";
export * from "./cohort.ts";
export * from "./synth_cohort.ts";
