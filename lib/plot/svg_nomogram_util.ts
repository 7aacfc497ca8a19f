/**
 * Minimal helpers for hand-drawn deterministic SVG (nomogram axes, risk tables): escaping, fixed
 * number formatting, text, lines and a labelled horizontal axis. No clock, no randomness, no DOM.
 */
import { textWidth } from "./text_width.ts";

/** Escape text for SVG content and attributes. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Coordinates rounded to 2 decimals (stable text, small files). */
export function f2(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Tick label: shortest of up to `digits` significant decimals, no trailing zeros. */
export function tickLabel(v: number | string, digits = 3): string {
  if (typeof v === "string") return v;
  if (Number.isInteger(v)) return String(v);
  return String(+v.toFixed(digits));
}

export function text(x: number, y: number, s: string, attrs: Record<string, string | number> = {}): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${esc(String(v))}"`).join("");
  return `<text x="${f2(x)}" y="${f2(y)}"${a}>${esc(s)}</text>`;
}

export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  attrs: Record<string, string | number> = {},
): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${esc(String(v))}"`).join("");
  return `<line x1="${f2(x1)}" y1="${f2(y1)}" x2="${f2(x2)}" y2="${f2(y2)}"${a}/>`;
}

/** Options of {@link axisRow}. */
export interface AxisRowOptions {
  /** x of the axis name (right-aligned there). */
  readonly labelX: number;
  /** Font size in px (default 10). */
  readonly fontSize?: number;
  /** Colour of line, ticks and labels (default black). */
  readonly color?: string;
  /**
   * What to do with a label that overlaps its neighbours on both sides of the axis: "keep" (factor
   * levels; default) shifts it right until it is clear, "thin" (numeric scales) leaves out the tick
   * and its label, so every tick drawn is labelled.
   */
  readonly overlap?: "keep" | "thin";
  /** Leftmost x a label may start at (default the axis start, the smallest tick x). */
  readonly minX?: number;
  /** Rightmost x a label may end at (default +∞). */
  readonly maxX?: number;
}

/** Gap in px kept between two labels on the same side of an axis. */
export const LABEL_GAP = 3;

/**
 * A horizontal axis at height y, wrapped in `<g data-axis="name">`: a baseline from the first to the
 * last drawn tick, tick marks up, the axis name at `labelX` (right-aligned) and tick labels placed
 * without collisions, widths measured in DejaVu Sans ({@link textWidth}). Labels are taken left to
 * right; each is centred on its tick, moved right of `minX` (no label left of the axis start) and
 * left of `maxX`, and put above the axis if it clears the previous label there by {@link LABEL_GAP}
 * px, else below the axis if it clears there, else handled by `overlap` ("keep": shifted right on
 * the side with more room; "thin": tick and label left out). Labels are written with
 * `text-anchor="start"` at their box's left edge.
 */
export function axisRow(
  y: number,
  name: string,
  ticks: readonly { x: number; label: string }[],
  opts: AxisRowOptions = { labelX: 0 },
): string {
  const fs = opts.fontSize ?? 10;
  const col = opts.color ?? "#000000";
  const parts: string[] = [
    text(opts.labelX, y + fs / 3, name, { "text-anchor": "end", "font-size": fs, fill: col }),
  ];
  if (ticks.length === 0) return `<g data-axis="${esc(name)}">${parts.join("")}</g>`;
  const sorted = [...ticks].sort((a, b) => a.x - b.x);
  const minX = opts.minX ?? sorted[0].x;
  const maxX = opts.maxX ?? Infinity;
  let lastAbove = -Infinity, lastBelow = -Infinity;
  const drawn: { x: number; left: number; below: boolean; label: string }[] = [];
  for (const t of sorted) {
    const w = textWidth(t.label, fs);
    let left = t.x - w / 2;
    if (left + w > maxX) left = maxX - w;
    if (left < minX) left = minX;
    let below: boolean;
    if (left >= lastAbove + LABEL_GAP) below = false;
    else if (left >= lastBelow + LABEL_GAP) below = true;
    else if ((opts.overlap ?? "keep") === "thin") continue;
    else {
      below = lastBelow < lastAbove;
      left = (below ? lastBelow : lastAbove) + LABEL_GAP;
    }
    if (below) lastBelow = left + w;
    else lastAbove = left + w;
    drawn.push({ x: t.x, left, below, label: t.label });
  }
  const xs = drawn.map((d) => d.x);
  parts.push(line(Math.min(...xs), y, Math.max(...xs), y, { stroke: col, "stroke-width": 1 }));
  for (const d of drawn) {
    parts.push(line(d.x, y, d.x, d.below ? y + 4 : y - 4, { stroke: col, "stroke-width": 1 }));
    parts.push(
      text(d.left, d.below ? y + fs + 3 : y - 6, d.label, {
        "text-anchor": "start",
        "font-size": fs,
        fill: col,
      }),
    );
  }
  return `<g data-axis="${esc(name)}">${parts.join("")}</g>`;
}

/** Wrap body markup as a standalone SVG document string. */
export function svgDocument(width: number, height: number, body: string, fontFamily = "DejaVu Sans"): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${fontFamily}" font-size="10"><rect width="${width}" height="${height}" fill="white"/>${body}</svg>`;
}

/** Evenly spaced ticks lo..hi with the given step (falls back to [lo, hi]). */
export function prettyOrDefault(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let v = lo; v <= hi + 1e-9; v += step) out.push(+v.toPrecision(12));
  return out.length >= 2 ? out : [lo, hi];
}
