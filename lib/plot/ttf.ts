/**
 * A small TrueType reader for the bundled DejaVu fonts (npm dejavu-fonts-ttf): character → glyph
 * (`cmap` format-4 subtable), advance widths (`hmtx`), vertical metrics (`head`, `hhea`) and a subset
 * writer for embedding in PDF. The subset keeps every glyph id (so text can be written as glyph ids
 * with an Identity CID map) but empties the outlines of unused glyphs, keeping the components of
 * composite glyphs; only the tables a PDF TrueType program needs are written
 * (head, hhea, maxp, hmtx, loca, glyf, cvt, fpgm, prep), checksums recomputed.
 * No clock or randomness: the same glyph set gives the same bytes.
 * Reference: Apple TrueType Reference Manual / OpenType spec, tables 'head', 'hhea', 'maxp', 'hmtx',
 * 'loca', 'glyf' (composite glyph flags), 'cmap'; ISO 32000-1 §9.9 (embedded font programs).
 */

/** A parsed TrueType font. */
export interface TrueTypeFont {
  /** File the font was read from (for messages). */
  readonly path: string;
  /** PostScript-like name used in PDF (`DejaVuSans`, `DejaVuSans-Bold`). */
  readonly name: string;
  readonly unitsPerEm: number;
  readonly numGlyphs: number;
  /** hhea ascender and descender (font units; descender negative). */
  readonly ascent: number;
  readonly descent: number;
  /** head xMin, yMin, xMax, yMax (font units). */
  readonly bbox: readonly [number, number, number, number];
  /** Glyph id of a Unicode code point (0, the missing glyph, outside the BMP or when unmapped). */
  glyphOf(codePoint: number): number;
  /** Advance width of a glyph in font units. */
  advance(glyph: number): number;
  /** Bytes of a glyph's outline in `glyf` (0 for an empty glyph). */
  outlineLength(glyph: number): number;
  /** A font program keeping only the outlines of `glyphs` (plus glyph 0 and composite components). */
  subset(glyphs: Iterable<number>): Uint8Array;
}

const cache = new Map<string, TrueTypeFont>();

/** The bundled DejaVu Sans (regular or bold), parsed once per process. */
export function dejaVu(bold = false): TrueTypeFont {
  const file = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
  const path = new URL(import.meta.resolve(`dejavu-fonts-ttf/ttf/${file}`)).pathname;
  let f = cache.get(path);
  if (!f) {
    f = parseTrueType(Deno.readFileSync(path), path, bold ? "DejaVuSans-Bold" : "DejaVuSans");
    cache.set(path, f);
  }
  return f;
}

