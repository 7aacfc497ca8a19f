/**
 * The radiomics feature-selection step of the paper as one fit/transform object:
 *   z-score (training mean, SD n − 1) → SMOTE (training rows) → mRMR top k (paper: 20)
 *   → LASSO logistic with λ by K-fold CV → Radscore.
 * (ICC screening comes before, on the repeat measurements: lib/features/icc_screening.ts.)
 *
 * SMOTE and cross-validation, `order`:
 * - "paper": the whole training set is oversampled first and λ is chosen by CV on the oversampled
 *   rows (as Bi et al. describe), so synthetic rows built from a held-out patient's neighbours sit in
 *   the training folds and held-out folds contain synthetic rows: the CV estimate leaks.
 * - "correct": CV runs on the real training rows; inside each fold only the fold's training part is
 *   oversampled (on the mRMR candidate features) and the held-out part holds real patients only.
 * In both orders mRMR and the final LASSO fit use the oversampled full training set, so the two
 * differ only in how λ is chosen.
 * Randomness: one seed; SMOTE, folds and fold-SMOTE draw from forks of it ("smote", "folds",
 * "smote-fold-<k>"). Fitted objects read only the rows passed to (or selected in) `fit`.
 */
import { createRng } from "../random/rng.ts";
import { type ReportTable, reportTable } from "../report/table.ts";
import { checkBinary, checkMatrix, type Matrix, type Vec } from "./matrix_types.ts";
import { type FittedZScore, ZScore } from "./zscore.ts";
import { Smote, type SmoteOptions } from "./smote.ts";
import { type FittedMrmr, Mrmr, type MrmrOptions } from "./mrmr.ts";
import { aucMannWhitney, type FittedLassoCV, LassoCV, type LassoCVModelOptions } from "./lasso_cv.ts";
import { stratifiedFolds } from "./cv_folds.ts";
import { Radscore } from "./radscore.ts";

/** Options of {@link SelectionPipeline}. */
export interface SelectionOptions {
  /** SMOTE settings, or false to skip oversampling (default {k: 5, ratio: 1}). */
  readonly smote?: false | Omit<SmoteOptions, "rng">;
  /** Where SMOTE sits relative to the CV of λ (default "correct"). */
  readonly order?: "paper" | "correct";
  /** mRMR settings (default {k: 20, method: "MID", estimator: "correlation"}). */
  readonly mrmr?: MrmrOptions;
  /** LASSO-CV settings (default: 10 stratified folds, deviance, λ.min, 100 λ). */
  readonly lasso?: Omit<LassoCVModelOptions, "foldid" | "rng" | "seed" | "names" | "foldTrain">;
  /** Seed of every random step (default 1). */
  readonly seed?: number;
  /**
   * A feature constant in the training rows (possible in a bootstrap resample): "error" (default) or
   * "unit" (z-score with SD 1, i.e. a column of zeros that no later step can select).
   */
  readonly constant?: "error" | "unit";
}

/** Options of {@link SelectionPipeline.fit}. */
export interface SelectionFitOptions {
  /** Training row indices into X (default: every row). Other rows are never read. */
  readonly rows?: readonly number[];
}

/** Counts at each step, for the notebook. */
export interface SelectionCounts {
  readonly nTrain: number;
  readonly nEvents: number;
  readonly nAfterSmote: number;
  readonly nSynthetic: number;
  readonly features: number;
  readonly afterMrmr: number;
  readonly afterLasso: number;
}

/** Unfitted pipeline: stores options. */
export class SelectionPipeline {
  readonly options: SelectionOptions;
  constructor(options: SelectionOptions = {}) {
    const order = options.order ?? "correct";
    if (order !== "paper" && order !== "correct") {
      throw new Error(
        `SelectionPipeline option "order": expected "paper" or "correct", got ${JSON.stringify(order)}`,
      );
    }
    this.options = { ...options };
  }

