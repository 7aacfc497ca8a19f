/**
 * Input check of right-censored survival data shared by the Kaplan–Meier estimator, the Cox model,
 * the concordance indexes and the time-dependent metrics: one time (finite, ≥ 0) and one status
 * (0 = censored, 1 = event) per subject.
 */
import { nonBinaryIndex } from "./binary_input.ts";

/** Check survival data; throws naming source, row and field. */
export function checkSurvival(time: readonly number[], status: readonly number[], source = "data"): void {
  if (time.length !== status.length) {
    throw new Error(`${source}: time has ${time.length} values but status has ${status.length}`);
  }
  if (time.length === 0) throw new Error(`${source}: no observations`);
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i]) || time[i] < 0) {
      throw new Error(`${source} row ${i + 1}, column "time": expected a finite time >= 0, got ${time[i]}`);
    }
  }
  const i = nonBinaryIndex(status);
  if (i >= 0) {
    throw new Error(
      `${source} row ${i + 1}, column "status": expected 0 (censored) or 1 (event), got ${status[i]}`,
    );
  }
}
