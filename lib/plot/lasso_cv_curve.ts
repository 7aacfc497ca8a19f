/**
 * Figure 3A of the paper: the LASSO cross-validation curve (R: plot(cv.glmnet)).
 *
 * x = log(λ) (natural log, as glmnet), y = the CV measure (binomial deviance or AUC) with error bars
 * cvm ± cvsd, dotted vertical lines at λ.min and λ.1se, and the number of nonzero coefficients of
 * the full-data fit along the top. Deterministic SVG.
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import type { LassoCVResult } from "../models/lasso_cv.ts";

/** Options of {@link lassoCvCurveFigure}. */
export interface LassoCvCurveOptions {
  /** Width × height in CSS px (default 560 × 400). */
  readonly width?: number;
  readonly height?: number;
  /** Show nonzero counts along the top (every `nzeroEvery`-th λ; default 5). */
  readonly nzeroEvery?: number;
  readonly caption?: string;
}

/** Draw a cross-validation result (lib/models/lasso_cv.ts). */
export function lassoCvCurveFigure(cv: LassoCVResult, options: LassoCvCurveOptions = {}): Figure {
  const pts = cv.lambda.map((l, k) => ({
    x: Math.log(l),
    y: cv.cvm[k],
    lo: cv.cvlo[k],
    hi: cv.cvup[k],
    nz: cv.nzero[k],
    k,
  }));
  const every = options.nzeroEvery ?? 5;
  const yMax = Math.max(...cv.cvup);
  const yMin = Math.min(...cv.cvlo);
  const top = yMax + 0.06 * (yMax - yMin);
  const xs = pts.map((p) => p.x);
  const cap = 0.25 * Math.abs(xs[0] - xs[xs.length - 1]) / Math.max(1, xs.length - 1);
  const yLabel = cv.typeMeasure === "auc" ? "AUC (cross-validated)" : "Binomial deviance (cross-validated)";
  const marks = [
    Plot.ruleX([Math.log(cv.lambdaMin), Math.log(cv.lambda1se)], { stroke: "#555", strokeDasharray: "3,3" }),
    Plot.ruleX(pts, { x: "x", y1: "lo", y2: "hi", stroke: "#999" }),
    Plot.link(pts, {
      x1: (d: { x: number }) => d.x - cap,
      x2: (d: { x: number }) => d.x + cap,
      y1: "lo",
      y2: "lo",
      stroke: "#999",
    }),
    Plot.link(pts, {
      x1: (d: { x: number }) => d.x - cap,
      x2: (d: { x: number }) => d.x + cap,
      y1: "hi",
      y2: "hi",
      stroke: "#999",
    }),
    Plot.dot(pts, { x: "x", y: "y", fill: "#d62728", r: 3 }),
    Plot.text(pts.filter((p) => p.k % every === 0), {
      x: "x",
      y: () => top,
      text: (d: { nz: number }) => String(d.nz),
      fontSize: 9,
      fill: "#333",
    }),
    Plot.text([
      { x: Math.log(cv.lambdaMin), label: "λ.min" },
      { x: Math.log(cv.lambda1se), label: "λ.1se" },
    ], { x: "x", y: () => yMin, text: "label", dy: 10, fontSize: 9, fill: "#555" }),
  ];
  return plotFigure(
    {
      width: options.width ?? 560,
      height: options.height ?? 400,
      marginTop: 30,
      marginBottom: 45,
      grid: true,
      x: { label: "log(λ)" },
      y: { label: yLabel, domain: [yMin - 0.06 * (yMax - yMin), top + 0.02 * (yMax - yMin)] },
      marks,
    },
    options.caption ??
      `LASSO ${cv.foldValues.length}-fold cross-validation: ${cv.typeMeasure} ± 1 SE; λ.min = ${
        cv.lambdaMin.toPrecision(4)
      }, λ.1se = ${cv.lambda1se.toPrecision(4)}; numbers on top: nonzero coefficients.`,
  );
}
