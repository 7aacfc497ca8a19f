export * from "./table.ts";
export * from "./xlsx.ts";
export * from "./write.ts";
