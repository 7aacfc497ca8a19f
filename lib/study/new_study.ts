/**
 * A new study folder from a bare cohort CSV (`deno task new-study`): the codebook inferred from the
 * data and `study.yaml` with the given roles and every other setting at its default, commented.
 *
 * Inference of each column's type (to review): the given roles become id / status / time / split;
 * a column of text becomes categorical (binary with two levels); a numeric column with two distinct
 * values binary; an integer column with 3–5 distinct values categorical (a note asks to review: a
 * count or a score may be meant as continuous); any other numeric column continuous. Levels are
 * sorted as R's `factor()` sorts them (numerically for numbers, else by text), and the reference level
 * is the first, as R's `contr.treatment` takes it. Missing cells ("" and "NA") are counted.
 */
import { type CsvTable, DataError, STRICT_DECIMAL, toCsv, where } from "../data/csv.ts";
import { DEFAULT_SPEC } from "./spec.ts";

/** Roles and settings given on the command line. */
export interface NewStudyRoles {
  readonly id: string;
  readonly status: string;
  readonly time: string;
  readonly split?: string;
  readonly horizons?: readonly number[];
  readonly seed?: number;
  /** Feature table path (relative to the study folder). */
  readonly features?: string;
  /** Image manifest path (relative to the study folder). */
  readonly images?: string;
  /** Unit of the time column (default "months"). */
  readonly timeUnit?: string;
  /** Event value of the status column (default: "1" when present, else the largest value). */
  readonly event?: string;
}

/** One inferred codebook row. */
export interface InferredVariable {
  readonly variable: string;
  readonly type: string;
  readonly levels: readonly string[];
  readonly reference: string;
  readonly missing: number;
  /** Why the type was chosen when it deserves a look ("" otherwise). */
  readonly review: string;
}

const NA = new Set(["", "NA"]);

function sortLevels(values: readonly string[]): string[] {
  const u = [...new Set(values)];
  return u.every((v) => STRICT_DECIMAL.test(v)) ? u.sort((a, b) => Number(a) - Number(b)) : u.sort();
}

/** Infer the codebook of a cohort table (see the module documentation). */
export function inferCodebook(t: CsvTable, roles: NewStudyRoles): InferredVariable[] {
  for (
    const [flag, col] of [["--id", roles.id], ["--status", roles.status], ["--time", roles.time], [
      "--split",
      roles.split,
    ]] as const
  ) {
    if (col !== undefined && !t.header.includes(col)) {
      throw new DataError(
        `option ${flag}: column "${col}" is not in ${t.source} (columns: ${t.header.join(", ")})`,
        t.source,
        1,
        col,
      );
    }
  }
  return t.header.map((variable, j) => {
    const cells = t.rows.map((r) => r[j].trim());
    const present = cells.filter((c) => !NA.has(c));
    const missing = cells.length - present.length;
    const numeric = present.length > 0 && present.every((c) => STRICT_DECIMAL.test(c));
    const levels = sortLevels(present);
    const base = { variable, missing, review: "" };
    if (variable === roles.id) return { ...base, type: "id", levels: [], reference: "" };
    if (variable === roles.time) {
      const bad = t.rows.findIndex((r) =>
        !NA.has(r[j].trim()) && !(STRICT_DECIMAL.test(r[j].trim()) && Number(r[j]) >= 0)
      );
      if (bad >= 0) {
        throw new DataError(
          `${where(t.source, bad + 2, variable)}: the time column needs non-negative numbers, got "${
            t.rows[bad][j]
          }"`,
          t.source,
          bad + 2,
          variable,
        );
      }
      return { ...base, type: "time", levels: [], reference: "" };
    }
    if (variable === roles.status) return { ...base, type: "status", levels, reference: levels[0] ?? "" };
    if (variable === roles.split) return { ...base, type: "split", levels, reference: levels[0] ?? "" };
    if (levels.length < 2) {
      return {
        ...base,
        type: "ignore",
        levels,
        reference: "",
        review: "constant or empty column: listed under ignore",
      };
    }
    if (!numeric) {
      if (levels.length === 2) return { ...base, type: "binary", levels, reference: levels[0] };
      return {
        ...base,
        type: "categorical",
        levels,
        reference: levels[0] ?? "",
        review: levels.length > 10
          ? `${levels.length} levels of text: an identifier, a date or free text? (set type, or ignore it)`
          : "",
      };
    }
    if (levels.length === 2) return { ...base, type: "binary", levels, reference: levels[0] };
    const integers = present.every((c) => Number.isInteger(Number(c)));
    if (integers && levels.length <= 5) {
      return {
        ...base,
        type: "categorical",
        levels,
        reference: levels[0],
        review: `integer with ${levels.length} values (${
          levels.join(", ")
        }): categorical here; set type continuous if it is a count or score`,
      };
    }
    return { ...base, type: "continuous", levels: [], reference: "" };
  });
}

/** The codebook CSV of inferred variables (label = the variable name, to edit). */
export function codebookCsv(vars: readonly InferredVariable[]): string {
  return toCsv(
    ["variable", "type", "unit", "levels", "reference", "label", "definition", "missing", "notes"],
    vars.filter((v) => v.type !== "ignore").map((v) => ({
      variable: v.variable,
      type: v.type,
      unit: "",
      levels: v.levels.join("|"),
      reference: v.reference,
      label: v.variable,
      definition: "",
      missing: v.missing,
      notes: v.review,
    })),
  );
}

function yamlList(xs: readonly (string | number)[]): string {
  return `[${xs.map((x) => (typeof x === "number" ? String(x) : JSON.stringify(x))).join(", ")}]`;
}

