/**
 * The radiomics steps of any study folder (generic notebook `notebooks/study/02b_radiomics_nomogram`):
 * the study's feature table joined to the cohort by the id column, the phases filter, ICC screening when
 * the table holds repeat readings, the selection pipeline (z-score → SMOTE → mRMR → LASSO-CV →
 * Radscore; lib/models/selection_pipeline.ts) fitted on the training rows only with the spec's settings
 * and seed, and the radiomics signature (logistic on the Radscore) and radiomics nomogram (logistic on
 * the clinical model's predictors plus the Radscore), both fitted on the training rows.
 *
 *   const features = await readStudyFeatures(study);
 *   const rad = studyRadiomics(study, features);
 *   const models = studyRadiomicsModels(study, clinicalAnalysis(study), rad, clinicalPredictions);
 *
 * Feature table layouts (`radiomics.features`): batch extraction output (`patient`, `reader`, features;
 * reader "A1" is the main reading, "A2" and "B" the repeats, lib/features/extracted.ts), or a wide table
 * keyed by the spec's id column (or `id`, `PatientID`, …; lib/features/feature_table.ts) with an optional
 * `reader` column of the same codes. Without repeat readings the ICC screening is skipped with a note.
 * Features with a missing or non-finite value, or constant over the main reading, are left out and counted.
 *
 * Evaluation sets: every model of the returned predictions holds the same patients in the same order
 * (paired comparisons need it): the patients of each set with the logistic outcome, a Radscore and,
 * when the clinical model or the nomogram is built, the clinical predictors present.
 */
import { DataError, parseCsv } from "../data/csv.ts";
import {
  type FeatureTable,
  type IccScreening,
  iccScreening,
  parseFeatureCsv,
  parseFeatureName,
  READERS,
  type RepeatReadings,
  splitExtractedFeatures,
} from "../features/mod.ts";
import { type FittedSelection, SelectionPipeline } from "../models/selection_pipeline.ts";
import { type FittedLogistic, LogisticRegression } from "../models/logistic.ts";
import { modelPredictions, type PredictionSet } from "../models/predictions.ts";
import type { PredictorSpec } from "../models/design.ts";
import { type ReportTable, reportTable } from "../report/table.ts";
import { DERIVED, type Study, type StudyRow } from "./load.ts";
import type { ClinicalAnalysis } from "./generic.ts";
import type { StudyModel, StudyPredictions } from "./predictions.ts";
import { RADSCORE } from "./models.ts";
import { SpecError } from "./spec.ts";

/** A study's feature table, read and split. */
export interface StudyFeatureTable {
  /** Main reading, one row per patient, usable features only. */
  readonly table: FeatureTable;
  /** Repeat readings (reader A twice, reader B once) of the patients that have all three, or null. */
  readonly repeats: (RepeatReadings & { readonly ids: readonly string[] }) | null;
  /** Feature columns in the file. */
  readonly inFile: number;
  /** Features of the phases the spec names (all when `radiomics.phases` is empty). */
  readonly ofPhases: number;
  /** Columns left out, with the reason. */
  readonly dropped: readonly { readonly name: string; readonly reason: string }[];
  readonly notes: readonly string[];
}

/** `radiomics.features` is set and names one of the models' Radscore models ("radiomics", "nomogram"). */
export function hasRadiomicsModels(study: Study): boolean {
  return study.featuresPath !== null && study.spec.models.some((m) => m === "radiomics" || m === "nomogram");
}

