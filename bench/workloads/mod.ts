/**
 * The side-by-side workloads of bench/r_compare.ts, in print order. Each entry is one
 * {@link Workload} (our function + R snippet + shared data file).
 *
 * Pending slots (issue 16 part 3, to be filled by the Cox / td-AUC helper): add
 * - "Cox fit (Efron), 1,546 rows x 7 covariates" vs survival::coxph(ties = "efron");
 * - "td-AUC + Brier with SEs, 686 patients, 24 horizons, KM censoring" vs riskRegression::Score
 * as new files beside ./lasso.ts, listed here.
 */
import type { Workload } from "./workload.ts";
import { lassoCvWorkload, lassoPathWorkload } from "./lasso.ts";

export type { Agreement, Values, Workload } from "./workload.ts";

/** Workloads with both sides implemented. */
export const WORKLOADS: readonly Workload[] = [lassoPathWorkload, lassoCvWorkload];

/** Workloads of the issue not implemented yet (printed as such). */
export const PENDING: readonly string[] = [
  "Cox fit (Efron), 1,546 rows x 7 covariates (survival::coxph)",
  "td-AUC + Brier with SEs, 686 patients, 24 horizons (riskRegression::Score)",
];
