/**
 * Report tables of internal validation: rms's validate table (index, apparent, training, test,
 * optimism, corrected, n) with the steps repeated in the resamples, and a compact summary of several
 * models' optimism-corrected indexes.
 */
import type { ValidateResult } from "../eval/validate.ts";
import type { CalibrateResult } from "../eval/calibrate.ts";
import { type Cell, type ReportTable, reportTable } from "./table.ts";

const INDEX_LABELS: Readonly<Record<string, string>> = {
  Dxy: "Somers' Dxy",
  AUC: "AUC (C)",
  C: "C index",
  R2: "Nagelkerke R²",
  Intercept: "Calibration intercept",
  Slope: "Calibration slope",
  Emax: "Emax",
  D: "Discrimination D",
  U: "Unreliability U",
  Q: "Quality Q",
  B: "Brier score",
  g: "g (log odds)",
  gp: "gp (probability)",
};

/** Notes saying how the validation was run and which steps its optimism covers. */
export function validationNotes(v: ValidateResult): string[] {
  const rep = v.steps.filter((s) => s.repeated).map((s) => s.name);
  const fixed = v.steps.filter((s) => !s.repeated).map((s) => s.name);
  return [
    `Harrell's optimism bootstrap (as rms::validate, method "boot"): ${v.nResamples} resamples${
      v.seed === null ? " (given explicitly)" : `, seed ${v.seed}`
    }; ${v.nSuccessful} used, ${v.nFailed} failed${
      v.failures.length ? ` (${v.failures[0]}${v.nFailed > 1 ? "; …" : ""})` : ""
    }.`,
    `Repeated in every resample: ${rep.join("; ") || "nothing"}.${
      fixed.length ? ` Fitted once on all rows and reused: ${fixed.join("; ")}.` : ""
    }`,
    "Training = mean index of the refit on its resample; test = mean index of that refit on the original rows; optimism = training − test; corrected = apparent − optimism.",
    `n = ${v.n} rows, ${v.nEvents} events.`,
  ];
}

/** rms's validate table of one model. */
export function validateTable(
  v: ValidateResult,
  options: { title?: string; digits?: number } = {},
): ReportTable {
  const digits = options.digits ?? 4;
  const rows = Object.entries(v.index).map(([k, i]) => ({
    index: INDEX_LABELS[k] ?? k,
    apparent: i.apparent,
    train: i.train,
    test: i.test,
    optimism: i.optimism,
    corrected: i.corrected,
    n: i.n,
  }));
  return reportTable(options.title ?? `Internal validation: ${v.label}`, rows, {
    columns: [
      { key: "index", label: "Index" },
      { key: "apparent", label: "Apparent", digits },
      { key: "train", label: "Training", digits },
      { key: "test", label: "Test", digits },
      { key: "optimism", label: "Optimism", digits },
      { key: "corrected", label: "Corrected", digits },
      { key: "n", label: "n" },
    ],
    notes: validationNotes(v),
  });
}

/** One row per model: apparent and corrected AUC (or C), calibration slope, Brier (logistic), steps repeated. */
export function validationSummaryTable(
  results: readonly ValidateResult[],
  options: { title?: string; digits?: number } = {},
): ReportTable {
  const digits = options.digits ?? 3;
  const rows = results.map((v): Record<string, Cell> => {
    const disc = v.index.AUC ?? v.index.C;
    return {
      model: v.label,
      auc_apparent: disc.apparent,
      auc_optimism: disc.optimism,
      auc_corrected: disc.corrected,
      slope_corrected: v.index.Slope.corrected,
      brier_corrected: v.index.B ? v.index.B.corrected : null,
      used: `${v.nSuccessful}/${v.nResamples}`,
      repeated: v.steps.filter((s) => s.repeated).length === v.steps.length
        ? "all"
        : v.steps.filter((s) => s.repeated).map((s) => s.name).join("; "),
    };
  });
  return reportTable(options.title ?? "Internal validation: optimism-corrected indexes", rows, {
    columns: [
      { key: "model", label: "Model" },
      { key: "auc_apparent", label: "AUC apparent", digits },
      { key: "auc_optimism", label: "Optimism", digits },
      { key: "auc_corrected", label: "AUC corrected", digits },
      { key: "slope_corrected", label: "Slope corrected", digits },
      { key: "brier_corrected", label: "Brier corrected", digits },
      { key: "used", label: "Resamples used" },
      { key: "repeated", label: "Steps repeated" },
    ],
    notes: [
      "Harrell's optimism bootstrap (rms::validate); every model step marked repeated was refitted in each resample, so the optimism covers the selection.",
      ...results.map((v) =>
        `${v.label}: ${v.steps.map((s) => `${s.name}${s.repeated ? "" : " (not repeated)"}`).join(" → ")}.`
      ),
    ],
  });
}

/** The calibrate result as a table (one row per grid point) with the error summary in the notes. */
export function calibrateTable(
  c: CalibrateResult,
  options: { title?: string; digits?: number } = {},
): ReportTable {
  const digits = options.digits ?? 4;
  const rows = c.predy.map((p, k) => ({
    predicted: p,
    apparent: c.calibratedOrig[k],
    corrected: c.calibratedCorrected[k],
    optimism: c.optimism[k],
    n: c.nUsed[k],
  }));
  return reportTable(options.title ?? `Bias-corrected calibration: ${c.label}`, rows, {
    columns: [
      { key: "predicted", label: "Predicted risk", digits },
      { key: "apparent", label: "Observed (apparent)", digits },
      { key: "corrected", label: "Observed (bias-corrected)", digits },
      { key: "optimism", label: "Optimism", digits },
      { key: "n", label: "Resamples" },
    ],
    notes: [
      `rms::calibrate (method "boot", lowess, iter 0): ${c.nResamples} resamples${
        c.seed === null ? "" : `, seed ${c.seed}`
      }, ${c.nFailed} failed; n = ${c.n} (${c.nEvents} events).`,
      `Mean absolute error ${c.meanAbsError.toFixed(4)}, mean squared error ${
        c.meanSquaredError.toFixed(5)
      }, 0.9 quantile of absolute error ${c.quantile90AbsError.toFixed(4)} (n = ${c.nError}).`,
      `Repeated in every resample: ${c.steps.filter((s) => s.repeated).map((s) => s.name).join("; ")}.`,
    ],
  });
}
