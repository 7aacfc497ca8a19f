export * from "./figure.ts";
export * from "./png.ts";
export * from "./nomogram.ts";
export * from "./td_curves.ts";
export * from "./km_curve.ts";
