/**
 * ROC curves of several models in one panel (paper Figure 5-style), AUC and its interval in the legend.
 *
 * Each curve is drawn through the empirical points (1 − specificity, sensitivity) of
 * `lib/eval/roc.ts` (straight segments between thresholds, so tied scores give diagonal segments,
 * as pROC plots them), with the chance diagonal. The legend is drawn inside the plot (bottom right):
 * "Nomogram: AUC 0.870 (95% CI, DeLong: 0.733–0.968)". Deterministic SVG.
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import { type RocCurve, rocPoints } from "../eval/roc.ts";
import type { Evaluation, Interval } from "../eval/metrics_summary.ts";

/** One curve to draw. */
export interface RocSeries {
  readonly label: string;
  readonly curve: RocCurve;
  /** AUC and interval shown in the legend (default: the curve's AUC alone). */
  readonly auc?: Interval;
  /** Stroke colour (default from {@link PALETTE} by position). */
  readonly color?: string;
}

/**
 * Model colours, by the model's position in the study's model list (spec `models`, the order of an
 * evaluation's `models`): first red, second blue, third green, …, so one model keeps its colour in
 * every figure of a study.
 */
export const PALETTE: readonly string[] = [
  "#d62728",
  "#1f77b4",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#8c564b",
  "#e377c2",
];

/** Options of {@link rocCurveFigure}. */
export interface RocFigureOptions {
  /** Panel title (default none). */
  readonly title?: string;
  /** Width and height in CSS px (default 480 × 480). */
  readonly width?: number;
  readonly height?: number;
  /** Decimals in the legend (default 3). */
  readonly digits?: number;
  /** Figure caption (alt text). */
  readonly caption?: string;
}

function legendText(s: RocSeries, digits: number): string {
  const a = s.auc;
  const est = a?.estimate ?? s.curve.auc;
  let t = `${s.label}: AUC ${est.toFixed(digits)}`;
  if (a && a.lower !== null && a.upper !== null) {
    t += ` (${a.method}: ${a.lower.toFixed(digits)}–${a.upper.toFixed(digits)})`;
  }
  return t;
}

/** ROC curves of several models. */
export function rocCurveFigure(series: readonly RocSeries[], options: RocFigureOptions = {}): Figure {
  if (series.length === 0) throw new Error("rocCurveFigure: no curves given");
  const digits = options.digits ?? 3;
  const width = options.width ?? 480, height = options.height ?? 480;
  const marks: Plot.Markish[] = [
    Plot.line([[0, 0], [1, 1]], { stroke: "#999999", strokeDasharray: "4,3" }),
  ];
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const pts = rocPoints(s.curve);
    marks.push(Plot.line(pts, { x: "fpr", y: "tpr", stroke: color, strokeWidth: 1.8 }));
    marks.push(
      Plot.text([legendText(s, digits)], {
        frameAnchor: "bottom-right",
        dx: -6,
        dy: -6 - (series.length - 1 - k) * 14,
        fill: color,
        textAnchor: "end",
        fontSize: 10,
      }),
    );
  });
  return plotFigure({
    width,
    height,
    title: options.title,
    marginLeft: 50,
    marginBottom: 40,
    x: { domain: [0, 1], label: "1 − Specificity", grid: true },
    y: { domain: [0, 1], label: "Sensitivity", grid: true },
    marks,
  }, options.caption ?? `ROC curves: ${series.map((s) => legendText(s, digits)).join("; ")}`);
}

/** The colour of model `key` of a study whose models are `models` (in the study's order), from {@link PALETTE}. */
export function modelColor(models: readonly string[], key: string): string {
  const k = models.indexOf(key);
  return PALETTE[(k < 0 ? models.length : k) % PALETTE.length];
}

/** ROC figure of every model of an evaluation on one set (e.g. "test"). */
export function rocFigureFromEvaluation(e: Evaluation, set: string, options: RocFigureOptions = {}): Figure {
  const rows = e.results.filter((r) => r.set === set && r.roc !== null);
  if (rows.length === 0) {
    throw new Error(`rocFigureFromEvaluation: no ROC curve on set "${set}" (sets: ${e.sets.join(", ")})`);
  }
  return rocCurveFigure(
    rows.map((r) => ({
      label: r.label,
      curve: r.roc!,
      auc: r.auc,
      color: modelColor(e.models, r.model),
    })),
    { title: options.title ?? `ROC curves, ${set} set`, ...options },
  );
}
