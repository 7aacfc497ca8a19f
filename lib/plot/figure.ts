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

function escXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Serialise a Plot element to standalone SVG text. Plot returns a bare <svg>, or an HTML <figure> when
 * there are legends, a title, subtitle or caption: those parts are redrawn as SVG (swatch legends as
 * rectangles and labels, ramp legends nested as they are, titles as text) stacked above the plot, and
 * the caption below it, so the file stays a single SVG that any renderer reads.
 */
function toStandaloneSvg(el: Element, width: number): { svg: string; height: number } {
  const parts: string[] = [];
  let y = 0;
  const pushSvg = (svg: Element) => {
    const h = Number(svg.getAttribute("height") ?? 0);
    svg.setAttribute("x", "0");
    svg.setAttribute("y", String(y));
    parts.push(svg.outerHTML);
    y += h;
  };
  if (el.tagName.toLowerCase() === "svg") pushSvg(el);
  else {
    for (const child of Array.from(el.children)) {
      const tag = child.tagName.toLowerCase();
      if (tag === "svg") pushSvg(child);
      else if (tag === "h2" || tag === "h3" || tag === "figcaption") {
        const size = tag === "h2" ? 14 : 11;
        y += size + 6;
        parts.push(
          `<text x="0" y="${y - 4}" font-size="${size}"${
            tag === "h2" ? ' font-weight="bold"' : ""
          } text-anchor="start">${escXml(child.textContent ?? "")}</text>`,
        );
      } else if (tag === "div") {
        const swatches = Array.from(child.querySelectorAll("span")).filter((s) => s.querySelector("svg"));
        if (swatches.length) {
          let x = 0;
          y += 4;
          for (const sw of swatches) {
            const sv = sw.querySelector("svg")!;
            const fill = sv.getAttribute("fill") ?? sv.querySelector("[fill]")?.getAttribute("fill") ??
              "currentColor";
            const label = (sw.textContent ?? "").trim();
            parts.push(
              `<rect x="${x}" y="${y}" width="10" height="10" fill="${escXml(fill)}"/><text x="${
                x + 14
              }" y="${y + 9}" text-anchor="start">${escXml(label)}</text>`,
            );
            x += 24 + label.length * 6.2;
          }
          y += 16;
        } else {
          const svg = child.querySelector("svg");
          if (svg) pushSvg(svg);
        }
      }
    }
  }
  // Plot names its generated class with a hash per render and numbers clip paths and other ids with
  // counters that run across the process: renumber them per figure so the file is byte-stable.
  const ids = new Map<string, string>();
  const body = parts.join("")
    .replace(/plot-[0-9a-f]{6}(?![0-9a-z-])/g, "plot-figure")
    .replace(/plot-([a-z]+)-(\d+)/g, (_m, kind: string, n: string) => {
      const key = `${kind}-${n}`;
      if (!ids.has(key)) {
        ids.set(
          key,
          `plot-${kind}-f${[...ids.keys()].filter((k) => k.startsWith(kind + "-")).length + 1}`,
        );
      }
      return ids.get(key)!;
    });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="${FONT_FAMILY}" font-size="10" fill="black"><rect width="100%" height="100%" fill="white"/>${body}</svg>`;
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, height: y };
}

/**
 * Journal style: a figure's title belongs in its caption, not in the image. Returns the caption with
 * the title prepended ("Title. caption"), or either alone; undefined when both are empty.
 */
export function captionWithTitle(title: string | undefined | null, caption?: string): string | undefined {
  const t = (title ?? "").trim();
  if (!t) return caption;
  if (!caption) return t;
  return `${/[.!?:]$/.test(t) ? t : t + "."} ${caption}`;
}

/**
 * Render Observable Plot options to a Figure (SVG). Defaults: width 640, height 400, white
 * background, DejaVu Sans 10 px, axis labels without arrows (journal style; a scale's own
 * `labelArrow` wins). Journal style also keeps the title out of the image: a string `title` is
 * prepended to the caption ({@link captionWithTitle}) unless `titleInImage` is true.
 */
export function plotFigure(
  options: PlotOptions,
  caption?: string,
  figureOptions: { readonly titleInImage?: boolean } = {},
): Figure {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  if (!figureOptions.titleInImage && typeof options.title === "string") {
    caption = captionWithTitle(options.title, caption);
    options = { ...options, title: undefined };
  }
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  // journal style: axis labels without Plot's direction arrows ("→", "↑")
  const noArrow = (o: unknown) => ({ labelArrow: "none", ...(typeof o === "object" && o !== null ? o : {}) });
  const el = Plot.plot({
    ...options,
    x: noArrow(options.x),
    y: noArrow(options.y),
    width,
    height,
    style: {
      background: "white",
      fontFamily: FONT_FAMILY,
      fontSize: "10px",
      ...(typeof options.style === "object" ? options.style : {}),
    },
    document: document as unknown as Document,
  } as Plot.PlotOptions) as unknown as Element;
  const out = toStandaloneSvg(el, width);
  return { svg: out.svg, width, height: out.height, caption };
}

/** Wrap hand-written SVG markup (e.g. a nomogram drawn from computed axes) as a Figure. */
export function svgFigure(svg: string, width: number, height: number, caption?: string): Figure {
  const body = svg.startsWith("<?xml") ? svg : `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
  return { svg: body, width, height, caption };
}
