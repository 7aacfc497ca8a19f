import { assert, assertClose, assertEquals, assertThrows, sharedDir, sharedExists } from "../assert.ts";
import {
  curveQuantile,
  kaplanMeier,
  kaplanMeierStrata,
  medianFollowUp,
  numberAtRisk,
  survivalAt,
} from "../../lib/eval/km.ts";
import { loadCase } from "../../lib/conformance/case.ts";
import { kmSummaryTable } from "../../lib/eval/km_report.ts";

// Six subjects, worked by hand: times 1,2,2,3,4,5; status 1,1,0,1,0,1.
const T6 = [1, 2, 2, 3, 4, 5];
const D6 = [1, 1, 0, 1, 0, 1];

Deno.test("kaplanMeier on six subjects matches the hand-computed product-limit and Greenwood values (1e-14)", () => {
  const f = kaplanMeier(T6, D6);
  assertEquals(f.time, [1, 2, 3, 4, 5]);
  assertEquals(f.nRisk, [6, 5, 3, 2, 1]);
  assertEquals(f.nEvent, [1, 1, 1, 0, 1]);
  assertEquals(f.nCensor, [0, 1, 0, 1, 0]);
  assertClose(f.surv, [5 / 6, 2 / 3, 4 / 9, 4 / 9, 0], { abs: 1e-14, rel: 0 });
  // Greenwood on −log S: 1/30; 1/30 + 1/20; + 1/6 (then Inf once S = 0)
  assertClose(f.stdErr.slice(0, 4), [Math.sqrt(1 / 30), Math.sqrt(1 / 12), 0.5, 0.5], { abs: 1e-14, rel: 0 });
  assertEquals(f.stdErr[4], Infinity);
  assertEquals(f.median, 3);
  // log-log lower limit at t = 3 by hand: exp(−exp(log(−log S) − z·se/log S))
  const s = 4 / 9, z = 1.959963984540054;
  assertClose(f.lower[2]!, Math.exp(-Math.exp(Math.log(-Math.log(s)) - (z * 0.5) / Math.log(s))), {
    abs: 1e-14,
    rel: 0,
  });
  assertEquals(f.lower[4], null);
});

Deno.test("median on a flat stretch at exactly 0.5 is the midpoint to the next drop", () => {
  const f = kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1]);
  assertClose(f.surv, [0.75, 0.5, 0.25, 0], { abs: 1e-15 });
  assertEquals(f.median, 2.5);
  assertEquals(
    curveQuantile([1, 2, 3], [0.9, 0.5, 0.5]),
    2.5,
    "never drops again: midpoint to the last time",
  );
  assertEquals(curveQuantile([1, 2], [0.9, 0.8]), null);
});

Deno.test("reverse Kaplan–Meier treats censorings as events (median follow-up)", () => {
  const r = kaplanMeier(T6, D6, { reverse: true });
  assertEquals(r.nEvent, [0, 1, 0, 1, 0]);
  assertClose(r.surv, [1, 4 / 5, 4 / 5, 2 / 5, 2 / 5], { abs: 1e-14 });
  const mf = medianFollowUp(T6, D6, { unit: "months" });
  assertEquals(mf.median, 4);
  assert(mf.text.includes("reverse Kaplan–Meier") && mf.text.includes("months"), mf.text);
});

Deno.test("survivalAt and numberAtRisk read the step function right-continuously", () => {
  const f = kaplanMeier(T6, D6);
  assertClose(survivalAt(f, [0, 1, 1.5, 2, 10]), [1, 5 / 6, 5 / 6, 2 / 3, 0], { abs: 1e-15 });
  assertEquals(numberAtRisk(T6, [0, 2, 2.5, 6]), [6, 5, 3, 0]);
});

Deno.test("kaplanMeier names the row of an invalid status", () => {
  assertThrows(
    () => kaplanMeier([1, 2], [1, 2], { source: "cohort.csv" }),
    'cohort.csv row 2, column "status"',
  );
  assertThrows(() => kaplanMeier([1, -1], [1, 0]), 'row 2, column "time"');
  assertThrows(() => kaplanMeier([1], [1], { confLevel: 1.5 }), 'option "confLevel"');
});

for (const id of ["km-lung", "km-lung-reverse", "km-lung-by-sex"]) {
  Deno.test({
    name: `kaplanMeier matches survfit fixture ${id} (rel 1e-10)`,
    ignore: !sharedExists,
    fn: () => {
      const c = loadCase(`${sharedDir}fixtures/${id}.json`);
      const p = c.params as Record<string, unknown>;
      const t = c.table();
      const opts = { reverse: Boolean(p.reverse) };
      const fits = p.group
        ? kaplanMeierStrata(t.num("time"), t.num("status"), t.text(String(p.group)), {
          ...opts,
          levels: p.group_levels as string[],
        })
        : { all: kaplanMeier(t.num("time"), t.num("status"), opts) };
      const exp = (p.group
        ? (c.expected as { strata: Record<string, unknown> }).strata
        : { all: c.expected }) as Record<string, Record<string, unknown>>;
      for (const [k, e] of Object.entries(exp)) {
        const f = fits[k];
        assertClose(f.surv, e.surv as number[], { abs: 1e-12, rel: 1e-10 }, `${id} ${k} surv`);
        const num = (xs: unknown[]) =>
          xs.map((x) => (x === "Inf" ? Infinity : x === null ? NaN : Number(x)));
        assertClose(f.stdErr, num(e.std_err as unknown[]), { abs: 1e-12, rel: 1e-10 }, `${id} ${k} std_err`);
        const lo = (e.lower as (number | null)[]).map((x) => x ?? NaN);
        assertClose(f.lower.map((x) => x ?? NaN), lo, { abs: 1e-12, rel: 1e-10 }, `${id} ${k} lower`);
        assertEquals(
          [f.median, f.medianLower, f.medianUpper],
          [e.median, e.median_lower, e.median_upper],
          `${id} ${k} median and CI`,
        );
      }
    },
  });
}

Deno.test("log and plain confidence scales follow their definitions", () => {
  const z = 1.959963984540054;
  const lg = kaplanMeier(T6, D6, { confType: "log" });
  assertClose(lg.lower[2]!, (4 / 9) * Math.exp(-z * 0.5), { abs: 1e-14 });
  const pl = kaplanMeier(T6, D6, { confType: "plain" });
  assertClose(pl.upper[0]!, Math.min(1, (5 / 6) * (1 + z * Math.sqrt(1 / 30))), { abs: 1e-14 });
});

Deno.test("kmSummaryTable reports n, events, median with CI and landmark survival", () => {
  const t = kmSummaryTable({ all: kaplanMeier(T6, D6) }, { landmarks: [2] });
  assertEquals(t.rows[0].n, 6);
  assertEquals(t.rows[0].events, 4);
  assert(String(t.rows[0].median).startsWith("3 ("), String(t.rows[0].median));
  assert(String(t.rows[0].s_2).startsWith("0.667 ("), String(t.rows[0].s_2));
});