/** Split a wide table with a `reader` metadata column into the main reading and the repeats. */
function splitByReader(
  t: FeatureTable,
  source: string,
): { table: FeatureTable; repeats: RepeatReadings & { ids: string[] } } {
  const reader = t.metadata.reader;
  const by = new Map<string, Map<string, readonly number[]>>();
  t.ids.forEach((id, i) => {
    const r = reader[i];
    if (!by.has(r)) by.set(r, new Map());
    const m = by.get(r)!;
    if (m.has(id)) {
      throw new DataError(
        `${source} row ${i + 2}: patient "${id}" appears twice for reader "${r}"`,
        source,
        i + 2,
      );
    }
    m.set(id, t.values[i]);
  });
  const main = by.get(READERS.first);
  if (!main) {
    throw new DataError(
      `${source}, column "reader": no rows of reader "${READERS.first}" (the main reading)`,
      source,
    );
  }
  const a2 = by.get(READERS.second) ?? new Map();
  const b = by.get(READERS.other) ?? new Map();
  const ids = [...main.keys()];
  const rep = ids.filter((id) => a2.has(id) && b.has(id));
  return {
    table: { ids, names: t.names, values: ids.map((id) => main.get(id)!), metadata: {}, source },
    repeats: {
      ids: rep,
      names: t.names,
      readerA1: rep.map((id) => main.get(id)!),
      readerA2: rep.map((id) => a2.get(id)!),
      readerB: rep.map((id) => b.get(id)!),
    },
  };
}

/** Keep feature columns `keep` (indices) of the main table and the repeats. */
function pickColumns(
  t: FeatureTable,
  repeats: (RepeatReadings & { ids: readonly string[] }) | null,
  keep: readonly number[],
): { table: FeatureTable; repeats: (RepeatReadings & { ids: readonly string[] }) | null } {
  const pick = (v: readonly number[]) => keep.map((k) => v[k]);
  const names = keep.map((k) => t.names[k]);
  return {
    table: { ...t, names, values: t.values.map(pick) },
    repeats: repeats
      ? {
        ids: repeats.ids,
        names,
        readerA1: repeats.readerA1.map(pick),
        readerA2: repeats.readerA2.map(pick),
        readerB: repeats.readerB.map(pick),
      }
      : null,
  };
}

/**
 * Read the study's feature table (`radiomics.features`; layouts in the module documentation), keep the
 * phases of `radiomics.phases` (feature names `<phase>_<filter>_<family>_<Feature>`), and leave out
 * features with a missing or non-finite value, or constant, in the main reading.
 */
export async function readStudyFeatures(study: Study): Promise<StudyFeatureTable> {
  const path = study.featuresPath;
  const specFile = `${study.dir}/study.yaml`;
  if (path === null) {
    throw new SpecError(
      `${specFile}: radiomics.features: no feature table named (extract the images with deno task extract --manifest and name the table here)`,
      specFile,
      "radiomics.features",
    );
  }
  const text = await Deno.readTextFile(path);
  const header = parseCsv(text.slice(0, text.indexOf("\n") + 1 || undefined), path).header;
  let table: FeatureTable;
  let repeats: (RepeatReadings & { ids: readonly string[] }) | null = null;
  const dropped: { name: string; reason: string }[] = [];
  if (header.includes("patient") && header.includes("reader")) {
    const x = splitExtractedFeatures(text, path);
    table = x.table;
    repeats = x.repeats;
    dropped.push(...x.dropped);
  } else {
    const idColumn = header.includes(study.spec.id) ? study.spec.id : undefined;
    const wide = parseFeatureCsv(text, { source: path, idColumn });
    if (wide.metadata.reader) {
      const x = splitByReader(wide, path);
      table = x.table;
      repeats = x.repeats;
    } else table = { ...wide, metadata: {} };
    const keep: number[] = [];
    table.names.forEach((name, k) => {
      const col = table.values.map((r) => r[k]);
      if (col.some((v) => !Number.isFinite(v))) dropped.push({ name, reason: "missing or non-finite value" });
      else if (col.every((v) => v === col[0])) dropped.push({ name, reason: "constant" });
      else keep.push(k);
    });
    ({ table, repeats } = pickColumns(table, repeats, keep));
  }
  const inFile = table.names.length + dropped.length;
  const phases = study.spec.radiomics.phases;
  let ofPhases = inFile;
  if (phases.length > 0) {
    const phaseOf = (n: string) => parseFeatureName(n)?.phase ?? "";
    const found = [...new Set(table.names.map(phaseOf))].sort();
    const keep = table.names.map((_, k) => k).filter((k) => phases.includes(phaseOf(table.names[k])));
    if (keep.length === 0) {
      throw new SpecError(
        `${specFile}: radiomics.phases: no feature of phase ${
          phases.join(", ")
        } in ${path} (phases in the table: ${found.join(", ") || "none"})`,
        specFile,
        "radiomics.phases",
      );
    }
    ofPhases = keep.length + dropped.filter((d) => phases.includes(phaseOf(d.name))).length;
    ({ table, repeats } = pickColumns(table, repeats, keep));
  }
  if (repeats && repeats.ids.length === 0) repeats = null;
  const notes = [
    `${table.ids.length} patients × ${inFile} feature columns in ${path.split("/").pop()}` +
    (phases.length ? `; ${ofPhases} of phase ${phases.join(", ")}` : "") +
    (dropped.length ? `; ${dropped.length} left out (missing, non-finite or constant)` : "") + ".",
    repeats
      ? `Repeat readings (reader A twice, reader B once) of ${repeats.ids.length} patients.`
      : `No repeat readings (no "reader" column with A2 and B rows): ICC screening skipped.`,
  ];
  return { table, repeats, inFile, ofPhases, dropped, notes };
}

