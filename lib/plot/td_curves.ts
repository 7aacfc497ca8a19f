/**
 * Figures 5A and 5B of the paper: Brier score (A) and cumulative/dynamic AUC (B) of several models at
 * monthly horizons, with confidence bands (influence-function CIs of lib/eval/td_auc_brier.ts, or
 * bootstrap percentile bands from lib/eval/td_bootstrap.ts). Horizons where a metric is not defined
 * (no event yet) are left out of the line and named in the caption. Overlapping bands stay readable:
 * each band is a light fill outlined by dashed bounds in its model's colour. Horizons with fewer than
 * `minCases` cases (events by t) or controls (event-free beyond t) are drawn as hollow points and
 * named in the caption with the rule. The legend sits above the plot area, off the data; the title
 * goes to the caption. Deterministic SVG (Observable Plot).
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import { textWidth } from "./text_width.ts";
import { bandMarks } from "./band.ts";
import { line, text } from "./svg_nomogram_util.ts";
import type { TdComparison, TdMetric } from "../eval/td_auc_brier.ts";
import type { TdBootstrapResult } from "../eval/td_bootstrap.ts";
import { sparseHorizons } from "../eval/td_report.ts";

export { sparseHorizons };

/** Paper colours: clinical model red, radiomics nomogram green, radiomics signature blue. */
export const TD_PALETTE: readonly string[] = [
  "#d62728",
  "#2ca02c",
  "#1f77b4",
  "#9467bd",
  "#ff7f0e",
  "#8c564b",
];

/** Options of {@link tdCurveFigure}. */
export interface TdCurveOptions {
  /** Colours by model name (default {@link TD_PALETTE} in model order). */
  readonly colors?: Readonly<Record<string, string>>;
  /** Bootstrap bands by model name, replacing the influence-function CIs. */
  readonly bootstrap?: Readonly<Record<string, TdBootstrapResult>>;
  /** Draw the null model's Brier score (default true, Brier panel only). */
  readonly showNull?: boolean;
  /** x-axis label (default "Time (months)"). */
  readonly xLabel?: string;
  /**
   * Horizons with fewer than this many cases or controls are flagged: hollow point, named in the
   * caption (default 5; 0 flags none).
   */
  readonly minCases?: number;
  /** Title: prepended to the caption (journal style: not drawn in the image). */
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
  readonly caption?: string;
}

interface Row {
  model: string;
  sparse?: boolean;
  time: number;
  estimate: number;
  lower: number | null;
  upper: number | null;
}

function rowsOf(
  model: string,
  times: readonly number[],
  m: TdMetric,
  boot?: { lower: readonly (number | null)[]; upper: readonly (number | null)[] },
): Row[] {
  const out: Row[] = [];
  times.forEach((t, k) => {
    const e = m.estimate[k];
    if (e === null) return;
    out.push({
      model,
      time: t,
      estimate: e,
      lower: boot ? boot.lower[k] : m.lower[k],
      upper: boot ? boot.upper[k] : m.upper[k],
    });
  });
  return out;
}

