/**
 * The study specification, `study.yaml`: every role (id, split, endpoint) and every setting of the
 * analysis, each with its default written out in {@link DEFAULT_SPEC}. A study folder holds
 * `study.yaml` beside `cohort.csv` and `codebook.csv` (optionally a feature table, `images/manifest.csv`
 * and `published/`); `lib/study/load.ts` reads the three together.
 *
 *   const spec = parseStudySpec(yamlText, "studies/colon/study.yaml", { overrides: ["evaluation.hl_groups=8"] });
 *
 * Checks, each a {@link SpecError} naming the file, the key, the value and what was expected:
 * unknown keys (with the known ones), wrong types, values out of range, enumerations. Checks against
 * the cohort (does `endpoint.time` name a column?) are made by the loader, which knows the columns.
 *
 * Overrides (`--set key=value`, like papermill's `-p`) use dotted keys; the value is parsed as YAML
 * (`--set evaluation.horizons=[12,24]`, `--set split.fraction=0.8`), so it takes the key's type.
 */
import { parse as parseYaml } from "yaml";

/** Error in a study specification: names the file and the key. */
export class SpecError extends Error {
  constructor(message: string, readonly source?: string, readonly key?: string) {
    super(message);
    this.name = "SpecError";
  }
}

/** How the training and test sets are formed. */
export interface SplitSpec {
  /** Column holding the set of each patient (null: a random split by `fraction` and `seed`). */
  readonly column: string | null;
  /** Level of `column` marking the training set (default "train"). */
  readonly train: string;
  /** Level of `column` marking the test set (default "test"). */
  readonly test: string;
  /** Training fraction of a random split, stratified by the event (default 0.7). */
  readonly fraction: number;
  /** Seed of a random split (default 1; separate from the analysis seed). */
  readonly seed: number;
}

/** The time-to-event endpoint. */
export interface EndpointSpec {
  /** Status column (required). */
  readonly status: string;
  /** Status value counted as the event (default "1"); every other value is censored. */
  readonly event: string;
  /** Follow-up time column (required). */
  readonly time: string;
  /** Unit of `time` ("days", "weeks", "months" or "years"; default "months"). */
  readonly time_unit: "days" | "weeks" | "months" | "years";
  /** Horizons (in `time_unit`) of the survival nomogram, KM landmarks and time-dependent AUC/Brier. */
  readonly horizons: readonly number[];
  /** Name of the endpoint in labels (default "Event-free survival"). */
  readonly label: string;
  /** Name of the event in labels (default "Event"). */
  readonly event_label: string;
  /** Longest follow-up the design allows (times above it are an error; default null: no limit). */
  readonly max_follow_up: number | null;
}

/** The binary outcome of the logistic models. */
export interface LogisticSpec {
  /**
   * "status": the event indicator as it is (as the paper does, ignoring follow-up time);
   * "by_horizon": event by `horizon` (1 = event at time ≤ horizon, 0 = followed beyond horizon).
   */
  readonly outcome: "status" | "by_horizon";
  /** Horizon of "by_horizon" (in the endpoint's unit; required then). */
  readonly horizon: number | null;
  /** Rule for patients censored before the horizon under "by_horizon": "exclude" (default) or "as_no_event". */
  readonly censored_before_horizon: "exclude" | "as_no_event";
}

/** Candidate clinical predictors and the screening rule. */
export interface PredictorsSpec {
  /** "auto" (default): every codebook variable without a role (continuous, categorical, binary); or a list. */
  readonly candidates: "auto" | readonly string[];
  /** "univariable_p" (default): univariable p < alpha enters the multivariable model; "fixed": the list `fixed`. */
  readonly screening: "univariable_p" | "fixed";
  /** Threshold of the univariable screening (default 0.05). */
  readonly alpha: number;
  /** Predictors of the multivariable model under screening "fixed". */
  readonly fixed: readonly string[];
  /** Confidence intervals of odds ratios: "wald" (default, as glm's summary) or "profile". */
  readonly ci: "wald" | "profile";
  /** Refit the multivariable predictors with p < alpha as the clinical model (default true, as the paper). */
  readonly refit_significant: boolean;
}

