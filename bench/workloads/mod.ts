/**
 * The side-by-side workloads of bench/r_compare.ts, in print order. Each entry is one
 * {@link Workload} (our function + R snippet + shared data file).
 * A new workload is a file beside ./lasso.ts and ./survival_r.ts, listed here.
 */
import type { Workload } from "./workload.ts";
import {
  lassoCvGlmnetWorkload,
  lassoCvWorkload,
  lassoPathGlmnetWorkload,
  lassoPathWorkload,
} from "./lasso.ts";
import { coxFitWorkload, tdAucBrierWorkload } from "./survival_r.ts";

export type { Agreement, Values, Workload } from "./workload.ts";

/** Workloads with both sides implemented. */
export const WORKLOADS: readonly Workload[] = [
  lassoPathWorkload,
  lassoCvWorkload,
  lassoPathGlmnetWorkload,
  lassoCvGlmnetWorkload,
  coxFitWorkload,
  tdAucBrierWorkload,
];

/** Workloads of the issue not implemented yet (printed as such). */
export const PENDING: readonly string[] = [];
