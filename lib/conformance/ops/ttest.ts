/** Conformance op `ttest`: Student / Welch two-sample t-test (x = x_level rows, y = y_level rows). */
import type { ResolvedCase } from "../case.ts";
import { tTest } from "../../stats/ttest.ts";
import type { Alternative } from "../../stats/validate.ts";
import { caseSamples } from "../case_tables.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params;
  const { x, y } = caseSamples(c);
  const r = tTest(x, y, {
    varEqual: (p.var_equal as boolean | undefined) ?? false,
    alternative: (p.alternative as Alternative | undefined) ?? "two.sided",
    mu: (p.mu as number | undefined) ?? 0,
    confLevel: (p.conf_level as number | undefined) ?? 0.95,
  });
  return {
    statistic: r.statistic,
    df: r.df,
    p_value: r.pValue,
    conf_int: r.confInt,
    stderr: r.stderr,
    estimate: r.estimate,
    mean_x: r.meanX,
    mean_y: r.meanY,
    n_x: r.nX,
    n_y: r.nY,
  };
}
