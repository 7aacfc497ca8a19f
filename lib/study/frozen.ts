/**
 * The study's models frozen for external validation: the Radscore definition (selected features,
 * their training mean and SD, LASSO coefficients) and the three logistic models (clinical model,
 * radiomics signature, radiomics nomogram) as coefficients with their predictor coding. Applied to
 * another cohort's table and features without refitting anything.
 */
import type { FeatureTable } from "../features/feature_table.ts";
import { applyFrozenRadscore, type FrozenRadscore } from "../models/selection_pipeline.ts";
import { binaryOutcome, type FrozenLogistic, predictFrozen } from "../models/logistic.ts";
import type { Row, StudyModelFits } from "./models.ts";
import { STUDY_MODEL_KEYS, type StudyPredictions } from "./predictions.ts";

/** A frozen study model (JSON). */
export interface FrozenStudyModel {
  readonly kind: "study-model";
  readonly version: 1;
  readonly outcome: string;
  readonly radscore: FrozenRadscore;
  readonly models: Readonly<Record<"clinical" | "radiomics" | "nomogram", FrozenLogistic>>;
  readonly labels: Readonly<Record<string, string>>;
  /** Where and how it was fitted (training set size, events, seed). */
  readonly provenance: Readonly<Record<string, string | number>>;
}

/** Freeze fitted study models with the Radscore that produced their `radscore` column. */
export function freezeStudyModel(
  fits: StudyModelFits,
  radscore: FrozenRadscore,
  provenance: Readonly<Record<string, string | number>> = {},
): FrozenStudyModel {
  return {
    kind: "study-model",
    version: 1,
    outcome: fits.predictions.outcome,
    radscore,
    models: {
      clinical: fits.clinical.toJSON(),
      radiomics: fits.radiomics.toJSON(),
      nomogram: fits.nomogram.toJSON(),
    },
    labels: Object.fromEntries(STUDY_MODEL_KEYS.map((k) => [k, fits.predictions.models[k]?.label ?? k])),
    provenance: { trainingPatients: fits.nomogram.n_, trainingEvents: fits.nomogram.nEvents_, ...provenance },
  };
}

/** Check that a parsed JSON value is a frozen study model (errors name the missing field). */
export function checkFrozenStudyModel(x: unknown, source = "model"): asserts x is FrozenStudyModel {
  const o = x as Record<string, unknown>;
  if (!o || typeof o !== "object" || o.kind !== "study-model") {
    throw new Error(`${source}: not a frozen study model (kind "study-model" expected)`);
  }
  for (const f of ["outcome", "radscore", "models"]) {
    if (!(f in o)) throw new Error(`${source}: missing field "${f}"`);
  }
  const m = o.models as Record<string, unknown>;
  for (const k of ["clinical", "radiomics", "nomogram"]) {
    if (!m?.[k]) throw new Error(`${source}: missing model "models.${k}"`);
  }
}

/**
 * Apply a frozen study model to a cohort (rows with `id`, the clinical predictors and the outcome) and
 * its radiomics features (matched by patient id): Radscores from the frozen definition, then the
 * three models' probabilities, as StudyPredictions with one set named `setName`.
 */
export function applyStudyModel(
  model: FrozenStudyModel,
  rows: readonly Row[],
  features: FeatureTable,
  setName = "external",
): StudyPredictions {
  const pos = new Map(features.ids.map((id, i) => [id, i]));
  const X = rows.map((r, i) => {
    const k = pos.get(String(r.id));
    if (k === undefined) {
      throw new Error(`${features.source}: no features for patient "${r.id}" (cohort row ${i + 2})`);
    }
    return features.values[k] as number[];
  });
  const rs = applyFrozenRadscore(model.radscore, X, features.names, features.source);
  const withRs = rows.map((r, i) => ({ ...r, radscore: rs[i] }));
  const y = binaryOutcome(rows.map((r) => r[model.outcome]), model.outcome, undefined, setName);
  const ids = rows.map((r) => String(r.id));
  const models: Record<string, StudyPredictions["models"][string]> = {};
  for (const k of ["clinical", "radiomics", "nomogram"] as const) {
    const lp = predictFrozen(model.models[k], withRs, "link");
    models[k] = {
      label: model.labels[k] ?? k,
      fittedOn: `frozen model (${
        Object.entries(model.provenance).map(([a, b]) => `${a} ${b}`).join(", ")
      }), not refitted`,
      sets: { [setName]: { id: ids, y, lp, p: lp.map((e) => 1 / (1 + Math.exp(-e))) } },
    };
  }
  return { outcome: model.outcome, models };
}
