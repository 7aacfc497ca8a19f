/**
 * Figures 5A and 5B of the paper: Brier score (A) and cumulative/dynamic AUC (B) of several models at
 * monthly horizons, with confidence bands (influence-function CIs of lib/eval/td_auc_brier.ts, or
 * bootstrap percentile bands from lib/eval/td_bootstrap.ts). Horizons where a metric is not defined
 * (no event yet) are left out of the line and named in the caption. Deterministic SVG (Observable Plot).
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import type { TdComparison, TdMetric } from "../eval/td_auc_brier.ts";
import type { TdBootstrapResult } from "../eval/td_bootstrap.ts";

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
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
  readonly caption?: string;
}

interface Row {
  model: string;
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
  const color = (name: string, k: number) => options.colors?.[name] ?? TD_PALETTE[k % TD_PALETTE.length];
  const marks: Plot.Markish[] = [];
  const missing: string[] = [];
  const series: { name: string; rows: Row[]; color: string; dash?: string }[] = names.map((name, k) => {
    const m = cmp.models[name][metric];
    const b = options.bootstrap?.[name]?.[metric];
    const rows = rowsOf(name, cmp.times, m, b);
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
  for (const s of series) {
    const band = s.rows.filter((r) => r.lower !== null && r.upper !== null);
    if (!s.dash && band.length) {
      marks.push(
        Plot.areaY(band, {
          x: "time",
          y1: "lower",
          y2: "upper",
          fill: s.color,
          fillOpacity: 0.14,
          curve: "linear",
        }),
      );
    }
  }
  series.forEach((s, k) => {
    marks.push(
      Plot.line(s.rows, {
        x: "time",
        y: "estimate",
        stroke: s.color,
        strokeWidth: 1.8,
        strokeDasharray: s.dash,
      }),
    );
    if (!s.dash) marks.push(Plot.dot(s.rows, { x: "time", y: "estimate", fill: s.color, r: 2.2 }));
    marks.push(
      // Legend in the emptier corner: bottom right for AUC (curves sit high), top right for Brier.
      Plot.text([s.name], {
        frameAnchor: metric === "auc" ? "bottom-right" : "top-right",
        dx: -6,
        dy: metric === "auc" ? -6 - (series.length - 1 - k) * 14 : 6 + k * 14,
        fill: s.color,
        textAnchor: "end",
        fontSize: 10,
      }),
    );
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
      (missing.length ? ` ${missing.join("; ")}.` : "");
  return plotFigure({
    width: options.width ?? 560,
    height: options.height ?? 380,
    title: options.title,
    marginLeft: 52,
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
}

/** Figure 5A: Brier score of each model over time with CI bands (null model dashed). */
export function tdBrierFigure(cmp: TdComparison, options: TdCurveOptions = {}): Figure {
  return figure(cmp, "brier", options);
}

/** Figure 5B: cumulative/dynamic AUC of each model over time with CI bands. */
export function tdAucFigure(cmp: TdComparison, options: TdCurveOptions = {}): Figure {
  return figure(cmp, "auc", options);
}
