export * from "./table.ts";
export * from "./xlsx.ts";
export * from "./write.ts";
export * from "./table1.ts";
export * from "./table2.ts";
export * from "./table3.ts";
export * from "./evaluation_tables.ts";
