/**
 * SVG → PDF (vector), for the SVG subset the workspace's figures use: Observable Plot's output and the
 * hand-drawn nomogram, KM and slice figures. Supported: nested `svg` (x, y, viewBox), `g`, `rect`,
 * `line`, `circle`, `ellipse`, `polyline`, `polygon`, `path` (M L H V C S Q T A Z, absolute and
 * relative), `text`/`tspan` (x, y, dx, dy in px or em, text-anchor), `clipPath` (rect/path children),
 * presentation attributes and inline `style` (fill, stroke, opacities, stroke-width, dasharray,
 * linecap/join, fill-rule, font-size, font-weight), `transform` (matrix, translate, scale, rotate,
 * skewX/Y). `<style>` sheets, filters, gradients and markers are ignored.
 *
 * Text is set in the bundled DejaVu Sans / DejaVu Sans Bold, embedded as subset TrueType fonts
 * (Type 0, Identity-H, with a ToUnicode map so text can be searched and copied). One page of the
 * figure's size (1 CSS px = 0.75 pt). Deterministic: no creation date, the document /ID and subset
 * tags derive from the content, streams are deflated with fixed settings, so the same SVG gives the
 * same bytes.
 * Reference: ISO 32000-1:2008 (PDF 1.7) §7 (syntax), §8 (graphics), §9.7 (CID fonts); SVG 1.1 §8
 * (paths, arc implementation notes F.6).
 */
import { DOMParser } from "linkedom";
import { zlibSync } from "fflate";
import type { Figure } from "./figure.ts";
import { concat, dejaVu, type TrueTypeFont } from "./ttf.ts";

type Matrix = [number, number, number, number, number, number];
type Rgb = readonly [number, number, number];

interface Style {
  fill: Rgb | null;
  stroke: Rgb | null;
  color: Rgb;
  fillOpacity: number;
  strokeOpacity: number;
  opacity: number;
  strokeWidth: number;
  dash: number[] | null;
  linecap: number;
  linejoin: number;
  miterlimit: number;
  evenOdd: boolean;
  fontSize: number;
  bold: boolean;
  anchor: "start" | "middle" | "end";
  /** Viewport size (for % lengths). */
  vw: number;
  vh: number;
}

const NAMED: Readonly<Record<string, Rgb>> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  lightgray: [211, 211, 211],
  lightgrey: [211, 211, 211],
  darkgray: [169, 169, 169],
  steelblue: [70, 130, 180],
  orange: [255, 165, 0],
  yellow: [255, 255, 0],
  purple: [128, 0, 128],
};

/** Parse an SVG paint: null for none, "current" for currentColor, else RGB (alpha multiplied in). */
function parsePaint(v: string, style: Style): { rgb: Rgb | null; alpha: number } | undefined {
  const s = v.trim().toLowerCase();
  if (s === "none" || s === "transparent") return { rgb: null, alpha: 1 };
  if (s === "currentcolor") return { rgb: style.color, alpha: 1 };
  if (s.startsWith("url(")) return undefined; // gradients/patterns: not supported, keep inherited
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) {
    return { rgb: [...m[1]].map((c) => parseInt(c + c, 16)) as unknown as Rgb, alpha: 1 };
  }
  m = /^#([0-9a-f]{6})$/.exec(s);
  if (m) {
    const n = parseInt(m[1], 16);
    return { rgb: [(n >> 16) & 255, (n >> 8) & 255, n & 255], alpha: 1 };
  }
  m = /^rgba?\(([^)]*)\)$/.exec(s);
  if (m) {
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map((x) =>
      x.endsWith("%") ? (parseFloat(x) * 2.55) : parseFloat(x)
    );
    return { rgb: [p[0], p[1], p[2]], alpha: p.length > 3 ? (m[1].includes("%") ? p[3] / 255 : p[3]) : 1 };
  }
  const named = NAMED[s];
  if (named) return { rgb: named, alpha: 1 };
  return undefined;
}

function num(v: string | null | undefined, fontSize: number, ref = 0): number {
  if (v === null || v === undefined || v === "") return 0;
  const s = v.trim();
  const x = parseFloat(s);
  if (!Number.isFinite(x)) return 0;
  if (s.endsWith("em")) return x * fontSize;
  if (s.endsWith("%")) return (x / 100) * ref;
  if (s.endsWith("pt")) return x * 4 / 3;
  return x;
}

