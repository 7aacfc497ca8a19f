/**
 * Table 3 of Bi et al. (2025): Brier score and AUC with 95% CIs of the clinical model, the radiomics
 * signature and the radiomics nomogram on the training and test sets, beside the published values.
 *
 * Built from an {@link Evaluation} (`lib/eval/metrics_summary.ts`): the AUC interval is DeLong's, the
 * Brier interval a stratified bootstrap; every interval's method is written in the table notes. The
 * published Table 3 is read from `published/table3.csv` of the study (columns model, set, brier, brier_lower,
 * brier_upper, auc, auc_lower, auc_upper); its rows are matched to the evaluated models by name
 * ("Clinical Model" → clinical, "Radiomics Signature" → radiomics, "Radiomics Nomogram" → nomogram)
 * and set ("train"/"training", "test"/"validation"). An undefined value is shown as "NA" with the
 * reason in the notes, never as NaN.
 */
import { columnIndex, DataError, readCsvSync, where } from "../data/csv.ts";
import { parseTable3 } from "../audit/published.ts";
import type { Evaluation, Interval } from "../eval/metrics_summary.ts";
import { type Cell, type ReportTable, reportTable } from "./table.ts";

/** One row of the published Table 3. */
export interface PublishedRow {
  readonly model: string;
  readonly set: string;
  readonly brier: number;
  readonly brierLower: number;
  readonly brierUpper: number;
  readonly auc: number;
  readonly aucLower: number;
  readonly aucUpper: number;
}

const PUBLISHED_COLUMNS = [
  "model",
  "set",
  "brier",
  "brier_lower",
  "brier_upper",
  "auc",
  "auc_lower",
  "auc_upper",
] as const;

/**
 * Read the published Table 3 (`published/table3.csv` of the study) through the one reader of published tables
 * (`parseTable3` of lib/audit/published.ts), every column of {@link PUBLISHED_COLUMNS} required;
 * errors name file, row and column.
 */
export function readPublishedTable3(path: string): PublishedRow[] {
  const t = readCsvSync(path);
  for (const c of PUBLISHED_COLUMNS) columnIndex(t, c);
  return parseTable3(t).map((r) => {
    const value = (metric: "brier" | "auc", part: "estimate" | "lower" | "upper"): number => {
      const column = part === "estimate" ? metric : `${metric}_${part}`;
      const v = r.metrics[metric]?.[part];
      if (!v) {
        throw new DataError(`${where(t.source, r.row, column)}: missing value`, t.source, r.row, column);
      }
      return v.value;
    };
    return {
      model: r.model,
      set: r.set,
      brier: value("brier", "estimate"),
      brierLower: value("brier", "lower"),
      brierUpper: value("brier", "upper"),
      auc: value("auc", "estimate"),
      aucLower: value("auc", "lower"),
      aucUpper: value("auc", "upper"),
    };
  });
}

/**
 * Canonical model key of a name: "nomogram" (contains nomogram/combined), "radiomics"
 * (radiomic/signature/radscore/rs), "clinical" (clinic); otherwise the lower-cased name.
 */
export function canonicalModel(name: string): string {
  const s = name.toLowerCase();
  if (/nomogram|combined/.test(s)) return "nomogram";
  if (/radiomic|signature|radscore|^rs$/.test(s)) return "radiomics";
  if (/clinic/.test(s)) return "clinical";
  return s.trim();
}

/** Canonical set key: "train" (train/training/derivation), "test" (test/testing/validation), else lower-case. */
export function canonicalSet(name: string): string {
  const s = name.toLowerCase().trim();
  if (/^(train|derivation|development)/.test(s)) return "train";
  if (/^(test|valid|internal valid)/.test(s)) return "test";
  return s;
}

/** Row data of Table 3 at full precision (for JSON/CSV and tests). */
export interface Table3Row {
  readonly model: string;
  readonly label: string;
  readonly set: string;
  readonly n: number;
  readonly nEvents: number;
  readonly brier: Interval;
  readonly auc: Interval;
  readonly aucBootstrap: Interval | null;
  readonly published: PublishedRow | null;
}

/** Options of {@link table3}. */
export interface Table3Options {
  /** Published rows (from {@link readPublishedTable3}); omitted: no comparison columns. */
  readonly published?: readonly PublishedRow[];
  /** Decimals shown (default 3). */
  readonly digits?: number;
  /** Title (default "Table 3. Predictive performance of the models (reproduced)"). */
  readonly title?: string;
  /** Display names of sets (default train → "Training", test → "Test"). */
  readonly setLabels?: Readonly<Record<string, string>>;
  /** Note naming the published source (default: "Published: published/table3.csv …"). */
  readonly publishedNote?: string;
  /** Add a column with the bootstrap interval of the AUC (default false). */
  readonly aucBootstrapColumn?: boolean;
  /**
   * Optimism-corrected AUC per model key (training rows; `validate` in lib/eval/validate.ts) and the
   * note saying how it was obtained: adds the column "AUC (optimism-corrected)".
   */
  readonly correctedAuc?: { readonly values: Readonly<Record<string, number>>; readonly note: string };
}

/**
 * Rows of Table 3 matched with the published values (by canonical model and set names); rows without a
 * published counterpart get `published: null`. Throws a DataError when one published row matches two results.
 */
