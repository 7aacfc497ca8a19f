/**
 * Width of text in the bundled DejaVu Sans (npm dejavu-fonts-ttf), from the font's own metrics: each
 * character's advance width (TrueType `hmtx`, glyph from the `cmap` format-4 subtable) in font units,
 * divided by `unitsPerEm` (`head`) and multiplied by the font size. No kerning (resvg and browsers kern
 * DejaVu little at small sizes), so the result is an upper-bound-like estimate good to about 1 %.
 * Used to size margins from the labels instead of fixed pixel values.
 * Reference: Apple TrueType Reference Manual, tables 'head', 'hhea', 'hmtx', 'cmap'.
 */

import { dejaVu } from "./ttf.ts";

/**
 * Width in CSS pixels of `text` set in DejaVu Sans (Bold with `bold`) at `fontSize` px (default 10,
 * the figures' size).
 */
export function textWidth(text: string, fontSize = 10, bold = false): number {
  const f = dejaVu(bold);
  let units = 0;
  for (const ch of text) units += f.advance(f.glyphOf(ch.codePointAt(0)!));
  return (units / f.unitsPerEm) * fontSize;
}

/** The widest of several labels, in CSS pixels (0 for none). */
export function maxTextWidth(labels: readonly string[], fontSize = 10): number {
  return labels.reduce((w, s) => Math.max(w, textWidth(s, fontSize)), 0);
}
