export * from "./atomic.ts";
