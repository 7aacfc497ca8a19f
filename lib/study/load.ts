/**
 * Loading a study folder: `study.yaml` (lib/study/spec.ts), `cohort.csv` validated against
 * `codebook.csv` (lib/data/cohort.ts), the split, the endpoint and the binary outcome of the logistic
 * models derived once, and the cohort as an arquero table for notebooks to use verbs on.
 *
 *   const study = await loadStudy("../studies/colon", { overrides: ["predictors.alpha=0.1"] });
 *   show(study.table.filter((d) => d.__set === "train").groupby("sex").count());
 *
 * Checks before any analysis, each one line naming the file, row (header = row 1, as a spreadsheet
 * shows it), column and value, or the spec key: the spec's columns exist in the cohort; every cohort
 * column has a codebook row or is named in `ignore`; the codebook's own checks (levels, numbers as strict
 * decimals, duplicated IDs, non-negative times); the event level occurs among the status values; the
 * id, status, time and split columns have no missing value; times are within `endpoint.max_follow_up`.
 *
 * Derived columns (never shown): `__set` ("train" | "test"), `__event` (1 = event), `__time`,
 * `__outcome` (the logistic models' 0/1 outcome; null for a patient the `by_horizon` rule excludes).
 */
import * as aq from "arquero";
import { join } from "node:path";
import { type Codebook, type CodebookEntry, codebookEntry, readCodebook } from "../data/codebook.ts";
import { type Cohort, type CohortRow, type CohortValue, loadCohort } from "../data/cohort.ts";
import { DataError, readCsv, where } from "../data/csv.ts";
import { createRng } from "../random/rng.ts";
import { readStudySpec, SpecError, type StudySpec } from "./spec.ts";

/** Names of the derived columns. */
export const DERIVED = { set: "__set", event: "__event", time: "__time", outcome: "__outcome" } as const;

/** A row of a loaded study: the cohort's validated cells plus the derived columns. */
export type StudyRow = Readonly<Record<string, CohortValue>>;

/** Arquero table type (as `aq.from` returns it). */
export type ArqueroTable = ReturnType<typeof aq.from>;

/** A loaded study. */
export interface Study {
  readonly dir: string;
  readonly spec: StudySpec;
  readonly codebook: Codebook;
  readonly cohort: Cohort;
  /** Every row with the derived columns. */
  readonly rows: readonly StudyRow[];
  readonly train: readonly StudyRow[];
  readonly test: readonly StudyRow[];
  /** The rows as an arquero table (cohort columns and derived ones). */
  readonly table: ArqueroTable;
  /** Candidate clinical predictors (codebook order). */
  readonly candidates: readonly string[];
  /** Missing cells per cohort column (all rows). */
  readonly missing: Readonly<Record<string, number>>;
  /** How the split was made (for notes). */
  readonly splitNote: string;
  /** How the logistic outcome is defined (for notes). */
  readonly outcomeNote: string;
  /** Published tables folder when present, else null. */
  readonly publishedDir: string | null;
  /** Feature table path when the spec names one, else null. */
  readonly featuresPath: string | null;
  readonly warnings: readonly string[];
}

/** Options of {@link loadStudy}. */
export interface LoadStudyOptions {
  /** `key=value` overrides of spec keys (`--set`). */
  readonly overrides?: readonly string[];
  /** Receives warnings (default: collected only). */
  readonly onWarning?: (message: string) => void;
}

