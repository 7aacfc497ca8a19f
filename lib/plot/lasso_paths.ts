/**
 * Figure 3B of the paper: LASSO coefficient paths (R: plot(glmnet, xvar = "lambda")).
 *
 * One line per feature that is nonzero somewhere on the path: coefficient (on the scale the model
 * was fitted on; z-scored features in the Radscore pipeline) against log(λ), with dotted vertical
 * lines at the λ values given in `mark` (e.g. λ.min and λ.1se). Deterministic SVG.
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import type { LassoPath } from "../models/lasso.ts";

/** Options of {@link lassoPathsFigure}. */
export interface LassoPathsOptions {
  /** λ values to mark with vertical lines (default none). */
  readonly mark?: readonly number[];
  /** Width × height (default 560 × 400). */
  readonly width?: number;
  readonly height?: number;
  readonly caption?: string;
}

/** Draw the coefficient paths of a fitted LASSO path. */
export function lassoPathsFigure(path: LassoPath, options: LassoPathsOptions = {}): Figure {
  const active = path.names.map((_, j) => j).filter((j) => path.beta.some((b) => b[j] !== 0));
  const data = active.flatMap((j) =>
    path.lambda.map((l, k) => ({ x: Math.log(l), y: path.beta[k][j], feature: path.names[j] }))
  );
  const marks = [
    Plot.ruleY([0], { stroke: "#999" }),
    ...(options.mark ?? []).map((l) => Plot.ruleX([Math.log(l)], { stroke: "#555", strokeDasharray: "3,3" })),
    Plot.line(data, { x: "x", y: "y", z: "feature", stroke: "feature", strokeWidth: 1.2 }),
  ];
  return plotFigure(
    {
      width: options.width ?? 560,
      height: options.height ?? 400,
      grid: true,
      x: { label: "log(λ)" },
      y: { label: "Coefficient" },
      color: { scheme: "tableau10" },
      marks,
    },
    options.caption ?? `LASSO coefficient paths of ${active.length} features against log(λ).`,
  );
}
