export * from "./figure.ts";
export * from "./png.ts";
export * from "./nomogram.ts";
export * from "./td_curves.ts";
export * from "./km_curve.ts";
export * from "./lasso_cv_curve.ts";
export * from "./lasso_paths.ts";
export * from "./lasso_coefficients.ts";
