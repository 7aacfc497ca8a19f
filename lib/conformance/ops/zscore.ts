/** Conformance op `zscore`: fit on `tables.train`, apply to train and test (lib/models/zscore.ts). */
import type { ResolvedCase } from "../case.ts";
import { ZScore } from "../../models/zscore.ts";

export function run(c: ResolvedCase): Record<string, unknown> {
  const cols = c.params.columns as string[];
  const den = (c.params.sd_denominator as string | undefined) ?? "n-1";
  const fitOn = (c.params.fit_on as string | undefined) ?? "train";
  const train = c.table(fitOn);
  const test = c.tables.test ?? null;
  const toRows = (t: typeof train) => {
    const colsNum = cols.map((k) => t.num(k));
    return Array.from({ length: t.nrows }, (_, i) => colsNum.map((v) => v[i]));
  };
  const Xtr = toRows(train);
  const Xte = test ? toRows(test) : [];
  const fit = new ZScore({ sdDenominator: den as "n-1" | "n", names: cols }).fit(Xtr);
  const Ztr = fit.transform(Xtr);
  const Zte = fit.transform(Xte);
  const byCol = (Z: number[][]) => Object.fromEntries(cols.map((k, j) => [k, Z.map((r) => r[j])]));
  return {
    n_train: Xtr.length,
    n_test: test ? Xte.length : null,
    center: Object.fromEntries(cols.map((k, j) => [k, fit.mean_[j]])),
    scale: Object.fromEntries(cols.map((k, j) => [k, fit.sd_[j]])),
    train_transformed: byCol(Ztr),
    test_transformed: byCol(Zte),
  };
}
