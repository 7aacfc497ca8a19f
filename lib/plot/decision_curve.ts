/**
 * Decision curves (paper Figure 5D): net benefit of each model against the threshold probability,
 * with the treat-all and treat-none references and optional pointwise bootstrap bands.
 *
 * Data come from `lib/eval/dca.ts`. The y axis is clipped to [yMin, max(prevalence, model net
 * benefit) · 1.05] (default yMin −0.05), as dcurves/rmda do, because treat-all falls steeply at high
 * thresholds. The legend is drawn inside the plot (top right). Deterministic SVG.
 */
import * as Plot from "@observablehq/plot";
import { bandMarks } from "./band.ts";
import { type Figure, plotFigure } from "./figure.ts";
import type { DecisionCurve, DecisionCurveBands } from "../eval/dca.ts";
import type { Evaluation } from "../eval/metrics_summary.ts";
import { modelColor, PALETTE } from "./roc_curve.ts";

/** One model's decision curve. */
export interface DecisionSeries {
  readonly label: string;
  readonly curve: DecisionCurve;
  readonly bands?: DecisionCurveBands | null;
  readonly color?: string;
}

/** Options of {@link decisionCurveFigure}. */
export interface DecisionFigureOptions {
  readonly title?: string;
  /** Default 560 × 400. */
  readonly width?: number;
  readonly height?: number;
  /** Lower limit of the y axis (default −0.05). */
  readonly yMin?: number;
  /** Threshold range shown (default [0, 1]). */
  readonly xDomain?: readonly [number, number];
  readonly caption?: string;
}

/** Decision curves of several models on the same patients (treat-all from the first series). */
export function decisionCurveFigure(
  series: readonly DecisionSeries[],
  options: DecisionFigureOptions = {},
): Figure {
  if (series.length === 0) throw new Error("decisionCurveFigure: no curves given");
  const ref = series[0].curve;
  const yMin = options.yMin ?? -0.05;
  let yMax = ref.prevalence;
  for (const s of series) for (const v of s.curve.netBenefit.model) yMax = Math.max(yMax, v);
  yMax = yMax > 0 ? yMax * 1.05 : 0.05;
  const xs = ref.threshold;
  const marks: Plot.Markish[] = [];
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    if (s.bands) {
      const band = s.bands.threshold.map((t, i) => ({
        t,
        lo: s.bands!.model.lower[i],
        hi: s.bands!.model.upper[i],
      }));
      const nBands = series.filter((x) => x.bands).length;
      marks.push(...bandMarks(band, { x: "t", y1: "lo", y2: "hi", color, bands: nBands, clip: true }));
    }
  });
  marks.push(Plot.ruleY([0], { stroke: "#000000", strokeWidth: 1.2 }));
  marks.push(
    Plot.line(xs.map((t, i) => ({ t, nb: ref.netBenefit.treatAll[i] })), {
      x: "t",
      y: "nb",
      stroke: "#7f7f7f",
      strokeWidth: 1.2,
      clip: true,
    }),
  );
  const legend: { text: string; color: string }[] = [];
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const pts = s.curve.threshold.map((t, i) => ({ t, nb: s.curve.netBenefit.model[i] }));
    marks.push(Plot.line(pts, { x: "t", y: "nb", stroke: color, strokeWidth: 1.8, clip: true }));
    legend.push({ text: s.label, color });
  });
  legend.push({ text: "Treat all", color: "#7f7f7f" }, { text: "Treat none", color: "#000000" });
  legend.forEach((l, k) => {
    marks.push(
      Plot.text([`— ${l.text}`], {
        frameAnchor: "top-right",
        dx: -6,
        dy: 6 + k * 14,
        fill: l.color,
        textAnchor: "end",
        fontSize: 10,
      }),
    );
  });
  const bandNote = series.find((s) => s.bands)?.bands?.method;
  return stableClipIds(plotFigure(
    {
      width: options.width ?? 560,
      height: options.height ?? 400,
      title: options.title,
      marginLeft: 55,
      marginBottom: 40,
      x: {
        domain: options.xDomain ? [...options.xDomain] : [0, 1],
        label: "Threshold probability",
        grid: true,
      },
      y: { domain: [yMin, yMax], label: "Net benefit", grid: true },
      marks,
    },
    options.caption ?? `Decision curves (treat when p ≥ threshold)${bandNote ? `; shaded: ${bandNote}` : ""}`,
  ));
}

/**
 * Observable Plot numbers clip paths with a process-wide counter ("plot-clip-7"), so the same figure
 * drawn twice differs; renumber them from 1 in order of appearance to keep the SVG byte-stable.
 */
function stableClipIds(fig: Figure): Figure {
  const map = new Map<string, string>();
  const svg = fig.svg.replace(/plot-clip-\d+/g, (id) => {
    if (!map.has(id)) map.set(id, `plot-clip-${map.size + 1}`);
    return map.get(id)!;
  });
  return { ...fig, svg };
}

/** Decision-curve figure of every model of an evaluation on one set. */
export function decisionFigureFromEvaluation(
  e: Evaluation,
  set: string,
  options: DecisionFigureOptions = {},
): Figure {
  const rows = e.results.filter((r) => r.set === set);
  if (rows.length === 0) {
    throw new Error(`decisionFigureFromEvaluation: no results on set "${set}" (sets: ${e.sets.join(", ")})`);
  }
  return decisionCurveFigure(
    rows.map((r) => ({
      label: r.label,
      curve: r.dca,
      bands: r.dcaBands,
      color: modelColor(e.models, r.model),
    })),
    { title: options.title ?? `Decision curves, ${set} set`, ...options },
  );
}
