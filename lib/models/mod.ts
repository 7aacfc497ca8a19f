export * from "./design.ts";
export * from "./irls.ts";
export * from "./firth.ts";
export * from "./profile_ci.ts";
export * from "./separation.ts";
export * from "./logistic.ts";
export * from "./distributions.ts";