/** One set of the radiomics step: the patients with the outcome and features, their outcomes and Radscores. */
export interface RadscoreSet {
  readonly ids: readonly string[];
  readonly y: readonly number[];
  readonly radscore: readonly number[];
}

/** The fitted radiomics step of a study. */
export interface StudyRadiomics {
  readonly features: StudyFeatureTable;
  /** ICC screening (null without repeat readings). */
  readonly screen: IccScreening | null;
  /** Features entering the selection pipeline. */
  readonly candidates: readonly string[];
  /** The pipeline fitted on the training rows. */
  readonly fit: FittedSelection;
  readonly train: RadscoreSet;
  readonly test: RadscoreSet;
  /** Radscore by patient id (training and test patients with features). */
  readonly radscoreById: ReadonlyMap<string, number>;
  /** Features left at each step. */
  readonly steps: ReportTable;
  readonly notes: readonly string[];
}

/**
 * ICC(2,1) screening (both intra- and inter-observer ICC ≥ `radiomics.icc_threshold`) when there are
 * repeat readings, then the selection pipeline fitted on the training patients with the outcome and
 * features (spec settings: `smote` "off" → none, "paper" → SMOTE before the CV of λ, "inside_cv" → inside
 * each fold; `mrmr_k`; `lasso_folds`; `lasso_rule` min/1se → λ.min/λ.1se; deviance; `seed`). Test
 * patients only meet the fitted pipeline.
 */
