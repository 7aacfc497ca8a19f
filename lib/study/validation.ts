/**
 * External validation as one step (rms's validate → calibrate path applied to new patients): a frozen
 * study model meets another cohort, and the same metrics and figures as on the study's own test set
 * come out: AUC with DeLong CI, Brier with stratified bootstrap CI, calibration statistics and curves,
 * ROC and decision curves. Nothing is refitted.
 */
import { createRng } from "../random/rng.ts";
import { evaluateModels, type Evaluation } from "../eval/metrics_summary.ts";
import { discriminationTable } from "../report/evaluation_tables.ts";
import type { ReportTable } from "../report/table.ts";
import type { Figure } from "../plot/figure.ts";
import { rocFigureFromEvaluation } from "../plot/roc_curve.ts";
import { decisionFigureFromEvaluation } from "../plot/decision_curve.ts";
import { calibrationCurveFigure } from "../plot/calibration_curve.ts";
import { applyStudyModel, type FrozenStudyModel } from "./frozen.ts";
import { calibrationSeries, calibrationTable } from "./calibration_report.ts";
import { evaluationInput, modelLabels, type StudyPredictions } from "./predictions.ts";
import type { Row } from "./models.ts";
import type { FeatureTable } from "../features/feature_table.ts";

/** A cohort for external validation: rows and radiomics features. */
export interface ExternalCohort {
  readonly rows: readonly Row[];
  readonly features: FeatureTable;
  readonly source: string;
}

/** Options of {@link externalValidation}. */
export interface ExternalValidationOptions {
  /** Bootstrap resamples of the Brier CIs and decision-curve bands (default 2000). */
  readonly B?: number;
  /**
   * Seed of the analysis: the bootstrap of the Brier CIs and decision-curve bands, and the stream of
   * the calibration bands (`createRng(seed)`).
   */
  readonly seed: number;
  /** Name of the set in tables (default "external"). */
  readonly setName?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Everything an external validation reports. */
export interface ExternalValidation {
  readonly predictions: StudyPredictions;
  readonly evaluation: Evaluation;
  readonly tables: { readonly discrimination: ReportTable; readonly calibration: ReportTable };
  readonly figures: { readonly roc: Figure; readonly calibration: Figure; readonly decision: Figure };
}

/** Apply a frozen study model to an external cohort and evaluate it. */
export function externalValidation(
  model: FrozenStudyModel,
  cohort: ExternalCohort,
  options: ExternalValidationOptions,
): ExternalValidation {
  const set = options.setName ?? "external";
  const predictions = applyStudyModel(model, cohort.rows, cohort.features, set);
  const evaluation = evaluateModels(evaluationInput(predictions), {
    B: options.B ?? 2000,
    seed: options.seed,
    labels: modelLabels(predictions),
    dcaBands: true,
    onProgress: options.onProgress,
  });
  const title = `External validation on ${cohort.source} (n = ${cohort.rows.length})`;
  return {
    predictions,
    evaluation,
    tables: {
      discrimination: discriminationTable(evaluation, { title: `${title}: discrimination and accuracy` }),
      calibration: calibrationTable(predictions, { title: `${title}: calibration` }),
    },
    figures: {
      roc: rocFigureFromEvaluation(evaluation, set, { title: "ROC curves, external validation" }),
      calibration: calibrationCurveFigure(calibrationSeries(predictions, set, createRng(options.seed)), {
        title: "Calibration curves, external validation",
      }),
      decision: decisionFigureFromEvaluation(evaluation, set, {
        title: "Decision curves, external validation",
      }),
    },
  };
}