/** Radiomics settings (used only when the study has features or images). */
export interface RadiomicsSpec {
  /** Feature table (batch-extraction layout), relative to the study folder (default null). */
  readonly features: string | null;
  /** Image manifest, relative to the study folder (default null). */
  readonly images: string | null;
  /** Image phases to use (default: all in the table). */
  readonly phases: readonly string[];
  /** ICC(2,1) threshold of the reproducibility screening (default 0.75). */
  readonly icc_threshold: number;
  /** z-score features on the training rows (default true). */
  readonly zscore: boolean;
  /** SMOTE: "off" (default), "paper" (before CV, as the paper), "inside_cv". */
  readonly smote: "off" | "paper" | "inside_cv";
  /** mRMR features kept (default 20). */
  readonly mrmr_k: number;
  /** LASSO cross-validation folds (default 10). */
  readonly lasso_folds: number;
  /** λ rule: "min" (default) or "1se". */
  readonly lasso_rule: "min" | "1se";
}

/** Evaluation settings. */
export interface EvaluationSpec {
  /** Hosmer–Lemeshow groups (default 10). */
  readonly hl_groups: number;
  /** Bootstrap resamples for Brier intervals and DCA bands (default 500). */
  readonly bootstrap: number;
  /** Decision-curve threshold grid: from, to, by (default 0.01 to 0.99 by 0.01). */
  readonly dca_thresholds: { readonly from: number; readonly to: number; readonly by: number };
  /** Horizons of the time-dependent AUC/Brier curves (default null: a grid of 24 points up to the last horizon). */
  readonly td_horizons: readonly number[] | null;
  /** Calibration band resamples (default 200). */
  readonly calibration_resamples: number;
}

/** Missing-data policy. */
export interface MissingSpec {
  /** "complete_case" (default): each model uses the complete cases of its own variables; "error": stop at the first missing cell. */
  readonly policy: "complete_case" | "error";
  /** Cell texts read as missing (default ["", "NA"]). */
  readonly na_strings: readonly string[];
  /** Categorical variables that take an explicit "Missing" level instead of being left out (default none). */
  readonly missing_level: readonly string[];
}

/** A study specification with every default applied. */
export interface StudySpec {
  /** Short name (default: the folder name). */
  readonly name: string;
  /** Title used in table captions (default: the name). */
  readonly title: string;
  /** Cohort file (default "cohort.csv"). */
  readonly cohort: string;
  /** Codebook file (default "codebook.csv"). */
  readonly codebook: string;
  /** Published tables folder (default "published"; used when it exists). */
  readonly published: string;
  /** Patient identifier column (required). */
  readonly id: string;
  readonly split: SplitSpec;
  readonly endpoint: EndpointSpec;
  readonly logistic: LogisticSpec;
  readonly predictors: PredictorsSpec;
  readonly radiomics: RadiomicsSpec;
  /** Models to build: any of "clinical", "radiomics", "nomogram" (radiomics ones only with features). */
  readonly models: readonly ("clinical" | "radiomics" | "nomogram")[];
  /** Display names of the models. */
  readonly model_labels: Readonly<Record<string, string>>;
  readonly evaluation: EvaluationSpec;
  readonly missing: MissingSpec;
  /** Cohort columns deliberately not analysed (need no codebook row). */
  readonly ignore: readonly string[];
  /** Analysis seed (bootstrap, CV folds, SMOTE); separate from any data-generating seed (default 1). */
  readonly seed: number;
  /**
   * Notebooks to run, relative to the study folder's `notebooks/` (default null: the workspace's generic
   * set, `notebooks/study/`).
   */
  readonly notebooks: readonly string[] | null;
  /**
   * A module of the study folder (path relative to it, default null: none) run by `reproduce` before the
   * notebooks: it exports `prepareRunInputs(features, options)` making the notebooks' inputs (e.g. the
   * bundled paper's `twin/run_inputs.ts`: the twin's synthetic CTs and their feature extraction).
   */
  readonly prepare: string | null;
}

