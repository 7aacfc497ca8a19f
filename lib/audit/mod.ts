export * from "./published.ts";
export * from "./checks.ts";
export * from "./findings_table.ts";
