/**
 * Draw a nomogram computed by lib/models/nomogram.ts (paper Figure 4) as deterministic SVG, rms style:
 * a "Points" scale (0..maxscale) on top, one axis per predictor with its values placed at their points,
 * then "Total Points", the linear predictor and one probability axis per horizon (Cox: 6-, 12-,
 * 24-month PFS probability) or the risk axis (logistic), all placed on the total-points scale.
 */
import type { Nomogram } from "../models/nomogram.ts";
import { type Figure, svgFigure } from "./figure.ts";
import { axisRow, line, prettyOrDefault, svgDocument, text, tickLabel } from "./svg_nomogram_util.ts";

/** Options of {@link nomogramFigure}. */
export interface NomogramFigureOptions {
  /** Width of the axes area in px (default 520). */
  readonly axisWidth?: number;
  /** Width of the label column in px (default 190). */
  readonly labelWidth?: number;
  /** Vertical distance between axes in px (default 36). */
  readonly rowHeight?: number;
  /** Draw faint vertical guides at every 10 points (default true). */
  readonly guides?: boolean;
  /** Label of the linear-predictor axis (default "Linear predictor"). */
  readonly lpLabel?: string;
  /** Hide the linear-predictor axis (default false). */
  readonly hideLp?: boolean;
  readonly title?: string;
  readonly caption?: string;
  /** Decimals of numeric tick labels (default 3 significant decimals). */
  readonly digits?: number;
}

/** SVG nomogram of `nom`. */
export function nomogramFigure(nom: Nomogram, options: NomogramFigureOptions = {}): Figure {
  const W = options.axisWidth ?? 520;
  const L = options.labelWidth ?? 190;
  const R = 30;
  const rowH = options.rowHeight ?? 36;
  const digits = options.digits ?? 3;
  const top = options.title ? 48 : 28;
  const xPts = (p: number) => L + (W * p) / nom.maxscale;
  const totalTicks = nom.totalPoints;
  const maxTotal = totalTicks[totalTicks.length - 1] || 1;
  const xTot = (p: number) => L + (W * p) / maxTotal;
  const rows: string[] = [];
  let y = top;
  const pointTicks = prettyOrDefault(0, nom.maxscale, 10);
  rows.push(
    axisRow(y, "Points", pointTicks.map((p) => ({ x: xPts(p), label: tickLabel(p, digits) })), {
      labelX: L - 12,
    }),
  );
  const firstRowY = y;
  y += rowH;
  for (const a of nom.axes) {
    rows.push(
      axisRow(y, a.label, a.values.map((v, k) => ({ x: xPts(a.points[k]), label: tickLabel(v, digits) })), {
        labelX: L - 12,
      }),
    );
    y += rowH;
  }
  const lastPredY = y - rowH;
  if (options.guides ?? true) {
    for (const p of pointTicks) {
      rows.unshift(line(xPts(p), firstRowY, xPts(p), lastPredY, { stroke: "#dddddd", "stroke-width": 0.6 }));
    }
  }
  rows.push(
    axisRow(y, "Total Points", totalTicks.map((p) => ({ x: xTot(p), label: tickLabel(p, digits) })), {
      labelX: L - 12,
    }),
  );
  y += rowH;
  if (!options.hideLp) {
    rows.push(
      axisRow(
        y,
        options.lpLabel ?? "Linear predictor",
        nom.lpAxis.lp.map((v, k) => ({ x: xTot(nom.lpAxis.points[k]), label: tickLabel(v, digits) })),
        { labelX: L - 12 },
      ),
    );
    y += rowH;
  }
  for (const ax of nom.riskAxes) {
    rows.push(
      axisRow(
        y,
        ax.label,
        ax.values.map((v, k) => ({ x: xTot(ax.points[k]), label: tickLabel(v, digits) })),
        { labelX: L - 12 },
      ),
    );
    y += rowH;
  }
  const height = y - rowH + 24;
  const width = L + W + R;
  const title = options.title
    ? text(width / 2, 20, options.title, { "text-anchor": "middle", "font-size": 13, "font-weight": "bold" })
    : "";
  const caption = options.caption ??
    `${nom.title}: points per predictor (widest predictor spans 0–${nom.maxscale}), total points, linear predictor and ${
      nom.riskAxes.map((a) => a.label).join(", ")
    }`;
  return svgFigure(svgDocument(width, height, title + rows.join("")), width, height, caption);
}
