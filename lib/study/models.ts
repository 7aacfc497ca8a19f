/**
 * The study's three models, fitted on the training set only and applied to the test set (Bi et al.
 * 2025, §2.5–2.6): the clinical model (logistic on the predictors kept by the multivariable analysis,
 * notebook 02), the radiomics signature (logistic on the Radscore, notebook 03) and the radiomics
 * nomogram (logistic on the clinical predictors plus the Radscore). Fitted objects only predict the
 * test set; nothing is refitted on it.
 */
import { DataError } from "../data/csv.ts";
import type { PredictorSpec } from "../models/design.ts";
import { type FittedLogistic, LogisticRegression } from "../models/logistic.ts";
import { type ModelPredictions as FittedPredictions, modelPredictions } from "../models/predictions.ts";
import { modelLabel, type ModelLabels, type StudyPredictions } from "./predictions.ts";
import type { FrozenRadscore } from "../models/selection_pipeline.ts";

/** A patient's Radscore as notebook 03 saves it (`results/data/radscore.json`). */
export interface RadscoreRecord {
  readonly id: string;
  readonly radscore: number;
}

/** What notebook 03 saves: Radscores of the training and test patients and the frozen Radscore definition. */
export interface RadscoreFile {
  readonly train: readonly RadscoreRecord[];
  readonly test: readonly RadscoreRecord[];
  readonly frozen?: FrozenRadscore;
}

/** A cohort row: cells by column. */
export type Row = Readonly<Record<string, string | number | null>>;

/**
 * Add the `radscore` column to cohort rows, matched by `id`. A patient without a Radscore is an error
 * naming the patient and the set.
 */
export function withRadscore(rows: readonly Row[], records: readonly RadscoreRecord[], set: string): Row[] {
  const byId = new Map(records.map((r) => [String(r.id), r.radscore]));
  return rows.map((r, i) => {
    const id = String(r.id);
    const rs = byId.get(id);
    if (rs === undefined || !Number.isFinite(rs)) {
      throw new DataError(
        `radscore.json (${set}): no Radscore for patient "${id}" (cohort ${set} row ${i + 1})`,
        "radscore.json",
        i + 1,
        "radscore",
      );
    }
    return { ...r, radscore: rs };
  });
}

/** Inputs of {@link fitStudyModels}. */
export interface StudyModelInputs {
  /** Training and test rows, each with a `radscore` column (see {@link withRadscore}). */
  readonly train: readonly Row[];
  readonly test: readonly Row[];
  /** Predictors of the clinical model (e.g. Ki-67 index and metastasis). */
  readonly clinicalPredictors: readonly PredictorSpec[];
  /** Outcome column, 0/1 (the study's event indicator, e.g. spec `endpoint.status`). */
  readonly outcome: string;
  /** Display names of the models (spec `model_labels`). */
  readonly labels: ModelLabels;
}

/** The three fitted models and their predictions on both sets. */
export interface StudyModelFits {
  readonly clinical: FittedLogistic;
  readonly radiomics: FittedLogistic;
  readonly nomogram: FittedLogistic;
  readonly predictions: StudyPredictions;
  readonly fitted: Readonly<Record<"clinical" | "radiomics" | "nomogram", FittedPredictions>>;
}

/** The Radscore as a numeric predictor. */
export const RADSCORE: PredictorSpec = { name: "radscore", type: "numeric", label: "Radscore" };

/**
 * Fit the clinical model, the radiomics signature and the combined nomogram by maximum likelihood on
 * the training rows and predict both sets (profile-likelihood CIs of the coefficients included).
 */
export function fitStudyModels(inputs: StudyModelInputs): StudyModelFits {
  const outcome = inputs.outcome;
  const label = (k: string) => modelLabel(inputs.labels, k);
  const fit = (predictors: readonly PredictorSpec[], source: string) =>
    new LogisticRegression({ predictors, outcome, profile: true, source }).fit(inputs.train);
  const clinical = fit(inputs.clinicalPredictors, "clinical model");
  const radiomics = fit([RADSCORE], "radiomics signature");
  const nomogram = fit([...inputs.clinicalPredictors, RADSCORE], "radiomics nomogram");
  const sets = { train: inputs.train, test: inputs.test };
  const fitted = {
    clinical: modelPredictions(clinical, sets),
    radiomics: modelPredictions(radiomics, sets),
    nomogram: modelPredictions(nomogram, sets),
  };
  const desc = (f: FittedLogistic) =>
    `logistic regression on ${
      f.terms_.filter((t) => t !== "(Intercept)").join(" + ")
    }, training set (n = ${f.n_}, ${f.nEvents_} events)`;
  const predictions: StudyPredictions = {
    outcome,
    models: {
      clinical: { label: label("clinical"), fittedOn: desc(clinical), sets: fitted.clinical.sets },
      radiomics: { label: label("radiomics"), fittedOn: desc(radiomics), sets: fitted.radiomics.sets },
      nomogram: { label: label("nomogram"), fittedOn: desc(nomogram), sets: fitted.nomogram.sets },
    },
  };
  return { clinical, radiomics, nomogram, predictions, fitted };
}

/**
 * The LASSO model behind the Radscore as a probability model, p = plogis(Radscore): it was fitted on
 * SMOTE-balanced training data, so its probabilities carry the balanced prevalence `fittedPrevalence`
 * (1:1 → 0.5) rather than the cohort's. Used to show what SMOTE does to predicted risks.
 */
export function smoteTrainedPredictions(
  radscore: RadscoreFile,
  reference: StudyPredictions,
  fittedPrevalence = 0.5,
): StudyPredictions {
  const first = Object.values(reference.models)[0];
  if (!first) throw new Error("smoteTrainedPredictions: the reference predictions hold no model");
  const outcomeByIdSet: Record<string, Map<string, number>> = {};
  for (const [set, ps] of Object.entries(first.sets)) {
    outcomeByIdSet[set] = new Map(ps.id.map((id, i) => [id, ps.y[i]]));
  }
  const sets: Record<string, { id: string[]; y: number[]; lp: number[]; p: number[] }> = {};
  for (const set of ["train", "test"] as const) {
    const ys = outcomeByIdSet[set];
    if (!ys) throw new Error(`smoteTrainedPredictions: the reference predictions have no "${set}" set`);
    const recs = radscore[set];
    sets[set] = {
      id: recs.map((r) => String(r.id)),
      y: recs.map((r) => {
        const y = ys.get(String(r.id));
        if (y === undefined) {
          throw new DataError(
            `radscore.json (${set}): patient "${r.id}" is not in the cohort's ${set} set`,
            "radscore.json",
          );
        }
        return y;
      }),
      lp: recs.map((r) => r.radscore),
      p: recs.map((r) => 1 / (1 + Math.exp(-r.radscore))),
    };
  }
  return {
    outcome: reference.outcome,
    models: {
      lasso_smote: {
        label: "LASSO model on SMOTE-balanced data (p = plogis(Radscore))",
        fittedOn:
          `LASSO logistic regression on the SMOTE-balanced training set (prevalence ${fittedPrevalence})`,
        fittedPrevalence,
        sets,
      },
    },
  };
}
