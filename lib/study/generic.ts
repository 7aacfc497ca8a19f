/**
 * The study steps of any study folder (the generic notebooks in `notebooks/study/`), driven by the spec
 * and the codebook: Table 1 by set with missing counts; univariable logistic regression of every
 * candidate on its own complete cases, the multivariable model of those with p < α (or a fixed list) on
 * its complete cases, Table 2 with n used and dropped; the clinical model's predictions on the training
 * and test sets; the Cox model of the same predictors with time-dependent AUC/Brier and risk-group
 * Kaplan–Meier curves. Labels, outcome names, model names and seeds come from the spec and codebook.
 */
import type { PredictorSpec } from "../models/design.ts";
import { type FittedLogistic, LogisticRegression } from "../models/logistic.ts";
import { modelPredictions } from "../models/predictions.ts";
import {
  predictorsFromCodebook,
  type ScreeningResult,
  screenPredictors,
  type UnivariableResult,
} from "../models/screening.ts";
import { CoxPH, type FittedCox } from "../models/cox.ts";
import { table1, type Table1Result, type Table1VariableSpec } from "../report/table1.ts";
import { table2 } from "../report/table2.ts";
import type { ReportTable } from "../report/table.ts";
import { completeCases, DERIVED, type Study, type StudyRow, variableLabel } from "./load.ts";
import type { StudyPredictions } from "./predictions.ts";

/** Set labels of tables and figures. */
export const SET_LABELS: Readonly<Record<string, string>> = { train: "Training set", test: "Test set" };

/** Table 1 of a study: the candidates, the follow-up time and the status, by training and test set. */
export function studyTable1(
  study: Study,
  options: { rule?: "paper" | "welch" | "wilcoxon" | "yates" | "fisher" } = {},
): Table1Result {
  const cb = study.codebook;
  const vars = [...study.candidates, study.spec.endpoint.time, study.spec.endpoint.status];
  const specs: Table1VariableSpec[] = vars.map((v) => {
    const e = cb.entries.find((x) => x.variable === v)!;
    const label = variableLabel(cb, v);
    if (e.type === "continuous" || e.type === "time") {
      return {
        name: v,
        label,
        kind: "continuous",
        unit: e.unit || (e.type === "time" ? study.spec.endpoint.time_unit : undefined),
      };
    }
    return { name: v, label, kind: "categorical", levels: e.levels.map(String) };
  });
  const rows = study.rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        v === null
          ? null
          : k === DERIVED.set
          ? v
          : typeof v === "number" && specs.some((s) => s.name === k && s.kind === "categorical")
          ? String(v)
          : v,
      ]),
    )
  );
  const res = table1(rows, specs, {
    groupColumn: DERIVED.set,
    groups: [{ level: "train", label: "Training set" }, { level: "test", label: "Test set" }],
    rule: options.rule ?? "wilcoxon",
    title: `Table 1. Baseline characteristics, ${study.spec.title}`,
  });
  const missingNote = Object.entries(study.missing).filter(([, k]) => k > 0).map(([v, k]) =>
    `${variableLabel(cb, v)} ${k}`
  );
  const notes = [
    study.splitNote,
    missingNote.length
      ? `Missing values (all patients): ${
        missingNote.join(", ")
      }; each variable is summarised and tested on its non-missing values.`
      : "No missing values.",
  ];
  return { ...res, table: { ...res.table, notes: [...(res.table.notes ?? []), ...notes] } };
}

/** n used and dropped (missing values) of one fit. */
export interface FitCounts {
  readonly model: string;
  readonly used: number;
  readonly events: number;
  readonly dropped: number;
}

/** The logistic side of a study. */
export interface ClinicalAnalysis {
  readonly screen: ScreeningResult;
  /** The clinical model (final), fitted on the complete cases of its predictors. */
  readonly model: FittedLogistic;
  readonly predictors: readonly PredictorSpec[];
  /** Univariable fits, then the multivariable model and the clinical model. */
  readonly counts: readonly FitCounts[];
  readonly notes: readonly string[];
}