/** Every setting at its default (roles that have no default are empty strings and checked as required). */
export const DEFAULT_SPEC: StudySpec = {
  name: "",
  title: "",
  cohort: "cohort.csv",
  codebook: "codebook.csv",
  published: "published",
  id: "",
  split: { column: null, train: "train", test: "test", fraction: 0.7, seed: 1 },
  endpoint: {
    status: "",
    event: "1",
    time: "",
    time_unit: "months",
    horizons: [12, 36, 60],
    label: "Event-free survival",
    event_label: "Event",
    max_follow_up: null,
  },
  logistic: { outcome: "status", horizon: null, censored_before_horizon: "exclude" },
  predictors: {
    candidates: "auto",
    screening: "univariable_p",
    alpha: 0.05,
    fixed: [],
    ci: "wald",
    refit_significant: true,
  },
  radiomics: {
    features: null,
    images: null,
    phases: [],
    icc_threshold: 0.75,
    zscore: true,
    smote: "off",
    mrmr_k: 20,
    lasso_folds: 10,
    lasso_rule: "min",
  },
  models: ["clinical", "radiomics", "nomogram"],
  model_labels: {
    clinical: "Clinical model",
    radiomics: "Radiomics signature",
    nomogram: "Radiomics nomogram",
  },
  evaluation: {
    hl_groups: 10,
    bootstrap: 500,
    dca_thresholds: { from: 0.01, to: 0.99, by: 0.01 },
    td_horizons: null,
    calibration_resamples: 200,
  },
  missing: { policy: "complete_case", na_strings: ["", "NA"], missing_level: [] },
  ignore: [],
  seed: 1,
  notebooks: null,
  prepare: null,
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One-line description of the expected value at a key, for error messages. */
type Check = (v: Json, key: string) => unknown;

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "a mapping" : typeof v === "string" ? `"${v}"` : String(v);
}

/** Validation of one spec file; every failure names the file and the key. */
class Checker {
  constructor(readonly source: string) {}
  fail(key: string, expected: string, got: unknown): never {
    throw new SpecError(
      `${this.source}: ${key}: expected ${expected}, got ${typeName(got)}`,
      this.source,
      key,
    );
  }
  str: Check = (v, k) => (typeof v === "string" && v.trim() !== "" ? v : this.fail(k, "a non-empty text", v));
  strOrNull: Check = (v, k) => (v === null ? null : this.str(v, k));
  text: Check = (
    v,
    k,
  ) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : this.fail(k, "a text", v));
  bool: Check = (v, k) => (typeof v === "boolean" ? v : this.fail(k, "true or false", v));
  int(min: number, max = Number.MAX_SAFE_INTEGER): Check {
    return (v, k) =>
      typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max
        ? v
        : this.fail(k, `an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? "∞" : max}]`, v);
  }
  num(lo: number, hi: number, open = true): Check {
    return (v, k) =>
      typeof v === "number" && Number.isFinite(v) && (open ? v > lo && v < hi : v >= lo && v <= hi)
        ? v
        : this.fail(k, `a number in ${open ? "(" : "["}${lo}, ${hi}${open ? ")" : "]"}`, v);
  }
  positive: Check = (v, k) =>
    typeof v === "number" && Number.isFinite(v) && v > 0 ? v : this.fail(k, "a positive number", v);
  oneOf(values: readonly string[]): Check {
    return (v, k) =>
      typeof v === "string" && values.includes(v)
        ? v
        : this.fail(k, `one of ${values.map((x) => `"${x}"`).join(", ")}`, v);
  }
  list(item: Check, minLength = 0): Check {
    return (v, k) => {
      if (!Array.isArray(v)) return this.fail(k, "a list", v);
      if (v.length < minLength) return this.fail(k, `a list of at least ${minLength}`, v);
      return v.map((x, i) => item(x, `${k}[${i}]`));
    };
  }
  ascending(item: Check): Check {
    return (v, k) => {
      const xs = this.list(item, 1)(v, k) as number[];
      for (let i = 1; i < xs.length; i++) {
        if (!(xs[i] > xs[i - 1])) this.fail(k, "strictly increasing values", v);
      }
      return xs;
    };
  }
  /** A mapping with known keys; unknown keys are an error listing the known ones. */
  mapping(fields: Record<string, Check>, defaults: Record<string, unknown>): Check {
    return (v, k) => {
      if (v === null || v === undefined) return defaults;
      if (typeof v !== "object" || Array.isArray(v)) return this.fail(k, "a mapping", v);
      const out: Record<string, unknown> = { ...defaults };
      for (const [key, val] of Object.entries(v)) {
        const full = k ? `${k}.${key}` : key;
        if (!(key in fields)) {
          throw new SpecError(
            `${this.source}: ${full}: unknown key (known: ${Object.keys(fields).join(", ")})`,
            this.source,
            full,
          );
        }
        out[key] = fields[key](val as Json, full);
      }
      return out;
    };
  }
}

