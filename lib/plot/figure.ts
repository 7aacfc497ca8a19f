/**
 * Figures: Observable Plot rendered to SVG without a browser (linkedom supplies the DOM), and SVG to
 * PNG with resvg. One helper used by every figure of the workspace.
 *
 * Determinism: Plot's generated class names are replaced by a fixed one, no clock or random state is
 * read, and PNGs are drawn with the DejaVu Sans font shipped by the `dejavu-fonts-ttf` npm package
 * (system fonts are not loaded), so the same figure gives the same bytes on every machine.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** A rendered figure: standalone SVG text and its size in CSS pixels (1/96 inch). */
export interface Figure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** Short description used as alt text and caption. */
  readonly caption?: string;
}

/** Plot options accepted by {@link plotFigure} (Observable Plot's, without `document`). */
export type PlotOptions = Omit<Plot.PlotOptions, "document">;

const FONT_FAMILY = "DejaVu Sans";

/** Serialise a Plot element (an SVG, or a figure wrapping legends and an SVG) to standalone SVG text. */
function toStandaloneSvg(el: Element, width: number, height: number): string {
  let svgEl: Element = el;
  if (el.tagName.toLowerCase() !== "svg") {
    const inner = el.querySelector("svg");
    if (!inner) throw new Error("plotFigure: Plot returned no <svg> element");
    svgEl = inner;
  }
  svgEl.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  svgEl.setAttribute("font-family", FONT_FAMILY);
  if (!svgEl.getAttribute("width")) svgEl.setAttribute("width", String(width));
  if (!svgEl.getAttribute("height")) svgEl.setAttribute("height", String(height));
  let text = svgEl.outerHTML;
  // Plot generates a random-looking class per render ("plot-d6a7b5"); fix it so files are byte-stable.
  text = text.replace(/plot-[0-9a-f]{6}/g, "plot-figure");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}

/**
 * Render Observable Plot options to a Figure (SVG). Defaults: width 640, height 400, white
 * background, DejaVu Sans 10 px.
 */
export function plotFigure(options: PlotOptions, caption?: string): Figure {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const el = Plot.plot({
    ...options,
    width,
    height,
    style: { background: "white", fontFamily: FONT_FAMILY, fontSize: "10px", ...(typeof options.style === "object" ? options.style : {}) },
    document: document as unknown as Document,
  } as Plot.PlotOptions) as unknown as Element;
  return { svg: toStandaloneSvg(el, width, height), width, height, caption };
}

/** Wrap hand-written SVG markup (e.g. a nomogram drawn from computed axes) as a Figure. */
export function svgFigure(svg: string, width: number, height: number, caption?: string): Figure {
  const body = svg.startsWith("<?xml") ? svg : `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
  return { svg: body, width, height, caption };
}
