/**
 * Draw a nomogram computed by lib/models/nomogram.ts (paper Figure 4) as deterministic SVG, rms style:
 * a "Points" scale (0..maxscale) on top, one axis per predictor with its values placed at their points,
 * then "Total Points", the linear predictor and one probability axis per horizon (Cox: 6-, 12-,
 * 24-month PFS probability) or the risk axis (logistic), all placed on the total-points scale.
 *
 * Labels never collide: widths are measured in DejaVu Sans; a label that would overlap its neighbour
 * goes below the axis, and factor levels that overlap on both sides are shifted right (every level is
 * named); on numeric scales (points, total points, linear predictor, risk) a tick whose label fits on
 * neither side is left out with its label, so every tick drawn is labelled. No label starts left of
 * its axis or ends past the figure. The name column is as wide as the widest axis name; the title
 * goes to the caption (journal style).
 */
import type { Nomogram } from "../models/nomogram.ts";
import { captionWithTitle, type Figure, svgFigure } from "./figure.ts";
import { maxTextWidth } from "./text_width.ts";
import { axisRow, line, prettyOrDefault, svgDocument, tickLabel } from "./svg_nomogram_util.ts";

/** Options of {@link nomogramFigure}. */
export interface NomogramFigureOptions {
  /** Width of the axes area in px (default 520). */
  readonly axisWidth?: number;
  /** Width of the label column in px (default: the widest axis name + 24, at least 80). */
  readonly labelWidth?: number;
  /** Vertical distance between axes in px (default 36). */
  readonly rowHeight?: number;
  /** Draw faint vertical guides at every 10 points (default true). */
  readonly guides?: boolean;
  /** Label of the linear-predictor axis (default "Linear predictor"). */
  readonly lpLabel?: string;
  /** Hide the linear-predictor axis (default false). */
  readonly hideLp?: boolean;
  /** Title: prepended to the caption (journal style: not drawn in the image). */
  readonly title?: string;
  readonly caption?: string;
  /** Decimals of numeric tick labels (default 3 significant decimals). */
  readonly digits?: number;
}

/** SVG nomogram of `nom`. */
export function nomogramFigure(nom: Nomogram, options: NomogramFigureOptions = {}): Figure {
  const W = options.axisWidth ?? 520;
  const names = [
    "Points",
    "Total Points",
    ...nom.axes.map((a) => a.label),
    ...(options.hideLp ? [] : [options.lpLabel ?? "Linear predictor"]),
    ...nom.riskAxes.map((a) => a.label),
  ];
  const L = options.labelWidth ?? Math.max(80, Math.ceil(maxTextWidth(names) + 24));
  const R = 30;
  const maxX = L + W + R - 4;
  const rowH = options.rowHeight ?? 36;
  const digits = options.digits ?? 3;
  const top = 28;
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
      overlap: "thin",
      maxX,
    }),
  );
  const firstRowY = y;
  y += rowH;
  for (const a of nom.axes) {
    rows.push(
      axisRow(y, a.label, a.values.map((v, k) => ({ x: xPts(a.points[k]), label: tickLabel(v, digits) })), {
        labelX: L - 12,
        overlap: a.type === "factor" ? "keep" : "thin",
        maxX,
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
      overlap: "thin",
      maxX,
    }),
  );
  y += rowH;
  if (!options.hideLp) {
    rows.push(
      axisRow(
        y,
        options.lpLabel ?? "Linear predictor",
        nom.lpAxis.lp.map((v, k) => ({ x: xTot(nom.lpAxis.points[k]), label: tickLabel(v, digits) })),
        { labelX: L - 12, overlap: "thin", maxX },
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
        { labelX: L - 12, overlap: "thin", maxX },
      ),
    );
    y += rowH;
  }
  const height = y - rowH + 24;
  const width = L + W + R;
  const caption = captionWithTitle(
    options.title,
    options.caption ??
      `${nom.title}: points per predictor (widest predictor spans 0–${nom.maxscale}), total points, linear predictor and ${
        nom.riskAxes.map((a) => a.label).join(", ")
      }`,
  );
  return svgFigure(svgDocument(width, height, rows.join("")), width, height, caption);
}
