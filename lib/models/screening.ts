/**
 * Univariable screening and the multivariable model of the predictors that pass it — the
 * "univariate then multivariate logistic regression" path of the study's Table 2.
 *
 * 1. Each candidate predictor is fitted alone: logit P(y = 1) = β₀ + (its terms).
 *    Its screening p-value is the Wald p of its single term, or, for a factor with more than one dummy,
 *    the likelihood-ratio test against the intercept-only model (df = number of dummies).
 * 2. Predictors with screening p < `threshold` (default 0.05; "≤" with `inclusive`) enter one
 *    multivariable model (plus any `force`d predictors), fitted on the same rows.
 * Odds ratios are reported with the interval type `ci` ("wald" default — what SPSS/glm summaries
 * print — or "profile"). Univariable screening is known to select unstable sets (Sun, Shook & Kay 1996,
 * J Clin Epidemiol 49:907–916); it is implemented to reproduce the study, with the threshold explicit.
 * Reference: Hosmer, Lemeshow & Sturdivant, Applied Logistic Regression, 3rd ed. (2013), §4.2
 * (purposeful selection, step 1).
 */
import type { DataInput, PredictorSpec } from "./design.ts";
import {
  type CoefficientRow,
  type FittedLogistic,
  type LogisticOptions,
  LogisticRegression,
} from "./logistic.ts";
import { chisqUpper } from "../stats/distributions.ts";

/** Options of {@link screenPredictors}. */
export interface ScreeningOptions {
  /** Outcome column (0/1). */
  readonly outcome: string;
  /** Candidate predictors, in table order (use `label` for display names). */
  readonly candidates: readonly PredictorSpec[];
  /** Significance threshold of the univariable step (default 0.05). */
  readonly threshold?: number;
  /** Select with p ≤ threshold instead of p < threshold (default false). */
  readonly inclusive?: boolean;
  /** Predictors always entered in the multivariable model (default none). */
  readonly force?: readonly string[];
  /** Interval type printed (default "wald"). */
  readonly ci?: "wald" | "profile";
  /** Confidence level (default 0.95). */
  readonly confLevel?: number;
  /** Separation handling passed to every fit (default "firth": refit by Firth and say so). */
  readonly onSeparation?: LogisticOptions["onSeparation"];
  /** Outcome value of events when not 0/1. */
  readonly event?: string | number;
}

/** Univariable result of one candidate. */
export interface UnivariableResult {
  readonly predictor: string;
  readonly label: string;
  /** Coefficient rows of its terms (intercept excluded). */
  readonly terms: readonly CoefficientRow[];
  /** Screening p (Wald for one term, LR for a multi-dummy factor). */
  readonly pScreen: number;
  readonly selected: boolean;
  readonly fit: FittedLogistic;
}

/** Result of {@link screenPredictors}. */
export interface ScreeningResult {
  readonly univariable: readonly UnivariableResult[];
  /** Names of the predictors in the multivariable model, in candidate order. */
  readonly selected: readonly string[];
  /** The multivariable fit (null when nothing passed). */
  readonly multivariable: FittedLogistic | null;
  readonly threshold: number;
  readonly ci: "wald" | "profile";
  readonly confLevel: number;
  readonly warnings: readonly string[];
  /** Footnote describing the procedure. */
  readonly method: string;
}

/** Univariable screening and multivariable model (see module documentation). */
export function screenPredictors(data: DataInput, options: ScreeningOptions): ScreeningResult {
  const threshold = options.threshold ?? 0.05;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new Error(`screenPredictors: option "threshold": must be in (0, 1], got ${threshold}`);
  }
  const ci = options.ci ?? "wald";
  const confLevel = options.confLevel ?? 0.95;
  const force = options.force ?? [];
  for (const f of force) {
    if (!options.candidates.some((c) => c.name === f)) {
      throw new Error(`screenPredictors: option "force": "${f}" is not a candidate`);
    }
  }
  const base = {
    outcome: options.outcome,
    event: options.event,
    confLevel,
    profile: ci === "profile",
    onSeparation: options.onSeparation ?? "firth",
  } as const;
  const warnings: string[] = [];
  const nullFit = new LogisticRegression({ ...base, predictors: [], profile: false }).fit(data);
  const uni: UnivariableResult[] = options.candidates.map((c) => {
    const fit = new LogisticRegression({ ...base, predictors: [c], source: `univariable ${c.name}` }).fit(
      data,
    );
    for (const w of fit.warnings_) warnings.push(`${c.label ?? c.name} (univariable): ${w}`);
    const terms = fit.coefficients_.filter((r) => r.term !== "(Intercept)");
    const pScreen = terms.length === 1 || fit.method_ !== "ml"
      ? Math.min(...terms.map((t) => t.pValue))
      : chisqUpper(nullFit.deviance_ - fit.deviance_, terms.length);
    const selected = options.inclusive ? pScreen <= threshold : pScreen < threshold;
    return { predictor: c.name, label: c.label ?? c.name, terms, pScreen, selected, fit };
  });
  const selectedNames = options.candidates.map((c) => c.name).filter((n) =>
    force.includes(n) || uni.find((u) => u.predictor === n)!.selected
  );
  let multivariable: FittedLogistic | null = null;
  if (selectedNames.length > 0) {
    multivariable = new LogisticRegression({
      ...base,
      predictors: options.candidates.filter((c) => selectedNames.includes(c.name)),
      source: "multivariable model",
    }).fit(data);
    for (const w of multivariable.warnings_) warnings.push(`multivariable: ${w}`);
  }
  const method =
    `Univariable logistic regression of each candidate; predictors with p ${
      options.inclusive ? "≤" : "<"
    } ${threshold} ` +
    `(Wald; likelihood-ratio for multi-level factors)${
      force.length ? ` plus forced ${force.join(", ")}` : ""
    } entered one multivariable ` +
    `model. OR with ${Math.round(confLevel * 100)}% ${
      ci === "wald" ? "Wald" : "profile-likelihood"
    } CI; p from Wald z tests.`;
  return {
    univariable: uni,
    selected: selectedNames,
    multivariable,
    threshold,
    ci,
    confLevel,
    warnings,
    method,
  };
}

