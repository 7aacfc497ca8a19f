/**
 * Calibration figure of a survival model at its horizons, as journals print it for a nomogram: one
 * panel per horizon (e.g. 6, 12, 24 months), the mean predicted risk of each risk group (x) against
 * its Kaplan–Meier observed risk (y) with the confidence interval as a vertical bar, points joined in
 * order of predicted risk, the ideal 45° line dashed; O/E and calibration slope written in each
 * panel. Deterministic SVG via plotFigure.
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import type { SurvivalCalibrationSet } from "../eval/survival_calibration.ts";

/** Options of {@link survivalCalibrationFigure}. */
export interface SurvivalCalibrationFigureOptions {
  readonly title?: string;
  /** Model name for the caption, e.g. "Radiomics nomogram". */
  readonly model?: string;
  /** Axis limit (default: the larger of the data's maximum and 0.1, rounded up to 0.1; at most 1). */
  readonly max?: number;
  /** Width of one panel (default 260) and height (default 300). */
  readonly panelWidth?: number;
  readonly height?: number;
  /** Colour of points and bars (default "#d62728"). */
  readonly color?: string;
  /** x-axis label (default "Predicted risk"). */
  readonly xLabel?: string;
  readonly caption?: string;
}

/** Survival calibration at each horizon (predicted vs Kaplan–Meier observed risk, CI bars, ideal line). */
export function survivalCalibrationFigure(
  set: SurvivalCalibrationSet,
  options: SurvivalCalibrationFigureOptions = {},
): Figure {
  if (set.results.length === 0) throw new Error("survivalCalibrationFigure: no horizons given");
  const color = options.color ?? "#d62728";
  const pts = set.results.flatMap((r, k) =>
    r.groups.map((g) => ({
      horizon: set.labels[k],
      predicted: g.meanPredictedRisk,
      observed: g.observedRisk,
      lower: g.observedRiskLower,
      upper: g.observedRiskUpper,
    }))
  );
  const top = Math.max(0.1, ...pts.map((p) => Math.max(p.predicted, p.upper ?? p.observed)));
  const max = options.max ?? Math.min(1, Math.ceil(top * 10 - 1e-9) / 10);
  const ideal = set.labels.flatMap((h) => [{ horizon: h, x: 0, y: 0 }, { horizon: h, x: max, y: max }]);
  const notes = set.results.map((r, k) => ({
    horizon: set.labels[k],
    text: `O/E ${r.overall.oeRatio.toFixed(2)}; slope ${
      r.calibrationSlope.slope.toFixed(2)
    }\nn = ${r.n}, ${r.overall.nEventsByT0} events by t`,
  }));
  const bars = pts.filter((p) => p.lower !== null && p.upper !== null);
  const cap = max * 0.012;
  const caps = bars.flatMap((b) =>
    [b.lower, b.upper].map((y) => ({ horizon: b.horizon, y, x1: b.predicted - cap, x2: b.predicted + cap }))
  );
  const width = (options.panelWidth ?? 260) * set.labels.length + 70;
  return plotFigure(
    {
      width,
      height: options.height ?? 300,
      title: options.title,
      marginLeft: 50,
      marginBottom: 40,
      marginTop: 30,
      fx: { domain: [...set.labels], label: null },
      x: { domain: [0, max], label: options.xLabel ?? "Predicted risk", grid: true },
      y: { domain: [0, max], label: "Observed risk (Kaplan–Meier)", grid: true },
      marks: [
        Plot.frame({ stroke: "#cccccc" }),
        Plot.line(ideal, {
          fx: "horizon",
          x: "x",
          y: "y",
          z: "horizon",
          stroke: "#999999",
          strokeDasharray: "4,3",
        }),
        Plot.ruleX(bars, {
          fx: "horizon",
          x: "predicted",
          y1: "lower",
          y2: "upper",
          stroke: color,
          strokeWidth: 1.2,
        }),
        Plot.ruleY(caps, { fx: "horizon", y: "y", x1: "x1", x2: "x2", stroke: color, strokeWidth: 1.2 }),
        Plot.line(pts, {
          fx: "horizon",
          x: "predicted",
          y: "observed",
          z: "horizon",
          stroke: color,
          strokeWidth: 1.2,
        }),
        Plot.dot(pts, { fx: "horizon", x: "predicted", y: "observed", fill: color, r: 3.5 }),
        Plot.text(notes, {
          fx: "horizon",
          text: "text",
          frameAnchor: "top-left",
          dx: 6,
          dy: 6,
          textAnchor: "start",
          lineAnchor: "top",
          fontSize: 10,
        }),
      ],
    },
    options.caption ??
      `Calibration of predicted risk${options.model ? ` of the ${options.model}` : ""} at ${
          set.labels.join(", ")
        }: mean predicted risk ` +
        `of each risk group against its Kaplan–Meier observed risk with ${
          Number((100 * set.results[0].confLevel).toPrecision(4))
        }% CI; dashed: ideal`,
  );
}
