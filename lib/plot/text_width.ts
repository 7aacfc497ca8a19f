/**
 * Width of text in the bundled DejaVu Sans (npm dejavu-fonts-ttf), from the font's own metrics: each
 * character's advance width (TrueType `hmtx`, glyph from the `cmap` format-4 subtable) in font units,
 * divided by `unitsPerEm` (`head`) and multiplied by the font size. No kerning (resvg and browsers kern
 * DejaVu little at small sizes), so the result is an upper-bound-like estimate good to about 1 %.
 * Used to size margins from the labels instead of fixed pixel values.
 * Reference: Apple TrueType Reference Manual, tables 'head', 'hhea', 'hmtx', 'cmap'.
 */

interface FontMetrics {
  readonly unitsPerEm: number;
  readonly advance: (codePoint: number) => number;
}

let cached: FontMetrics | null = null;

function loadMetrics(): FontMetrics {
  if (cached) return cached;
  const path = new URL(import.meta.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")).pathname;
  const buf = Deno.readFileSync(path);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tables = new Map<string, number>();
  const numTables = dv.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(...buf.subarray(rec, rec + 4));
    tables.set(tag, dv.getUint32(rec + 8));
  }
  const need = (t: string) => {
    const o = tables.get(t);
    if (o === undefined) throw new Error(`${path}: TrueType table "${t}" missing`);
    return o;
  };
  const unitsPerEm = dv.getUint16(need("head") + 18);
  const nHMetrics = dv.getUint16(need("hhea") + 34);
  const hmtx = need("hmtx");
  const adv = (glyph: number) => dv.getUint16(hmtx + 4 * Math.min(glyph, nHMetrics - 1));
  // cmap: the Unicode BMP format-4 subtable
  const cmap = need("cmap");
  let sub = -1;
  for (let i = 0; i < dv.getUint16(cmap + 2); i++) {
    const pid = dv.getUint16(cmap + 4 + 8 * i);
    const eid = dv.getUint16(cmap + 6 + 8 * i);
    const off = cmap + dv.getUint32(cmap + 8 + 8 * i);
    if (dv.getUint16(off) === 4 && ((pid === 3 && eid === 1) || pid === 0)) {
      sub = off;
      break;
    }
  }
  if (sub < 0) throw new Error(`${path}: no Unicode format-4 cmap`);
  const segX2 = dv.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  const glyphOf = (c: number): number => {
    for (let s = 0; s < segX2; s += 2) {
      if (c > dv.getUint16(ends + s)) continue;
      const start = dv.getUint16(starts + s);
      if (c < start) return 0;
      const ro = dv.getUint16(ranges + s);
      const delta = dv.getInt16(deltas + s);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = dv.getUint16(ranges + s + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const memo = new Map<number, number>();
  cached = {
    unitsPerEm,
    advance: (c) => {
      let a = memo.get(c);
      if (a === undefined) memo.set(c, a = adv(glyphOf(c)));
      return a;
    },
  };
  return cached;
}

/** Width in CSS pixels of `text` set in DejaVu Sans at `fontSize` px (default 10, the figures' size). */
export function textWidth(text: string, fontSize = 10): number {
  const m = loadMetrics();
  let units = 0;
  for (const ch of text) units += m.advance(ch.codePointAt(0)!);
  return (units / m.unitsPerEm) * fontSize;
}

/** The widest of several labels, in CSS pixels (0 for none). */
export function maxTextWidth(labels: readonly string[], fontSize = 10): number {
  return labels.reduce((w, s) => Math.max(w, textWidth(s, fontSize)), 0);
}
