/**
 * Time-dependent AUC and IPCW Brier score at 24 monthly horizons on a test set of n = 91 (the paper's
 * test-set size): with influence-function SEs and CIs, and with 1,000 bootstrap resamples.
 * Data: studies/bi2025/cohort.csv (split "train"/"test", pfs_months, progression, ki67_pct, metastasis) when
 * present; otherwise a seeded synthetic cohort of the same size. Prints the figures once, then times.
 *
 *   deno bench -A bench/survival_bench.ts
 */
import { readCsvSync } from "../lib/data/csv.ts";
import { CoxPH, type FittedCox } from "../lib/models/cox.ts";
import { compareTimeDependent, integratedBrier, timeDependentAucBrier } from "../lib/eval/td_auc_brier.ts";
import { bootstrapTdAucBrier } from "../lib/eval/td_bootstrap.ts";
import { createRng } from "../lib/random/rng.ts";
import type { PredictorSpec } from "../lib/models/design.ts";
import { coxWorkload, tdWorkload } from "./workloads/survival.ts";

const TIMES = Array.from({ length: 24 }, (_, k) => k + 1);
type Rows = Record<string, (string | number)[]>;

function loadData(): { train: Rows; test: Rows; source: string } {
  const path = new URL("../studies/bi2025/cohort.csv", import.meta.url).pathname;
  try {
    const t = readCsvSync(path);
    const cols = (pred: (r: readonly string[]) => boolean): Rows => {
      const keep = t.rows.filter(pred);
      return Object.fromEntries(t.header.map((h, j) => [h, keep.map((r) => r[j])]));
    };
    const s = t.header.indexOf("split");
    return { train: cols((r) => r[s] === "train"), test: cols((r) => r[s] === "test"), source: path };
  } catch {
    const rng = createRng(20250411);
    const make = (n: number): Rows => {
      const ki = Array.from({ length: n }, () => Math.max(1, Math.round(20 + 15 * rng.normal())));
      const met = Array.from({ length: n }, () => (rng.uniform() < 0.4 ? "positive" : "negative"));
      const t = ki.map((k, i) =>
        -Math.log(rng.uniform()) * 40 / Math.exp(0.03 * k + (met[i] === "positive" ? 0.9 : 0))
      );
      const c = Array.from({ length: n }, () => 6 + 30 * rng.uniform());
      return {
        ki67_pct: ki,
        metastasis: met,
        pfs_months: t.map((x, i) => Math.min(x, c[i])),
        progression: t.map((x, i) => (x <= c[i] ? 1 : 0)),
      };
    };
    return { train: make(215), test: make(91), source: "synthetic (seed 20250411)" };
  }
}

const { train, test, source } = loadData();
const covariates: PredictorSpec[] = [
  { name: "ki67_pct", type: "numeric" },
  { name: "metastasis", type: "factor", levels: ["negative", "positive"] },
];
const fit: FittedCox = new CoxPH({ covariates, time: "pfs_months", status: "progression" }).fit(train);
const time = test.pfs_months.map(Number);
const status = test.progression.map(Number);
const risk = fit.predictRiskByTime(test, TIMES);

const r = timeDependentAucBrier(time, status, risk, TIMES);
const boot = bootstrapTdAucBrier(time, status, risk, TIMES, createRng(20250411), { B: 1000 });
console.log(
  `\nsurvival_bench: ${source}; test n = ${time.length}, events ${
    status.reduce((a, b) => a + b, 0)
  }; Cox ki67_pct + metastasis fitted on train (n = ${fit.n_})`,
);
console.log(
  "month  cases ctrl cens   AUC [IF 95% CI]          [bootstrap 95% CI]   Brier [IF 95% CI]        [bootstrap 95% CI]",
);
const f = (x: number | null) => (x === null ? "  NA " : x.toFixed(3));
TIMES.forEach((t, k) => {
  console.log(
    `${String(t).padStart(5)} ${String(r.nCases[k]).padStart(6)} ${String(r.nControls[k]).padStart(4)} ${
      String(r.nCensored[k]).padStart(4)
    }   ` +
      `${f(r.auc!.estimate[k])} [${f(r.auc!.lower[k])}, ${f(r.auc!.upper[k])}]  [${f(boot.auc.lower[k])}, ${
        f(boot.auc.upper[k])
      }]   ` +
      `${f(r.brier!.model.estimate[k])} [${f(r.brier!.model.lower[k])}, ${f(r.brier!.model.upper[k])}]  [${
        f(boot.brier.lower[k])
      }, ${f(boot.brier.upper[k])}]`,
  );
});
const ibs = integratedBrier(TIMES, r.brier!.model.estimate);
console.log(
  `integrated Brier score (months ${ibs.from}–${ibs.to}, ${ibs.rule}): ${f(ibs.ibs)}; ${boot.method}\n`,
);

Deno.bench(
  { name: "td AUC + Brier, 24 horizons, IF SEs and CIs, null model (n = 91)", n: 20, warmup: 2 },
  () => {
    timeDependentAucBrier(time, status, risk, TIMES);
  },
);
Deno.bench({ name: "td AUC + Brier, 24 horizons, 3 models compared (n = 91)", n: 10, warmup: 1 }, () => {
  compareTimeDependent(time, status, { a: risk, b: risk, c: risk }, TIMES);
});
Deno.bench(
  { name: "bootstrap td AUC + Brier, 24 horizons, 1,000 resamples (n = 91)", n: 2, warmup: 0 },
  () => {
    bootstrapTdAucBrier(time, status, risk, TIMES, createRng(1), { B: 1000 });
  },
);
Deno.bench({ name: "Cox fit (Efron), 2 covariates, n = 215", n: 20, warmup: 2 }, () => {
  new CoxPH({ covariates, time: "pfs_months", status: "progression" }).fit(train);
});

// The issue-16 workloads at the sizes of the R anchors (bench/workloads/survival.ts).
const coxData = coxWorkload();
const coxCovariates: PredictorSpec[] = Array.from(
  { length: 7 },
  (_, j) => ({ name: `x${j}`, type: "numeric" }),
);
Deno.bench({ name: "Cox fit (Efron) with Harrell's C, 1,546 rows × 7 covariates", n: 50, warmup: 5 }, () => {
  new CoxPH({ covariates: coxCovariates }).fit(coxData);
});
const td = tdWorkload();
Deno.bench({ name: "td AUC + Brier with SEs, 686 patients, 24 horizons", n: 20, warmup: 2 }, () => {
  timeDependentAucBrier(td.time, td.status, td.risk, td.times);
});