/** Minimal codebook row needed to build predictor specifications (structural: lib/data's CodebookEntry fits). */
export interface CodebookLike {
  readonly variable: string;
  readonly type: string;
  readonly levels: readonly string[];
  readonly reference: string | null;
  readonly publishedLabel?: string;
}

/**
 * Predictor specifications from codebook rows: continuous → numeric; categorical/binary → factor with
 * the codebook levels and reference. Labels come from `labels`, else the published label with "*" and a
 * trailing "(unit)" removed, else the variable name.
 */
export function predictorsFromCodebook(
  entries: readonly CodebookLike[],
  variables: readonly string[],
  labels: Readonly<Record<string, string>> = {},
): PredictorSpec[] {
  return variables.map((v) => {
    const e = entries.find((x) => x.variable === v);
    if (!e) throw new Error(`predictorsFromCodebook: variable "${v}" is not in the codebook`);
    const label = labels[v] ?? (e.publishedLabel ? cleanLabel(e.publishedLabel) : v);
    if (e.type === "continuous" || e.type === "latent" || e.type === "time") {
      return { name: v, type: "numeric", label };
    }
    if (e.type === "categorical" || e.type === "binary") {
      return { name: v, type: "factor", levels: e.levels, reference: e.reference ?? e.levels[0], label };
    }
    throw new Error(
      `predictorsFromCodebook: variable "${v}" has type "${e.type}", not a predictor type (continuous, categorical, binary)`,
    );
  });
}

/** "Age* (months)" → "Age"; "Ki-67 index*" → "Ki-67 index". */
export function cleanLabel(s: string): string {
  return s.replace(/\*/g, "").replace(/\s*\([^)]*\)\s*$/, "").trim();
}

/** Codebook row with the `source` column (where the variable appears in the paper). */
export interface CodebookSourceLike extends CodebookLike {
  readonly source: string;
}

/**
 * Table 2 candidates of a codebook: the predictor-type variables (continuous, categorical, binary)
 * whose `source` cites "Table 2", in codebook order, as predictor specifications.
 */
export function table2Candidates(
  codebook: { readonly entries: readonly CodebookSourceLike[] },
): PredictorSpec[] {
  const vars = codebook.entries
    .filter((e) => /Table 2\b/.test(e.source) && ["continuous", "categorical", "binary"].includes(e.type))
    .map((e) => e.variable);
  if (vars.length === 0) {
    throw new Error(`table2Candidates: no codebook variable cites "Table 2" in its source column`);
  }
  return predictorsFromCodebook(codebook.entries, vars);
}

/**
 * The final model of the study's path: refit, on `data`, the predictors of the multivariable model
 * with a term of p < `threshold` (default the screening threshold) — "Ki-67 index and metastasis
 * (both p < 0.05) were used to develop the clinical model" (Bi et al. 2025, §3.2).
 */
export function refitSignificant(
  s: ScreeningResult,
  data: DataInput,
  options: { threshold?: number; profile?: boolean; onSeparation?: LogisticOptions["onSeparation"] } = {},
): FittedLogistic {
  const m = s.multivariable;
  if (!m) throw new Error("refitSignificant: no multivariable model (no predictor passed the screening)");
  const thr = options.threshold ?? s.threshold;
  const keep = m.predictors_.filter((p) =>
    m.coefficients_.some((r) =>
      r.term !== "(Intercept)" && (r.term === p.name || r.term.startsWith(`${p.name}=`)) && r.pValue < thr
    )
  );
  if (keep.length === 0) throw new Error(`refitSignificant: no multivariable term has p < ${thr}`);
  return new LogisticRegression({
    ...m.options_,
    predictors: keep,
    profile: options.profile ?? m.options_.profile,
    onSeparation: options.onSeparation ?? m.options_.onSeparation,
    source: "final model",
  }).fit(data);
}