  /**
   * Fit every step on the training rows of (X, y) (`rows`, default all). `names` are the column
   * names of X.
   */
  fit(X: Matrix, y: Vec, names: readonly string[], fitOptions: SelectionFitOptions = {}): FittedSelection {
    const rows = fitOptions.rows ?? X.map((_, i) => i);
    if (y.length !== X.length) {
      throw new Error(`SelectionPipeline.fit: ${y.length} outcomes for ${X.length} rows`);
    }
    const Xtr = rows.map((i, q) => {
      if (!Number.isInteger(i) || i < 0 || i >= X.length) {
        throw new Error(`SelectionPipeline.fit option "rows"[${q}]: not a row of X (got ${i})`);
      }
      return X[i];
    });
    const ytr = rows.map((i) => y[i]);
    const p = checkMatrix(Xtr, "SelectionPipeline.fit X (training rows)", { minRows: 10 });
    checkBinary(ytr, Xtr.length, "SelectionPipeline.fit y (training rows)");
    if (names.length !== p) throw new Error(`SelectionPipeline.fit: ${names.length} names for ${p} columns`);
    const o = this.options;
    const order = o.order ?? "correct";
    const rng = createRng(o.seed ?? 1);

    const zscore = new ZScore({ names, constant: o.constant }).fit(Xtr);
    const Ztr = zscore.transform(Xtr);
    const smoteOpts = o.smote === false ? null : { k: 5, ...(o.smote ?? {}) };
    const over = smoteOpts ? new Smote({ ...smoteOpts, rng: rng.fork("smote") }).fitResample(Ztr, ytr) : null;
    const Zs = over ? over.X_ : Ztr;
    const ys = over ? over.y_ : ytr;

    const mrmr = new Mrmr({ k: 20, ...(o.mrmr ?? {}), names }).fit(Zs, ys);
    const cols = mrmr.selected_;
    const candNames = cols.map((j) => names[j]);
    const pick = (Z: Matrix) => Z.map((r) => cols.map((j) => r[j]));
    const lassoOpts: LassoCVModelOptions = { nfolds: 10, ...(o.lasso ?? {}), names: candNames };
    let lasso: FittedLassoCV;
    if (order === "paper" || !smoteOpts) {
      const foldid = stratifiedFolds(ys, lassoOpts.nfolds ?? 10, rng.fork("folds"));
      lasso = new LassoCV({ ...lassoOpts, foldid }).fit(pick(Zs), ys);
    } else {
      const foldid = stratifiedFolds(ytr, lassoOpts.nfolds ?? 10, rng.fork("folds"));
      const fullX = pick(Zs);
      lasso = new LassoCV({
        ...lassoOpts,
        foldid,
        foldTrain: (Xf, yf, fold) =>
          fold === 0 ? { X: fullX, y: ys } : (({ X_, y_ }) => ({ X: X_, y: y_ }))(
            new Smote({ ...smoteOpts, rng: rng.fork(`smote-fold-${fold}`) }).fitResample(Xf, yf),
          ),
      }).fit(pick(Ztr), ytr);
    }
    const radscore = Radscore.fromCoefficients(lasso.intercept_, lasso.coef_, candNames);
    const counts: SelectionCounts = {
      nTrain: Xtr.length,
      nEvents: ytr.filter((v) => v === 1).length,
      nAfterSmote: Zs.length,
      nSynthetic: over ? over.nSynthetic_ : 0,
      features: p,
      afterMrmr: cols.length,
      afterLasso: radscore.terms_.length,
    };
    return new FittedSelection(names, order, zscore, mrmr, lasso, radscore, counts);
  }
}

/** A fitted selection: learned steps end in `_`; `transform` gives Radscores of new rows. */
export class FittedSelection {
  constructor(
    readonly names_: readonly string[],
    readonly order_: "paper" | "correct",
    readonly zscore_: FittedZScore,
    readonly mrmr_: FittedMrmr,
    readonly lasso_: FittedLassoCV,
    readonly radscore_: Radscore,
    readonly counts_: SelectionCounts,
  ) {}

  /** Names of the features with nonzero LASSO coefficients. */
  get selectedNames_(): string[] {
    return this.radscore_.terms_.map((t) => t.name);
  }

  /** Radscore of each row of X (all input columns, in the order of `names_`). */
  transform(X: Matrix): number[] {
    return this.radscore_.score(this.zscore_.transform(X), this.names_);
  }

  /**
   * The Radscore definition as JSON, for external validation without refitting: the selected features,
   * their training mean and SD (the z-score), and the LASSO intercept and coefficients on the z scale.
   */
  freeze(): FrozenRadscore {
    const idx = this.radscore_.terms_.map((t) => this.names_.indexOf(t.name));
    return {
      kind: "radscore",
      features: this.radscore_.terms_.map((t) => t.name),
      center: idx.map((j) => this.zscore_.mean_[j]),
      scale: idx.map((j) => this.zscore_.sd_[j]),
      intercept: this.radscore_.intercept_,
      coefficients: this.radscore_.terms_.map((t) => t.coef),
      order: this.order_,
      lambda: this.lasso_.lambda_,
    };
  }
}

