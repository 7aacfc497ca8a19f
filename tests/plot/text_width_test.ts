import { assert, assertClose } from "../assert.ts";
import { maxTextWidth, textWidth } from "../../lib/plot/text_width.ts";
import { lassoCoefficientsFigure } from "../../lib/plot/lasso_coefficients.ts";
import type { Radscore } from "../../lib/models/radscore.ts";

Deno.test("textWidth reads DejaVu Sans advance widths (M = 1767, i = 569, space = 651 of 2048 units)", () => {
  assertClose(textWidth("M", 10), 17670 / 2048, { abs: 1e-12 });
  assertClose(textWidth("i", 10), 5690 / 2048, { abs: 1e-12 });
  assertClose(textWidth("M i", 20), 20 * (1767 + 651 + 569) / 2048, { abs: 1e-12 });
  assertClose(maxTextWidth(["i", "M"]), textWidth("M"), { abs: 0 });
});

Deno.test("the coefficient plot's left margin fits the longest feature name (no fixed 380 px)", () => {
  const names = ["wavelet-LLH_glszm_SmallAreaLowGrayLevelEmphasis", "original_shape_Sphericity"];
  const rs = { terms_: names.map((name, i) => ({ name, coef: i ? -0.4 : 0.7 })) } as unknown as Radscore;
  const fig = lassoCoefficientsFigure(rs);
  const w = textWidth(names[0]);
  // labels are right-aligned (text-anchor end) at x: the longest starts at x − w, inside the figure
  const m = fig.svg.match(/aria-label="y-axis tick label"><text transform="translate\(([\d.]+)/);
  assert(m !== null, "y tick labels found");
  const left = Number(m![1]) - w;
  assert(left >= 0, `the longest label starts at ${left.toFixed(1)} px (clipped when < 0)`);
  assert(left < 20, `no needless blank margin (${left.toFixed(1)} px)`);
});

Deno.test("Plot figures carry no direction arrows in axis labels (journal style)", async () => {
  const { plotFigure } = await import("../../lib/plot/figure.ts");
  const Plot = await import("@observablehq/plot");
  const fig = plotFigure({
    x: { label: "Threshold" },
    y: { label: "Net benefit" },
    marks: [Plot.dot([[0, 1], [1, 2]])],
  });
  assert(fig.svg.includes("Threshold") && fig.svg.includes("Net benefit"), "labels drawn");
  assert(!/[→↑←↓]/.test(fig.svg), "no arrows");
});
