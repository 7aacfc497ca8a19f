/**
 * The survival side of the study (paper Figures 4 and 5A/5B): Cox proportional-hazards versions of the
 * three models fitted on the training set (PFS months, progression), their predicted risks of
 * progression by each month on the test set for the time-dependent AUC and Brier score, and the risk
 * groups split at the training median of the nomogram's linear predictor.
 */
import type { PredictorSpec } from "../models/design.ts";
import { CoxPH, type FittedCox } from "../models/cox.ts";
import { RADSCORE, type Row } from "./models.ts";
import { modelLabel, type ModelLabels, STUDY_MODEL_KEYS } from "./predictions.ts";

/** Inputs of {@link fitSurvivalModels}. */
export interface SurvivalInputs {
  readonly train: readonly Row[];
  readonly test: readonly Row[];
  readonly clinicalPredictors: readonly PredictorSpec[];
  /** Follow-up time column (spec `endpoint.time`). */
  readonly time: string;
  /** Event column, 1 = event (spec `endpoint.status`). */
  readonly status: string;
  /** Display names of the models (spec `model_labels`). */
  readonly labels: ModelLabels;
}

/** The three Cox models. */
export interface SurvivalModels {
  readonly fits: Readonly<Record<"clinical" | "radiomics" | "nomogram", FittedCox>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly time: string;
  readonly status: string;
}

/** Fit Cox models (Efron ties) of the clinical predictors, the Radscore and both, on the training rows. */
export function fitSurvivalModels(inputs: SurvivalInputs): SurvivalModels {
  const { time, status } = inputs;
  const fit = (covariates: readonly PredictorSpec[]) =>
    new CoxPH({ covariates, time, status, ties: "efron" }).fit(inputs.train);
  return {
    fits: {
      clinical: fit(inputs.clinicalPredictors),
      radiomics: fit([RADSCORE]),
      nomogram: fit([...inputs.clinicalPredictors, RADSCORE]),
    },
    labels: Object.fromEntries(STUDY_MODEL_KEYS.map((k) => [k, modelLabel(inputs.labels, k)])),
    time,
    status,
  };
}

/**
 * Predicted risks of progression by each time, F(t | x) = 1 − S(t | x), laid out `risk[k][i]` (time k,
 * patient i) per model, keyed by the models' display labels, for compareTimeDependent.
 */
export function risksByTime(
  m: SurvivalModels,
  rows: readonly Row[],
  times: readonly number[],
): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const [k, f] of Object.entries(m.fits)) out[m.labels[k]] = f.predictRiskByTime(rows, times);
  return out;
}

/** Observed follow-up time and status of rows. */
export function timeStatus(m: SurvivalModels, rows: readonly Row[]): { time: number[]; status: number[] } {
  return {
    time: rows.map((r) => Number(r[m.time])),
    status: rows.map((r) => Number(r[m.status])),
  };
}
