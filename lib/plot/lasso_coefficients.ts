/**
 * Figure 3C of the paper: the selected radiomics features and their LASSO coefficients (the
 * Radscore weights), as horizontal bars ordered by coefficient, positive and negative coloured
 * apart. Deterministic SVG.
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";
import { maxTextWidth } from "./text_width.ts";
import type { Radscore } from "../models/radscore.ts";

/** Options of {@link lassoCoefficientsFigure}. */
export interface LassoCoefficientsOptions {
  /** Width (default 840); height grows with the number of features. */
  readonly width?: number;
  /** Left margin for the feature names (default: the widest name measured in DejaVu Sans 10 px, + 14 px). */
  readonly marginLeft?: number;
  readonly caption?: string;
}

/** Draw the nonzero coefficients of a Radscore. */
export function lassoCoefficientsFigure(rs: Radscore, options: LassoCoefficientsOptions = {}): Figure {
  const data = [...rs.terms_].sort((a, b) => b.coef - a.coef || a.name.localeCompare(b.name)).map((t) => ({
    ...t,
    sign: t.coef > 0 ? "positive" : "negative",
  }));
  const height = 60 + 18 * Math.max(1, data.length);
  return plotFigure(
    {
      width: options.width ?? 840,
      height,
      marginLeft: options.marginLeft ?? Math.ceil(maxTextWidth(data.map((d) => d.name)) + 14),
      x: { label: "LASSO coefficient (z-scored feature)", grid: true },
      y: { label: null, domain: data.map((d) => d.name) },
      color: { domain: ["positive", "negative"], range: ["#d62728", "#1f77b4"] },
      marks: [
        Plot.barX(data, { x: "coef", y: "name", fill: "sign" }),
        Plot.ruleX([0], { stroke: "#333" }),
      ],
    },
    options.caption ??
      `${data.length} radiomics features selected by LASSO and their coefficients (Radscore weights).`,
  );
}
