export * from "./table.ts";
export * from "./xlsx.ts";
export * from "./write.ts";
export * from "./nri_idi_table.ts";
export * from "./survival_calibration_table.ts";