/** Predictor specs of the study's candidates (codebook types, levels, reference levels, labels). */
export function candidateSpecs(study: Study): PredictorSpec[] {
  const labels = Object.fromEntries(study.candidates.map((v) => [v, variableLabel(study.codebook, v)]));
  return predictorsFromCodebook(study.codebook.entries, study.candidates, labels);
}

/**
 * Univariable screening (each candidate on the training rows with that candidate and the outcome
 * present), the multivariable model of those with p < α (or the fixed list) on its complete cases, and
 * the clinical model (multivariable predictors with p < α refitted, when `refit_significant`).
 */
export function clinicalAnalysis(study: Study): ClinicalAnalysis {
  const { spec } = study;
  const specs = candidateSpecs(study);
  const outcome = DERIVED.outcome;
  const base = { outcome, threshold: spec.predictors.alpha, ci: spec.predictors.ci };
  const counts: FitCounts[] = [];
  const events = (rows: readonly StudyRow[]) => rows.filter((r) => r[outcome] === 1).length;
  const trainOutcome = completeCases(study.train, [outcome]);
  const uni: UnivariableResult[] = [];
  const warnings: string[] = [];
  for (const c of specs) {
    const cc = completeCases(trainOutcome.rows, [c.name]);
    const s = screenPredictors(cc.rows, { ...base, candidates: [c] });
    uni.push(s.univariable[0]);
    warnings.push(...s.warnings);
    counts.push({
      model: `univariable ${c.label ?? c.name}`,
      used: cc.used,
      events: events(cc.rows),
      dropped: study.train.length - cc.used,
    });
  }
  const selected = spec.predictors.screening === "fixed"
    ? [...spec.predictors.fixed]
    : specs.filter((c) => uni.find((u) => u.predictor === c.name)!.selected).map((c) => c.name);
  if (selected.length === 0) {
    throw new Error(
      `${study.dir}/study.yaml: predictors.alpha: no candidate has univariable p < ${spec.predictors.alpha} (smallest p ${
        Math.min(...uni.map((u) => u.pScreen)).toPrecision(3)
      }); raise predictors.alpha or set predictors.screening: fixed with predictors.fixed`,
    );
  }
  const multiCc = completeCases(trainOutcome.rows, selected);
  const multi = screenPredictors(multiCc.rows, {
    ...base,
    candidates: specs.filter((c) => selected.includes(c.name)),
    threshold: 1,
    inclusive: true,
  });
  counts.push({
    model: "multivariable",
    used: multiCc.used,
    events: events(multiCc.rows),
    dropped: study.train.length - multiCc.used,
  });
  warnings.push(...multi.warnings.filter((w) => w.startsWith("multivariable")));
  const method = spec.predictors.screening === "fixed"
    ? `Univariable logistic regression of each candidate; the multivariable model holds the fixed list ${
      selected.join(", ")
    }. OR with ${spec.predictors.ci === "wald" ? "Wald" : "profile-likelihood"} CI; p from Wald z tests.`
    : `Univariable logistic regression of each candidate; predictors with p < ${spec.predictors.alpha} (Wald; likelihood-ratio for multi-level factors) entered one multivariable model. OR with 95% ${
      spec.predictors.ci === "wald" ? "Wald" : "profile-likelihood"
    } CI; p from Wald z tests.`;
  const screen: ScreeningResult = {
    ...multi,
    univariable: uni,
    selected,
    threshold: spec.predictors.alpha,
    warnings,
    method,
  };
  let model = multi.multivariable!;
  let predictors = model.predictors_;
  if (spec.predictors.refit_significant && spec.predictors.screening !== "fixed") {
    const m = multi.multivariable!;
    const keep = m.predictors_.filter((p) =>
      m.coefficients_.some((r) =>
        r.term !== "(Intercept)" && (r.term === p.name || r.term.startsWith(`${p.name}=`)) &&
        r.pValue < spec.predictors.alpha
      )
    );
    if (keep.length > 0) predictors = keep;
  }
  const finalCc = completeCases(trainOutcome.rows, predictors.map((p) => p.name));
  model = new LogisticRegression({ outcome, predictors, onSeparation: "firth", source: "clinical model" })
    .fit(finalCc.rows);
  counts.push({
    model: "clinical model",
    used: finalCc.used,
    events: events(finalCc.rows),
    dropped: study.train.length - finalCc.used,
  });
  const notes = [
    study.outcomeNote,
    `Missing values: each fit uses the training patients with its own variables present (complete cases); ` +
    counts.map((c) => `${c.model} n = ${c.used} (${c.events} events, ${c.dropped} dropped)`).join("; ") + ".",
  ];
  return { screen, model, predictors, counts, notes };
}

