/**
 * Image slices with their segmentations (notebook 03b): for each panel the axial slice through the
 * largest cross-section of the first mask, grey levels in a CT window, and each mask's outline (ROI
 * voxels with an in-plane 4-neighbour outside the ROI) in its colour. Drawn with Observable Plot cells
 * (no canvas needed), panels laid out in a grid as one SVG.
 */
import * as Plot from "@observablehq/plot";
import { captionWithTitle, type Figure, plotFigure, svgFigure } from "./figure.ts";
import { type Image, voxelValue } from "../radiomics/image.ts";

/** One panel: an image and one or more masks on the same grid. */
export interface SlicePanel {
  readonly label: string;
  readonly image: Image;
  readonly masks: readonly { readonly name: string; readonly mask: Image; readonly color: string }[];
}

/** Options of {@link slicePanelsFigure}. */
export interface SliceFigureOptions {
  /** Panels per row (default 3). */
  readonly columns?: number;
  /** Grey-level window [low, high] in image units (default [-160, 240] HU: soft tissue). */
  readonly window?: readonly [number, number];
  /** Pixels per voxel (default 4). */
  readonly cell?: number;
  /** Title: prepended to the caption (journal style: neither is drawn in the image). */
  readonly title?: string;
  readonly caption?: string;
}

/** Axial slice index with the most voxels of `mask`. */
export function largestSlice(mask: Image): number {
  const [nx, ny, nz] = mask.dims;
  let best = 0, bestCount = -1;
  for (let z = 0; z < nz; z++) {
    let c = 0;
    for (let i = z * nx * ny; i < (z + 1) * nx * ny; i++) if (voxelValue(mask, i) > 0) c++;
    if (c > bestCount) [best, bestCount] = [z, c];
  }
  return best;
}

function panelFigure(p: SlicePanel, o: Required<Pick<SliceFigureOptions, "window" | "cell">>): Figure {
  const [nx, ny] = p.image.dims;
  const first = p.masks[0];
  if (!first) throw new Error(`slicePanelsFigure: panel "${p.label}" has no mask`);
  const z = largestSlice(first.mask);
  const cells: { x: number; y: number; v: number }[] = [];
  const [lo, hi] = o.window;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const v = voxelValue(p.image, x + nx * (y + ny * z));
      cells.push({ x, y, v: Math.min(1, Math.max(0, (v - lo) / (hi - lo))) });
    }
  }
  const outline = p.masks.flatMap((m) => {
    const at = (x: number, y: number) =>
      x >= 0 && y >= 0 && x < nx && y < ny && voxelValue(m.mask, x + nx * (y + ny * z)) > 0;
    const pts: { x: number; y: number; color: string }[] = [];
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (at(x, y) && (!at(x - 1, y) || !at(x + 1, y) || !at(x, y - 1) || !at(x, y + 1))) {
          pts.push({ x, y, color: m.color });
        }
      }
    }
    return pts;
  });
  const grey = (v: number) => {
    const g = Math.round(v * 255).toString(16).padStart(2, "0");
    return `#${g}${g}${g}`;
  };
  return plotFigure({
    width: nx * o.cell + 20,
    height: ny * o.cell + 40,
    marginLeft: 10,
    marginRight: 10,
    marginTop: 30,
    marginBottom: 10,
    x: { axis: null, padding: 0, domain: Array.from({ length: nx }, (_, i) => i) },
    y: { axis: null, padding: 0, domain: Array.from({ length: ny }, (_, i) => ny - 1 - i) },
    marks: [
      Plot.cell(cells, { x: "x", y: "y", fill: (d: { v: number }) => grey(d.v), inset: 0 }),
      Plot.cell(outline, { x: "x", y: "y", fill: "color", fillOpacity: 0.85, inset: 0.6 }),
      Plot.text([p.label], { frameAnchor: "top-left", dy: -22, fontSize: 11, fill: "black" }),
    ],
  });
}

/** Panels in a grid, one standalone SVG. */
export function slicePanelsFigure(panels: readonly SlicePanel[], options: SliceFigureOptions = {}): Figure {
  if (panels.length === 0) throw new Error("slicePanelsFigure: no panels");
  const o = { window: options.window ?? [-160, 240] as const, cell: options.cell ?? 4 };
  const cols = options.columns ?? 3;
  const figs = panels.map((p) => panelFigure(p, o));
  const w = Math.max(...figs.map((f) => f.width));
  const h = Math.max(...figs.map((f) => f.height));
  const top = 0;
  const rows = Math.ceil(figs.length / cols);
  const width = cols * w;
  const height = top + rows * h;
  const body = figs.map((f, k) => {
    const inner = f.svg.replace(/^<\?xml[^>]*>\s*/, "").replace(
      /^<svg /,
      `<svg x="${(k % cols) * w}" y="${top + Math.floor(k / cols) * h}" `,
    );
    return inner.trim();
  }).join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans" font-size="10"><rect width="100%" height="100%" fill="white"/>` +
    body +
    `</svg>`;
  return svgFigure(svg, width, height, captionWithTitle(options.title, options.caption));
}