/** Parse TrueType bytes (`path` and `name` are used in messages and as the font's name). */
export function parseTrueType(buf: Uint8Array, path: string, name: string): TrueTypeFont {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  const numTables = dv.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(...buf.subarray(rec, rec + 4));
    tables.set(tag, { offset: dv.getUint32(rec + 8), length: dv.getUint32(rec + 12) });
  }
  const need = (t: string) => {
    const o = tables.get(t);
    if (o === undefined) throw new Error(`${path}: TrueType table "${t}" missing`);
    return o;
  };
  const head = need("head").offset;
  const unitsPerEm = dv.getUint16(head + 18);
  const bbox = [
    dv.getInt16(head + 36),
    dv.getInt16(head + 38),
    dv.getInt16(head + 40),
    dv.getInt16(head + 42),
  ] as const;
  const longLoca = dv.getInt16(head + 50) === 1;
  const hhea = need("hhea").offset;
  const ascent = dv.getInt16(hhea + 4);
  const descent = dv.getInt16(hhea + 6);
  const nHMetrics = dv.getUint16(hhea + 34);
  const numGlyphs = dv.getUint16(need("maxp").offset + 4);
  const hmtx = need("hmtx").offset;
  const advance = (g: number) => dv.getUint16(hmtx + 4 * Math.min(g, nHMetrics - 1));
  // cmap: the Unicode BMP format-4 subtable (absent from subsets, which are addressed by glyph id)
  const cmap = tables.get("cmap")?.offset ?? -1;
  let sub = -1;
  for (let i = 0; cmap >= 0 && i < dv.getUint16(cmap + 2); i++) {
    const pid = dv.getUint16(cmap + 4 + 8 * i);
    const eid = dv.getUint16(cmap + 6 + 8 * i);
    const off = cmap + dv.getUint32(cmap + 8 + 8 * i);
    if (dv.getUint16(off) === 4 && ((pid === 3 && eid === 1) || pid === 0)) {
      sub = off;
      break;
    }
  }
  if (sub < 0 && cmap >= 0) throw new Error(`${path}: no Unicode format-4 cmap`);
  const segX2 = sub < 0 ? 0 : dv.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  const memo = new Map<number, number>();
  const glyphOf = (c: number): number => {
    const hit = memo.get(c);
    if (hit !== undefined) return hit;
    let g = 0;
    if (c <= 0xffff) {
      for (let s = 0; s < segX2; s += 2) {
        if (c > dv.getUint16(ends + s)) continue;
        const start = dv.getUint16(starts + s);
        if (c < start) break;
        const ro = dv.getUint16(ranges + s);
        const delta = dv.getInt16(deltas + s);
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          const v = dv.getUint16(ranges + s + ro + 2 * (c - start));
          g = v === 0 ? 0 : (v + delta) & 0xffff;
        }
        break;
      }
    }
    memo.set(c, g);
    return g;
  };
  const loca = need("loca").offset;
  const glyf = need("glyf").offset;
  const glyphRange = (g: number): [number, number] =>
    longLoca
      ? [dv.getUint32(loca + 4 * g), dv.getUint32(loca + 4 * g + 4)]
      : [2 * dv.getUint16(loca + 2 * g), 2 * dv.getUint16(loca + 2 * g + 2)];

  function subset(glyphs: Iterable<number>): Uint8Array {
    const keep = new Set<number>([0]);
    const stack = [...glyphs].filter((g) => g >= 0 && g < numGlyphs);
    while (stack.length) {
      const g = stack.pop()!;
      if (keep.has(g) && g !== 0) continue;
      keep.add(g);
      const [a, b] = glyphRange(g);
      if (b - a < 10 || dv.getInt16(glyf + a) >= 0) continue;
      // composite glyph: add its components
      let p = glyf + a + 10;
      for (;;) {
        const flags = dv.getUint16(p);
        const comp = dv.getUint16(p + 2);
        if (!keep.has(comp)) stack.push(comp);
        p += 4 + (flags & 0x0001 ? 4 : 2);
        if (flags & 0x0008) p += 2;
        else if (flags & 0x0040) p += 4;
        else if (flags & 0x0080) p += 8;
        if (!(flags & 0x0020)) break;
      }
    }
    // glyf and (long) loca with empty outlines for dropped glyphs
    const parts: Uint8Array[] = [];
    const locaOut = new DataView(new ArrayBuffer(4 * (numGlyphs + 1)));
    let pos = 0;
    for (let g = 0; g < numGlyphs; g++) {
      locaOut.setUint32(4 * g, pos);
      if (!keep.has(g)) continue;
      const [a, b] = glyphRange(g);
      const len = b - a;
      if (len === 0) continue;
      const padded = new Uint8Array((len + 3) & ~3);
      padded.set(buf.subarray(glyf + a, glyf + b));
      parts.push(padded);
      pos += padded.length;
    }
    locaOut.setUint32(4 * numGlyphs, pos);
    const glyfOut = concat(parts);
    const headOut = buf.slice(head, head + need("head").length);
    new DataView(headOut.buffer).setUint32(8, 0); // checkSumAdjustment, set below
    new DataView(headOut.buffer).setInt16(50, 1); // long loca
    // hmtx: metrics of dropped glyphs zeroed (PDF takes widths from /W)
    const hm = need("hmtx");
    const hmtxOut = buf.slice(hm.offset, hm.offset + hm.length);
    const hdv = new DataView(hmtxOut.buffer);
    for (let g = 0; g < nHMetrics; g++) if (!keep.has(g)) hdv.setUint32(4 * g, 0);
    const out = new Map<string, Uint8Array>([
      ["head", headOut],
      ["hhea", buf.slice(hhea, hhea + need("hhea").length)],
      ["maxp", buf.slice(need("maxp").offset, need("maxp").offset + need("maxp").length)],
      ["hmtx", hmtxOut],
      ["loca", new Uint8Array(locaOut.buffer)],
      ["glyf", glyfOut],
    ]);
    for (const t of ["cvt ", "fpgm", "prep"]) {
      const r = tables.get(t);
      if (r) out.set(t, buf.slice(r.offset, r.offset + r.length));
    }
    return writeSfnt(out);
  }

  return {
    path,
    name,
    unitsPerEm,
    numGlyphs,
    ascent,
    descent,
    bbox,
    glyphOf,
    advance,
    outlineLength: (g) => {
      const [a, b] = glyphRange(g);
      return b - a;
    },
    subset,
  };
}

/** The bytes of `parts` one after another. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function checksum(b: Uint8Array): number {
  const padded = new Uint8Array((b.length + 3) & ~3);
  padded.set(b);
  const dv = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + dv.getUint32(i)) >>> 0;
  return sum;
}

/** An sfnt file of the given tables (tags sorted, 4-byte aligned, checksums and head adjustment set). */
function writeSfnt(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const es = Math.floor(Math.log2(n));
  const headerLen = 12 + 16 * n;
  let total = headerLen;
  for (const t of tags) total += (tables.get(t)!.length + 3) & ~3;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x00010000);
  dv.setUint16(4, n);
  dv.setUint16(6, 16 * 2 ** es);
  dv.setUint16(8, es);
  dv.setUint16(10, 16 * n - 16 * 2 ** es);
  let off = headerLen;
  let headOff = -1;
  tags.forEach((t, i) => {
    const data = tables.get(t)!;
    const rec = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[rec + k] = t.charCodeAt(k);
    dv.setUint32(rec + 4, checksum(data));
    dv.setUint32(rec + 8, off);
    dv.setUint32(rec + 12, data.length);
    out.set(data, off);
    if (t === "head") headOff = off;
    off += (data.length + 3) & ~3;
  });
  if (headOff >= 0) dv.setUint32(headOff + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