export function table3Rows(e: Evaluation, published: readonly PublishedRow[] = []): Table3Row[] {
  const seen = new Set<PublishedRow>();
  // paper order: by model, then by set
  const ordered = e.models.flatMap((m) =>
    e.sets.flatMap((s) => e.results.filter((r) => r.model === m && r.set === s))
  );
  const rows = ordered.map((r) => {
    const pub = published.find((p) =>
      canonicalModel(p.model) === canonicalModel(r.model) && canonicalSet(p.set) === canonicalSet(r.set)
    ) ?? null;
    if (pub) {
      if (seen.has(pub)) {
        throw new DataError(
          `published Table 3: row "${pub.model}, ${pub.set}" matches more than one evaluated model/set`,
        );
      }
      seen.add(pub);
    }
    return {
      model: r.model,
      label: r.label,
      set: r.set,
      n: r.n,
      nEvents: r.nEvents,
      brier: r.brier,
      auc: r.auc,
      aucBootstrap: r.aucBootstrap,
      published: pub,
    };
  });
  return rows;
}

function fmt(v: number | null, digits: number): string {
  return v === null || !Number.isFinite(v) ? "NA" : v.toFixed(digits);
}

function ciText(i: Interval | null, digits: number): string {
  if (!i || i.lower === null || i.upper === null) return "NA";
  return `${fmt(i.lower, digits)}–${fmt(i.upper, digits)}`;
}

/**
 * Table 3 as a ReportTable: Model, Set, n (events), Brier, Brier 95% CI, AUC, AUC 95% CI and, when
 * published rows are given, the published Brier/AUC with their CIs and the differences
 * (reproduced − published). Numbers are kept at full precision (CSV/XLSX) and shown with `digits`.
 */
export function table3(e: Evaluation, options: Table3Options = {}): ReportTable {
  const digits = options.digits ?? 3;
  const setLabels = { train: "Training", test: "Test", ...(options.setLabels ?? {}) } as Record<
    string,
    string
  >;
  const published = options.published ?? [];
  const rows = table3Rows(e, published);
  const withPub = published.length > 0;
  const lvl = `${Number((e.settings.confLevel * 100).toFixed(2))}%`;
  const cols = [
    { key: "model", label: "Model" },
    { key: "set", label: "Set" },
    { key: "n", label: "n (events)" },
    { key: "brier", label: "Brier score", digits },
    { key: "brier_ci", label: `Brier ${lvl} CI` },
    { key: "auc", label: "AUC", digits },
    { key: "auc_ci", label: `AUC ${lvl} CI (DeLong)` },
    ...(options.aucBootstrapColumn ? [{ key: "auc_boot_ci", label: `AUC ${lvl} CI (bootstrap)` }] : []),
    ...(options.correctedAuc ? [{ key: "auc_corrected", label: "AUC (optimism-corrected)", digits }] : []),
    ...(withPub
      ? [
        { key: "pub_brier", label: "Published Brier", digits: 2 },
        { key: "pub_brier_ci", label: "Published Brier CI" },
        { key: "pub_auc", label: "Published AUC", digits: 2 },
        { key: "pub_auc_ci", label: "Published AUC CI" },
        { key: "d_brier", label: "Δ Brier", digits },
        { key: "d_auc", label: "Δ AUC", digits },
      ]
      : []),
  ];
  const body = rows.map((r) => {
    const row: Record<string, Cell> = {
      model: r.label,
      set: setLabels[canonicalSet(r.set)] ?? r.set,
      n: `${r.n} (${r.nEvents})`,
      brier: r.brier.estimate,
      brier_ci: ciText(r.brier, digits),
      auc: r.auc.estimate,
      auc_ci: ciText(r.auc, digits),
    };
    if (options.aucBootstrapColumn) row.auc_boot_ci = ciText(r.aucBootstrap, digits);
    if (options.correctedAuc) {
      row.auc_corrected = canonicalSet(r.set) === "train"
        ? options.correctedAuc.values[r.model] ?? null
        : null;
    }
    if (withPub) {
      const p = r.published;
      row.pub_brier = p ? p.brier : null;
      row.pub_brier_ci = p ? `${p.brierLower}–${p.brierUpper}` : "not published";
      row.pub_auc = p ? p.auc : null;
      row.pub_auc_ci = p ? `${p.aucLower}–${p.aucUpper}` : "not published";
      row.d_brier = p && r.brier.estimate !== null ? r.brier.estimate - p.brier : null;
      row.d_auc = p && r.auc.estimate !== null ? r.auc.estimate - p.auc : null;
    }
    return row;
  });
  const notes: string[] = [];
  const label = (pick: (r: Table3Row) => Interval | null) =>
    [...new Set(rows.map((r) => pick(r)?.method).filter((m): m is string => !!m))].join(" / ");
  notes.push(`Brier ${lvl} CI: ${label((r) => r.brier)}. AUC ${lvl} CI: ${label((r) => r.auc)}.`);
  if (options.aucBootstrapColumn) notes.push(`AUC ${lvl} CI (bootstrap): ${label((r) => r.aucBootstrap)}.`);
  if (options.correctedAuc) notes.push(`AUC (optimism-corrected): ${options.correctedAuc.note}`);
  notes.push(...e.methods);
  for (const r of rows) {
    for (
      const [what, i] of [["Brier", r.brier], ["AUC", r.auc], ["AUC (bootstrap)", r.aucBootstrap]] as const
    ) {
      if (i?.note) notes.push(`${r.label}, ${setLabels[canonicalSet(r.set)] ?? r.set}, ${what}: ${i.note}.`);
    }
  }
  if (withPub) {
    notes.push(
      options.publishedNote ??
        "Published: published/table3.csv (rounded as printed). Δ = reproduced − published.",
    );
    const unmatched = published.filter((p) => !rows.some((r) => r.published === p));
    if (unmatched.length) {
      notes.push(
        `Published rows without a reproduced model: ${
          unmatched.map((p) => `${p.model} (${p.set})`).join(", ")
        }.`,
      );
    }
  }
  return reportTable(options.title ?? "Table 3. Predictive performance of the models (reproduced)", body, {
    columns: cols,
    notes,
  });
}
