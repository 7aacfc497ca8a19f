/**
 * Calibration curves of several models in one panel (paper Figure 5C): the ideal diagonal, for each
 * model the smoothed (lowess) curve with its pointwise band (shaded) and the binned observed
 * proportions (dots) with their intervals (vertical rules). Legend inside the plot (top left) with the
 * calibration intercept and slope when given. Deterministic SVG via plotFigure.
 */
import * as Plot from "@observablehq/plot";
import { bandMarks } from "./band.ts";
import { type Figure, plotFigure } from "./figure.ts";
import type { BinnedCalibration, SmoothCalibration } from "../eval/calibration.ts";

/** One model to draw. */
export interface CalibrationSeries {
  readonly label: string;
  readonly smooth?: SmoothCalibration;
  readonly binned?: BinnedCalibration;
  /** Calibration intercept and slope printed in the legend. */
  readonly intercept?: number;
  readonly slope?: number;
  readonly color?: string;
}

/** Options of {@link calibrationCurveFigure}. */
export interface CalibrationFigureOptions {
  readonly title?: string;
  /** Width and height (default 480 × 480). */
  readonly width?: number;
  readonly height?: number;
  /** Axis limit (default 1). */
  readonly max?: number;
  readonly caption?: string;
}

const PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

/** Calibration curves of several models (observed vs predicted probability). */
export function calibrationCurveFigure(
  series: readonly CalibrationSeries[],
  options: CalibrationFigureOptions = {},
): Figure {
  if (series.length === 0) throw new Error("calibrationCurveFigure: no models given");
  const max = options.max ?? 1;
  const marks: Plot.Markish[] = [
    Plot.line([[0, 0], [max, max]], { stroke: "#999999", strokeDasharray: "4,3" }),
  ];
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    if (s.smooth) {
      const pts = s.smooth.grid.map((x, i) => ({
        x,
        y: s.smooth!.observed[i],
        lo: s.smooth!.lower ? s.smooth!.lower[i] : NaN,
        hi: s.smooth!.upper ? s.smooth!.upper[i] : NaN,
      }));
      if (s.smooth.lower) {
        marks.push(
          ...bandMarks(pts.filter((p) => Number.isFinite(p.lo) && Number.isFinite(p.hi)), {
            x: "x",
            y1: "lo",
            y2: "hi",
            color,
            bands: series.filter((x) => x.smooth?.lower).length,
          }),
        );
      }
      marks.push(
        Plot.line(pts.filter((p) => Number.isFinite(p.y)), {
          x: "x",
          y: "y",
          stroke: color,
          strokeWidth: 1.8,
        }),
      );
    }
    if (s.binned) {
      const b = s.binned.bins;
      marks.push(
        Plot.ruleX(b, { x: "meanPredicted", y1: "lower", y2: "upper", stroke: color, strokeOpacity: 0.7 }),
      );
      marks.push(Plot.dot(b, { x: "meanPredicted", y: "observed", fill: color, r: 3 }));
    }
    const extra = s.intercept !== undefined && s.slope !== undefined
      ? ` (intercept ${s.intercept.toFixed(2)}, slope ${s.slope.toFixed(2)})`
      : "";
    marks.push(
      Plot.text([`${s.label}${extra}`], {
        frameAnchor: "top-left",
        dx: 6,
        dy: 6 + k * 14,
        fill: color,
        textAnchor: "start",
        fontSize: 10,
      }),
    );
  });
  return plotFigure(
    {
      width: options.width ?? 480,
      height: options.height ?? 480,
      title: options.title,
      marginLeft: 50,
      marginBottom: 40,
      x: { domain: [0, max], label: "Predicted probability", grid: true },
      y: { domain: [0, max], label: "Observed proportion", grid: true },
      marks,
    },
    options.caption ??
      "Calibration curves: lowess-smoothed observed proportion against predicted probability, with binned proportions",
  );
}
