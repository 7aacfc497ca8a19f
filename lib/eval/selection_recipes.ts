/**
 * Recipes that repeat variable selection inside every bootstrap resample, so that the optimism of
 * {@link validate} and {@link calibrate} covers the selection (Harrell, Regression Modeling Strategies,
 * 2nd ed., §5.3.3; Steyerberg, Clinical Prediction Models, 2nd ed., §17.2).
 *
 * {@link selectionRecipe} builds the three models of a clinical + radiomics study as one recipe:
 * - clinical part (Table 2 path, `lib/models/screening.ts`): univariable screening of the candidates
 *   (p < threshold), one multivariable model of those that pass, and the predictors with a
 *   multivariable p < threshold kept (`refitSignificant`);
 * - radiomics part (`lib/models/selection_pipeline.ts`): z-score → SMOTE → mRMR → LASSO with λ by CV
 *   → Radscore, on the resample's rows only;
 * - final model: maximum-likelihood logistic regression of the outcome on the kept clinical
 *   predictors and (when present) the Radscore, on the resample's rows.
 * Clinical only = the clinical model, radiomics only = the radiomics signature, both = the nomogram.
 * With `repeat: false` a part is selected once on all rows (the apparent fit) and reused in every
 * resample; the steps list says which parts were repeated. Each resample's random steps (SMOTE, CV
 * folds) draw their seed from the resample's own stream (`FitContext.rng`); the apparent fit uses the
 * pipeline's `seed`, so it equals the study's fitted model.
 */
import type { DataInput, PredictorSpec, RowData } from "../models/design.ts";
import { designMatrix } from "../models/design.ts";
import { binaryOutcome } from "../models/logistic.ts";
import { irlsLogistic } from "../models/irls.ts";
import { refitSignificant, type ScreeningOptions, screenPredictors } from "../models/screening.ts";
import { type SelectionOptions, SelectionPipeline } from "../models/selection_pipeline.ts";
import type { Matrix } from "../models/matrix_types.ts";
import type { FittedRecipe, ModelRecipe, RecipeStep } from "./recipe.ts";

/** Data of a selection recipe: cohort rows and, aligned with them, the radiomics feature matrix. */
export interface SelectionData {
  /** One row per patient (outcome and clinical candidates). */
  readonly rows: RowData;
  /** Radiomics features of the same patients, same order (needed with a radiomics part). */
  readonly X?: Matrix;
  /** Column names of X. */
  readonly names?: readonly string[];
}

/** The clinical part of {@link selectionRecipe}. */
export interface ClinicalPart {
  /** Table 2 candidates (screened in each resample). */
  readonly candidates: readonly PredictorSpec[];
  /** Screening and multivariable threshold (default 0.05). */
  readonly threshold?: number;
  /** Other screening options (separation handling etc.). */
  readonly screening?: Omit<ScreeningOptions, "outcome" | "candidates" | "threshold">;
  /** Repeat screening and multivariable selection in each resample (default true). */
  readonly repeat?: boolean;
}

/** The radiomics part of {@link selectionRecipe}. */
export interface RadiomicsPart {
  /** Selection pipeline options (z-score, SMOTE, mRMR, LASSO-CV; `seed` for the apparent fit). */
  readonly pipeline: SelectionOptions;
  /** Repeat the whole pipeline in each resample (default true). */
  readonly repeat?: boolean;
}

/** Options of {@link selectionRecipe}. */
export interface SelectionRecipeOptions {
  /** Outcome column (0/1). */
  readonly outcome: string;
  readonly label: string;
  readonly clinical?: ClinicalPart;
  readonly radiomics?: RadiomicsPart;
  /**
   * Selections shared between recipes and calls (see {@link selectionCache}): the nomogram reuses
   * the radiomics signature's Radscore of the same resample, calibrate reuses validate's.
   */
  readonly cache?: SelectionCache;
}

/**
 * Memo of selection results keyed by the resample's rows and seed, so several recipes on the same
 * data and resamples fit each selection once. Create one per data set (the key does not name it).
 */
export interface SelectionCache {
  readonly clinical: Map<string, PredictorSpec[]>;
  readonly radscore: Map<string, number[]>;
}

/** An empty {@link SelectionCache}. */
export function selectionCache(): SelectionCache {
  return { clinical: new Map(), radscore: new Map() };
}

function memoised<T>(m: Map<string, T> | undefined, key: string, f: () => T): T {
  if (!m) return f();
  const hit = m.get(key);
  if (hit !== undefined) return hit;
  const v = f();
  m.set(key, v);
  return v;
}

/** Name of the Radscore term in the final model. */
export const RADSCORE_TERM = "radscore";