export function studyRadiomics(study: Study, features: StudyFeatureTable): StudyRadiomics {
  const { spec } = study;
  const r = spec.radiomics;
  const specFile = `${study.dir}/study.yaml`;
  if (!r.zscore) {
    throw new SpecError(
      `${specFile}: radiomics.zscore: false is not supported (the LASSO penalty needs features on one scale); set it to true`,
      specFile,
      "radiomics.zscore",
    );
  }
  const screen = features.repeats ? iccScreening(features.repeats, { threshold: r.icc_threshold }) : null;
  const candidates = screen ? screen.kept : features.table.names;
  if (candidates.length < 2) {
    throw new SpecError(
      `${specFile}: radiomics.icc_threshold: ${candidates.length} feature(s) pass ICC ≥ ${r.icc_threshold}; lower the threshold`,
      specFile,
      "radiomics.icc_threshold",
    );
  }
  const t = features.table;
  const col = candidates.map((n) => t.names.indexOf(n));
  const pos = new Map(t.ids.map((id, i) => [id, i]));
  const id = (row: StudyRow) => String(row[spec.id]);
  const setOf = (rows: readonly StudyRow[]) => {
    const withOutcome = rows.filter((row) => row[DERIVED.outcome] !== null);
    const kept = withOutcome.filter((row) => pos.has(id(row)));
    return {
      ids: kept.map(id),
      X: kept.map((row) => col.map((j) => t.values[pos.get(id(row))!][j])),
      y: kept.map((row) => row[DERIVED.outcome] as number),
      noFeatures: withOutcome.length - kept.length,
    };
  };
  const tr = setOf(study.train);
  const te = setOf(study.test);
  const fit = new SelectionPipeline({
    seed: spec.seed,
    smote: r.smote === "off" ? false : undefined,
    order: r.smote === "paper" ? "paper" : "correct",
    mrmr: { k: Math.min(r.mrmr_k, candidates.length) },
    lasso: { nfolds: r.lasso_folds, select: r.lasso_rule === "1se" ? "lambda.1se" : "lambda.min" },
  }).fit(tr.X, tr.y, candidates);
  if (fit.radscore_.terms_.length === 0) {
    throw new SpecError(
      `${specFile}: radiomics.lasso_rule: LASSO (λ ${r.lasso_rule}) kept no feature, so there is no Radscore; try lasso_rule: min or raise mrmr_k`,
      specFile,
      "radiomics.lasso_rule",
    );
  }
  const train = { ids: tr.ids, y: tr.y, radscore: fit.transform(tr.X) };
  const test = { ids: te.ids, y: te.y, radscore: fit.transform(te.X) };
  const radscoreById = new Map<string, number>();
  for (const s of [train, test]) s.ids.forEach((p, i) => radscoreById.set(p, s.radscore[i]));
  const c = fit.counts_;
  const rows: Record<string, string | number>[] = [
    { step: "Feature columns in the table", features: features.inFile, rows: "" },
  ];
  if (r.phases.length) {
    rows.push({ step: `Phases ${r.phases.join(", ")}`, features: features.ofPhases, rows: "" });
  }
  rows.push({
    step: "Usable (no missing or non-finite value, not constant)",
    features: t.names.length,
    rows: "",
  });
  rows.push({
    step: screen ? `ICC(2,1) screening (intra and inter ≥ ${r.icc_threshold})` : "ICC screening: skipped",
    features: candidates.length,
    rows: screen ? `${screen.nPatients} repeat patients` : "",
  });
  rows.push({
    step: "z-score (training mean and SD)",
    features: c.features,
    rows: `${c.nTrain} (${c.nEvents} events)`,
  });
  rows.push({
    step: r.smote === "off"
      ? "SMOTE: off"
      : `SMOTE (k = 5, minority to 1:1; ${r.smote === "paper" ? "before CV" : "inside CV"})`,
    features: c.features,
    rows: r.smote === "off" ? c.nTrain : `${c.nAfterSmote} (${c.nSynthetic} synthetic)`,
  });
  rows.push({
    step: `mRMR (top ${Math.min(r.mrmr_k, candidates.length)})`,
    features: c.afterMrmr,
    rows: c.nAfterSmote,
  });
  rows.push({
    step: `LASSO (${r.lasso_folds}-fold CV, deviance, λ.${r.lasso_rule} = ${
      fit.lasso_.lambda_.toPrecision(4)
    })`,
    features: c.afterLasso,
    rows: r.smote === "paper" ? c.nAfterSmote : c.nTrain,
  });
  const noFeat = tr.noFeatures + te.noFeatures;
  const notes = [
    ...features.notes,
    `Every step is fitted on the training set only (seed ${spec.seed}); test patients meet the fitted objects.`,
    ...(noFeat
      ? [
        `${tr.noFeatures} training and ${te.noFeatures} test patients have no row in the feature table and are left out.`,
      ]
      : []),
  ];
  const steps = reportTable(`Radiomics feature selection, ${spec.title}: features left at each step`, rows, {
    columns: [{ key: "step", label: "Step" }, { key: "features", label: "Features" }, {
      key: "rows",
      label: "Training rows",
    }],
    notes,
  });
  return { features, screen, candidates, fit, train, test, radscoreById, steps, notes };
}

/** The outcome labels of Radscore tables and figures: "No <event>", "<Event>" (spec `endpoint.event_label`). */
export function outcomeLabels(study: Study): [string, string] {
  const e = study.spec.endpoint.event_label;
  return [`No ${e.toLowerCase()}`, e];
}

