// deno-lint-ignore-file no-explicit-any -- fixture JSON is read loosely; values are checked by the assertions
import { assert, assertClose, assertEquals, assertThrows, sharedDir, sharedExists } from "../assert.ts";
import { compareTimeDependent, integratedBrier, timeDependentAucBrier } from "../../lib/eval/td_auc_brier.ts";
import { bootstrapTdAucBrier } from "../../lib/eval/td_bootstrap.ts";
import { tdTable } from "../../lib/eval/td_report.ts";
import { createRng } from "../../lib/random/rng.ts";
import { loadCase } from "../../lib/conformance/case.ts";
import { censoringSurvival } from "../../lib/eval/ipcw.ts";

// Uncensored toy data: 10 subjects, risks at horizon t = 5.
const TIME = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const STATUS = new Array(10).fill(1);
const RISK = [0.9, 0.4, 0.7, 0.7, 0.2, 0.3, 0.7, 0.1, 0.5, 0.05];

Deno.test("without censoring the td AUC equals the Mann–Whitney AUC of cases by t vs controls beyond t (1e-14)", () => {
  const t = 5;
  const r = timeDependentAucBrier(TIME, STATUS, [RISK], [t]);
  const cases = RISK.filter((_, i) => TIME[i] <= t), controls = RISK.filter((_, i) => TIME[i] > t);
  let s = 0;
  for (const a of cases) for (const b of controls) s += a > b ? 1 : a === b ? 0.5 : 0;
  assertClose(r.auc!.estimate[0]!, s / (cases.length * controls.length), { abs: 1e-14 });
  assertEquals([r.nCases[0], r.nControls[0], r.nCensored[0]], [5, 5, 0]);
  // Brier without censoring is the plain mean squared error of the 0/1 status by t
  const mse = RISK.reduce((a, p, i) => a + ((TIME[i] <= t ? 1 : 0) - p) ** 2, 0) / 10;
  assertClose(r.brier!.model.estimate[0]!, mse, { abs: 1e-14 });
  // null model: 1 − S_KM(5) = 0.5 for everyone → Brier 0.25
  assertClose(r.brier!.null!.estimate[0]!, 0.25, { abs: 1e-14 });
  assert(r.auc!.se[0]! > 0 && r.auc!.lower[0]! < r.auc!.estimate[0]!, "SE and CI present");
});

Deno.test("a horizon before the first event is reported with a status and message, not NaN", () => {
  const r = timeDependentAucBrier(TIME, STATUS, [RISK, RISK], [0.5, 5]);
  assertEquals(r.auc!.estimate[0], null);
  assertEquals(r.auc!.status[0], "no_events_before_t");
  assert(r.auc!.message[0].includes("t = 0.5"), r.auc!.message[0]);
  assertEquals(r.auc!.status[1], "ok");
  assert(r.auc!.estimand.startsWith("cumulative/dynamic AUC"), r.auc!.estimand);
  assert(
    r.brier!.model.estimand.startsWith("IPCW Brier score, Kaplan–Meier censoring model"),
    r.brier!.model.estimand,
  );
  const last = timeDependentAucBrier(TIME, STATUS, [RISK], [10]);
  assertEquals(last.auc!.status[0], "no_subjects_beyond_t");
  const table = tdTable(compareTimeDependent(TIME, STATUS, { m: [RISK, RISK] }, [0.5, 5]));
  assert(
    table.rows.some((row) => row.auc === "not defined" && String(row.note).includes("no event")),
    "table explains the missing AUC",
  );
});

Deno.test("timeDependentAucBrier checks the shape and range of risk", () => {
  assertThrows(
    () => timeDependentAucBrier(TIME, STATUS, [RISK], [1, 2]),
    "risk has 1 rows but there are 2 times",
  );
  assertThrows(
    () => timeDependentAucBrier(TIME, STATUS, [RISK.map((x) => x * 2)], [5]),
    "risk[0][0] must be a probability",
  );
});

Deno.test("integratedBrier: trapezoid of a constant is the constant; step rule by hand", () => {
  assertClose(integratedBrier([1, 2, 4], [0.2, 0.2, 0.2]).ibs!, 0.2, { abs: 1e-15 });
  assertClose(integratedBrier([0, 1, 3], [0.1, 0.3, 0.2], { rule: "step" }).ibs!, (0.1 * 1 + 0.3 * 2) / 3, {
    abs: 1e-15,
  });
  assertClose(integratedBrier([0, 1, 3], [0.1, 0.3, null]).ibs!, 0.2, { abs: 1e-15 });
});

Deno.test("bootstrapTdAucBrier is reproducible for a seed and brackets the estimate", () => {
  const a = bootstrapTdAucBrier(TIME, STATUS, [RISK], [5], createRng(7), { B: 50 });
  const b = bootstrapTdAucBrier(TIME, STATUS, [RISK], [5], createRng(7), { B: 50 });
  assertEquals(a, b);
  assert(a.brier.lower[0]! <= a.brier.upper[0]!, "ordered limits");
  assert(a.method.includes("50 resamples") && a.method.includes("seed 7"), a.method);
});

