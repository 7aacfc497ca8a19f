/**
 * Forest rows of Table 2: the univariable and multivariable odds ratios of a screening as the rows of
 * `forestPlotFigure` (lib/plot/forest_plot.ts). Lives in report, beside Table 2, because it reads Table 2's rows.
 */
import type { ForestRow } from "../plot/forest_plot.ts";
import type { ScreeningResult } from "../models/screening.ts";
import { referenceLevel } from "../models/design.ts";
import { table2Rows } from "./table2.ts";

/**
 * Forest rows of Table 2 (`screenPredictors`): a "Univariable" and a "Multivariable" panel; a factor's
 * rows name the level and its reference ("Metastasis: yes vs no").
 */
export function table2ForestRows(s: ScreeningResult): ForestRow[] {
  const refs = new Map<string, string>();
  for (const u of s.univariable) {
    const spec = u.fit.predictors_[0];
    if (spec && spec.type === "factor") refs.set(u.predictor, referenceLevel(spec));
  }
  const out: ForestRow[] = [];
  for (const r of table2Rows(s)) {
    const eq = r.term.indexOf("=");
    const ref = refs.get(r.predictor);
    const label = eq > 0 && ref !== undefined && !r.label.includes(" vs ")
      ? `${r.label}: ${r.term.slice(eq + 1)} vs ${ref}`
      : r.label;
    out.push({
      label,
      panel: "Univariable",
      estimate: r.uni.or,
      lower: r.uni.lower,
      upper: r.uni.upper,
      pValue: r.uni.p,
    });
    if (r.multi) {
      out.push({
        label,
        panel: "Multivariable",
        estimate: r.multi.or,
        lower: r.multi.lower,
        upper: r.multi.upper,
        pValue: r.multi.p,
      });
    }
  }
  return out;
}