/** The radiomics models of a study and the predictions notebook 03 evaluates. */
export interface StudyRadiomicsModels {
  /** The radiomics signature, when the spec lists "radiomics". */
  readonly radiomics: FittedLogistic | null;
  /** The radiomics nomogram, when the spec lists "nomogram". */
  readonly nomogram: FittedLogistic | null;
  /** Training rows of the fits (cohort cells plus `radscore`). */
  readonly trainRows: readonly StudyRow[];
  /** Every model the spec lists, on the same patients of each set. */
  readonly predictions: StudyPredictions;
  readonly notes: readonly string[];
}

/**
 * Fit the models the spec lists beyond the clinical one, by maximum likelihood on the training rows
 * with a Radscore: the radiomics signature, logit p = a + b · Radscore, and the radiomics nomogram,
 * logit p = a + clinical predictors + b · Radscore. The clinical model is notebook 02's fit (its
 * predictions `clinical` are taken as they are, on the common patients). Every model is then predicted on
 * the same patients of each set (see the module documentation).
 */
export function studyRadiomicsModels(
  study: Study,
  analysis: ClinicalAnalysis,
  rad: StudyRadiomics,
  clinical: StudyPredictions,
): StudyRadiomicsModels {
  const { spec } = study;
  const wanted = spec.models;
  const needsClinical = wanted.includes("clinical") || wanted.includes("nomogram");
  const clinicalVars = needsClinical ? analysis.predictors.map((p) => p.name) : [];
  const id = (row: StudyRow) => String(row[spec.id]);
  const withRs = (rows: readonly StudyRow[]) =>
    rows.filter((row) =>
      row[DERIVED.outcome] !== null && rad.radscoreById.has(id(row)) &&
      clinicalVars.every((v) => row[v] !== null && row[v] !== undefined)
    ).map((row) => ({ ...row, radscore: rad.radscoreById.get(id(row))! }));
  const sets = { train: withRs(study.train), test: withRs(study.test) };
  const fit = (predictors: readonly PredictorSpec[], source: string) =>
    new LogisticRegression({ predictors, outcome: DERIVED.outcome, onSeparation: "firth", source }).fit(
      sets.train,
    );
  const radiomics = wanted.includes("radiomics") ? fit([RADSCORE], "radiomics signature") : null;
  const nomogram = wanted.includes("nomogram")
    ? fit([...analysis.predictors, RADSCORE], "radiomics nomogram")
    : null;
  const label = (k: string) => spec.model_labels[k] ?? k;
  const desc = (f: FittedLogistic) =>
    `logistic regression on ${
      f.terms_.filter((t) => t !== "(Intercept)").join(" + ")
    }, training set (n = ${f.n_}, ${f.nEvents_} events)`;
  const models: Record<string, StudyModel> = {};
  for (const key of wanted) {
    if (key === "clinical") {
      const m = clinical.models.clinical;
      if (!m) throw new Error(`model_predictions.json (notebook 02): no "clinical" model`);
      const subset: Record<string, PredictionSet> = {};
      for (const [s, rows] of Object.entries(sets)) {
        const ps = m.sets[s];
        const at = new Map(ps.id.map((p, i) => [p, i]));
        const idx = rows.map((row) => {
          const i = at.get(id(row));
          if (i === undefined) {
            throw new Error(
              `model_predictions.json (notebook 02): no clinical prediction of patient "${
                id(row)
              }" (${s} set)`,
            );
          }
          return i;
        });
        subset[s] = {
          id: idx.map((i) => ps.id[i]),
          y: idx.map((i) => ps.y[i]),
          lp: idx.map((i) => ps.lp[i]),
          p: idx.map((i) => ps.p[i]),
        };
      }
      models.clinical = { label: m.label, fittedOn: m.fittedOn, sets: subset };
    } else {
      const f = key === "radiomics" ? radiomics! : nomogram!;
      models[key] = {
        label: label(key),
        fittedOn: desc(f),
        sets: modelPredictions(f, sets, { id: spec.id }).sets,
      };
    }
  }
  const notes = [
    `Every model is evaluated on the same patients: ${sets.train.length} training and ${sets.test.length} test patients with the outcome, a Radscore${
      needsClinical ? " and the clinical predictors" : ""
    }.`,
  ];
  return {
    radiomics,
    nomogram,
    trainRows: sets.train,
    predictions: { outcome: spec.endpoint.event_label, models },
    notes,
  };
}