function schema(c: Checker): Check {
  const d = DEFAULT_SPEC;
  const models = ["clinical", "radiomics", "nomogram"];
  return c.mapping({
    name: c.str,
    title: c.str,
    cohort: c.str,
    codebook: c.str,
    published: c.str,
    id: c.str,
    split: c.mapping({
      column: c.strOrNull,
      train: c.text,
      test: c.text,
      fraction: c.num(0, 1),
      seed: c.int(0),
    }, { ...d.split }),
    endpoint: c.mapping({
      status: c.str,
      event: c.text,
      time: c.str,
      time_unit: c.oneOf(["days", "weeks", "months", "years"]),
      horizons: c.ascending(c.positive),
      label: c.str,
      event_label: c.str,
      max_follow_up: (v, k) => (v === null ? null : c.positive(v, k)),
    }, { ...d.endpoint }),
    logistic: c.mapping({
      outcome: c.oneOf(["status", "by_horizon"]),
      horizon: (v, k) => (v === null ? null : c.positive(v, k)),
      censored_before_horizon: c.oneOf(["exclude", "as_no_event"]),
    }, { ...d.logistic }),
    predictors: c.mapping({
      candidates: (
        v,
        k,
      ) => (v === "auto"
        ? "auto"
        : Array.isArray(v)
        ? c.list(c.str, 1)(v, k)
        : c.fail(k, `"auto" or a list of columns`, v)),
      screening: c.oneOf(["univariable_p", "fixed"]),
      alpha: c.num(0, 1, false),
      fixed: c.list(c.str),
      ci: c.oneOf(["wald", "profile"]),
      refit_significant: c.bool,
    }, { ...d.predictors }),
    radiomics: c.mapping({
      features: c.strOrNull,
      images: c.strOrNull,
      phases: c.list(c.str),
      icc_threshold: c.num(0, 1, false),
      zscore: c.bool,
      smote: c.oneOf(["off", "paper", "inside_cv"]),
      mrmr_k: c.int(1),
      lasso_folds: c.int(2),
      lasso_rule: c.oneOf(["min", "1se"]),
    }, { ...d.radiomics }),
    models: (v, k) => {
      const xs = c.list(c.oneOf(models), 1)(v, k) as string[];
      if (new Set(xs).size !== xs.length) c.fail(k, "distinct models", v);
      return xs;
    },
    model_labels: (v, k) => {
      const m = c.mapping(Object.fromEntries(models.map((x) => [x, c.str])), { ...d.model_labels })(v, k);
      return m;
    },
    evaluation: c.mapping({
      hl_groups: c.int(3),
      bootstrap: c.int(1),
      dca_thresholds: c.mapping({ from: c.num(0, 1), to: c.num(0, 1), by: c.num(0, 1) }, {
        ...d.evaluation.dca_thresholds,
      }),
      td_horizons: (v, k) => (v === null ? null : c.ascending(c.positive)(v, k)),
      calibration_resamples: c.int(1),
    }, { ...d.evaluation }),
    missing: c.mapping({
      policy: c.oneOf(["complete_case", "error"]),
      na_strings: c.list(c.text),
      missing_level: c.list(c.str),
    }, { ...d.missing }),
    ignore: c.list(c.str),
    seed: c.int(0),
    notebooks: (v, k) => (v === null ? null : c.list(c.str, 1)(v, k)),
    prepare: (v, k) => (v === null ? null : c.str(v, k)),
  }, { ...d });
}

/** Set `key` (dotted) to `value` in a plain object tree, creating mappings on the way. */
function setKey(obj: Record<string, Json>, key: string, value: Json, source: string): void {
  const parts = key.split(".");
  if (parts.some((p) => p === "")) throw new SpecError(`${source}: --set ${key}: malformed key`, source, key);
  let o = obj;
  for (const p of parts.slice(0, -1)) {
    const next = o[p];
    if (next === undefined || next === null) o[p] = {};
    else if (typeof next !== "object" || Array.isArray(next)) {
      throw new SpecError(`${source}: --set ${key}: "${p}" is not a mapping`, source, key);
    }
    o = o[p] as Record<string, Json>;
  }
  o[parts[parts.length - 1]] = value;
}

/** Options of {@link parseStudySpec}. */
export interface ParseSpecOptions {
  /** `key=value` overrides applied before validation (value parsed as YAML). */
  readonly overrides?: readonly string[];
  /** Default of `name` when the spec has none (usually the folder name). */
  readonly defaultName?: string;
}

