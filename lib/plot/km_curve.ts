/**
 * Kaplan–Meier curves of risk groups (or any strata) with pointwise confidence bands, censoring marks
 * and a numbers-at-risk table under the plot. Journal layout: the legend (one entry per group, with
 * n and events) sits above the plot area, off the data, and the log-rank p-value, when given, is
 * printed at the right of the legend row ("Log-rank p = 0.003") and repeated in the caption; the
 * title goes to the caption, not the image. The curve panel is drawn with Observable Plot and nested,
 * with the hand-drawn legend and risk table, in one deterministic SVG.
 */
import * as Plot from "@observablehq/plot";
import { captionWithTitle, type Figure, plotFigure, svgFigure } from "./figure.ts";
import type { KaplanMeierFit } from "../eval/km.ts";
import type { LogRankResult } from "../eval/logrank.ts";
import { line, svgDocument, text } from "./svg_nomogram_util.ts";
import { maxTextWidth, textWidth } from "./text_width.ts";
import { bandMarks } from "./band.ts";

/** Options of {@link kmCurveFigure}. */
export interface KmFigureOptions {
  /** Times at which numbers at risk are shown (default: x-axis ticks every `riskStep`). */
  readonly riskTimes?: readonly number[];
  /** Step of the default risk times (default: ~6 intervals of the follow-up). */
  readonly riskStep?: number;
  /** Colours by group (default red, blue, green, …). */
  readonly colors?: Readonly<Record<string, string>>;
  /** Draw confidence bands (default true). */
  readonly bands?: boolean;
  /** x-axis label (default "Time"). */
  readonly xLabel?: string;
  /** y-axis label: the study's endpoint, e.g. "Progression-free survival" (default "Survival probability"). */
  readonly yLabel?: string;
  /** Title: prepended to the caption (journal style: not drawn in the image). */
  readonly title?: string;
  readonly width?: number;
  /** Height of the curve panel (default 340); the risk table adds 20 px per group + 34. */
  readonly height?: number;
  /** Log-rank test of the groups: its p-value is printed in the legend row and the caption. */
  readonly logRank?: LogRankResult;
  readonly caption?: string;
}

const PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"];

function steps(
  f: KaplanMeierFit,
  band: boolean,
): { time: number; surv: number; lower: number | null; upper: number | null }[] {
  const out = [{ time: 0, surv: 1, lower: band ? 1 : null, upper: band ? 1 : null }];
  f.time.forEach((t, i) => {
    out.push({
      time: t,
      surv: f.surv[i],
      lower: f.lower[i] ?? (f.surv[i] >= 1 ? 1 : null),
      upper: f.upper[i] ?? (f.surv[i] >= 1 ? 1 : null),
    });
  });
  return out;
}