for (const id of ["td_auc_brier-lung-test", "td_auc_brier-lung-test-tied-times"]) {
  Deno.test({
    name: `timeDependentAucBrier matches riskRegression::Score fixture ${id} (estimates 1e-8, SE 1e-4)`,
    ignore: !sharedExists,
    fn: () => {
      const c = loadCase(`${sharedDir}fixtures/${id}.json`);
      const t = c.table();
      const e = c.expected as Record<string, any>;
      const r = timeDependentAucBrier(
        t.num("time"),
        t.num("status"),
        t.matrix("risk"),
        (c.params as any).times,
      );
      assertEquals([r.nCases, r.nControls, r.nCensored], [e.n_cases, e.n_controls, e.n_censored]);
      const est = { abs: 1e-12, rel: 1e-8 }, se = { abs: 1e-8, rel: 1e-4 };
      assertClose(r.auc!.estimate as number[], e.auc.estimate, est, "auc");
      assertClose(r.auc!.se as number[], e.auc.se, se, "auc se");
      assertClose(r.brier!.model.estimate as number[], e.brier.model.estimate, est, "brier");
      assertClose(r.brier!.model.se as number[], e.brier.model.se, se, "brier se");
      assertClose(r.brier!.null!.estimate as number[], e.brier.null.estimate, est, "null brier");
      assertClose(r.brier!.null!.upper as number[], e.brier.null.upper, se, "null brier upper");
    },
  });
}

Deno.test("compareTimeDependent contrasts: delta is the paired difference, a model against itself has SE 0", () => {
  const time = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], status = [1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
  const other = RISK.map((p, i) => (p + [0.1, -0.2, 0.3, 0, 0.1, -0.1, 0.2, 0, -0.05, 0][i] + 1) / 2.5);
  const cmp = compareTimeDependent(time, status, { A: [RISK, RISK], B: [other, other], A2: [RISK, RISK] }, [
    4,
    6,
  ]);
  assertEquals(cmp.contrasts.map((c) => `${c.metric}:${c.model}-${c.reference}`), [
    "auc:B-A",
    "brier:B-A",
    "auc:A2-A",
    "brier:A2-A",
    "auc:A2-B",
    "brier:A2-B",
  ]);
  const ba = cmp.contrasts[0];
  assertClose(ba.delta[1]!, cmp.models.B.auc.estimate[1]! - cmp.models.A.auc.estimate[1]!, { abs: 1e-15 });
  assert(ba.se[1]! > 0 && ba.pValue[1]! > 0 && ba.pValue[1]! <= 1, "SE and p present");
  const self = cmp.contrasts[2];
  assertEquals([self.delta[0], self.se[0], self.pValue[0]], [0, 0, null]);
});

Deno.test("td AUC with censoring and tied risks equals the weighted double sum of its definition (rel. 1e-12)", () => {
  const rng = createRng(99);
  for (let rep = 0; rep < 10; rep++) {
    const n = 20 + Math.floor(rng.uniform() * 150);
    const x = Array.from({ length: n }, () => Math.round(rng.normal() * 3) / 3);
    const tt = x.map((v) => Math.ceil(-Math.log(rng.uniform()) * 20 / Math.exp(v)));
    const cc = x.map(() => Math.ceil(3 + 30 * rng.uniform()));
    const time = tt.map((t, i) => Math.min(t, cc[i]));
    const status = tt.map((t, i) => (t <= cc[i] ? 1 : 0));
    const times = [5, 10, 15];
    const risk = times.map((t) =>
      x.map((v) => Math.round(100 * (1 - Math.exp(-t / 20 * Math.exp(v)))) / 100)
    );
    const r = timeDependentAucBrier(time, status, risk, times, { se: false });
    const G = censoringSurvival(time, status);
    times.forEach((t, k) => {
      let num = 0, wc = 0, wk = 0;
      for (let i = 0; i < n; i++) {
        if (!(time[i] <= t && status[i] === 1)) continue;
        const wi = 1 / G.leftLimit(time[i]);
        wc += wi;
        for (let j = 0; j < n; j++) {
          if (!(time[j] > t)) continue;
          const kk = risk[k][i] > risk[k][j] ? 1 : risk[k][i] === risk[k][j] ? 0.5 : 0;
          num += wi * (1 / G.at(t)) * kk;
        }
      }
      for (let j = 0; j < n; j++) if (time[j] > t) wk += 1 / G.at(t);
      if (wc === 0 || wk === 0) return;
      assertClose(r.auc!.estimate[k]!, num / (wc * wk), { rel: 1e-12 });
    });
  }
});
