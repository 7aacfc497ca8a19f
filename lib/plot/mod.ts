export * from "./figure.ts";
export * from "./png.ts";
