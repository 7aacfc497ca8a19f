/**
 * Table 2 of the study: univariable and multivariable logistic regression (OR, 95% CI, p) of every
 * candidate predictor, built from a {@link ScreeningResult}, and set beside the published Table 2.
 *
 * Rows: one per model term (intercept excluded). A numeric predictor is labelled with its label; every
 * factor term names its level and the reference level, "label: level vs reference" (binary ones too). Multivariable cells
 * are empty for predictors that did not enter the model. ORs are numbers (3 decimals shown, full
 * precision in CSV/XLSX); CIs are text "(lower-upper)" with 3 decimals; p-values as journals print them
 * (formatP: "<0.001", else 3 decimals). CSV and XLSX also carry the CI bounds and p-values as numbers
 * (machine-only columns uni_or_lower, uni_or_upper, uni_p_value, multi_…).
 */
import { type Cell, type ReportTable, reportTable } from "./table.ts";
import type { ScreeningResult } from "../models/screening.ts";
import type { CoefficientRow } from "../models/logistic.ts";
import { formatFixed, formatP } from "../stats/format.ts";
import { readCsv } from "../data/csv.ts";
import { normaliseLabel, parseTable2 } from "../audit/published.ts";

function ciOf(r: CoefficientRow, ci: "wald" | "profile"): [number, number] {
  return ci === "wald" ? [r.orWaldLower, r.orWaldUpper] : [r.orProfileLower, r.orProfileUpper];
}

function ciText(lo: number, hi: number): string {
  return `(${formatFixed(lo, 3)}-${formatFixed(hi, 3)})`;
}

/** One term of Table 2 with both analyses. */
export interface Table2Row {
  readonly predictor: string;
  readonly term: string;
  readonly label: string;
  /**
   * Row label of the journal table: a factor term names its level and the reference,
   * "Metastasis: positive vs negative" (binary factors included, as gtsummary shows them).
   */
  readonly displayLabel: string;
  readonly uni: { or: number; lower: number; upper: number; p: number };
  readonly multi: { or: number; lower: number; upper: number; p: number } | null;
}

/** Table 2 rows as data (for comparisons and tests). */
export function table2Rows(s: ScreeningResult): Table2Row[] {
  const out: Table2Row[] = [];
  for (const u of s.univariable) {
    for (const r of u.terms) {
      const level = r.term.includes("=") ? r.term.slice(r.term.indexOf("=") + 1) : null;
      const spec = u.fit.predictors_[0];
      const label = u.terms.length > 1 && level !== null && spec.type === "factor"
        ? `${u.label}: ${level} vs ${spec.reference ?? spec.levels[0]}`
        : u.label;
      const displayLabel = level !== null && spec.type === "factor"
        ? `${u.label}: ${level} vs ${spec.reference ?? spec.levels[0]}`
        : u.label;
      const [lo, hi] = ciOf(r, s.ci);
      const m = s.multivariable?.coefficients_.find((x) => x.term === r.term) ?? null;
      const multi = m
        ? (() => {
          const [ml, mh] = ciOf(m, s.ci);
          return { or: m.oddsRatio, lower: ml, upper: mh, p: m.pValue };
        })()
        : null;
      out.push({
        predictor: u.predictor,
        term: r.term,
        label,
        displayLabel,
        uni: { or: r.oddsRatio, lower: lo, upper: hi, p: r.pValue },
        multi,
      });
    }
  }
  return out;
}

/** Table 2 as a ReportTable (Markdown, HTML, CSV, XLSX through lib/report). */
export function table2(
  s: ScreeningResult,
  title = "Table 2. Univariable and multivariable logistic regression",
): ReportTable {
  const rows = table2Rows(s).map((r): Record<string, Cell> => ({
    variable: r.displayLabel,
    uni_or: r.uni.or,
    uni_ci: ciText(r.uni.lower, r.uni.upper),
    uni_p: formatP(r.uni.p),
    multi_or: r.multi ? r.multi.or : null,
    multi_ci: r.multi ? ciText(r.multi.lower, r.multi.upper) : null,
    multi_p: r.multi ? formatP(r.multi.p) : null,
    uni_lower: r.uni.lower,
    uni_upper: r.uni.upper,
    uni_p_value: r.uni.p,
    multi_lower: r.multi ? r.multi.lower : null,
    multi_upper: r.multi ? r.multi.upper : null,
    multi_p_value: r.multi ? r.multi.p : null,
  }));
  const pct = Math.round(s.confLevel * 100);
  const m = s.multivariable;
  const notes = [
    s.method,
    `OR, odds ratio; CI, ${pct}% confidence interval (${s.ci === "wald" ? "Wald" : "profile likelihood"}).`,
    ...(m
      ? [
        `Multivariable model: n = ${m.n_}, ${m.nEvents_} events, ${m.terms_.length - 1} terms, AIC ${
          formatFixed(m.aic_, 2)
        }.`,
      ]
      : ["No predictor passed the screening threshold."]),
    ...s.warnings,
  ];
  return reportTable(title, rows, {
    columns: [
      { key: "variable", label: "Variable" },
      { key: "uni_or", label: "Univariable OR", digits: 3 },
      { key: "uni_ci", label: `Univariable ${pct}% CI` },
      { key: "uni_p", label: "Univariable p" },
      { key: "multi_or", label: "Multivariable OR", digits: 3 },
      { key: "multi_ci", label: `Multivariable ${pct}% CI` },
      { key: "multi_p", label: "Multivariable p" },
      // analysis-ready numbers (CSV/XLSX only), beside the formatted text
      { key: "uni_lower", label: "uni_or_lower", machineOnly: true },
      { key: "uni_upper", label: "uni_or_upper", machineOnly: true },
      { key: "uni_p_value", label: "uni_p_value", machineOnly: true },
      { key: "multi_lower", label: "multi_or_lower", machineOnly: true },
      { key: "multi_upper", label: "multi_or_upper", machineOnly: true },
      { key: "multi_p_value", label: "multi_p_value", machineOnly: true },
    ],
    notes,
  });
}

