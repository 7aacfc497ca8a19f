export * from "./atomic.ts";
export * from "./args.ts";
export * from "./hash.ts";
export * from "./lock.ts";
export * from "./options.ts";
