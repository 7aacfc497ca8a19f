/**
 * Predicted probabilities of a fitted logistic model on named data sets (training, test, external),
 * kept as plain JSON for the evaluation steps: per set the patient ids, observed outcome, linear
 * predictor and probability, plus the frozen model that produced them (so they can be re-derived
 * without refitting).
 */
import { type DataInput, getColumn } from "./design.ts";
import { binaryOutcome, type FittedLogistic, type FrozenLogistic } from "./logistic.ts";

/** Predictions on one data set. */
export interface PredictionSet {
  readonly id: readonly string[];
  readonly y: readonly number[];
  readonly lp: readonly number[];
  readonly p: readonly number[];
}

/** Predictions on several data sets with the model. */
export interface ModelPredictions {
  readonly model: FrozenLogistic;
  readonly sets: Readonly<Record<string, PredictionSet>>;
}

/** Predict every set with the fitted model (no refitting). `id` names the id column (default "id"). */
export function modelPredictions(
  fit: FittedLogistic,
  sets: Readonly<Record<string, DataInput>>,
  options: { id?: string } = {},
): ModelPredictions {
  const idCol = options.id ?? "id";
  const out: Record<string, PredictionSet> = {};
  for (const [name, data] of Object.entries(sets)) {
    const lp = fit.predict(data, { type: "link", source: name });
    out[name] = {
      id: getColumn(data, idCol, name).map((v) => String(v)),
      y: binaryOutcome(
        getColumn(data, fit.options_.outcome, name),
        fit.options_.outcome,
        fit.options_.event,
        name,
      ),
      lp,
      p: lp.map((e) => 1 / (1 + Math.exp(-e))),
    };
  }
  return { model: fit.toJSON(), sets: out };
}
