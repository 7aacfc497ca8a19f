/**
 * The bias-corrected calibration figure of rms's `plot(calibrate(fit))`: the ideal line (dotted), the
 * apparent curve (dashed) and the bias-corrected curve (solid) of observed against predicted risk on
 * the grid, a rug of the apparent predictions along the x axis, and the mean absolute error with the
 * number of resamples in the legend. Deterministic SVG via plotFigure (journal style: black and grey,
 * bundled font).
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import type { CalibrateResult } from "../eval/calibrate.ts";

/** Options of {@link calibrateCurveFigure}. */
export interface CalibrateCurveOptions {
  readonly title?: string;
  /** Width and height (default 440 × 440). */
  readonly width?: number;
  readonly height?: number;
  /** Axis limit (default: 1). */
  readonly max?: number;
  readonly caption?: string;
}

/** Apparent and bias-corrected calibration curves of one model with the ideal line. */
export function calibrateCurveFigure(c: CalibrateResult, options: CalibrateCurveOptions = {}): Figure {
  const max = options.max ?? 1;
  const pts = c.predy.map((x, k) => ({
    x,
    apparent: c.calibratedOrig[k],
    corrected: c.calibratedCorrected[k],
  }));
  const legend = [
    { text: "Ideal", dash: "1,3", width: 1.2 },
    { text: "Apparent", dash: "5,3", width: 1.4 },
    { text: `Bias-corrected (B = ${c.nResamples})`, dash: "none", width: 2 },
  ];
  const marks: Plot.Markish[] = [
    Plot.line([[0, 0], [max, max]], { stroke: "#777777", strokeDasharray: "1,3", strokeWidth: 1.2 }),
    Plot.line(pts.filter((p) => Number.isFinite(p.apparent)), {
      x: "x",
      y: "apparent",
      stroke: "black",
      strokeDasharray: "5,3",
      strokeWidth: 1.4,
    }),
    Plot.line(pts.filter((p) => Number.isFinite(p.corrected)), {
      x: "x",
      y: "corrected",
      stroke: "black",
      strokeWidth: 2,
    }),
    Plot.ruleX(c.apparentPredictions.filter((p) => p <= max), {
      x: (d: number) => d,
      y1: 0,
      y2: max * 0.025,
      stroke: "#555555",
      strokeWidth: 0.6,
    }),
    ...legend.flatMap((l, k) => [
      Plot.text([l.text], {
        frameAnchor: "top-left",
        dx: 34,
        dy: 8 + k * 14,
        textAnchor: "start",
        fontSize: 10,
      }),
    ]),
    Plot.text([
      `Mean absolute error ${c.meanAbsError.toFixed(3)}, 0.9 quantile ${c.quantile90AbsError.toFixed(3)}`,
    ], {
      frameAnchor: "bottom-right",
      dx: -6,
      dy: -12,
      textAnchor: "end",
      fontSize: 9,
    }),
  ];
  // Legend line keys drawn in data space at the top left.
  legend.forEach((l, k) => {
    const y = max * (1 - (0.035 + k * 0.0395));
    marks.push(
      Plot.line([[max * 0.012, y], [max * 0.065, y]], {
        stroke: "black",
        strokeDasharray: l.dash === "none" ? undefined : l.dash,
        strokeWidth: l.width,
      }),
    );
  });
  return plotFigure(
    {
      width: options.width ?? 440,
      height: options.height ?? 440,
      title: options.title ?? `Bias-corrected calibration: ${c.label}`,
      marginLeft: 50,
      marginBottom: 40,
      x: { domain: [0, max], label: "Predicted probability", grid: false },
      y: { domain: [0, max], label: "Observed proportion", grid: false },
      marks,
    },
    options.caption ??
      `Calibration of ${c.label}: apparent and bootstrap bias-corrected (rms::calibrate, lowess) curves; ticks: apparent predictions`,
  );
}
