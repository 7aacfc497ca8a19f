import { assertClose, assertEquals, sharedDir, sharedExists } from "../assert.ts";
import { createRng } from "../../lib/random/rng.ts";
import { unoC } from "../../lib/eval/concordance.ts";
import { harrellC } from "../../lib/stats/concordance.ts";
import { censoringSurvival } from "../../lib/eval/ipcw.ts";
import { CoxPH } from "../../lib/models/cox.ts";
import { loadCase } from "../../lib/conformance/case.ts";
import type { PredictorSpec } from "../../lib/models/design.ts";

Deno.test("harrellC counts pairs by hand on five subjects (censoring at an event time outlives it)", () => {
  // i: time, status, score
  const time = [1, 2, 2, 3, 4], status = [1, 1, 0, 1, 0], score = [3, 1, 2, 2, 0];
  // comparable (i event): (0,1) c, (0,2) c, (0,3) c, (0,4) c; (1,2) d [t equal, j censored]; (1,3) d; (1,4) c;
  // (3,4) c  → concordant 6, discordant 2, tied_x 0
  const h = harrellC(time, status, score);
  assertEquals([h.concordant, h.discordant, h.tiedX, h.tiedY, h.tiedXY], [6, 2, 0, 0, 0]);
  assertClose(h.cIndex, 6 / 8, { abs: 1e-15 });
  const tied = harrellC([1, 1, 2], [1, 1, 0], [1, 1, 0]);
  assertEquals([tied.tiedXY, tied.tiedY, tied.concordant], [1, 0, 2]);
});

Deno.test("without censoring and tied times Uno's C equals Harrell's C", () => {
  const time = [5, 1, 4, 2, 8, 7, 3, 6];
  const status = new Array(8).fill(1);
  const score = [0.2, 0.9, 0.1, 0.7, 0.3, 0.3, 0.8, 0.05];
  const u = unoC(time, status, score);
  assertClose(u.cIndex!, harrellC(time, status, score).cIndex, { abs: 1e-15 });
  assertEquals(u.status, "ok");
  assertEquals(unoC(time, status, score, { tau: 0.5 }).status, "no_events_before_tau");
});

Deno.test("censoringSurvival puts events before censorings at tied times (prodlim reverse)", () => {
  // times 1(c) 2(e) 2(c) 3(c): G(1) = 1 − 1/4; at 2: #{time > 2} = 1, c = 1 → factor 1 − 1/2
  const G = censoringSurvival([1, 2, 2, 3], [0, 1, 0, 0]);
  assertClose([G.at(0.5), G.at(1), G.leftLimit(2), G.at(2), G.at(3)], [1, 0.75, 0.75, 0.375, 0], {
    abs: 1e-15,
  });
});

Deno.test({
  name:
    "harrellC of a Cox linear predictor matches survival::concordance in fixture cox-lung-efron (rel 1e-6)",
  ignore: !sharedExists,
  fn: () => {
    const c = loadCase(`${sharedDir}fixtures/cox-lung-efron.json`);
    const fit = new CoxPH({ covariates: (c.params as { covariates: PredictorSpec[] }).covariates }).fit(
      c.table().columns as Record<string, string[]>,
    );
    const t = c.table();
    const h = harrellC(t.num("time"), t.num("status"), fit.linearPredictors_);
    const e = (c.expected as { concordance: Record<string, number> }).concordance;
    assertEquals([h.concordant, h.discordant, h.tiedX, h.tiedY, h.tiedXY], [
      e.concordant,
      e.discordant,
      e.tied_x,
      e.tied_y,
      e.tied_xy,
    ]);
    assertClose([h.cIndex, h.se], [e.c_index, e.se], { abs: 1e-9, rel: 1e-6 });
  },
});

/** Pair counts by the definition, over all n² pairs (the O(n²) reference for the O(n log n) sweep). */
function pairCountsByDefinition(time: number[], status: number[], score: number[]): number[] {
  let c = 0, d = 0, tx = 0, ty = 0, txy = 0;
  for (let i = 0; i < time.length; i++) {
    if (status[i] !== 1) continue;
    for (let j = 0; j < time.length; j++) {
      if (j === i) continue;
      if (time[j] > time[i] || (time[j] === time[i] && status[j] === 0)) {
        if (score[i] > score[j]) c++;
        else if (score[i] < score[j]) d++;
        else tx++;
      } else if (time[j] === time[i] && status[j] === 1 && j > i) {
        if (score[i] === score[j]) txy++;
        else ty++;
      }
    }
  }
  return [c, d, tx, ty, txy];
}

Deno.test("harrellC's Fenwick sweep gives the pair counts of the definition on tied random data (exact)", () => {
  const rng = createRng(20261201);
  for (let rep = 0; rep < 30; rep++) {
    const n = 2 + Math.floor(rng.uniform() * 200);
    const time = Array.from({ length: n }, () => Math.round(rng.uniform() * (rep % 2 ? 8 : 500)));
    const status = time.map(() => (rng.uniform() < 0.6 ? 1 : 0));
    const score = time.map((t) => Math.round((rng.normal() - t / 300) * (rep % 3 ? 2 : 50)));
    const h = harrellC(time, status, score);
    assertEquals(
      [h.concordant, h.discordant, h.tiedX, h.tiedY, h.tiedXY],
      pairCountsByDefinition(time, status, score),
    );
  }
});

Deno.test("unoC's sweep equals the double sum of its definition on tied random data (rel. 1e-12)", () => {
  const rng = createRng(7);
  for (let rep = 0; rep < 20; rep++) {
    const n = 5 + Math.floor(rng.uniform() * 150);
    const time = Array.from({ length: n }, () => 1 + Math.round(rng.uniform() * 40));
    const status = time.map(() => (rng.uniform() < 0.7 ? 1 : 0));
    const score = time.map((t) => Math.round(rng.normal() * 3 - t / 10));
    const tau = 30;
    const G = censoringSurvival(time, status);
    let num = 0, den = 0;
    for (let i = 0; i < n; i++) {
      if (status[i] !== 1 || !(time[i] < tau)) continue;
      const w = 1 / G.leftLimit(time[i]) ** 2;
      for (let j = 0; j < n; j++) {
        if (!(time[j] > time[i])) continue;
        den += w;
        num += w * (score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0);
      }
    }
    const u = unoC(time, status, score, { tau });
    if (den === 0) assertEquals(u.cIndex, null);
    else assertClose(u.cIndex!, num / den, { rel: 1e-12 });
  }
});
