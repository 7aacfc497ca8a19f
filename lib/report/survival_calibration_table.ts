/**
 * Report table of survival calibration at one or more horizons: per risk group the number of
 * patients, events by the horizon, mean predicted risk and the Kaplan–Meier observed risk with its
 * CI, then the overall O/E ratio and the calibration slope of each horizon.
 *
 * Definitions: lib/eval/survival_calibration.ts.
 */
import type { SurvivalCalibrationSet } from "../eval/survival_calibration.ts";
import { formatFixed, formatP } from "../stats/format.ts";
import { type Cell, type ReportTable, reportTable } from "./table.ts";

/** Options of {@link survivalCalibrationTable}. */
export interface SurvivalCalibrationTableOptions {
  readonly title?: string;
  /** Model name for the title and notes, e.g. "Radiomics nomogram (Cox)". */
  readonly model?: string;
  /** Decimals of risks (default 3). */
  readonly digits?: number;
}

/** Survival calibration table (rows: horizon × risk group, then one "all" row per horizon). */
export function survivalCalibrationTable(
  set: SurvivalCalibrationSet,
  options: SurvivalCalibrationTableOptions = {},
): ReportTable {
  const d = options.digits ?? 3;
  const rows: Record<string, Cell>[] = [];
  set.results.forEach((r, k) => {
    r.groups.forEach((g, j) => {
      rows.push({
        horizon: j === 0 ? set.labels[k] : "",
        group: `${j + 1} of ${r.groupsFormed}`,
        n: g.n,
        events: g.nEventsByT0,
        at_risk: g.nAtRiskT0,
        predicted: g.meanPredictedRisk,
        observed: g.observedRisk,
        ci: g.observedRiskLower === null || g.observedRiskUpper === null
          ? "NA"
          : `${formatFixed(g.observedRiskLower, d)}–${formatFixed(g.observedRiskUpper, d)}`,
        oe: g.observedRisk / g.meanPredictedRisk,
      });
    });
    const s = r.calibrationSlope;
    rows.push({
      horizon: "",
      group: "all",
      n: r.n,
      events: r.overall.nEventsByT0,
      at_risk: r.overall.nAtRiskT0,
      predicted: r.overall.expectedRisk,
      observed: r.overall.observedRisk,
      ci: `slope ${formatFixed(s.slope, 2)} (SE ${formatFixed(s.se, 2)}; p = ${formatP(s.pValue)} vs 1)`,
      oe: r.overall.oeRatio,
    });
  });
  const first = set.results[0];
  const pct = Number((100 * first.confLevel).toPrecision(4));
  return reportTable(
    options.title ??
      `Calibration of predicted risk at ${set.labels.join(", ")}${options.model ? `: ${options.model}` : ""}`,
    rows,
    {
      columns: [
        { key: "horizon", label: "Horizon" },
        { key: "group", label: "Risk group" },
        { key: "n", label: "n" },
        { key: "events", label: "Events by t" },
        { key: "at_risk", label: "At risk at t" },
        { key: "predicted", label: "Mean predicted risk", digits: d },
        { key: "observed", label: "Observed risk (KM)", digits: d },
        { key: "ci", label: `${pct}% CI (log-log)` },
        { key: "oe", label: "O/E", digits: 2 },
      ],
      notes: [
        `Risk groups: quantile groups of predicted risk 1 − S(t | x) (${first.g} requested; ties may merge groups). ` +
        "Observed risk = 1 − Kaplan–Meier S(t) of the group with its log-log interval; O/E = observed / mean predicted risk.",
        "Calibration slope: Cox coefficient (Efron ties) of log(−log(1 − predicted risk)) with follow-up censored at t; 1 is ideal.",
      ],
    },
  );
}
