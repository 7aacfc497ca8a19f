/**
 * Internal validation of the study's three models (clinical model, radiomics signature, radiomics
 * nomogram) on the training set, with every data-driven step repeated in each bootstrap resample:
 * the Table 2 path (univariable screening, multivariable model, predictors with p < threshold) for the
 * clinical part, z-score → SMOTE → mRMR → LASSO-CV → Radscore for the radiomics part
 * (`lib/eval/selection_recipes.ts`). The three recipes share one selection cache, so each resample's
 * selections are fitted once for validate and calibrate of all three models.
 */
import type { PredictorSpec, RowData } from "../models/design.ts";
import type { SelectionOptions } from "../models/selection_pipeline.ts";
import type { Matrix } from "../models/matrix_types.ts";
import type { ModelRecipe } from "../eval/recipe.ts";
import { selectionCache, type SelectionData, selectionRecipe } from "../eval/selection_recipes.ts";
import { validate, type ValidateResult } from "../eval/validate.ts";
import { calibrate, type CalibrateResult } from "../eval/calibrate.ts";
import { modelLabel, type ModelLabels, type StudyModelKey } from "./predictions.ts";

/** Inputs of {@link studyRecipes}. */
export interface StudyRecipeOptions {
  /** Outcome column, 0/1 (the study's event indicator, e.g. spec `endpoint.status`). */
  readonly outcome: string;
  /** Display names of the models (spec `model_labels`). */
  readonly labels: ModelLabels;
  /** Table 2 candidates. */
  readonly candidates: readonly PredictorSpec[];
  /** Screening / multivariable threshold (default 0.05). */
  readonly threshold?: number;
  /** Selection pipeline options of notebook 03 (seed, order, mRMR k, LASSO settings). */
  readonly pipeline: SelectionOptions;
  /** Repeat the selection steps in each resample (default true). */
  readonly repeatSelection?: boolean;
}

/**
 * Cohort rows and feature matrix of the same patients in the same order: the features' rows are
 * matched to `rows` by `id` (an id without features is an error naming it).
 */
export function studyValidationData(
  rows: RowData,
  features: { readonly ids: readonly string[]; readonly X: Matrix },
  names: readonly string[],
): SelectionData {
  const pos = new Map(features.ids.map((id, i) => [String(id), i]));
  const X = rows.map((r, i) => {
    const j = pos.get(String(r.id));
    if (j === undefined) {
      throw new Error(`studyValidationData: patient "${r.id}" (row ${i + 1}) has no radiomics features`);
    }
    return features.X[j];
  });
  return { rows, X, names };
}

/** The three study models as recipes with the selection repeated (see the module documentation). */
export function studyRecipes(o: StudyRecipeOptions): Record<StudyModelKey, ModelRecipe<SelectionData>> {
  const outcome = o.outcome;
  const label = (k: string) => modelLabel(o.labels, k);
  const repeat = o.repeatSelection ?? true;
  const cache = selectionCache();
  const pipeline: SelectionOptions = { constant: "unit", ...o.pipeline };
  const clinical = { candidates: o.candidates, threshold: o.threshold, repeat };
  const radiomics = { pipeline, repeat };
  return {
    clinical: selectionRecipe({ outcome, label: label("clinical"), clinical, cache }),
    radiomics: selectionRecipe({ outcome, label: label("radiomics"), radiomics, cache }),
    nomogram: selectionRecipe({ outcome, label: label("nomogram"), clinical, radiomics, cache }),
  };
}

/** validate and calibrate of each study model. */
export interface StudyInternalValidation {
  readonly validate: Readonly<Record<StudyModelKey, ValidateResult>>;
  readonly calibrate: Readonly<Record<StudyModelKey, CalibrateResult>>;
}

/** Run validate and calibrate (same B and seed, so the same resamples) for the three recipes. */
export function validateStudyModels(
  data: SelectionData,
  recipes: Record<StudyModelKey, ModelRecipe<SelectionData>>,
  options: { B?: number; seed?: number; onProgress?: (done: number, total: number) => void } = {},
): StudyInternalValidation {
  const keys: StudyModelKey[] = ["radiomics", "clinical", "nomogram"];
  const B = options.B ?? 200;
  const total = 2 * keys.length * B;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  const v = {} as Record<StudyModelKey, ValidateResult>;
  const c = {} as Record<StudyModelKey, CalibrateResult>;
  for (const k of keys) v[k] = validate(recipes[k], data, { B, seed: options.seed, onProgress: tick });
  for (const k of keys) c[k] = calibrate(recipes[k], data, { B, seed: options.seed, onProgress: tick });
  const order = (r: Record<StudyModelKey, unknown>) => ({
    clinical: r.clinical,
    radiomics: r.radiomics,
    nomogram: r.nomogram,
  });
  return {
    validate: order(v) as Record<StudyModelKey, ValidateResult>,
    calibrate: order(c) as Record<StudyModelKey, CalibrateResult>,
  };
}