/** One row of the published Table 2 (`published/table2.csv` of the study). */
export interface PublishedTable2Row {
  readonly variable: string;
  readonly analysis: "univariable" | "multivariable";
  readonly or: number;
  readonly lower: number;
  readonly upper: number;
  readonly pText: string;
}

/**
 * Read the published Table 2 CSV (columns variable, analysis, or, lower, upper, p_text) through the one
 * reader of published tables (`parseTable2` of lib/audit/published.ts); errors name file, row and column.
 */
export async function readPublishedTable2(path: string): Promise<PublishedTable2Row[]> {
  return parseTable2(await readCsv(path)).map((r) => {
    const a = r.analysis.toLowerCase();
    const an = a.startsWith("uni") ? "univariable" : a.startsWith("multi") ? "multivariable" : null;
    if (!an) {
      throw new Error(
        `${path} row ${r.row}, column "analysis": expected univariate/multivariable, got "${r.analysis}"`,
      );
    }
    return {
      variable: r.variable,
      analysis: an,
      or: r.or.value,
      lower: r.lower.value,
      upper: r.upper.value,
      pText: r.pText.trim(),
    };
  });
}

/**
 * Table 2 beside the published one: per variable and analysis, our OR, CI and p next to the printed
 * values. Published rows without a counterpart (and vice versa) are kept with empty cells.
 */
export function table2WithPublished(
  s: ScreeningResult,
  published: readonly PublishedTable2Row[],
  options: { readonly publishedNote?: string } = {},
): ReportTable {
  const ours = table2Rows(s);
  const rows: Record<string, Cell>[] = [];
  const used = new Set<number>();
  for (const analysis of ["univariable", "multivariable"] as const) {
    for (const r of ours) {
      const v = analysis === "univariable" ? r.uni : r.multi;
      const k = published.findIndex((p, i) =>
        !used.has(i) && p.analysis === analysis && normaliseLabel(p.variable) === normaliseLabel(r.label)
      );
      if (!v && k < 0) continue;
      if (k >= 0) used.add(k);
      const pub = k >= 0 ? published[k] : null;
      rows.push({
        variable: r.label,
        analysis,
        or: v ? v.or : null,
        ci: v ? ciText(v.lower, v.upper) : null,
        p: v ? formatP(v.p) : null,
        published_or: pub ? pub.or : null,
        published_ci: pub ? ciText(pub.lower, pub.upper) : null,
        published_p: pub ? pub.pText : null,
      });
    }
    published.forEach((p, i) => {
      if (used.has(i) || p.analysis !== analysis) return;
      used.add(i);
      rows.push({
        variable: p.variable,
        analysis,
        or: null,
        ci: null,
        p: null,
        published_or: p.or,
        published_ci: ciText(p.lower, p.upper),
        published_p: p.pText,
      });
    });
  }
  return reportTable("Table 2 beside the published Table 2", rows, {
    columns: [
      { key: "variable", label: "Variable" },
      { key: "analysis", label: "Analysis" },
      { key: "or", label: "OR (this analysis)", digits: 3 },
      { key: "ci", label: "95% CI" },
      { key: "p", label: "p" },
      { key: "published_or", label: "OR (published)", digits: 3 },
      { key: "published_ci", label: "95% CI (published)" },
      { key: "published_p", label: "p (published)" },
    ],
    notes: [
      s.method,
      options.publishedNote ?? "Published values: published/table2.csv. Empty cells: no counterpart.",
    ],
  });
}

/** Coefficient table of one fitted logistic model (β, se, OR with Wald and profile CIs, p). */
export function coefficientTable(
  fit: import("../models/logistic.ts").FittedLogistic,
  title: string,
): ReportTable {
  const pct = Math.round(fit.options_.confLevel * 100);
  const hasProfile = fit.coefficients_.some((r) =>
    Number.isFinite(r.orProfileLower) || Number.isFinite(r.orProfileUpper)
  );
  const rows = fit.coefficients_.map((r): Record<string, Cell> => ({
    term: r.term,
    estimate: r.estimate,
    se: r.se,
    or: r.oddsRatio,
    wald_ci: ciText(r.orWaldLower, r.orWaldUpper),
    profile_ci: hasProfile ? ciText(r.orProfileLower, r.orProfileUpper) : null,
    p: formatP(r.pValue),
  }));
  return reportTable(title, rows, {
    columns: [
      { key: "term", label: "Term" },
      { key: "estimate", label: "β", digits: 4 },
      { key: "se", label: "SE", digits: 4 },
      { key: "or", label: "OR", digits: 3 },
      { key: "wald_ci", label: `${pct}% CI (Wald)` },
      ...(hasProfile ? [{ key: "profile_ci", label: `${pct}% CI (profile likelihood)` }] : []),
      { key: "p", label: "p (Wald)" },
    ],
    notes: [
      `${
        fit.method_ === "firth" ? "Firth penalised" : "Maximum"
      } likelihood; n = ${fit.n_}, ${fit.nEvents_} events; deviance ${
        formatFixed(fit.deviance_, 3)
      } on ${fit.dfResidual_} df (null ${formatFixed(fit.nullDeviance_, 3)} on ${fit.dfNull_} df); AIC ${
        formatFixed(fit.aic_, 2)
      }; ${fit.converged_ ? `converged in ${fit.iterations_} iterations` : "NOT converged"}.`,
      ...fit.warnings_,
    ],
  });
}
