import { assert, assertEquals, assertThrows } from "../assert.ts";
import { formatLogRankP, kmCurveFigure } from "../../lib/plot/km_curve.ts";
import { sparseHorizons, tdAucFigure, tdBrierFigure } from "../../lib/plot/td_curves.ts";
import { kaplanMeierStrata } from "../../lib/eval/km.ts";
import { logRankTest } from "../../lib/eval/logrank.ts";
import { compareTimeDependent } from "../../lib/eval/td_auc_brier.ts";

// 24 subjects, two groups with different hazards; deterministic.
const time = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 3, 6, 9, 12, 15, 18, 20, 22, 24, 26, 28, 30];
const status = [1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0];
const group = [...Array(12).fill("High risk"), ...Array(12).fill("Low risk")];

Deno.test("kmCurveFigure prints logRankTest's p on the figure and keeps the number-at-risk table", () => {
  const lr = logRankTest(time, status, group);
  const fig = kmCurveFigure(kaplanMeierStrata(time, status, group), {
    logRank: lr,
    yLabel: "Overall survival",
  });
  const expected = `Log-rank ${formatLogRankP(lr.pValue)}`;
  assert(/^Log-rank p (=|<) 0\.\d{3}$/.test(expected), expected);
  assert(fig.svg.includes(`>${expected.replace("<", "&lt;")}</text>`), `figure shows "${expected}"`);
  assert(fig.svg.includes("Number at risk"), "risk table kept");
  assert(fig.svg.includes(">Overall survival</text>"), "y label from the endpoint");
  assert(!fig.svg.includes("Progression-free"), "no hard-wired endpoint");
  assertEquals(
    fig.svg,
    kmCurveFigure(kaplanMeierStrata(time, status, group), { logRank: lr, yLabel: "Overall survival" }).svg,
  );
});

Deno.test("kmCurveFigure puts the legend above the plot area, the title in the caption", () => {
  const fig = kmCurveFigure(kaplanMeierStrata(time, status, group), { title: "Survival by group" });
  const panelY = Number(/<svg x="0" y="([\d.]+)" /.exec(fig.svg)![1]);
  const legend = [...fig.svg.matchAll(/<text x="[\d.]+" y="([\d.]+)"[^>]*>(High|Low) risk \(n = 12/g)];
  assertEquals(legend.length, 2, "one legend entry per group");
  for (const m of legend) {
    assert(Number(m[1]) < panelY, `legend baseline ${m[1]} above the plot panel at ${panelY}`);
  }
  assert(!fig.svg.includes("Survival by group"), "title not in the image");
  assert(fig.caption!.startsWith("Survival by group. Kaplan–Meier"), fig.caption);
  assertEquals(formatLogRankP(0.0004), "p < 0.001");
  assertEquals(formatLogRankP(0.0234), "p = 0.023");
});

Deno.test("td figures draw horizons with fewer than minCases cases or controls hollow and state the rule", () => {
  const risk = time.map((t, i) => (group[i] === "High risk" ? 0.6 : 0.3) + (t % 5) / 50);
  const times = [2.5, 6, 12, 20];
  const cmp = compareTimeDependent(time, status, { Model: times.map(() => risk) }, times);
  // at t = 2.5 only one case (time 2): flagged; later horizons have >= 5 cases and controls
  assertEquals(cmp.nCases[0], 1);
  assertEquals(
    sparseHorizons(cmp).map((k) => times[k]),
    times.filter((_, k) => cmp.nCases[k] < 5 || cmp.nControls[k] < 5),
  );
  assert(sparseHorizons(cmp).includes(0), "t = 2.5 flagged");
  const fig = tdAucFigure(cmp);
  const sparse = sparseHorizons(cmp).map((k) => times[k]);
  assert(
    fig.caption!.includes(
      `Hollow points: horizons with fewer than 5 cases or controls (t = ${sparse.join(", ")})`,
    ),
    fig.caption,
  );
  const groups = fig.svg.match(/<g [^>]*>/g) ?? [];
  const hollow = groups.filter((g) =>
    g.includes('fill="white"') && g.includes('stroke="#d62728"') && g.includes('aria-label="dot"')
  );
  assertEquals(hollow.length, 1, "hollow points in the model colour");
  const none = tdAucFigure(cmp, { minCases: 0 });
  assert(!none.caption!.includes("Hollow points"), "minCases 0 flags none");
  assertThrows(
    () => tdBrierFigure(cmp, { minCases: -1 }),
    'option "minCases": must be an integer >= 0, got -1',
  );
});

Deno.test("td figures outline each band with dashed bounds in the model colour and keep the legend off the data", () => {
  const risk = time.map((t, i) => (group[i] === "High risk" ? 0.6 : 0.3) + (t % 5) / 50);
  const times = [6, 12, 20];
  const cmp = compareTimeDependent(time, status, {
    A: times.map(() => risk),
    B: times.map(() => risk.map((r) => r * 0.9)),
  }, times);
  const fig = tdBrierFigure(cmp, { title: "Brier" });
  for (const c of ["#d62728", "#2ca02c"]) {
    const dashed = (fig.svg.match(/<g [^>]*>/g) ?? []).filter((g) =>
      g.includes(`stroke="${c}"`) && g.includes('stroke-dasharray="4,3"')
    );
    assertEquals(dashed.length, 2, `lower and upper bound of ${c} dashed`);
  }
  assert(!fig.svg.includes(">Brier<"), "title not in the image");
  assert(fig.caption!.startsWith("Brier. IPCW Brier score"), fig.caption);
  // legend baselines lie in the top margin, above the plot frame (marginTop = 24 + 14 per legend row)
  const legendYs = [
    ...fig.svg.matchAll(
      /<text x="[\d.]+" y="([\d.]+)" font-size="10" fill="[^"]+">(A|B|Null model[^<]*)<\/text>/g,
    ),
  ]
    .map((m) => Number(m[1]));
  assertEquals(legendYs.length, 3, "A, B and the null model in the legend");
  for (const y of legendYs) assert(y < 24 + 14, `legend baseline ${y} above the frame`);
});
