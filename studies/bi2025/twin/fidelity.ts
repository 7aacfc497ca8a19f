/**
 * How faithful the synthetic twin is to the published Table 2: for each univariate odds ratio,
 * the published OR and 95% CI, the generating model's population OR ({@link populationOddsRatios})
 * and the realised twin's OR with its Wald 95% CI from a univariate logistic regression on the
 * training split (lib/models/logistic.ts; R: `glm(progression ~ x, binomial)`, `exp(confint.default())`).
 * Table 2 rows are matched to codebook variables by their normalised labels ("Age* (months)" ~ "Age").
 */
import { LogisticRegression } from "../../../lib/models/mod.ts";
import type { PredictorSpec } from "../../../lib/models/mod.ts";
import type { ReportTable } from "../../../lib/report/mod.ts";
import { reportTable } from "../../../lib/report/mod.ts";
import { normaliseLabel, type PublishedTables } from "../../../lib/audit/mod.ts";
import type { Codebook } from "../../../lib/data/mod.ts";
import { type GeneratingModel, populationOddsRatios, type SplitName, type TwinPatient } from "./cohort.ts";

/** One row of the comparison. */
export interface OrFidelityRow {
  readonly variable: string;
  readonly label: string;
  readonly publishedOr: number;
  readonly publishedLower: number;
  readonly publishedUpper: number;
  readonly generatingOr: number;
  readonly generatingInside: boolean;
  readonly realisedOr: number;
  readonly realisedLower: number;
  readonly realisedUpper: number;
  readonly realisedInside: boolean;
}

/** Options of {@link twinOrComparison}. */
export interface TwinOrOptions {
  /** Split of the published univariate analysis (default "train"). */
  readonly split?: SplitName;
  /** Generating model (default: the calibrated one). */
  readonly model?: GeneratingModel;
  /** Population size for the generating ORs (default 100 000). */
  readonly populationN?: number;
}

/** Compare published univariate ORs with the generating model's and the realised twin's. */
export function twinOrComparison(
  patients: readonly TwinPatient[],
  codebook: Codebook,
  published: PublishedTables,
  options: TwinOrOptions = {},
): OrFidelityRow[] {
  const split = options.split ?? "train";
  const rows = patients.filter((p) => p.split === split) as unknown as Record<string, string | number>[];
  const gen = new Map(
    populationOddsRatios(options.model, { n: options.populationN, split }).map((g) => [g.variable, g.or]),
  );
  const out: OrFidelityRow[] = [];
  for (const r of published.table2.filter((x) => x.analysis === "univariate")) {
    const e = codebook.entries.find((c) =>
      c.publishedLabel !== "" && normaliseLabel(c.publishedLabel) === normaliseLabel(r.variable)
    );
    if (!e || !gen.has(e.variable)) continue;
    const spec: PredictorSpec = e.levels.length === 2
      ? { name: e.variable, type: "factor", levels: e.levels, reference: e.reference ?? e.levels[0] }
      : { name: e.variable, type: "numeric" };
    const fit = new LogisticRegression({ outcome: "progression", predictors: [spec], profile: false }).fit(
      rows,
    );
    const c = fit.coefficients_[1];
    const g = gen.get(e.variable)!;
    const inside = (x: number) => x >= r.lower.value && x <= r.upper.value;
    out.push({
      variable: e.variable,
      label: r.variable,
      publishedOr: r.or.value,
      publishedLower: r.lower.value,
      publishedUpper: r.upper.value,
      generatingOr: g,
      generatingInside: inside(g),
      realisedOr: c.oddsRatio,
      realisedLower: c.orWaldLower,
      realisedUpper: c.orWaldUpper,
      realisedInside: inside(c.oddsRatio),
    });
  }
  return out;
}

/** The comparison as a report table. */
export function twinOrTable(rows: readonly OrFidelityRow[], split = "train"): ReportTable {
  const ci = (l: number, u: number) => `${l.toFixed(3)}-${u.toFixed(3)}`;
  return reportTable(
    `Univariate odds ratios of progression: published vs synthetic twin (${split} split)`,
    rows.map((r) => ({
      variable: r.label,
      published: `${r.publishedOr.toFixed(3)} (${ci(r.publishedLower, r.publishedUpper)})`,
      generating: r.generatingOr,
      generating_inside: r.generatingInside ? "yes" : "no",
      realised: `${r.realisedOr.toFixed(3)} (${ci(r.realisedLower, r.realisedUpper)})`,
      realised_inside: r.realisedInside ? "yes" : "no",
    })),
    {
      columns: [
        { key: "variable", label: "Variable" },
        { key: "published", label: "Published OR (95% CI)" },
        { key: "generating", label: "Generating model OR", digits: 3 },
        { key: "generating_inside", label: "Inside published CI" },
        { key: "realised", label: "Twin OR (Wald 95% CI)" },
        { key: "realised_inside", label: "Twin OR inside published CI" },
      ],
      notes: [
        "Generating model OR: population univariate OR of the twin's generating model (100 000 draws, expected log-likelihood fit).",
        "Twin OR: univariate logistic regression on the twin's training split (Wald interval).",
        "Two-level variables: OR of the non-reference level (codebook) vs the reference; continuous: per unit.",
      ],
    },
  );
}
