import * as Plot from "@observablehq/plot";
import { assert, assertEquals } from "../assert.ts";
import { plotFigure } from "../../lib/plot/figure.ts";
import { toPng } from "../../lib/plot/png.ts";

const make = () =>
  plotFigure({
    color: { legend: true, domain: ["a", "b"] },
    marks: [
      Plot.line([[0, 0], [1, 2]], { clip: true, stroke: () => "a" }),
      Plot.dot([[0.5, 1]], { fill: () => "b" }),
    ],
  }, "test figure");

Deno.test("plotFigure gives the same SVG bytes for the same figure drawn twice in one process", () => {
  const a = make();
  const b = make();
  assertEquals(a.svg, b.svg);
  assert(!/plot-[0-9a-f]{6}/.test(a.svg), "no per-render class names");
});

Deno.test("a figure with a legend is one standalone SVG with the legend drawn as SVG", () => {
  const f = make();
  assert(
    f.svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'),
    "standalone SVG",
  );
  assertEquals((f.svg.match(/<svg /g) ?? []).length >= 2, true);
  assert(f.svg.includes(">a</text>") && f.svg.includes(">b</text>"), "swatch labels as text");
  assert(!f.svg.includes("<div") && !f.svg.includes("<span"), "no HTML inside the SVG");
});

Deno.test("toPng renders width·dpi/96 pixels wide with the bundled font, byte-identical twice", () => {
  const f = make();
  const png = toPng(f, 300);
  const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
  assertEquals(width, Math.round((f.width * 300) / 96));
  assertEquals(Array.from(toPng(f, 300)), Array.from(png));
});