/** KM curves by group, with numbers at risk. `fits` keyed by group label (drawing order). */
export function kmCurveFigure(
  fits: Readonly<Record<string, KaplanMeierFit>>,
  options: KmFigureOptions = {},
): Figure {
  const groups = Object.keys(fits);
  if (groups.length === 0) throw new Error("kmCurveFigure: no curves given");
  const width = options.width ?? 600;
  const h = options.height ?? 340;
  const marginRight = 20;
  // risk-table group names are right-aligned 22 px left of the plot area: the margin fits the widest
  const marginLeft = Math.max(60, Math.ceil(maxTextWidth(groups) + 30));
  const tMax = Math.max(...groups.map((g) => fits[g].time[fits[g].time.length - 1] ?? 0));
  const step = options.riskStep ?? niceStep(tMax / 6);
  const riskTimes = options.riskTimes ??
    Array.from({ length: Math.floor(tMax / step) + 1 }, (_, k) => k * step);
  const color = (g: string, k: number) => options.colors?.[g] ?? PALETTE[k % PALETTE.length];
  const marks: Plot.Markish[] = [];
  groups.forEach((g, k) => {
    const d = steps(fits[g], options.bands ?? true);
    if (options.bands ?? true) {
      const band = d.filter((r) => r.lower !== null && r.upper !== null);
      marks.push(
        ...bandMarks(band, {
          x: "time",
          y1: "lower",
          y2: "upper",
          color: color(g, k),
          bands: groups.length,
          curve: "step-after",
        }),
      );
    }
    marks.push(
      Plot.line(d, { x: "time", y: "surv", stroke: color(g, k), strokeWidth: 1.8, curve: "step-after" }),
    );
    const f = fits[g];
    const cens = f.time.flatMap((t, i) => (f.nCensor[i] > 0 ? [{ time: t, surv: f.surv[i] }] : []));
    marks.push(Plot.dot(cens, { x: "time", y: "surv", symbol: "plus", stroke: color(g, k), r: 3 }));
  });
  // legend above the plot area: a line swatch and "group (n = …, events …)" per group, flowing left to
  // right and wrapping; the log-rank p right-aligned on the last legend line (own line if no room)
  const legendParts: string[] = [];
  const lineH = 14;
  let lx = marginLeft, ly = 12;
  groups.forEach((g, k) => {
    const label = `${g} (n = ${fits[g].n}, events ${fits[g].nEvents})`;
    const w = 18 + textWidth(label) + 16;
    if (lx + w > width - marginRight && lx > marginLeft) {
      lx = marginLeft;
      ly += lineH;
    }
    legendParts.push(
      line(lx, ly - 3.5, lx + 14, ly - 3.5, { stroke: color(g, k), "stroke-width": 1.8 }),
      text(lx + 18, ly, label, { "font-size": 10, fill: color(g, k) }),
    );
    lx += w;
  });
  const lr = options.logRank;
  if (lr) {
    const pText = `Log-rank ${formatLogRankP(lr.pValue)}`;
    if (lx + textWidth(pText) > width - marginRight) ly += lineH;
    legendParts.push(text(width - marginRight, ly, pText, { "font-size": 10, "text-anchor": "end" }));
  }
  const legendH = ly + 8;
  const panel = plotFigure({
    width,
    height: h,
    marginTop: 24,
    marginLeft,
    marginRight,
    marginBottom: 40,
    x: {
      label: options.xLabel ?? "Time",
      domain: [0, Math.max(tMax, riskTimes[riskTimes.length - 1] ?? 0)],
      ticks: riskTimes as number[],
    },
    y: { label: options.yLabel ?? "Survival probability", domain: [0, 1], grid: true },
    marks,
  });
  const xDomainMax = Math.max(tMax, riskTimes[riskTimes.length - 1] ?? 0);
  const xOf = (t: number) => marginLeft + ((width - marginLeft - marginRight) * t) / (xDomainMax || 1);
  const tableTop = legendH + h + 16;
  const rows: string[] = [text(8, tableTop, "Number at risk", { "font-size": 10, "font-weight": "bold" })];
  groups.forEach((g, k) => {
    const y = tableTop + 18 + k * 18;
    rows.push(text(marginLeft - 22, y, g, { "text-anchor": "end", "font-size": 10, fill: color(g, k) }));
    const f = fits[g];
    for (const t of riskTimes) {
      let nr = 0;
      for (let i = f.time.length - 1; i >= 0 && f.time[i] >= t; i--) nr = f.nRisk[i];
      rows.push(text(xOf(t), y, String(nr), { "text-anchor": "middle", "font-size": 10, fill: color(g, k) }));
    }
  });
  const total = legendH + h + 34 + groups.length * 18;
  const inner = panel.svg.replace(/^<\?xml[^>]*>\s*/, "").replace(/^<svg /, `<svg x="0" y="${legendH}" `);
  const caption = captionWithTitle(
    options.title,
    options.caption ??
      `Kaplan–Meier curves (${fits[groups[0]].confLevel * 100}% pointwise CI, ${
          fits[groups[0]].confType
        }) of ${groups.join(" vs ")}` +
        (lr
          ? `; log-rank χ² = ${lr.statistic.toFixed(2)}, df = ${lr.df}, p = ${
            lr.pValue < 0.001 ? lr.pValue.toExponential(2) : lr.pValue.toFixed(3)
          }`
          : "") +
        "; legend: group (n, events); + censored; table: number at risk",
  );
  return svgFigure(
    svgDocument(width, total, legendParts.join("") + inner + rows.join("")),
    width,
    total,
    caption,
  );
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 3, 5, 6, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
}

/**
 * A p-value as printed on figures: "p = 0.003" (3 decimals), "p < 0.001" below 0.001 (journal
 * convention; the exact value stays in the caption and tables).
 */
export function formatLogRankP(p: number): string {
  if (!Number.isFinite(p)) return "p = NA";
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}
