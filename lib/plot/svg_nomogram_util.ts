/**
 * Minimal helpers for hand-drawn deterministic SVG (nomogram axes, risk tables): escaping, fixed
 * number formatting, text, lines and a labelled horizontal axis. No clock, no randomness, no DOM.
 */

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

/**
 * A horizontal axis at height y: a baseline from the first to the last tick, tick marks up, labels
 * above (or below with `labelsBelow`), the axis name at `labelX` (right-aligned).
 */
export function axisRow(
  y: number,
  name: string,
  ticks: readonly { x: number; label: string }[],
  opts: { labelX: number; labelsBelow?: boolean; fontSize?: number; color?: string } = { labelX: 0 },
): string {
  const fs = opts.fontSize ?? 10;
  const col = opts.color ?? "#000000";
  const parts: string[] = [
    text(opts.labelX, y + fs / 3, name, { "text-anchor": "end", "font-size": fs, fill: col }),
  ];
  if (ticks.length === 0) return parts.join("");
  const xs = ticks.map((t) => t.x);
  parts.push(line(Math.min(...xs), y, Math.max(...xs), y, { stroke: col, "stroke-width": 1 }));
  // avoid overlapping labels: skip a label closer than ~its width to the previous drawn one
  let lastRight = -Infinity;
  const sorted = [...ticks].sort((a, b) => a.x - b.x);
  for (const t of sorted) {
    parts.push(line(t.x, y, t.x, y - 4, { stroke: col, "stroke-width": 1 }));
    const w = t.label.length * fs * 0.6;
    if (t.x - w / 2 >= lastRight + 2) {
      parts.push(
        text(t.x, opts.labelsBelow ? y + fs + 2 : y - 6, t.label, {
          "text-anchor": "middle",
          "font-size": fs,
          fill: col,
        }),
      );
      lastRight = t.x + w / 2;
    }
  }
  return parts.join("");
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
