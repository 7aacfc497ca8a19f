/**
 * Survival workloads of bench/r_compare.ts on the seeded data of ./survival.ts:
 * - "Cox fit": CoxPH (Efron ties, with Harrell's C as coxph reports it) vs survival::coxph(ties = "efron"),
 *   1,546 rows × 7 covariates;
 * - "td-AUC + Brier": timeDependentAucBrier (influence-function SEs, KM censoring model, null model) vs
 *   riskRegression::Score(metrics = c("auc", "brier"), cens.model = "km", null.model = TRUE, se.fit = TRUE),
 *   686 patients, 24 horizons.
 * The data reach R through CSV files written with JavaScript's shortest round-trip number format (exact).
 */
import { join } from "node:path";
import { CoxPH } from "../../lib/models/cox.ts";
import { timeDependentAucBrier } from "../../lib/eval/td_auc_brier.ts";
import type { PredictorSpec } from "../../lib/models/design.ts";
import { columnsCsv, coxWorkload, tdWorkload } from "./survival.ts";
import { type Agreement, maxAbsDiff, maxRelDiff, type Values, type Workload } from "./workload.ts";

const coxData = coxWorkload();
const coxCovariates: PredictorSpec[] = Array.from(
  { length: 7 },
  (_, j) => ({ name: `x${j}`, type: "numeric" }),
);

export const coxFitWorkload: Workload = {
  name: "Cox fit (Efron), 1,546 x 7",
  rPackages: ["survival", "jsonlite"],
  prepare: (dir) => Deno.writeTextFileSync(join(dir, "cox.csv"), columnsCsv(coxData)),
  ours(): Values {
    const f = new CoxPH({ covariates: coxCovariates }).fit(coxData);
    return { coef: [...f.coef_], se: [...f.se_], loglik: f.loglik_, concordance: f.concordance_.cIndex };
  },
  r: `
suppressMessages(library(survival))
d <- read.csv(file.path(dir, "cox.csv"))
run <- function() coxph(Surv(time, status) ~ x0 + x1 + x2 + x3 + x4 + x5 + x6, data = d, ties = "efron")
check <- function() {
  f <- coxph(Surv(time, status) ~ x0 + x1 + x2 + x3 + x4 + x5 + x6, data = d, ties = "efron",
             control = coxph.control(eps = 1e-14, iter.max = 100))
  list(coef = unname(coef(f)), se = unname(sqrt(diag(vcov(f)))), loglik = f$loglik[2],
       concordance = unname(f$concordance["concordance"]))
}
`,
  agree(o: Values, r: Values): Agreement {
    const b = maxRelDiff(o.coef as number[], r.coef as number[]);
    const s = maxRelDiff(o.se as number[], r.se as number[]);
    const l = Math.abs((o.loglik as number) - (r.loglik as number));
    const c = Math.abs((o.concordance as number) - (r.concordance as number));
    return {
      ok: b < 1e-8 && s < 1e-8 && l < 1e-8 && c < 1e-12,
      detail: `coef rel ${b.toExponential(1)}, se rel ${s.toExponential(1)}, loglik ${l.toExponential(1)}, ` +
        `C ${c.toExponential(1)} vs coxph(eps 1e-14) (tol 1e-8; C 1e-12)`,
    };
  },
};

const td = tdWorkload();

export const tdAucBrierWorkload: Workload = {
  name: "td-AUC + Brier with SEs, 686 patients, 24 horizons",
  rPackages: ["riskRegression", "survival", "jsonlite"],
  prepare(dir) {
    Deno.writeTextFileSync(join(dir, "td.csv"), columnsCsv({ time: td.time, status: td.status }));
    const risk: Record<string, number[]> = {};
    td.times.forEach((t, k) => (risk[`t${t}`] = td.risk[k]));
    Deno.writeTextFileSync(join(dir, "td_risk.csv"), columnsCsv(risk));
  },
  ours(): Values {
    const r = timeDependentAucBrier(td.time, td.status, td.risk, td.times);
    return {
      auc: r.auc!.estimate as number[],
      auc_se: r.auc!.se as number[],
      brier: r.brier!.model.estimate as number[],
      brier_se: r.brier!.model.se as number[],
    };
  },
  r: `
suppressMessages(library(riskRegression)); suppressMessages(library(survival))
d <- read.csv(file.path(dir, "td.csv")); R <- as.matrix(read.csv(file.path(dir, "td_risk.csv")))
times <- as.numeric(sub("^t", "", colnames(R)))
run <- function() Score(list(m = R), formula = Surv(time, status) ~ 1, data = d, times = times,
  metrics = c("auc", "brier"), cens.model = "km", null.model = TRUE, conf.int = TRUE, se.fit = TRUE)
check <- function() {
  s <- run(); a <- s$AUC$score; b <- s$Brier$score[s$Brier$score$model == "m", ]
  list(auc = a$AUC, auc_se = a$se, brier = b$Brier, brier_se = b$se)
}
`,
  agree(o: Values, r: Values): Agreement {
    const a = maxAbsDiff(o.auc as number[], r.auc as number[]);
    const as = maxAbsDiff(o.auc_se as number[], r.auc_se as number[]);
    const b = maxAbsDiff(o.brier as number[], r.brier as number[]);
    const bs = maxAbsDiff(o.brier_se as number[], r.brier_se as number[]);
    return {
      ok: a < 1e-10 && b < 1e-10 && as < 1e-8 && bs < 1e-8,
      detail: `AUC ${a.toExponential(1)}, SE ${as.toExponential(1)}; Brier ${b.toExponential(1)}, SE ${
        bs.toExponential(1)
      } (abs; tol 1e-10 estimates, 1e-8 SEs)`,
    };
  },
};