/**
 * A frozen Radscore: Radscore = intercept + Σⱼ coefficientⱼ · (xⱼ − centerⱼ) / scaleⱼ over `features`
 * (training mean and SD, n − 1).
 */
export interface FrozenRadscore {
  readonly kind: "radscore";
  readonly features: readonly string[];
  readonly center: readonly number[];
  readonly scale: readonly number[];
  readonly intercept: number;
  readonly coefficients: readonly number[];
  readonly order: "paper" | "correct";
  readonly lambda: number;
}

/**
 * Radscores of rows of raw feature values (`columns` names the columns of X) with a frozen Radscore;
 * a missing feature column or a non-finite value is an error naming it.
 */
export function applyFrozenRadscore(
  frozen: FrozenRadscore,
  X: Matrix,
  columns: readonly string[],
  source = "features",
): number[] {
  const idx = frozen.features.map((f) => {
    const j = columns.indexOf(f);
    if (j < 0) throw new Error(`${source}: feature "${f}" of the frozen Radscore is missing`);
    return j;
  });
  return X.map((r, i) => {
    let s = frozen.intercept;
    idx.forEach((j, q) => {
      const v = r[j];
      if (!Number.isFinite(v)) {
        throw new Error(
          `${source} row ${i + 1}, feature "${frozen.features[q]}": expected a finite number, got ${v}`,
        );
      }
      s += frozen.coefficients[q] * (v - frozen.center[q]) / frozen.scale[q];
    });
    return s;
  });
}

/** One row of {@link compareSmoteOrders}. */
export interface SmoteOrderResult {
  readonly order: "paper" | "correct";
  readonly lambdaMin: number;
  readonly lambda1se: number;
  readonly lambda: number;
  readonly cvBest: number;
  readonly nSelected: number;
  readonly selected: readonly string[];
  readonly trainAuc: number;
  readonly testAuc: number;
  readonly fit: FittedSelection;
}

/**
 * Fit the pipeline in both SMOTE orders on the training rows and evaluate each Radscore on the test
 * rows (AUC, Mann–Whitney). Used by notebook 03 to show how the leaky order changes λ, the features
 * and the test AUC.
 */
export function compareSmoteOrders(
  train: { X: Matrix; y: Vec },
  test: { X: Matrix; y: Vec },
  names: readonly string[],
  options: Omit<SelectionOptions, "order"> = {},
): SmoteOrderResult[] {
  return (["paper", "correct"] as const).map((order) => {
    const fit = new SelectionPipeline({ ...options, order }).fit(train.X, train.y, names);
    const cv = fit.lasso_.cv_;
    return {
      order,
      lambdaMin: cv.lambdaMin,
      lambda1se: cv.lambda1se,
      lambda: fit.lasso_.lambda_,
      cvBest: cv.cvm[fit.lasso_.lambdaIndex_],
      nSelected: fit.counts_.afterLasso,
      selected: fit.selectedNames_,
      trainAuc: aucMannWhitney(train.y, fit.transform(train.X)),
      testAuc: aucMannWhitney(test.y, fit.transform(test.X)),
      fit,
    };
  });
}

/** The comparison as a report table. */
export function smoteOrderTable(results: readonly SmoteOrderResult[]): ReportTable {
  const both = new Set(results.map((r) => r.selected).reduce((a, b) => a.filter((x) => b.includes(x))));
  return reportTable(
    "SMOTE before vs inside cross-validation",
    results.map((r) => ({
      order: r.order === "paper" ? "paper (SMOTE, then CV)" : "correct (SMOTE inside folds)",
      lambda_min: r.lambdaMin,
      lambda_1se: r.lambda1se,
      cv_best: r.cvBest,
      n_selected: r.nSelected,
      shared: both.size,
      train_auc: r.trainAuc,
      test_auc: r.testAuc,
    })),
    {
      columns: [
        { key: "order", label: "Order" },
        { key: "lambda_min", label: "λ.min", digits: 5 },
        { key: "lambda_1se", label: "λ.1se", digits: 5 },
        { key: "cv_best", label: "CV measure at chosen λ", digits: 4 },
        { key: "n_selected", label: "Features" },
        { key: "shared", label: "Shared by both" },
        { key: "train_auc", label: "Train AUC (real rows)", digits: 3 },
        { key: "test_auc", label: "Test AUC", digits: 3 },
      ],
      notes: [
        "Paper order: the whole training set is oversampled before λ is chosen by CV, so synthetic rows leak across folds.",
        "Correct order: only each fold's training part is oversampled; held-out folds hold real patients only.",
      ],
    },
  );
}
