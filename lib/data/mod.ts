export * from "./csv.ts";
export * from "./codebook.ts";
export * from "./cohort.ts";
