/**
 * The three models of a radiomics study, as predictions: clinical model, radiomics signature and combined
 * nomogram, each with per-set patient ids, outcomes, linear predictors and probabilities. Notebook 04
 * builds them (fitting on the training set only) and saves them as `results/data/model_predictions.json`;
 * notebooks 05–07 read them, so every evaluation works on the same numbers.
 */
import type { PredictionSet } from "../models/predictions.ts";
import type { PredictionsByModel as EvalInput } from "../eval/metrics_summary.ts";

/**
 * Keys of a radiomics study's three models, in order: clinical model, radiomics signature (the
 * Radscore alone) and the nomogram combining both. Their display names come from the study's spec
 * (`model_labels`).
 */
export const STUDY_MODEL_KEYS = ["clinical", "radiomics", "nomogram"] as const;

export type StudyModelKey = typeof STUDY_MODEL_KEYS[number];

/** Display names of the study's models by key (spec `model_labels`); a missing key shows as the key. */
export type ModelLabels = Readonly<Record<string, string>>;

/** The display name of model `key` (the key itself when `labels` has none). */
export function modelLabel(labels: ModelLabels, key: string): string {
  return labels[key] ?? key;
}

/** One model's predictions on named sets ("train", "test", …). */
export interface StudyModel {
  readonly label: string;
  /** How and on what the model was fitted (shown in notes). */
  readonly fittedOn: string;
  /**
   * Event prevalence of the data the model was fitted on when it differs from the cohort's (e.g. 0.5
   * after SMOTE balancing); used for the prior (intercept) correction. Absent: fitted on the cohort.
   */
  readonly fittedPrevalence?: number;
  readonly sets: Readonly<Record<string, PredictionSet>>;
}

/** The models of the study and the outcome they predict. */
export interface StudyPredictions {
  readonly outcome: string;
  readonly models: Readonly<Record<string, StudyModel>>;
}

/**
 * Input of `evaluateModels` (lib/eval): model → set → {y, p}. The patients of a set must be the same,
 * in the same order, for every model (checked: paired comparisons such as DeLong's need it).
 */
export function evaluationInput(sp: StudyPredictions, sets?: readonly string[]): EvalInput {
  const out: Record<string, Record<string, { y: readonly number[]; p: readonly number[] }>> = {};
  let ref: Record<string, readonly string[]> | undefined;
  for (const [k, m] of Object.entries(sp.models)) {
    out[k] = {};
    for (const [s, ps] of Object.entries(m.sets)) {
      if (sets && !sets.includes(s)) continue;
      ref ??= {};
      if (ref[s] && ref[s].join() !== ps.id.join()) {
        throw new Error(
          `study predictions: model "${k}" set "${s}" lists other patients (or another order) than the first model`,
        );
      }
      ref[s] ??= ps.id;
      out[k][s] = { y: ps.y, p: ps.p };
    }
  }
  return out;
}

/** Display labels of the models (for evaluateModels' `labels`). */
export function modelLabels(sp: StudyPredictions): Record<string, string> {
  return Object.fromEntries(Object.entries(sp.models).map(([k, m]) => [k, m.label]));
}
