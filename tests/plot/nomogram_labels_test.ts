import { assert, assertEquals } from "../assert.ts";
import { nomogramFromCoefficients } from "../../lib/models/nomogram.ts";
import { nomogramFigure } from "../../lib/plot/nomogram.ts";
import { textWidth } from "../../lib/plot/text_width.ts";

// Synthetic logistic nomogram with 2-, 3- and 4-level factors whose levels sit a few points apart
// (the layout that made labels collide and vanish) and a risk axis at 0.05, 0.1, …, 0.9, 0.95.
const NOM = nomogramFromCoefficients(
  {
    model: "logistic",
    predictors: [
      { name: "age", type: "numeric" },
      { name: "node", type: "factor", levels: ["negative", "positive"] },
      { name: "grade", type: "factor", levels: ["G1", "G2", "G3"] },
      { name: "stage", type: "factor", levels: ["I", "II", "III", "IV"] },
    ],
    terms: ["age", "node=positive", "grade=G2", "grade=G3", "stage=II", "stage=III", "stage=IV"],
    coefficients: [0.1, 0.08, 0.05, 0.12, 0.9, 0.95, 1.02],
    intercept: -5.5,
  },
  {
    values: { age: [20, 30, 40, 50, 60, 70, 80] },
    funAt: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95],
  },
);

interface Label {
  axis: string;
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const unesc = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** Text boxes from the SVG: x, y, text-anchor, font-size and the measured DejaVu Sans width. */
function labelsOf(svg: string): { labels: Label[]; axes: Map<string, { start: number; ticks: number }> } {
  const labels: Label[] = [];
  const axes = new Map<string, { start: number; ticks: number }>();
  for (const g of svg.matchAll(/<g data-axis="([^"]*)">(.*?)<\/g>/g)) {
    const axis = unesc(g[1]);
    const lines = [...g[2].matchAll(/<line x1="([^"]+)" y1="([^"]+)" x2="([^"]+)" y2="([^"]+)"/g)];
    // first line is the baseline (horizontal); the rest are tick marks
    axes.set(axis, { start: Number(lines[0][1]), ticks: lines.length - 1 });
    for (
      const t of g[2].matchAll(
        /<text x="([^"]+)" y="([^"]+)" text-anchor="(\w+)" font-size="([^"]+)"[^>]*>([^<]*)<\/text>/g,
      )
    ) {
      const x = Number(t[1]), y = Number(t[2]), fs = Number(t[4]), s = unesc(t[5]);
      const w = textWidth(s, fs);
      const x0 = t[3] === "start" ? x : t[3] === "middle" ? x - w / 2 : x - w;
      labels.push({ axis, text: s, x0, x1: x0 + w, y0: y - 0.76 * fs, y1: y + 0.24 * fs });
    }
  }
  return { labels, axes };
}

const overlaps = (a: Label, b: Label) =>
  a.x0 < b.x1 - 0.01 && b.x0 < a.x1 - 0.01 && a.y0 < b.y1 && b.y0 < a.y1;

Deno.test("nomogramFigure: no two label boxes overlap (2-, 3- and 4-level factors, dense risk axis)", () => {
  const { labels } = labelsOf(nomogramFigure(NOM).svg);
  assert(labels.length > 30, `labels found: ${labels.length}`);
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i], b = labels[j];
      assert(!overlaps(a, b), `"${a.text}" (${a.axis}) overlaps "${b.text}" (${b.axis})`);
    }
  }
});

Deno.test("nomogramFigure names every factor level, none left of its axis start", () => {
  const { labels, axes } = labelsOf(nomogramFigure(NOM).svg);
  for (
    const [axis, levels] of [["node", ["negative", "positive"]], ["grade", ["G1", "G2", "G3"]], [
      "stage",
      ["I", "II", "III", "IV"],
    ]] as const
  ) {
    const got = labels.filter((l) => l.axis === axis && l.text !== axis);
    assertEquals(got.map((l) => l.text).sort(), [...levels].sort(), axis);
    const start = axes.get(axis)!.start;
    for (const l of got) {
      assert(l.x0 >= start - 0.01, `${axis} "${l.text}" starts at ${l.x0} < axis start ${start}`);
    }
  }
});

Deno.test("nomogramFigure labels every tick it draws on numeric axes, the risk axis at least 0.3, 0.5, 0.7", () => {
  const { labels, axes } = labelsOf(nomogramFigure(NOM).svg);
  for (const [axis, a] of axes) {
    const n = labels.filter((l) => l.axis === axis).length - 1; // minus the axis name
    assertEquals(n, a.ticks, `axis ${axis}: ${a.ticks} ticks, ${n} labels`);
  }
  const riskAxis = NOM.riskAxes[0].label;
  const risk = labels.filter((l) => l.axis === riskAxis).map((l) => l.text);
  for (const v of ["0.3", "0.5", "0.7"]) assert(risk.includes(v), `risk axis lacks ${v}: ${risk.join(" ")}`);
});

Deno.test("nomogramFigure keeps the title out of the image and in the caption", () => {
  const fig = nomogramFigure(NOM, { title: "Nomogram X" });
  assert(!fig.svg.includes("Nomogram X"), "title drawn in the SVG");
  assert(fig.caption!.startsWith("Nomogram X. "), fig.caption);
});
