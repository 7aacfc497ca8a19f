import { assert, assertEquals } from "../assert.ts";
import { unzlibSync } from "fflate";
import { plotFigure, svgFigure } from "../../lib/plot/figure.ts";
import { toPdf } from "../../lib/plot/pdf.ts";
import { dejaVu, parseTrueType } from "../../lib/plot/ttf.ts";
import * as Plot from "@observablehq/plot";

const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");

const FIG = plotFigure({
  width: 400,
  height: 300,
  x: { label: "Time (months)" },
  y: { label: "AUC", domain: [0, 1] },
  marks: [
    Plot.areaY([{ t: 0, lo: 0.4, hi: 0.8 }, { t: 12, lo: 0.5, hi: 0.9 }], {
      x: "t",
      y1: "lo",
      y2: "hi",
      fill: "#d62728",
      fillOpacity: 0.1,
    }),
    Plot.line([{ t: 0, v: 0.6 }, { t: 12, v: 0.7 }], {
      x: "t",
      y: "v",
      stroke: "#1f77b4",
      strokeDasharray: "4,3",
    }),
    Plot.dot([{ t: 6, v: 0.65 }], { x: "t", y: "v", fill: "white", stroke: "#2ca02c" }),
  ],
}, "A test figure");

/** Objects of a PDF by number, with their stream bytes inflated (FlateDecode). */
function parsePdf(
  pdf: Uint8Array,
): { text: string; objects: Map<number, { dict: string; stream?: Uint8Array }> } {
  const text = latin1(pdf);
  const objects = new Map<number, { dict: string; stream?: Uint8Array }>();
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  assertEquals(text.slice(startxref, startxref + 4), "xref", "startxref points at the xref table");
  const xref = /xref\n0 (\d+)\n([\s\S]*?)trailer/.exec(text.slice(startxref))!;
  const entries = xref[2].match(/.{20}/gs)!;
  assertEquals(entries.length, Number(xref[1]), "one 20-byte xref entry per object");
  for (let n = 1; n < entries.length; n++) {
    const off = Number(entries[n].slice(0, 10));
    const head = `${n} 0 obj\n`;
    assertEquals(text.slice(off, off + head.length), head, `xref offset of object ${n}`);
    const end = text.indexOf("\nendobj\n", off);
    const body = text.slice(off + head.length, end);
    const m = /^<< ([\s\S]*?) >>\nstream\n/.exec(body);
    if (m && /\/Length (\d+)/.test(m[1])) {
      const len = Number(/\/Filter \/FlateDecode \/Length (\d+)/.exec(m[1])![1]);
      const start = off + head.length + m[0].length;
      assertEquals(text.slice(start + len, start + len + 10), "\nendstream", `stream length of object ${n}`);
      objects.set(n, { dict: m[1], stream: unzlibSync(pdf.subarray(start, start + len)) });
    } else objects.set(n, { dict: body });
  }
  return { text, objects };
}

Deno.test("toPdf writes a one-page PDF whose xref, stream lengths and deflated streams are consistent", () => {
  const pdf = toPdf(FIG);
  const { text, objects } = parsePdf(pdf);
  assert(text.startsWith("%PDF-1.7\n"), "header");
  assert(/\/Type \/Pages \/Kids \[\d+ 0 R\] \/Count 1/.test(text), "one page");
  assert(text.includes("/MediaBox [0 0 300 225]"), "page = figure size in pt (400 × 300 px)");
  assert(!/CreationDate|ModDate/.test(text), "no timestamps");
  assert(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/.test(text), "content-derived document id");
  const content = [...objects.values()].map((o) => o.stream ? latin1(o.stream) : "").join("\n");
  assert(/BT\n\/F1 10 Tf/.test(content), "text set in F1 at 10 px");
  assert(content.includes("[4 3] 0 d"), "dashed line kept");
  assert(/\/GS\d+ gs/.test(content) && text.includes("/ca 0.1"), "fill opacity as an ExtGState");
});

Deno.test("toPdf embeds a subset DejaVu Sans that parses and keeps the outlines of the glyphs used", () => {
  const { text, objects } = parsePdf(toPdf(FIG));
  assert(/\/BaseFont \/[A-Z]{6}\+DejaVuSans \/Encoding \/Identity-H/.test(text), "Type 0 font, subset name");
  const fileObj = [...objects.values()].find((o) => o.dict.includes("/Length1"))!;
  assert(fileObj && fileObj.stream, "FontFile2 stream");
  assertEquals(Number(/\/Length1 (\d+)/.exec(fileObj.dict)![1]), fileObj.stream!.length, "Length1");
  const full = dejaVu();
  const sub = parseTrueType(fileObj.stream!, "subset", "DejaVuSans");
  assertEquals(sub.numGlyphs, full.numGlyphs, "glyph ids kept");
  const g = (ch: string) => full.glyphOf(ch.codePointAt(0)!);
  for (const ch of "AUC") {
    assertEquals(sub.outlineLength(g(ch)), full.outlineLength(g(ch)), `outline of "${ch}"`);
  }
  assert(full.outlineLength(g("Q")) > 0 && sub.outlineLength(g("Q")) === 0, "unused glyph emptied");
  assert(fileObj.stream!.length < 60_000, `subset is small: ${fileObj.stream!.length} bytes`);
  // the ToUnicode map names the characters drawn ("AUC", "Time (months)")
  const toUni = [...objects.values()].map((o) => o.stream ? latin1(o.stream) : "").find((s) =>
    s.includes("beginbfchar")
  )!;
  const hex = (ch: string) => full.glyphOf(ch.codePointAt(0)!).toString(16).padStart(4, "0");
  for (const ch of "AUCTime(months)") {
    assert(
      toUni.includes(`<${hex(ch)}> <${ch.codePointAt(0)!.toString(16).padStart(4, "0")}>`),
      `glyph of "${ch}"`,
    );
  }
});

Deno.test("toPdf gives the same bytes for the same figure, different ones for a different figure", () => {
  assertEquals(toPdf(FIG), toPdf(FIG));
  const other = svgFigure(
    `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><text x="50" y="20" text-anchor="middle" font-weight="bold">p &lt; 0.001</text><path d="M10 40 A 10 10 0 0 1 30 40 Z" fill="none" stroke="black"/></svg>`,
    100,
    50,
  );
  const pdf = toPdf(other);
  assert(latin1(pdf) !== latin1(toPdf(FIG)), "different figure, different bytes");
  const { objects } = parsePdf(pdf);
  const content = [...objects.values()].map((o) => o.stream ? latin1(o.stream) : "").join("\n");
  assert(/\/F2 16 Tf/.test(content), "bold text in the bold font (F2), SVG default size 16");
  // "p < 0.001" is one run centred at x = 50: starts at 50 − width/2
  const w = [..."p < 0.001"].reduce(
    (s, ch) => s + dejaVu(true).advance(dejaVu(true).glyphOf(ch.codePointAt(0)!)),
    0,
  ) /
    dejaVu(true).unitsPerEm * 16;
  const tm = /1 0 0 -1 ([\d.]+) 20 Tm/.exec(content)!;
  assert(Math.abs(Number(tm[1]) - (50 - w / 2)) < 1e-3, `centred run at ${tm[1]}`);
  assert(/ c\n/.test(content), "arc drawn as Bézier curves");
});