function figure(cmp: TdComparison, metric: "auc" | "brier", options: TdCurveOptions): Figure {
  const names = Object.keys(cmp.models);
  const minCases = options.minCases ?? 5;
  const sparse = new Set(sparseHorizons(cmp, minCases).map((k) => cmp.times[k]));
  const color = (name: string, k: number) => options.colors?.[name] ?? TD_PALETTE[k % TD_PALETTE.length];
  const marks: Plot.Markish[] = [];
  const missing: string[] = [];
  const series: { name: string; rows: Row[]; color: string; dash?: string }[] = names.map((name, k) => {
    const m = cmp.models[name][metric];
    const b = options.bootstrap?.[name]?.[metric];
    const rows = rowsOf(name, cmp.times, m, b).map((r) => ({ ...r, sparse: sparse.has(r.time) }));
    const gaps = cmp.times.filter((_, i) => m.estimate[i] === null);
    if (gaps.length) {
      missing.push(
        `${name}: not defined at t = ${gaps.join(", ")} (${m.message.find((x) => x) ?? "no events"})`,
      );
    }
    return { name, rows, color: color(name, k) };
  });
  if (metric === "brier" && (options.showNull ?? true)) {
    series.push({
      name: "Null model (Kaplan–Meier)",
      rows: rowsOf("null", cmp.times, cmp.nullBrier),
      color: "#7f7f7f",
      dash: "4,3",
    });
  }
  const nBands = series.filter((s) => !s.dash && s.rows.some((r) => r.lower !== null)).length;
  for (const s of series) {
    const band = s.rows.filter((r) => r.lower !== null && r.upper !== null);
    if (!s.dash && band.length) {
      marks.push(...bandMarks(band, { x: "time", y1: "lower", y2: "upper", color: s.color, bands: nBands }));
    }
  }
  // legend above the plot area (off the data): line swatch + name, flowing left to right, wrapping
  const width = options.width ?? 560;
  const marginLeft = 52, marginRight = 20;
  const legend: { name: string; color: string; dash?: string; x: number; row: number }[] = [];
  {
    let x = 0, row = 0;
    for (const s of series) {
      const w = 18 + textWidth(s.name) + 16;
      if (x > 0 && marginLeft + x + w > width - marginRight) {
        x = 0;
        row++;
      }
      legend.push({ name: s.name, color: s.color, dash: s.dash, x, row });
      x += w;
    }
  }
  const legendRows = (legend[legend.length - 1]?.row ?? 0) + 1;
  const marginTop = 24 + legendRows * 14;
  series.forEach((s) => {
    marks.push(
      Plot.line(s.rows, {
        x: "time",
        y: "estimate",
        stroke: s.color,
        strokeWidth: 1.8,
        strokeDasharray: s.dash,
      }),
    );
    if (!s.dash) {
      marks.push(
        Plot.dot(s.rows.filter((r) => !r.sparse), { x: "time", y: "estimate", fill: s.color, r: 2.2 }),
      );
      marks.push(
        Plot.dot(s.rows.filter((r) => r.sparse), {
          x: "time",
          y: "estimate",
          fill: "white",
          stroke: s.color,
          strokeWidth: 1.2,
          r: 2.6,
        }),
      );
    }
  });
  if (metric === "auc") marks.push(Plot.ruleY([0.5], { stroke: "#999999", strokeDasharray: "2,3" }));
  const isAuc = metric === "auc";
  const band = options.bootstrap
    ? Object.values(options.bootstrap)[0]?.method ?? "bootstrap"
    : `${Math.round(cmp.confLevel * 100)}% CI, influence function (riskRegression::Score)`;
  const caption = options.caption ??
    `${isAuc ? "Cumulative/dynamic AUC" : "IPCW Brier score (Kaplan–Meier censoring model)"} of ${
        names.join(", ")
      } at t = ${cmp.times[0]}–${cmp.times[cmp.times.length - 1]}; bands: ${band}; n = ${cmp.n}.` +
      (missing.length ? ` ${missing.join("; ")}.` : "") +
      ` Dashed lines: band bounds in the model's colour.` +
      (minCases > 0
        ? ` Hollow points: horizons with fewer than ${minCases} cases or controls${
          sparse.size ? ` (t = ${[...sparse].join(", ")})` : " (none)"
        }, estimates unstable.`
        : "");
  const fig = plotFigure({
    width,
    height: options.height ?? 380,
    title: options.title,
    marginLeft,
    marginRight,
    marginTop,
    marginBottom: 40,
    x: {
      label: options.xLabel ?? "Time (months)",
      grid: true,
      ticks: cmp.times.length > 12 ? 12 : undefined,
    },
    y: isAuc
      ? { label: "AUC", domain: [0, 1], grid: true }
      : { label: "Brier score", grid: true, zero: true },
    marks,
  }, caption);
  // the legend is drawn in pixel space into the top margin of the (untitled) plot
  const legendSvg = legend.map((e) => {
    const x = marginLeft + e.x, y = 12 + e.row * 14;
    return line(x, y - 3.5, x + 14, y - 3.5, {
      stroke: e.color,
      "stroke-width": 1.8,
      ...(e.dash ? { "stroke-dasharray": e.dash } : {}),
    }) + text(x + 18, y, e.name, { "font-size": 10, fill: e.color });
  }).join("");
  return { ...fig, svg: fig.svg.replace(/<\/svg>\n$/, `${legendSvg}</svg>\n`) };
}

/** Figure 5A: Brier score of each model over time with CI bands (null model dashed). */
export function tdBrierFigure(cmp: TdComparison, options: TdCurveOptions = {}): Figure {
  return figure(cmp, "brier", options);
}

/** Figure 5B: cumulative/dynamic AUC of each model over time with CI bands. */
export function tdAucFigure(cmp: TdComparison, options: TdCurveOptions = {}): Figure {
  return figure(cmp, "auc", options);
}