/** Parse one `key=value` override into its key and YAML value. */
export function parseOverride(s: string, source = "--set"): { key: string; value: Json } {
  const eq = s.indexOf("=");
  if (eq <= 0) {
    throw new SpecError(`${source}: "${s}": expected key=value (e.g. evaluation.hl_groups=8)`, source);
  }
  const key = s.slice(0, eq).trim();
  const raw = s.slice(eq + 1);
  let value: Json;
  try {
    value = raw.trim() === "" ? "" : parseYaml(raw) as Json;
  } catch {
    value = raw;
  }
  return { key, value };
}

/**
 * Parse and validate a study specification (YAML text), apply overrides, fill every default and
 * check the required roles (id, endpoint.status, endpoint.time) and cross-key rules.
 */
export function parseStudySpec(
  text: string,
  source = "study.yaml",
  options: ParseSpecOptions = {},
): StudySpec {
  let raw: Json;
  try {
    raw = (parseYaml(text) ?? {}) as Json;
  } catch (e) {
    throw new SpecError(`${source}: not valid YAML (${(e as Error).message.split("\n")[0]})`, source);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new SpecError(
      `${source}: expected a mapping of keys at the top level, got ${typeName(raw)}`,
      source,
    );
  }
  const tree = structuredClone(raw) as Record<string, Json>;
  for (const o of options.overrides ?? []) {
    const { key, value } = parseOverride(o, source);
    setKey(tree, key, value, source);
  }
  const c = new Checker(source);
  const spec = schema(c)(tree, "") as StudySpec & { name: string; title: string };
  const name = spec.name || options.defaultName || "study";
  const out: StudySpec = { ...spec, name, title: spec.title || name };
  for (
    const [key, v] of [["id", out.id], ["endpoint.status", out.endpoint.status], [
      "endpoint.time",
      out.endpoint.time,
    ]] as const
  ) {
    if (v === "") throw new SpecError(`${source}: ${key}: required (a column of the cohort)`, source, key);
  }
  if (out.logistic.outcome === "by_horizon" && out.logistic.horizon === null) {
    throw new SpecError(
      `${source}: logistic.horizon: required when logistic.outcome is "by_horizon"`,
      source,
      "logistic.horizon",
    );
  }
  if (out.predictors.screening === "fixed" && out.predictors.fixed.length === 0) {
    throw new SpecError(
      `${source}: predictors.fixed: a list of predictors is required when predictors.screening is "fixed"`,
      source,
      "predictors.fixed",
    );
  }
  const g = out.evaluation.dca_thresholds;
  if (!(g.from < g.to)) {
    throw new SpecError(
      `${source}: evaluation.dca_thresholds: expected from < to, got from ${g.from}, to ${g.to}`,
      source,
      "evaluation.dca_thresholds",
    );
  }
  return out;
}

/** Read and parse `<dir>/study.yaml` (see {@link parseStudySpec}); the default name is the folder's. */
export async function readStudySpec(dir: string, options: ParseSpecOptions = {}): Promise<StudySpec> {
  const path = `${dir.replace(/\/+$/, "")}/study.yaml`;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new SpecError(
        `${path}: not found (create one with deno task new-study ${dir} --cohort FILE.csv --id COL --status COL --time COL)`,
        path,
      );
    }
    throw e;
  }
  const defaultName = dir.replace(/\/+$/, "").split("/").pop() || "study";
  return parseStudySpec(text, path, { defaultName, ...options });
}

/** Time points of the time-dependent curves: the spec's, or 24 equal steps up to the last horizon. */
export function tdHorizons(spec: StudySpec): number[] {
  if (spec.evaluation.td_horizons) return [...spec.evaluation.td_horizons];
  const last = spec.endpoint.horizons[spec.endpoint.horizons.length - 1];
  return Array.from({ length: 24 }, (_, i) => Math.round(((i + 1) * last / 24) * 1e6) / 1e6);
}

/** The decision-curve threshold grid of the spec (from, from + by, …, ≤ to; rounded to 1e-10). */
export function dcaGrid(spec: StudySpec): number[] {
  const { from, to, by } = spec.evaluation.dca_thresholds;
  const out: number[] = [];
  for (let k = 0; from + k * by <= to + 1e-12; k++) out.push(Math.round((from + k * by) * 1e10) / 1e10);
  return out;
}
