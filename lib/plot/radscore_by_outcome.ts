/**
 * Radscore by outcome in the training and test sets: one panel per set and outcome, each patient a
 * dot (dodged so none hide), the group median as a horizontal line. Deterministic SVG.
 */
import * as Plot from "@observablehq/plot";
import { type Figure, plotFigure } from "./figure.ts";

/** Options of {@link radscoreByOutcomeFigure}. */
export interface RadscoreFigureOptions {
  readonly labels?: readonly [string, string];
  readonly width?: number;
  readonly height?: number;
  readonly caption?: string;
}

/** Draw Radscores by outcome for each named set (`{train: {y, radscore}, test: {...}}`). */
export function radscoreByOutcomeFigure(
  sets: Readonly<Record<string, { readonly y: readonly number[]; readonly radscore: readonly number[] }>>,
  options: RadscoreFigureOptions = {},
): Figure {
  const [l0, l1] = options.labels ?? ["No event", "Event"];
  const panel = (set: string, group: string) => `${set}: ${group}`;
  const data = Object.entries(sets).flatMap(([set, s]) =>
    s.radscore.map((r, i) => ({
      panel: panel(set, s.y[i] === 1 ? l1 : l0),
      group: s.y[i] === 1 ? l1 : l0,
      radscore: r,
    }))
  );
  const medians = Object.entries(sets).flatMap(([set, s]) =>
    [0, 1].map((g) => {
      const v = s.radscore.filter((_, i) => s.y[i] === g).sort((a, b) => a - b);
      const h = (v.length - 1) / 2;
      return {
        panel: panel(set, g === 1 ? l1 : l0),
        median: v[Math.floor(h)] + (h - Math.floor(h)) * (v[Math.ceil(h)] - v[Math.floor(h)]),
      };
    })
  );
  return plotFigure(
    {
      width: options.width ?? 640,
      height: options.height ?? 420,
      marginBottom: 40,
      fx: { label: null, domain: Object.keys(sets).flatMap((set) => [panel(set, l0), panel(set, l1)]) },
      y: { label: "Radscore", grid: true },
      color: { domain: [l0, l1], range: ["#1f77b4", "#d62728"] },
      marks: [
        Plot.dot(
          data,
          Plot.dodgeX("middle", { fx: "panel", y: "radscore", fill: "group", r: 2.2, fillOpacity: 0.7 }),
        ),
        Plot.ruleY(medians, { fx: "panel", y: "median", stroke: "black", strokeWidth: 1.5 }),
      ],
    },
    options.caption ?? "Radscore by outcome in the training and test sets (dots: patients; bars: medians).",
  );
}
