/**
 * Report tables of reclassification: NRI (continuous and categorical, total and by events and
 * non-events) and IDI with standard errors, z, p and CIs, for one or more pairs of models ("new model
 * vs old model"), and the categorical reclassification counts of one pair.
 *
 * Definitions: lib/eval/nri_idi.ts (Hmisc::improveProb; Pencina et al. 2008 and 2011).
 */
import type { CategoricalNriResult, NriEstimate, NriIdiResult } from "../eval/nri_idi.ts";
import { formatFixed, formatP } from "../stats/format.ts";
import { type Cell, type ReportTable, reportTable } from "./table.ts";

/** One comparison to tabulate: labels of the new and old model and their {@link NriIdiResult}. */
export interface NriIdiComparison {
  /** e.g. "Radiomics nomogram". */
  readonly newModel: string;
  /** e.g. "Clinical model". */
  readonly oldModel: string;
  /** Data set, e.g. "test" (default none). */
  readonly set?: string;
  readonly result: NriIdiResult;
}

/** Options of {@link nriIdiTable}. */
export interface NriIdiTableOptions {
  readonly title?: string;
  /** Decimals of estimates and limits (default 3). */
  readonly digits?: number;
}

function row(
  c: NriIdiComparison,
  measure: string,
  e: NriEstimate | null,
  d: number,
  extra?: Partial<Record<string, Cell>>,
) {
  return {
    comparison: `${c.newModel} vs ${c.oldModel}`,
    set: c.set ?? null,
    measure,
    estimate: e ? e.estimate : null,
    se: e ? e.se : null,
    ci: e ? `${formatFixed(e.lower, d)} to ${formatFixed(e.upper, d)}` : null,
    z: e ? e.z : null,
    p: e ? formatP(Number.isNaN(e.pValue) ? null : e.pValue) : null,
    ...extra,
  };
}

/**
 * NRI/IDI table: per comparison the rows NRI (continuous), its event and non-event components, NRI
 * (categorical, when cut-offs were given) with components, and IDI; columns estimate, SE, CI, z, p.
 * Notes state the definitions, the se used (improveProb's) and the cut-offs.
 */
export function nriIdiTable(
  comparisons: readonly NriIdiComparison[],
  options: NriIdiTableOptions = {},
): ReportTable {
  if (comparisons.length === 0) throw new Error("nriIdiTable: no comparisons given");
  const d = options.digits ?? 3;
  const rows: Record<string, Cell>[] = [];
  for (const c of comparisons) {
    const r = c.result;
    rows.push(row(c, "NRI, continuous", r.continuous.nri, d));
    rows.push(row(c, "  events", r.continuous.nriEvents, d));
    rows.push(row(c, "  non-events", r.continuous.nriNonevents, d));
    if (r.categorical) {
      const k = r.categorical.categories.join(" / ");
      rows.push(row(c, `NRI, categorical (${k})`, r.categorical.nri, d));
      rows.push(row(c, "  events", r.categorical.nriEvents, d));
      rows.push(row(c, "  non-events", r.categorical.nriNonevents, d));
    }
    const i = r.idi;
    rows.push(row(c, "IDI", {
      estimate: i.idi,
      se: i.se,
      z: i.z,
      pValue: i.pValue,
      lower: i.lower,
      upper: i.upper,
      sePencina2008: i.se,
      zPencina2008: i.z,
      pPencina2008: i.pValue,
    }, d));
  }
  const first = comparisons[0].result;
  const pct = Number((100 * first.confLevel).toPrecision(4));
  const hasSet = comparisons.some((c) => c.set !== undefined);
  return reportTable(
    options.title ??
      "Reclassification: net reclassification improvement and integrated discrimination improvement",
    rows,
    {
      columns: [
        { key: "comparison", label: "New vs old model" },
        ...(hasSet ? [{ key: "set", label: "Set" }] : []),
        { key: "measure", label: "Measure" },
        { key: "estimate", label: "Estimate", digits: d },
        { key: "se", label: "SE", digits: d },
        { key: "ci", label: `${pct}% CI` },
        { key: "z", label: "z", digits: 2 },
        { key: "p", label: "p" },
      ],
      notes: [
        "NRI = [P(up | event) − P(down | event)] + [P(down | non-event) − P(up | non-event)]; continuous: up / down = any " +
        "increase / decrease of the predicted risk; categorical: a move to a higher / lower risk category " +
        "(category k holds c(k−1) ≤ p < c(k)).",
        "IDI = mean change of predicted risk in events − mean change in non-events (difference of the discrimination slopes).",
        `SE, z, p and ${pct}% normal CIs as Hmisc::improveProb (NRI se without the null-hypothesis assumption; ` +
        "IDI se from the sample variances of the changes).",
        ...comparisons.map((c) =>
          `${c.newModel} vs ${c.oldModel}${
            c.set ? ` (${c.set})` : ""
          }: n = ${c.result.n}, ${c.result.nEvents} events, ` +
          `${c.result.nNonevents} non-events; discrimination slope ${
            formatFixed(c.result.idi.discriminationSlopeOld, d)
          } → ` +
          `${formatFixed(c.result.idi.discriminationSlopeNew, d)}.`
        ),
      ],
    },
  );
}

/**
 * Reclassification counts of a categorical NRI: for events and non-events, rows = category under the
 * old model, columns = category under the new model (with totals), as Pencina et al. (2008) Table 2.
 */
export function reclassificationTable(
  r: CategoricalNriResult,
  labels: { newModel: string; oldModel: string },
  options: { title?: string } = {},
): ReportTable {
  const cats = r.categories;
  const rows: Record<string, Cell>[] = [];
  const block = (name: string, tab: readonly (readonly number[])[]) => {
    tab.forEach((line, a) => {
      const out: Record<string, Cell> = { group: a === 0 ? name : "", old: cats[a] };
      line.forEach((v, b) => (out[`c${b}`] = v));
      out.total = line.reduce((s, v) => s + v, 0);
      rows.push(out);
    });
  };
  block("Events", r.reclassificationEvents);
  block("Non-events", r.reclassificationNonevents);
  return reportTable(
    options.title ?? `Reclassification from ${labels.oldModel} (rows) to ${labels.newModel} (columns)`,
    rows,
    {
      columns: [
        { key: "group", label: "" },
        { key: "old", label: labels.oldModel },
        ...cats.map((c, b) => ({ key: `c${b}`, label: `${labels.newModel}: ${c}` })),
        { key: "total", label: "Total" },
      ],
      notes: [
        `Up: events ${r.nUpEvents}, non-events ${r.nUpNonevents}; down: events ${r.nDownEvents}, non-events ${r.nDownNonevents}.`,
      ],
    },
  );
}