/** The commented `study.yaml` of a new study: the given roles, every other setting at its default. */
export function studyYaml(
  name: string,
  roles: NewStudyRoles,
  statusLevels: readonly string[],
  ignore: readonly string[] = [],
): string {
  const d = DEFAULT_SPEC;
  const event = roles.event ??
    (statusLevels.includes("1") ? "1" : statusLevels[statusLevels.length - 1] ?? "1");
  const horizons = roles.horizons ?? d.endpoint.horizons;
  const hasRadiomics = roles.features !== undefined || roles.images !== undefined;
  const q = (s: string) => JSON.stringify(s);
  return `# Study specification (written by deno task new-study; every setting is shown with its default).
# Keys are checked when the study loads; deno task reproduce --study DIR --set key=value overrides any key.
name: ${q(name)}
title: ${q(name)}            # used in table titles
cohort: cohort.csv
codebook: codebook.csv          # review types, levels, reference levels and labels
published: published            # folder of published tables to compare with (used when present)

id: ${q(roles.id)}                # patient identifier column (unique)

split:
  column: ${
    roles.split ? q(roles.split) : "null"
  }              # column holding the set; null = random split below
  train: "train"                # level of the split column marking the training set
  test: "test"                  # level marking the test set
  fraction: ${d.split.fraction}                 # training fraction of a random split, stratified by the event
  seed: ${roles.seed ?? d.split.seed}                       # seed of the random split

endpoint:
  status: ${q(roles.status)}            # status column
  event: ${q(event)}                    # status value counted as the event; every other value is censored
  time: ${q(roles.time)}                # follow-up time column
  time_unit: ${q(roles.timeUnit ?? d.endpoint.time_unit)}           # days, weeks, months or years
  horizons: ${yamlList(horizons)}        # survival nomogram, KM landmarks (in time_unit)
  label: ${q(d.endpoint.label)}  # endpoint name in figures and tables
  event_label: ${q(d.endpoint.event_label)}         # event name in tables
  max_follow_up: null           # longest follow-up the design allows (longer times are an error)

logistic:
  outcome: status               # status: the event indicator (time not used); by_horizon: event by 'horizon'
  horizon: null                 # required with by_horizon (in time_unit)
  censored_before_horizon: exclude   # by_horizon: exclude, or as_no_event

predictors:
  candidates: auto              # auto: every codebook variable with no role; or a list of columns
  screening: univariable_p      # univariable_p: p < alpha enters the multivariable model; fixed: the list 'fixed'
  alpha: ${d.predictors.alpha}
  fixed: []
  ci: wald                      # odds-ratio intervals: wald (glm summary) or profile
  refit_significant: true       # clinical model = multivariable predictors with p < alpha, refitted

radiomics:                      # used only with features or images
  features: ${roles.features ? q(roles.features) : "null"}
  images: ${roles.images ? q(roles.images) : "null"}
  phases: []                    # [] = every phase of the table
  icc_threshold: ${d.radiomics.icc_threshold}
  zscore: true
  smote: "off"                  # off, paper (before CV) or inside_cv
  mrmr_k: ${d.radiomics.mrmr_k}
  lasso_folds: ${d.radiomics.lasso_folds}
  lasso_rule: min               # min or 1se

models: ${
    hasRadiomics ? "[clinical, radiomics, nomogram]" : "[clinical]"
  }   # radiomics models need features or images
model_labels:
  clinical: "${d.model_labels.clinical}"
  radiomics: "${d.model_labels.radiomics}"
  nomogram: "${d.model_labels.nomogram}"

evaluation:
  hl_groups: ${d.evaluation.hl_groups}                 # Hosmer-Lemeshow groups
  bootstrap: ${d.evaluation.bootstrap}                 # resamples for Brier intervals and decision-curve bands
  dca_thresholds: {from: 0.01, to: 0.99, by: 0.01}
  td_horizons: null             # time-dependent AUC/Brier times; null = 24 steps up to the last horizon
  calibration_resamples: ${d.evaluation.calibration_resamples}

missing:
  policy: complete_case         # complete_case: each model uses the complete cases of its variables; error: stop
  na_strings: ["", "NA"]
  missing_level: []             # categorical variables given an explicit "Missing" level

ignore: ${
    yamlList(ignore)
  }                      # cohort columns deliberately not analysed (need no codebook row)
seed: ${roles.seed ?? d.seed}                         # analysis seed (bootstrap, CV folds)
notebooks: null                 # null = the generic set (notebooks/study/)
prepare: null                   # a module of this folder run before the notebooks (exports prepareRunInputs)
`;
}

/** Lines telling the user what to review after `new-study`. */
export function reviewLines(dir: string, vars: readonly InferredVariable[], nRows: number): string[] {
  const lines = [
    `wrote ${dir}/study.yaml, ${dir}/codebook.csv and ${dir}/cohort.csv (${nRows} patients, ${vars.length} columns)`,
    `review next:`,
    `  1. ${dir}/codebook.csv: type, levels and reference level of each variable, and a label for tables`,
  ];
  for (const v of vars) if (v.review) lines.push(`     - ${v.variable}: ${v.review}`);
  const miss = vars.filter((v) => v.missing > 0);
  lines.push(
    `  2. missing values: ${
      miss.length === 0 ? "none" : miss.map((v) => `${v.variable} ${v.missing}`).join(", ")
    }` +
      (miss.length
        ? ` (policy complete_case: each model uses its complete cases; see missing: in study.yaml)`
        : ""),
  );
  lines.push(
    `  3. ${dir}/study.yaml: endpoint.event, endpoint.time_unit, horizons, logistic outcome, predictors`,
  );
  lines.push(`then: deno task reproduce --study ${dir} --out ${dir}/results`);
  return lines;
}
