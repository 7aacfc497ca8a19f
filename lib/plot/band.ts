/**
 * Confidence bands that stay readable when several overlap: a light fill outlined by dashed lower
 * and upper bounds in the series' colour (several bands: fill opacity 0.04, so overlaps do not add
 * up to a grey mass; one band: 0.12). Shared by the KM, time-dependent, decision and calibration
 * figures.
 */
import * as Plot from "@observablehq/plot";

/** Options of {@link bandMarks}. */
export interface BandOptions {
  /** Field names of x and the bounds. */
  readonly x: string;
  readonly y1: string;
  readonly y2: string;
  /** Series colour (fill and dashed bounds). */
  readonly color: string;
  /** Number of bands drawn in the same panel (default 1): above 1 the fill is fainter. */
  readonly bands?: number;
  /** Observable Plot curve of the band (default "linear"; KM: "step-after"). */
  readonly curve?: Plot.CurveName;
  /** Clip to the frame (default false). */
  readonly clip?: boolean;
}

/** Band fill plus dashed bound lines ("4,3", 0.9 px) for `data` rows with finite bounds. */
export function bandMarks(data: readonly object[], o: BandOptions): Plot.Markish[] {
  const curve = o.curve ?? "linear";
  const clip = o.clip ?? false;
  return [
    Plot.areaY(data, {
      x: o.x,
      y1: o.y1,
      y2: o.y2,
      fill: o.color,
      fillOpacity: (o.bands ?? 1) > 1 ? 0.04 : 0.12,
      curve,
      clip,
    }),
    ...[o.y1, o.y2].map((y) =>
      Plot.line(data, {
        x: o.x,
        y,
        stroke: o.color,
        strokeWidth: 0.9,
        strokeDasharray: "4,3",
        strokeOpacity: 0.9,
        curve,
        clip,
      })
    ),
  ];
}