/** Table 2 of a study with the n used/dropped notes. */
export function studyTable2(study: Study, a: ClinicalAnalysis): ReportTable {
  const t = table2(
    a.screen,
    `Table 2. Univariable and multivariable logistic regression, ${study.spec.title} (training set)`,
  );
  return { ...t, notes: [...(t.notes ?? []), ...a.notes] };
}

/** Predictions of the clinical model on the complete cases of the training and test sets. */
export function studyPredictions(
  study: Study,
  a: ClinicalAnalysis,
): { predictions: StudyPredictions; counts: FitCounts[] } {
  const vars = [DERIVED.outcome, ...a.predictors.map((p) => p.name)];
  const sets: Record<string, readonly StudyRow[]> = {};
  const counts: FitCounts[] = [];
  for (const [name, rows] of [["train", study.train], ["test", study.test]] as const) {
    const cc = completeCases(rows, vars);
    sets[name] = cc.rows;
    counts.push({
      model: `clinical model, ${SET_LABELS[name]}`,
      used: cc.used,
      events: cc.rows.filter((r) => r[DERIVED.outcome] === 1).length,
      dropped: cc.dropped,
    });
  }
  const mp = modelPredictions(a.model, sets, { id: study.spec.id });
  return {
    predictions: {
      outcome: study.spec.endpoint.event_label,
      models: {
        clinical: {
          label: study.spec.model_labels.clinical ?? "Clinical model",
          fittedOn: `training set, ${a.counts[a.counts.length - 1].used} complete cases`,
          sets: mp.sets,
        },
      },
    },
    counts,
  };
}

/** The Cox model of the clinical predictors on the complete cases of the training set. */
export interface StudySurvival {
  readonly fit: FittedCox;
  readonly train: readonly StudyRow[];
  readonly test: readonly StudyRow[];
  readonly counts: readonly FitCounts[];
}

/** Fit the Cox model (Efron ties) of the clinical model's predictors; complete cases per set. */
export function studySurvival(study: Study, a: ClinicalAnalysis): StudySurvival {
  const vars = a.predictors.map((p) => p.name);
  const train = completeCases(study.train, vars);
  const test = completeCases(study.test, vars);
  const fit = new CoxPH({
    covariates: a.predictors,
    time: DERIVED.time,
    status: DERIVED.event,
    ties: "efron",
  }).fit(train.rows);
  const ev = (rows: readonly StudyRow[]) => rows.filter((r) => r[DERIVED.event] === 1).length;
  return {
    fit,
    train: train.rows,
    test: test.rows,
    counts: [
      { model: "Cox model, training set", used: train.used, events: ev(train.rows), dropped: train.dropped },
      { model: "Cox model, test set", used: test.used, events: ev(test.rows), dropped: test.dropped },
    ],
  };
}

/** One-line description of fit counts (for table notes). */
export function countsNote(counts: readonly FitCounts[]): string {
  return `Complete cases: ${
    counts.map((c) =>
      `${c.model} n = ${c.used} (${c.events} events, ${c.dropped} dropped for missing values)`
    ).join("; ")
  }.`;
}
