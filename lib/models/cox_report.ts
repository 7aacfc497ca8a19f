/**
 * Report tables of a Cox fit: hazard ratios with CIs and tests (as summary(coxph)), and the
 * proportional-hazards check (as cox.zph).
 */
import { type ReportTable, reportTable } from "../report/table.ts";
import type { CoxZph, FittedCox } from "./cox.ts";

function fmtP(p: number): string {
  return p < 0.001 ? "<0.001" : p.toFixed(3);
}

/** Coefficient table: term, β, SE, HR (CI), z, p; notes with n, events, LR/Wald/score tests, C-index. */
export function coxTable(fit: FittedCox, options: { title?: string; digits?: number } = {}): ReportTable {
  const d = options.digits ?? 3;
  const pct = Math.round(fit.confLevel_ * 100);
  const rows = fit.coefficients().map((r) => ({
    term: r.term,
    coef: r.coef,
    se: r.se,
    hr_ci: `${r.hr.toFixed(d)} (${r.hrLower.toFixed(d)}–${r.hrUpper.toFixed(d)})`,
    z: r.z,
    p: fmtP(r.pValue),
  }));
  const t = (name: string, x: { statistic: number; df: number; pValue: number }) =>
    `${name} ${x.statistic.toFixed(2)} on ${x.df} df, p = ${fmtP(x.pValue)}`;
  const c = fit.concordance_;
  return reportTable(options.title ?? "Cox proportional hazards model", rows, {
    columns: [
      { key: "term", label: "Term" },
      { key: "coef", label: "β", digits: d },
      { key: "se", label: "SE", digits: d },
      { key: "hr_ci", label: `HR (${pct}% CI, Wald)` },
      { key: "z", label: "z", digits: 2 },
      { key: "p", label: "p" },
    ],
    notes: [
      `n = ${fit.n_}, events = ${fit.nEvent_}; ties: ${fit.ties_}; Newton–Raphson, ${fit.iterations_} iterations${
        fit.converged_ ? "" : " (NOT converged)"
      }.`,
      `${t("Likelihood-ratio test", fit.lrTest_)}; ${t("Wald test", fit.waldTest_)}; ${
        t("Score (log-rank) test", fit.scoreTest_)
      }.`,
      `Harrell's C = ${c.cIndex.toFixed(d)} (SE ${
        c.se.toFixed(d)
      }, infinitesimal jackknife as survival::concordance).`,
    ],
  });
}

/** Proportional-hazards test table (one row per term, then GLOBAL). */
export function zphTable(z: CoxZph, options: { title?: string } = {}): ReportTable {
  return reportTable(
    options.title ?? "Proportional-hazards check",
    z.table.map((r) => ({ term: r.term, chisq: r.chisq, df: r.df, p: fmtP(r.pValue) })),
    {
      columns: [{ key: "term", label: "Term" }, { key: "chisq", label: "χ²", digits: 3 }, {
        key: "df",
        label: "df",
      }, { key: "p", label: "p" }],
      notes: [
        `${z.method}.`,
        "A small p suggests the hazard ratio changes over time (non-proportional hazards).",
      ],
    },
  );
}
