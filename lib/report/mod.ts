export * from "./table.ts";
export * from "./xlsx.ts";
