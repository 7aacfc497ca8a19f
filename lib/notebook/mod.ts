export * from "./display.ts";
export * from "./params.ts";
export * from "./outputs.ts";
export * from "./progress.ts";