async function exists(p: string): Promise<boolean> {
  try {
    await Deno.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Codebook types of variables that may be clinical predictors. */
const PREDICTOR_TYPES = new Set(["continuous", "categorical", "binary"]);

/** Load a study folder (see the module documentation for the checks). */
export async function loadStudy(dir: string, options: LoadStudyOptions = {}): Promise<Study> {
  const spec = await readStudySpec(dir, { overrides: options.overrides });
  const specFile = join(dir, "study.yaml");
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const cohortPath = join(dir, spec.cohort);
  const codebookPath = join(dir, spec.codebook);
  for (const [key, p] of [["cohort", cohortPath], ["codebook", codebookPath]] as const) {
    if (!(await exists(p))) throw new SpecError(`${specFile}: ${key}: file ${p} not found`, specFile, key);
  }
  const csv = await readCsv(cohortPath);
  const codebook = await readCodebook(codebookPath);
  const cols = csv.header;
  const colList = cols.join(", ");
  const needColumn = (key: string, col: string) => {
    if (!cols.includes(col)) {
      throw new SpecError(
        `${specFile}: ${key}: column "${col}" is not in ${spec.cohort} (columns: ${colList})`,
        specFile,
        key,
      );
    }
  };
  needColumn("id", spec.id);
  needColumn("endpoint.status", spec.endpoint.status);
  needColumn("endpoint.time", spec.endpoint.time);
  if (spec.split.column) needColumn("split.column", spec.split.column);
  spec.ignore.forEach((c, i) => needColumn(`ignore[${i}]`, c));
  spec.missing.missing_level.forEach((c, i) => needColumn(`missing.missing_level[${i}]`, c));
  if (Array.isArray(spec.predictors.candidates)) {
    spec.predictors.candidates.forEach((c, i) => needColumn(`predictors.candidates[${i}]`, c));
  }
  spec.predictors.fixed.forEach((c, i) => needColumn(`predictors.fixed[${i}]`, c));

  // Every cohort column: a codebook row, or named in ignore.
  const ignored = new Set(spec.ignore);
  for (const c of cols) {
    if (ignored.has(c)) continue;
    if (!codebook.entries.some((e) => e.variable === c)) {
      throw new DataError(
        `${
          where(cohortPath, 1, c)
        }: column has no row in ${spec.codebook} (add one, or list it under "ignore" in study.yaml)`,
        cohortPath,
        1,
        c,
      );
    }
  }
  for (
    const [key, col, types] of [
      ["id", spec.id, ["id"]],
      ["endpoint.status", spec.endpoint.status, ["status", "binary", "categorical"]],
      ["endpoint.time", spec.endpoint.time, ["time"]],
    ] as const
  ) {
    const e = codebookEntry(codebook, col);
    if (!(types as readonly string[]).includes(e.type)) {
      throw new SpecError(
        `${specFile}: ${key}: column "${col}" has type "${e.type}" in ${spec.codebook}, expected ${
          types.join(" or ")
        }`,
        specFile,
        key,
      );
    }
  }

  const variables = codebook.entries.map((e) => e.variable).filter((v) => !ignored.has(v));
  const cohort = await loadCohort(cohortPath, codebook, {
    missing: spec.missing.policy === "error" ? "error" : "keep",
    naStrings: spec.missing.na_strings,
    missingLevel: spec.missing.missing_level,
    variables,
    extraColumns: "keep",
    onWarning: warn,
  });
  const cb = cohort.codebook;

  // Roles must be complete; the event level must occur.
  const required = [
    spec.id,
    spec.endpoint.status,
    spec.endpoint.time,
    ...(spec.split.column ? [spec.split.column] : []),
  ];
  cohort.rows.forEach((r, k) => {
    for (const c of required) {
      if (r[c] === null) {
        throw new DataError(
          `${where(cohortPath, k + 2, c)}: missing value in a role column (the ${roleName(spec, c)})`,
          cohortPath,
          k + 2,
          c,
        );
      }
    }
  });
  const statusValues = cohort.rows.map((r) => String(r[spec.endpoint.status]));
  if (!statusValues.includes(spec.endpoint.event)) {
    throw new SpecError(
      `${specFile}: endpoint.event: "${spec.endpoint.event}" never occurs in column "${spec.endpoint.status}" (values: ${
        [...new Set(statusValues)].sort().join(", ")
      })`,
      specFile,
      "endpoint.event",
    );
  }
  if (spec.endpoint.max_follow_up !== null) {
    cohort.rows.forEach((r, k) => {
      const t = r[spec.endpoint.time] as number;
      if (t > spec.endpoint.max_follow_up!) {
        throw new DataError(
          `${
            where(cohortPath, k + 2, spec.endpoint.time)
          }: time ${t} exceeds endpoint.max_follow_up ${spec.endpoint.max_follow_up} ${spec.endpoint.time_unit}`,
          cohortPath,
          k + 2,
          spec.endpoint.time,
        );
      }
    });
  }

  // Candidates.
  const roles = new Set(required);
  let candidates: string[];
  if (spec.predictors.candidates === "auto") {
    candidates = cb.entries.filter((e) =>
      !roles.has(e.variable) && !ignored.has(e.variable) && PREDICTOR_TYPES.has(e.type)
    ).map((e) => e.variable);
  } else {
    candidates = [...spec.predictors.candidates];
    candidates.forEach((c, i) => {
      const e = codebookEntry(cb, c);
      if (!PREDICTOR_TYPES.has(e.type) || roles.has(c)) {
        throw new SpecError(
          `${specFile}: predictors.candidates[${i}]: "${c}" (type ${e.type}${
            roles.has(c) ? ", a role column" : ""
          }) cannot be a predictor; expected a continuous, categorical or binary variable`,
          specFile,
          `predictors.candidates[${i}]`,
        );
      }
    });
  }
  spec.predictors.fixed.forEach((c, i) => {
    if (!candidates.includes(c)) {
      throw new SpecError(
        `${specFile}: predictors.fixed[${i}]: "${c}" is not a candidate predictor (${candidates.join(", ")})`,
        specFile,
        `predictors.fixed[${i}]`,
      );
    }
  });

  // Split.
  const events = cohort.rows.map((r) => (String(r[spec.endpoint.status]) === spec.endpoint.event ? 1 : 0));
  let sets: string[];
  let splitNote: string;
  if (spec.split.column) {
    const col = spec.split.column;
    const e = codebookEntry(cb, col);
    for (const [key, lv] of [["split.train", spec.split.train], ["split.test", spec.split.test]] as const) {
      if (!e.levels.includes(lv)) {
        throw new SpecError(
          `${specFile}: ${key}: "${lv}" is not a level of "${col}" (${e.levels.join(", ")})`,
          specFile,
          key,
        );
      }
    }
    sets = cohort.rows.map((
      r,
    ) => (r[col] === spec.split.train ? "train" : r[col] === spec.split.test ? "test" : "other"));
    splitNote = `Training and test sets from column "${col}" (${spec.split.train} / ${spec.split.test}).`;
  } else {
    sets = stratifiedSplit(events, spec.split.fraction, spec.split.seed);
    splitNote = `Random ${Math.round(spec.split.fraction * 100)}:${
      100 - Math.round(spec.split.fraction * 100)
    } split stratified by the event (split seed ${spec.split.seed}).`;
  }

  // Logistic outcome.
  const { outcome, horizon, censored_before_horizon: rule } = spec.logistic;
  const times = cohort.rows.map((r) => r[spec.endpoint.time] as number);
  const y: (number | null)[] = events.map((ev, i) => {
    if (outcome === "status") return ev;
    const h = horizon!;
    if (ev === 1 && times[i] <= h) return 1;
    if (times[i] > h) return 0;
    return rule === "exclude" ? null : 0;
  });
  const unit = spec.endpoint.time_unit;
  const outcomeNote = outcome === "status"
    ? `Logistic outcome: ${spec.endpoint.event_label.toLowerCase()} during follow-up (status "${spec.endpoint.status}" = ${spec.endpoint.event}), follow-up time not used.`
    : `Logistic outcome: ${spec.endpoint.event_label.toLowerCase()} by ${horizon} ${unit} (1 = event at ≤ ${horizon} ${unit}, 0 = followed beyond ${horizon} ${unit}); patients censored before ${horizon} ${unit} ${
      rule === "exclude" ? "excluded" : "counted as without event"
    } (${y.filter((v) => v === null).length} excluded).`;

  const rows: StudyRow[] = cohort.rows.map((r: CohortRow, i) => ({
    ...r,
    [DERIVED.set]: sets[i],
    [DERIVED.event]: events[i],
    [DERIVED.time]: times[i],
    [DERIVED.outcome]: y[i],
  }));
  const train = rows.filter((r) => r[DERIVED.set] === "train");
  const test = rows.filter((r) => r[DERIVED.set] === "test");
  for (const [name, part] of [["training", train], ["test", test]] as const) {
    const ys = part.map((r) => r[DERIVED.outcome]).filter((v) => v !== null);
    if (!ys.includes(1) || !ys.includes(0)) {
      throw new SpecError(
        `${specFile}: split: the ${name} set (${part.length} patients) needs patients with and without the event`,
        specFile,
        "split",
      );
    }
  }
  const publishedDir = (await exists(join(dir, spec.published))) ? join(dir, spec.published) : null;
  const featuresPath = spec.radiomics.features ? join(dir, spec.radiomics.features) : null;
  if (featuresPath && !(await exists(featuresPath))) {
    throw new SpecError(
      `${specFile}: radiomics.features: file ${featuresPath} not found`,
      specFile,
      "radiomics.features",
    );
  }
  return {
    dir,
    spec,
    codebook: cb,
    cohort,
    rows,
    train,
    test,
    table: aq.from(rows as Record<string, unknown>[]),
    candidates,
    missing: cohort.missingCounts,
    splitNote,
    outcomeNote,
    publishedDir,
    featuresPath,
    warnings: [...cohort.warnings, ...warnings],
  };
}

function roleName(spec: StudySpec, c: string): string {
  if (c === spec.id) return "patient ID";
  if (c === spec.endpoint.status) return "endpoint status";
  if (c === spec.endpoint.time) return "follow-up time";
  return "split";
}

/**
 * Random split stratified by the event: within each class, a seeded Fisher–Yates shuffle
 * (lib/random) and the first round(fraction · n_class) patients to training. Returns "train"/"test"
 * per row, in row order.
 */
export function stratifiedSplit(events: readonly number[], fraction: number, seed: number): string[] {
  const rng = createRng(seed);
  const out = events.map(() => "test");
  for (const cls of [0, 1]) {
    const idx = events.map((e, i) => (e === cls ? i : -1)).filter((i) => i >= 0);
    const shuffled = rng.shuffle(idx);
    const k = Math.round(fraction * idx.length);
    for (const i of shuffled.slice(0, k)) out[i] = "train";
  }
  return out;
}

/** Complete cases of some variables: the rows with no missing value among them, and the count dropped. */
export interface CompleteCases {
  readonly rows: readonly StudyRow[];
  readonly used: number;
  readonly dropped: number;
  /** Missing cells per variable among the input rows. */
  readonly missingBy: Readonly<Record<string, number>>;
}

/** The complete cases of `variables` (a null cell is missing; the "Missing" level is a value). */
export function completeCases(rows: readonly StudyRow[], variables: readonly string[]): CompleteCases {
  const missingBy: Record<string, number> = Object.fromEntries(variables.map((v) => [v, 0]));
  const kept = rows.filter((r) => {
    let ok = true;
    for (const v of variables) {
      if (r[v] === null || r[v] === undefined) {
        missingBy[v]++;
        ok = false;
      }
    }
    return ok;
  });
  return { rows: kept, used: kept.length, dropped: rows.length - kept.length, missingBy };
}

/** Display label of a variable (codebook `label`, else published label, else the name). */
export function variableLabel(cb: Codebook, variable: string): string {
  const e: CodebookEntry | undefined = cb.entries.find((x) => x.variable === variable);
  return e?.label || variable;
}