/** A logistic recipe that repeats the data-driven selection steps (see the module documentation). */
export function selectionRecipe(options: SelectionRecipeOptions): ModelRecipe<SelectionData> {
  const { clinical, radiomics, outcome } = options;
  if (!clinical && !radiomics) {
    throw new Error(`selectionRecipe "${options.label}": give a clinical or a radiomics part`);
  }
  const thr = clinical?.threshold ?? 0.05;
  const repC = clinical?.repeat ?? true;
  const repR = radiomics?.repeat ?? true;
  const steps: RecipeStep[] = [];
  if (clinical) {
    steps.push({
      name: `univariable screening of ${clinical.candidates.length} candidates (p < ${thr})`,
      repeated: repC,
    });
    steps.push({ name: `multivariable logistic model, predictors with p < ${thr} kept`, repeated: repC });
  }
  if (radiomics) {
    const sm = radiomics.pipeline.smote === false ? null : "SMOTE";
    steps.push({ name: "z-score of the radiomics features", repeated: repR });
    if (sm) steps.push({ name: `SMOTE (${radiomics.pipeline.order ?? "correct"} order)`, repeated: repR });
    steps.push({ name: `mRMR (top ${radiomics.pipeline.mrmr?.k ?? 20})`, repeated: repR });
    steps.push({ name: "LASSO logistic, λ by cross-validation → Radscore", repeated: repR });
  }
  steps.push({ name: "final logistic regression (maximum likelihood)", repeated: true });

  let cache: { data: SelectionData; y: number[]; clin: PredictorSpec[]; rs: number[] | null } | null = null;
  const yOf = (d: SelectionData) => binaryOutcome(d.rows.map((r) => r[outcome]), outcome);
  const pickClinical = (sub: RowData): PredictorSpec[] => {
    const s = screenPredictors(sub, {
      ...(clinical!.screening ?? {}),
      outcome,
      candidates: clinical!.candidates,
      threshold: thr,
    });
    if (!s.multivariable) throw new Error(`no candidate passed the univariable screening (p < ${thr})`);
    return [...refitSignificant(s, sub, { profile: false }).predictors_];
  };
  const radscore = (
    d: SelectionData,
    y: number[],
    rows: readonly number[],
    seed: number | undefined,
  ): number[] => {
    if (!d.X || !d.names) {
      throw new Error(`selectionRecipe "${options.label}": data.X and data.names are required`);
    }
    const fit = new SelectionPipeline({ ...radiomics!.pipeline, ...(seed !== undefined ? { seed } : {}) })
      .fit(d.X, y, d.names, { rows });
    if (fit.counts_.afterLasso === 0) throw new Error("LASSO selected no feature");
    return fit.transform(d.X);
  };
  return {
    model: "logistic",
    label: options.label,
    steps,
    nRows: (d) => d.rows.length,
    response: (d) => ({ kind: "binary", y: yOf(d) }),
    fit(d, rows, ctx): FittedRecipe {
      if (!cache || cache.data !== d) {
        if (ctx.resample !== 0) {
          throw new Error("selectionRecipe: the apparent fit (resample 0) must come first");
        }
        const y = yOf(d);
        const all = d.rows.map((_, i) => i);
        cache = {
          data: d,
          y,
          clin: clinical
            ? memoised(options.cache?.clinical, `${thr}|apparent`, () => pickClinical(d.rows))
            : [],
          rs: radiomics
            ? memoised(options.cache?.radscore, "apparent", () => radscore(d, y, all, undefined))
            : null,
        };
      }
      const c = cache;
      const sub = rows.map((i) => d.rows[i]);
      const key = `${ctx.rng.seed}:${rows.join(",")}`;
      const clin = clinical
        ? (repC && ctx.resample > 0
          ? memoised(options.cache?.clinical, `${thr}|${key}`, () => pickClinical(sub))
          : c.clin)
        : [];
      const rs = radiomics
        ? (repR && ctx.resample > 0
          ? memoised(options.cache?.radscore, key, () => radscore(d, c.y, rows, ctx.rng.seed))
          : c.rs!)
        : null;
      const predictors: PredictorSpec[] = rs ? [...clin, { name: RADSCORE_TERM, type: "numeric" }] : clin;
      const data: DataInput = rs ? d.rows.map((r, i) => ({ ...r, [RADSCORE_TERM]: rs[i] })) : d.rows;
      const design = designMatrix(data, predictors, { intercept: true });
      const fit = irlsLogistic(rows.map((i) => design.X[i]), rows.map((i) => c.y[i]), {
        terms: design.terms,
      });
      if (!fit.converged) {
        throw new Error(`final logistic fit did not converge in ${fit.iterations} iterations`);
      }
      return {
        terms: design.terms,
        coefficients: fit.beta,
        lp: (r) =>
          r.map((i) => {
            const x = design.X[i];
            let s = 0;
            for (let j = 0; j < x.length; j++) s += x[j] * fit.beta[j];
            return s;
          }),
      };
    },
  };
}
