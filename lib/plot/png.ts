/**
 * SVG → PNG through resvg, at a given resolution (default 300 dpi: the SVG's CSS pixels are 1/96 inch,
 * so the bitmap is width·dpi/96 pixels wide). Only the bundled DejaVu fonts are loaded.
 */
import { Resvg } from "@resvg/resvg-js";
import type { Figure } from "./figure.ts";

let fontFiles: string[] | null = null;

function bundledFonts(): string[] {
  if (fontFiles) return fontFiles;
  const candidates = [
    import.meta.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
    import.meta.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  ].map((u) => new URL(u).pathname);
  fontFiles = candidates.filter((p) => {
    try {
      return Deno.statSync(p).isFile;
    } catch {
      return false;
    }
  });
  if (fontFiles.length === 0) {
    throw new Error(
      "PNG rendering: the DejaVu fonts of npm:dejavu-fonts-ttf were not found (run deno install)",
    );
  }
  return fontFiles;
}

/** Render a figure to PNG bytes at `dpi` dots per inch. */
export function toPng(fig: Figure, dpi = 300): Uint8Array {
  const resvg = new Resvg(fig.svg, {
    fitTo: { mode: "width", value: Math.round((fig.width * dpi) / 96) },
    background: "white",
    font: {
      loadSystemFonts: false,
      fontFiles: bundledFonts(),
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  });
  return new Uint8Array(resvg.render().asPng());
}
