/**
 * Forest plots of ratio estimates with confidence intervals on a log axis: Table 2's univariable and
 * multivariable odds ratios side by side, and the hazard ratios of a Cox model. Each row is one term;
 * the label names the level and its reference ("Metastasis: yes vs no"); a reference line at 1; the
 * estimate, interval and p-value printed at the right. Rows without an estimate in a panel (a term
 * not kept in the multivariable model) are left empty there. Deterministic SVG via plotFigure.
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import { table2Rows } from "../report/table2.ts";
import type { ScreeningResult } from "../models/screening.ts";
import type { FittedCox } from "../models/cox.ts";
import { referenceLevel } from "../models/design.ts";
import { formatP } from "../stats/format.ts";

/** One estimate of a forest plot. */
export interface ForestRow {
  /** Row label, e.g. "Metastasis: yes vs no". */
  readonly label: string;
  /** Panel, e.g. "Univariable" (default one panel). */
  readonly panel?: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly pValue?: number;
}

/** Options of {@link forestPlotFigure}. */
export interface ForestPlotOptions {
  readonly title?: string;
  /** Axis label (default "Odds ratio (95% CI, log scale)"). */
  readonly xLabel?: string;
  /** Name of the ratio in the printed column (default "OR"). */
  readonly measure?: string;
  /** Panel width (default 300). */
  readonly panelWidth?: number;
  /** Decimals of the printed ratios (default 2). */
  readonly digits?: number;
  readonly color?: string;
  readonly caption?: string;
}

function fmt(x: number, d: number): string {
  return Number.isFinite(x) ? x.toFixed(d) : x > 0 ? "∞" : "0";
}

/** Forest plot of ratio estimates (log x axis, reference line at 1, one panel per `panel`). */
export function forestPlotFigure(rows: readonly ForestRow[], options: ForestPlotOptions = {}): Figure {
  if (rows.length === 0) throw new Error("forestPlotFigure: no rows given");
  rows.forEach((r, i) => {
    if (!(r.estimate > 0) || !(r.lower >= 0) || !(r.upper > 0)) {
      throw new Error(
        `forestPlotFigure: row ${
          i + 1
        } ("${r.label}"): ratio and limits must be > 0, got ${r.estimate} (${r.lower}–${r.upper})`,
      );
    }
  });
  const d = options.digits ?? 2;
  const color = options.color ?? "#1f77b4";
  const measure = options.measure ?? "OR";
  const labels = [...new Set(rows.map((r) => r.label))];
  const panels = [...new Set(rows.map((r) => r.panel ?? ""))];
  const finite = rows.flatMap((r) => [r.lower, r.upper, r.estimate]).filter((v) =>
    Number.isFinite(v) && v > 0
  );
  const lo = Math.min(0.5, ...finite) / 1.25;
  const hi = Math.max(2, ...finite) * 1.25;
  const data = rows.map((r) => ({
    ...r,
    panel: r.panel ?? "",
    lo: Math.max(r.lower, lo),
    hi: Math.min(r.upper, hi),
    text: `${fmt(r.estimate, d)} (${fmt(r.lower, d)}–${fmt(r.upper, d)})${
      r.pValue === undefined ? "" : `  p ${formatP(r.pValue).replace(/^(?!<)/, "= ")}`
    }`,
  }));
  const maxLabel = Math.max(...labels.map((l) => l.length));
  const panelWidth = options.panelWidth ?? 300;
  return plotFigure(
    {
      width: Math.round(maxLabel * 5.8 + 20 + panels.length * (panelWidth + 40)),
      height: 60 + 22 * labels.length,
      title: options.title,
      marginLeft: Math.round(maxLabel * 5.8 + 20),
      marginRight: 150,
      marginBottom: 40,
      fx: panels.length > 1 ? { domain: panels, label: null, padding: 0.55 } : undefined,
      x: {
        type: "log",
        domain: [lo, hi],
        label: options.xLabel ?? `${measure === "HR" ? "Hazard" : "Odds"} ratio (95% CI, log scale)`,
        grid: true,
      },
      y: { domain: labels, label: null },
      marks: [
        Plot.ruleX([1], { stroke: "#666666", strokeDasharray: "4,3" }),
        Plot.ruleY(data, {
          fx: panels.length > 1 ? "panel" : undefined,
          y: "label",
          x1: "lo",
          x2: "hi",
          stroke: color,
          strokeWidth: 1.5,
        }),
        Plot.dot(data, {
          fx: panels.length > 1 ? "panel" : undefined,
          y: "label",
          x: "estimate",
          fill: color,
          symbol: "square",
          r: 3.5,
        }),
        Plot.text(data, {
          fx: panels.length > 1 ? "panel" : undefined,
          y: "label",
          text: "text",
          frameAnchor: "right",
          textAnchor: "start",
          dx: 6,
          fontSize: 9,
        }),
      ],
    },
    options.caption ??
      `Forest plot: ${measure} with 95% CI on a log scale; dashed line at 1 (no association)`,
  );
}

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

/** Forest rows of a Cox fit's hazard ratios (Wald CIs), factor terms labelled "name: level vs reference". */
export function coxForestRows(fit: FittedCox, panel?: string): ForestRow[] {
  return fit.coefficients().map((c) => {
    let label = c.term;
    const eq = c.term.indexOf("=");
    if (eq > 0) {
      const name = c.term.slice(0, eq);
      const spec = fit.covariates_.find((p) => p.name === name);
      const shown = spec?.label ?? name;
      label = spec && spec.type === "factor"
        ? `${shown}: ${c.term.slice(eq + 1)} vs ${referenceLevel(spec)}`
        : c.term;
    } else {
      const spec = fit.covariates_.find((p) => p.name === c.term);
      label = spec?.label ?? c.term;
    }
    return { label, panel, estimate: c.hr, lower: c.hrLower, upper: c.hrUpper, pValue: c.pValue };
  });
}