function mul(a: Matrix, b: Matrix): Matrix {
  // a then b applied as in PDF's cm: result = b × a (row vectors)
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

/** SVG transform list → one matrix (applied to an element's own coordinates). */
function parseTransform(t: string): Matrix {
  let m: Matrix = [1, 0, 0, 1, 0, 0];
  for (const [, op, args] of t.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const a = args.split(/[\s,]+/).filter(Boolean).map(Number);
    let k: Matrix;
    switch (op) {
      case "matrix":
        k = [a[0], a[1], a[2], a[3], a[4], a[5]];
        break;
      case "translate":
        k = [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0];
        break;
      case "scale":
        k = [a[0], 0, 0, a[1] ?? a[0], 0, 0];
        break;
      case "rotate": {
        const r = ((a[0] ?? 0) * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
        const cx = a[1] ?? 0, cy = a[2] ?? 0;
        k = mul(mul([1, 0, 0, 1, -cx, -cy], [c, s, -s, c, 0, 0]), [1, 0, 0, 1, cx, cy]);
        break;
      }
      case "skewX":
        k = [1, 0, Math.tan((a[0] * Math.PI) / 180), 1, 0, 0];
        break;
      case "skewY":
        k = [1, Math.tan((a[0] * Math.PI) / 180), 0, 1, 0, 0];
        break;
      default:
        continue;
    }
    // SVG: "A B" means x' = A(B(x)): B applies first
    m = mul(k, m);
  }
  return m;
}

/** Fixed-point number text for PDF (at most 3 decimals, no exponent, no "-0"). */
function f(x: number): string {
  const r = Math.round(x * 1000) / 1000;
  if (r === 0 || !Number.isFinite(r)) return "0";
  return String(r);
}

/** Path data → PDF path operators (absolute coordinates); arcs become cubic Béziers. */
function pathOps(d: string): string {
  const toks = d.match(/[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  const out: string[] = [];
  let i = 0, cx = 0, cy = 0, sx = 0, sy = 0, cmd = "";
  let lastC: [number, number] | null = null, lastQ: [number, number] | null = null;
  const nextNum = () => Number(toks[i++]);
  const isNum = () => i < toks.length && !/^[a-zA-Z]$/.test(toks[i]);
  while (i < toks.length) {
    if (/^[a-zA-Z]$/.test(toks[i])) cmd = toks[i++];
    else if (!cmd) break;
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? cx : 0, oy = rel ? cy : 0;
    const C = cmd.toUpperCase();
    let cc: [number, number] | null = null, qq: [number, number] | null = null;
    if (C === "Z") {
      out.push("h");
      cx = sx;
      cy = sy;
      cmd = "";
      lastC = lastQ = null;
      continue;
    }
    if (!isNum()) break;
    if (C === "M") {
      cx = ox + nextNum();
      cy = oy + nextNum();
      sx = cx;
      sy = cy;
      out.push(`${f(cx)} ${f(cy)} m`);
      cmd = rel ? "l" : "L";
    } else if (C === "L") {
      cx = ox + nextNum();
      cy = oy + nextNum();
      out.push(`${f(cx)} ${f(cy)} l`);
    } else if (C === "H") {
      cx = ox + nextNum();
      out.push(`${f(cx)} ${f(cy)} l`);
    } else if (C === "V") {
      cy = oy + nextNum();
      out.push(`${f(cx)} ${f(cy)} l`);
    } else if (C === "C" || C === "S") {
      let x1: number, y1: number;
      if (C === "C") {
        x1 = ox + nextNum();
        y1 = oy + nextNum();
      } else {
        x1 = lastC ? 2 * cx - lastC[0] : cx;
        y1 = lastC ? 2 * cy - lastC[1] : cy;
      }
      const x2 = ox + nextNum(), y2 = oy + nextNum();
      cx = ox + nextNum();
      cy = oy + nextNum();
      out.push(`${f(x1)} ${f(y1)} ${f(x2)} ${f(y2)} ${f(cx)} ${f(cy)} c`);
      cc = [x2, y2];
    } else if (C === "Q" || C === "T") {
      let qx: number, qy: number;
      if (C === "Q") {
        qx = ox + nextNum();
        qy = oy + nextNum();
      } else {
        qx = lastQ ? 2 * cx - lastQ[0] : cx;
        qy = lastQ ? 2 * cy - lastQ[1] : cy;
      }
      const x = ox + nextNum(), y = oy + nextNum();
      out.push(
        `${f(cx + (2 / 3) * (qx - cx))} ${f(cy + (2 / 3) * (qy - cy))} ${f(x + (2 / 3) * (qx - x))} ${
          f(y + (2 / 3) * (qy - y))
        } ${f(x)} ${f(y)} c`,
      );
      cx = x;
      cy = y;
      qq = [qx, qy];
    } else if (C === "A") {
      const rx = nextNum(), ry = nextNum(), phi = nextNum(), large = nextNum(), sweep = nextNum();
      const x = ox + nextNum(), y = oy + nextNum();
      out.push(...arcOps(cx, cy, rx, ry, phi, large !== 0, sweep !== 0, x, y));
      cx = x;
      cy = y;
    } else {
      throw new Error(`SVG → PDF: path command "${cmd}" not supported (path d="${d.slice(0, 40)}…")`);
    }
    lastC = cc;
    lastQ = qq;
  }
  return out.join("\n");
}

/** SVG elliptical arc (endpoint form) → cubic Béziers (SVG 1.1 implementation notes F.6.5). */
function arcOps(
  x1: number,
  y1: number,
  rx: number,
  ry: number,
  phiDeg: number,
  large: boolean,
  sweep: boolean,
  x2: number,
  y2: number,
): string[] {
  if (rx === 0 || ry === 0 || (x1 === x2 && y1 === y2)) return [`${f(x2)} ${f(y2)} l`];
  rx = Math.abs(rx);
  ry = Math.abs(ry);
  const phi = (phiDeg * Math.PI) / 180, cp = Math.cos(phi), sp = Math.sin(phi);
  const dx = (x1 - x2) / 2, dy = (y1 - y2) / 2;
  const x1p = cp * dx + sp * dy, y1p = -sp * dx + cp * dy;
  const lam = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lam > 1) {
    rx *= Math.sqrt(lam);
    ry *= Math.sqrt(lam);
  }
  const num_ = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  let co = Math.sqrt(Math.max(0, num_ / den));
  if (large === sweep) co = -co;
  const cxp = (co * rx * y1p) / ry, cyp = (-co * ry * x1p) / rx;
  const cx = cp * cxp - sp * cyp + (x1 + x2) / 2, cy = sp * cxp + cp * cyp + (y1 + y2) / 2;
  const ang = (ux: number, uy: number, vx: number, vy: number) => {
    const a = Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    return a;
  };
  const t1 = ang(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let dt = ang((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && dt > 0) dt -= 2 * Math.PI;
  if (sweep && dt < 0) dt += 2 * Math.PI;
  const segs = Math.ceil(Math.abs(dt) / (Math.PI / 2) - 1e-9);
  const out: string[] = [];
  const delta = dt / segs;
  const k = (4 / 3) * Math.tan(delta / 4);
  const pt = (t: number): [number, number] => [
    cx + rx * Math.cos(t) * cp - ry * Math.sin(t) * sp,
    cy + rx * Math.cos(t) * sp + ry * Math.sin(t) * cp,
  ];
  const der = (t: number): [number, number] => [
    -rx * Math.sin(t) * cp - ry * Math.cos(t) * sp,
    -rx * Math.sin(t) * sp + ry * Math.cos(t) * cp,
  ];
  let t = t1;
  for (let s = 0; s < segs; s++) {
    const ta = t, tb = t + delta;
    const [ax, ay] = pt(ta), [bx, by] = pt(tb);
    const [dax, day] = der(ta), [dbx, dby] = der(tb);
    out.push(
      `${f(ax + k * dax)} ${f(ay + k * day)} ${f(bx - k * dbx)} ${f(by - k * dby)} ${f(bx)} ${f(by)} c`,
    );
    t = tb;
  }
  return out;
}

function ellipseOps(cx: number, cy: number, rx: number, ry: number): string {
  const k = 0.5522847498;
  return [
    `${f(cx + rx)} ${f(cy)} m`,
    `${f(cx + rx)} ${f(cy + k * ry)} ${f(cx + k * rx)} ${f(cy + ry)} ${f(cx)} ${f(cy + ry)} c`,
    `${f(cx - k * rx)} ${f(cy + ry)} ${f(cx - rx)} ${f(cy + k * ry)} ${f(cx - rx)} ${f(cy)} c`,
    `${f(cx - rx)} ${f(cy - k * ry)} ${f(cx - k * rx)} ${f(cy - ry)} ${f(cx)} ${f(cy - ry)} c`,
    `${f(cx + k * rx)} ${f(cy - ry)} ${f(cx + rx)} ${f(cy - k * ry)} ${f(cx + rx)} ${f(cy)} c`,
    "h",
  ].join("\n");
}

interface FontUse {
  readonly font: TrueTypeFont;
  readonly res: string;
  /** glyph → Unicode text (for ToUnicode). */
  readonly glyphs: Map<number, string>;
}

/** Accumulates content, fonts and transparency states while walking the SVG tree. */
class Writer {
  readonly ops: string[] = [];
  readonly fonts = new Map<boolean, FontUse>();
  readonly alphas = new Map<string, string>();
  readonly clips = new Map<string, Element>();

  font(bold: boolean): FontUse {
    let u = this.fonts.get(bold);
    if (!u) {
      u = { font: dejaVu(bold), res: bold ? "F2" : "F1", glyphs: new Map() };
      this.fonts.set(bold, u);
    }
    return u;
  }

  alpha(ca: number, CA: number): string | null {
    if (ca >= 1 && CA >= 1) return null;
    const key = `${f(ca)} ${f(CA)}`;
    let name = this.alphas.get(key);
    if (!name) {
      name = `GS${this.alphas.size + 1}`;
      this.alphas.set(key, name);
    }
    return name;
  }
}

const SKIP = new Set(["defs", "style", "title", "desc", "metadata", "clippath", "mask", "lineargradient"]);

function applyStyle(el: Element, parent: Style): Style {
  const s: Style = { ...parent, opacity: parent.opacity };
  const decl = new Map<string, string>();
  for (const a of Array.from(el.attributes)) decl.set(a.name, a.value);
  const inline = el.getAttribute("style");
  if (inline) {
    for (const part of inline.split(";")) {
      const k = part.indexOf(":");
      if (k > 0) decl.set(part.slice(0, k).trim(), part.slice(k + 1).trim());
    }
  }
  const color = decl.get("color");
  if (color) {
    const p = parsePaint(color, s);
    if (p?.rgb) s.color = p.rgb;
  }
  const fs = decl.get("font-size");
  if (fs) s.fontSize = num(fs, parent.fontSize, parent.fontSize);
  const fw = decl.get("font-weight");
  if (fw) s.bold = fw === "bold" || fw === "bolder" || Number(fw) >= 600;
  const ta = decl.get("text-anchor");
  if (ta === "start" || ta === "middle" || ta === "end") s.anchor = ta;
  let fillAlpha = 1, strokeAlpha = 1;
  const fill = decl.get("fill");
  if (fill) {
    const p = parsePaint(fill, s);
    if (p) {
      s.fill = p.rgb;
      fillAlpha = p.alpha;
    }
  }
  const stroke = decl.get("stroke");
  if (stroke) {
    const p = parsePaint(stroke, s);
    if (p) {
      s.stroke = p.rgb;
      strokeAlpha = p.alpha;
    }
  }
  const fo = decl.get("fill-opacity");
  s.fillOpacity = (fo !== undefined ? Number(fo) : parent.fillOpacity) * fillAlpha;
  const so = decl.get("stroke-opacity");
  s.strokeOpacity = (so !== undefined ? Number(so) : parent.strokeOpacity) * strokeAlpha;
  const op = decl.get("opacity");
  if (op !== undefined) s.opacity = parent.opacity * Number(op);
  const sw = decl.get("stroke-width");
  if (sw) s.strokeWidth = num(sw, s.fontSize, Math.hypot(s.vw, s.vh) / Math.SQRT2);
  const da = decl.get("stroke-dasharray");
  if (da) {
    const v = da === "none" ? [] : da.split(/[\s,]+/).filter(Boolean).map((x) => num(x, s.fontSize));
    s.dash = v.length && v.some((x) => x > 0) ? (v.length % 2 ? [...v, ...v] : v) : null;
  }
  const lc = decl.get("stroke-linecap");
  if (lc) s.linecap = lc === "round" ? 1 : lc === "square" ? 2 : 0;
  const lj = decl.get("stroke-linejoin");
  if (lj) s.linejoin = lj === "round" ? 1 : lj === "bevel" ? 2 : 0;
  const ml = decl.get("stroke-miterlimit");
  if (ml) s.miterlimit = Number(ml);
  const fr = decl.get("fill-rule");
  if (fr) s.evenOdd = fr === "evenodd";
  return s;
}

function rgbOp(c: Rgb, op: "rg" | "RG"): string {
  return `${f(c[0] / 255)} ${f(c[1] / 255)} ${f(c[2] / 255)} ${op}`;
}

function paint(w: Writer, s: Style, path: string, allowFill = true): void {
  const fill = allowFill ? s.fill : null;
  const stroke = s.stroke && s.strokeWidth > 0 ? s.stroke : null;
  if (!fill && !stroke) return;
  const out: string[] = ["q"];
  const gs = w.alpha(fill ? s.fillOpacity * s.opacity : 1, stroke ? s.strokeOpacity * s.opacity : 1);
  if (gs) out.push(`/${gs} gs`);
  if (fill) out.push(rgbOp(fill, "rg"));
  if (stroke) {
    out.push(rgbOp(stroke, "RG"), `${f(s.strokeWidth)} w`, `${s.linecap} J`, `${s.linejoin} j`);
    if (s.miterlimit !== 4) out.push(`${f(Math.max(1, s.miterlimit))} M`);
    if (s.dash) out.push(`[${s.dash.map(f).join(" ")}] 0 d`);
  }
  out.push(path);
  out.push(fill && stroke ? (s.evenOdd ? "B*" : "B") : fill ? (s.evenOdd ? "f*" : "f") : "S");
  out.push("Q");
  w.ops.push(out.join("\n"));
}

function drawText(w: Writer, s: Style, x: number, y: number, str: string): void {
  if (!s.fill || str.length === 0) return;
  const u = w.font(s.bold);
  const chars = [...str];
  let units = 0;
  const hex: string[] = [];
  for (const ch of chars) {
    const g = u.font.glyphOf(ch.codePointAt(0)!);
    units += u.font.advance(g);
    if (!u.glyphs.has(g)) u.glyphs.set(g, ch);
    hex.push(g.toString(16).padStart(4, "0"));
  }
  const width = (units / u.font.unitsPerEm) * s.fontSize;
  const x0 = s.anchor === "middle" ? x - width / 2 : s.anchor === "end" ? x - width : x;
  const gs = w.alpha(s.fillOpacity * s.opacity, 1);
  w.ops.push(
    [
      "q",
      ...(gs ? [`/${gs} gs`] : []),
      rgbOp(s.fill, "rg"),
      "BT",
      `/${u.res} ${f(s.fontSize)} Tf`,
      `1 0 0 -1 ${f(x0)} ${f(y)} Tm`,
      `<${hex.join("")}> Tj`,
      "ET",
      "Q",
    ].join("\n"),
  );
}

function textAdvance(s: Style, str: string): number {
  const font = dejaVu(s.bold);
  let units = 0;
  for (const ch of str) units += font.advance(font.glyphOf(ch.codePointAt(0)!));
  return (units / font.unitsPerEm) * s.fontSize;
}

function walk(w: Writer, el: Element, parent: Style): void {
  const tag = el.tagName.toLowerCase();
  if (tag === "clippath") {
    const id = el.getAttribute("id");
    if (id) w.clips.set(id, el);
    return;
  }
  if (SKIP.has(tag)) {
    for (const c of Array.from(el.querySelectorAll("clipPath, clippath"))) {
      const id = c.getAttribute("id");
      if (id) w.clips.set(id, c);
    }
    return;
  }
  if (el.getAttribute("display") === "none" || el.getAttribute("visibility") === "hidden") return;
  let s = applyStyle(el, parent);
  const pre: string[] = [];
  const tr = el.getAttribute("transform");
  if (tr) pre.push(`${parseTransform(tr).map(f).join(" ")} cm`);
  if (tag === "svg") {
    const x = num(el.getAttribute("x"), s.fontSize, parent.vw),
      y = num(el.getAttribute("y"), s.fontSize, parent.vh);
    const wAttr = el.getAttribute("width"), hAttr = el.getAttribute("height");
    const vb = el.getAttribute("viewBox")?.split(/[\s,]+/).map(Number);
    const vw = wAttr ? num(wAttr, s.fontSize, parent.vw) : vb?.[2] ?? parent.vw;
    const vh = hAttr ? num(hAttr, s.fontSize, parent.vh) : vb?.[3] ?? parent.vh;
    if (x || y) pre.push(`1 0 0 1 ${f(x)} ${f(y)} cm`);
    if (vb && vb.length === 4 && vb[2] > 0 && vb[3] > 0) {
      const sc = Math.min(vw / vb[2], vh / vb[3]);
      pre.push(`${f(sc)} 0 0 ${f(sc)} ${f(-vb[0] * sc)} ${f(-vb[1] * sc)} cm`);
      s = { ...s, vw: vb[2], vh: vb[3] };
    } else s = { ...s, vw, vh };
  }
  const clip = /url\(#([^)]+)\)/.exec(el.getAttribute("clip-path") ?? "")?.[1];
  if (clip && w.clips.has(clip)) {
    const parts: string[] = [];
    for (const c of Array.from(w.clips.get(clip)!.children)) {
      const p = shapeOps(c, s);
      if (p) {
        const ct = c.getAttribute("transform");
        parts.push(ct ? p /* clip-child transforms are rare; ignored */ : p);
      }
    }
    if (parts.length) pre.push(parts.join("\n"), "W n");
  }
  const wrap = pre.length > 0;
  if (wrap) w.ops.push("q", ...pre);
  if (tag === "svg" || tag === "g" || tag === "a") {
    for (const c of Array.from(el.children)) walk(w, c, s);
  } else if (tag === "text") {
    drawTextElement(w, el, s);
  } else {
    const p = shapeOps(el, s);
    if (p) paint(w, s, p, tag !== "line");
  }
  if (wrap) w.ops.push("Q");
}

function shapeOps(el: Element, s: Style): string | null {
  const tag = el.tagName.toLowerCase();
  const a = (n: string, ref = 0) => num(el.getAttribute(n), s.fontSize, ref);
  switch (tag) {
    case "rect": {
      const wd = a("width", s.vw), ht = a("height", s.vh);
      if (!(wd > 0 && ht > 0)) return null;
      return `${f(a("x", s.vw))} ${f(a("y", s.vh))} ${f(wd)} ${f(ht)} re`;
    }
    case "line":
      return `${f(a("x1", s.vw))} ${f(a("y1", s.vh))} m\n${f(a("x2", s.vw))} ${f(a("y2", s.vh))} l`;
    case "circle": {
      const r = a("r");
      return r > 0 ? ellipseOps(a("cx", s.vw), a("cy", s.vh), r, r) : null;
    }
    case "ellipse": {
      const rx = a("rx"), ry = a("ry");
      return rx > 0 && ry > 0 ? ellipseOps(a("cx", s.vw), a("cy", s.vh), rx, ry) : null;
    }
    case "polyline":
    case "polygon": {
      const p = (el.getAttribute("points") ?? "").split(/[\s,]+/).filter(Boolean).map(Number);
      if (p.length < 4) return null;
      const ops = [`${f(p[0])} ${f(p[1])} m`];
      for (let i = 2; i + 1 < p.length; i += 2) ops.push(`${f(p[i])} ${f(p[i + 1])} l`);
      if (tag === "polygon") ops.push("h");
      return ops.join("\n");
    }
    case "path": {
      const d = el.getAttribute("d");
      return d ? pathOps(d) || null : null;
    }
    default:
      return null;
  }
}

function drawTextElement(w: Writer, el: Element, s: Style): void {
  let x = num(el.getAttribute("x"), s.fontSize, s.vw) + num(el.getAttribute("dx"), s.fontSize, s.vw);
  let y = num(el.getAttribute("y"), s.fontSize, s.vh) + num(el.getAttribute("dy"), s.fontSize, s.vh);
  // adjacent text nodes (an XML parser may split text at entities) form one run
  let pending = "";
  const flush = () => {
    const str = pending.replace(/[\r\n\t]+/g, " ");
    pending = "";
    if (str.trim() === "") return;
    drawText(w, s, x, y, str);
    x += s.anchor === "start" ? textAdvance(s, str) : 0;
  };
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) pending += node.textContent ?? "";
    else if (node.nodeType === 1) {
      flush();
      const t = node as Element;
      if (t.tagName.toLowerCase() !== "tspan") continue;
      const ts = applyStyle(t, s);
      if (t.hasAttribute("x")) x = num(t.getAttribute("x"), ts.fontSize, s.vw);
      if (t.hasAttribute("y")) y = num(t.getAttribute("y"), ts.fontSize, s.vh);
      x += num(t.getAttribute("dx"), ts.fontSize, s.vw);
      y += num(t.getAttribute("dy"), ts.fontSize, s.vh);
      const str = (t.textContent ?? "").replace(/[\r\n\t]+/g, " ");
      drawText(w, ts, x, y, str);
      x += ts.anchor === "start" ? textAdvance(ts, str) : 0;
    }
  }
  flush();
}

/** 32-bit FNV-1a of bytes, seeded (for content-derived ids and subset tags). */
function fnv(bytes: Uint8Array, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h;
}

const enc = new TextEncoder();

/** Options of {@link toPdf}. */
export interface PdfOptions {
  /** Document title in the PDF info dictionary (default the figure's caption, cut to 200 chars). */
  readonly title?: string;
}

/**
 * Render a figure's SVG to a one-page vector PDF (page = figure size, 1 px = 0.75 pt) with the
 * DejaVu fonts embedded as subsets. Same figure → same bytes.
 */
export function toPdf(fig: Figure, options: PdfOptions = {}): Uint8Array {
  const doc = new DOMParser().parseFromString(fig.svg.replace(/^<\?xml[^>]*>\s*/, ""), "image/svg+xml");
  const root = doc.documentElement as unknown as Element | null;
  if (!root || root.tagName.toLowerCase() !== "svg") {
    throw new Error("toPdf: the figure's SVG has no <svg> root element");
  }
  const W = fig.width, H = fig.height;
  const base: Style = {
    fill: [0, 0, 0],
    stroke: null,
    color: [0, 0, 0],
    fillOpacity: 1,
    strokeOpacity: 1,
    opacity: 1,
    strokeWidth: 1,
    dash: null,
    linecap: 0,
    linejoin: 0,
    miterlimit: 4,
    evenOdd: false,
    fontSize: 16,
    bold: false,
    anchor: "start",
    vw: W,
    vh: H,
  };
  const w = new Writer();
  // page: y up in pt; figure: y down in px
  w.ops.push(`0.75 0 0 -0.75 0 ${f(H * 0.75)} cm`);
  walk(w, root, base);
  const content = enc.encode(w.ops.join("\n") + "\n");

  const objs: (string | Uint8Array)[][] = [];
  const add = (...parts: (string | Uint8Array)[]) => {
    objs.push(parts);
    return objs.length;
  };
  const stream = (dict: string, data: Uint8Array) => {
    const z = zlibSync(data, { level: 6 });
    return [
      `<< ${dict}${dict ? " " : ""}/Filter /FlateDecode /Length ${z.length} >>\nstream\n`,
      z,
      "\nendstream",
    ];
  };
  const catalogId = add(""); // placeholders filled below
  const pagesId = add("");
  const pageId = add("");
  const contentId = add(...stream("", content));
  const fontRefs: string[] = [];
  for (const bold of [false, true]) {
    const u = w.fonts.get(bold);
    if (!u) continue;
    const font = u.font;
    const gids = [...u.glyphs.keys()].sort((a, b) => a - b);
    const program = font.subset(gids);
    const tagHash = fnv(enc.encode(gids.join(",")), bold ? 2 : 1);
    let tag = "";
    for (let k = 0, h = tagHash; k < 6; k++, h = Math.floor(h / 26)) {
      tag += String.fromCharCode(65 + (h % 26));
    }
    const psName = `${tag}+${font.name}`;
    const scale = 1000 / font.unitsPerEm;
    const fileId = add(...stream(`/Length1 ${program.length}`, program));
    const descId = add(
      `<< /Type /FontDescriptor /FontName /${psName} /Flags 32 /FontBBox [${
        font.bbox.map((v) => f(v * scale)).join(" ")
      }] /ItalicAngle 0 /Ascent ${f(font.ascent * scale)} /Descent ${f(font.descent * scale)} /CapHeight ${
        f(0.729 * 1000)
      } /StemV ${bold ? 120 : 80} /FontFile2 ${fileId} 0 R >>`,
    );
    const widths = gids.map((g) => `${g} [${f(font.advance(g) * scale)}]`).join(" ");
    const cidId = add(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${psName} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descId} 0 R /W [${widths}] /CIDToGIDMap /Identity >>`,
    );
    const utf16 = (s: string) =>
      [...s].map((ch) => {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x10000) return cp.toString(16).padStart(4, "0");
        const v = cp - 0x10000;
        return ((0xd800 + (v >> 10)).toString(16) + (0xdc00 + (v & 0x3ff)).toString(16));
      }).join("");
    const bf: string[] = [];
    for (let i = 0; i < gids.length; i += 100) {
      const chunk = gids.slice(i, i + 100);
      bf.push(
        `${chunk.length} beginbfchar\n${
          chunk.map((g) => `<${g.toString(16).padStart(4, "0")}> <${utf16(u.glyphs.get(g)!)}>`).join("\n")
        }\nendbfchar`,
      );
    }
    const cmap =
      `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${
        bf.join("\n")
      }\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
    const toUniId = add(...stream("", enc.encode(cmap)));
    const fontId = add(
      `<< /Type /Font /Subtype /Type0 /BaseFont /${psName} /Encoding /Identity-H /DescendantFonts [${cidId} 0 R] /ToUnicode ${toUniId} 0 R >>`,
    );
    fontRefs.push(`/${u.res} ${fontId} 0 R`);
  }
  const gsRefs = [...w.alphas].map(([key, name]) => {
    const [ca, CA] = key.split(" ");
    return `/${name} << /Type /ExtGState /ca ${ca} /CA ${CA} >>`;
  });
  objs[catalogId - 1] = [`<< /Type /Catalog /Pages ${pagesId} 0 R >>`];
  objs[pagesId - 1] = [`<< /Type /Pages /Kids [${pageId} 0 R] /Count 1 >>`];
  objs[pageId - 1] = [
    `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${f(W * 0.75)} ${
      f(H * 0.75)
    }] /Contents ${contentId} 0 R /Resources << /Font << ${fontRefs.join(" ")} >> /ExtGState << ${
      gsRefs.join(" ")
    } >> >> >>`,
  ];
  const title = (options.title ?? fig.caption ?? "").slice(0, 200);
  const pdfString = (s: string) => {
    // UTF-16BE with BOM, hex: safe for any character
    const hex = ["feff"];
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x10000) hex.push(cp.toString(16).padStart(4, "0"));
      else {
        const v = cp - 0x10000;
        hex.push((0xd800 + (v >> 10)).toString(16), (0xdc00 + (v & 0x3ff)).toString(16));
      }
    }
    return `<${hex.join("")}>`;
  };
  const infoId = add(
    `<< /Producer (nomogram-workspace lib/plot/pdf.ts)${title ? ` /Title ${pdfString(title)}` : ""} >>`,
  );

  // serialise with a cross-reference table
  // header with a binary comment line (marks the file as binary for transfer tools)
  const chunks: Uint8Array[] = [new Uint8Array([...enc.encode("%PDF-1.7\n%"), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
  let offset = chunks[0].length;
  const offsets: number[] = [];
  objs.forEach((parts, i) => {
    offsets.push(offset);
    const bytes = [
      enc.encode(`${i + 1} 0 obj\n`),
      ...parts.map((p) => typeof p === "string" ? enc.encode(p) : p),
      enc.encode("\nendobj\n"),
    ];
    for (const b of bytes) {
      chunks.push(b);
      offset += b.length;
    }
  });
  const body = concat(chunks);
  const id = [0, 1, 2, 3].map((k) => fnv(body, k).toString(16).padStart(8, "0")).join("");
  const xref = [
    `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
    `trailer\n<< /Size ${
      objs.length + 1
    } /Root ${catalogId} 0 R /Info ${infoId} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${offset}\n%%EOF\n`,
  ].join("");
  return concat([body, enc.encode(xref)]);
}
