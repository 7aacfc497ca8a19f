/**
 * Feature tables: one row per patient, one column per radiomics feature named
 * `phase_filter_family_feature` (lib/features/names.ts), plus text metadata columns.
 *
 * CSV layout written and read here: first column `id`, then the feature columns; repeat readings
 * (reproducibility) add a `reader` column after `id` ("A1", "A2", "B").
 * Import of pyradiomics batch output / 3D Slicer (SlicerRadiomics) tables: columns named
 * `<imageType>_<class>_<Feature>` (`original_glcm_Contrast`, `wavelet-LHL_glszm_ZoneEntropy`);
 * `diagnostics_*` columns (versions, settings, image/mask hashes, voxel counts) and path columns
 * (`Image`, `Mask`) are kept as text metadata, never as features; a `phase` option prefixes every
 * feature name, and tables of several phases are joined by id with {@link joinFeatureTables}.
 * Long tables (one row per feature: `Feature Name`/`Feature`, `Value`, optional `Image type` and
 * `Feature Class`, as Slicer's radiomics table) are pivoted to one row.
 */
import { DataError, parseCsv, parseNumberCell } from "../data/csv.ts";
import { featureName, parseFeatureName } from "./names.ts";

/** A feature table (rows = patients). Values are finite numbers or NaN (missing). */
export interface FeatureTable {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly values: readonly (readonly number[])[];
  /** Text columns kept alongside (diagnostics_*, Image, Mask, reader, ...), one value per row. */
  readonly metadata: Readonly<Record<string, readonly string[]>>;
  /** Where it came from (for messages). */
  readonly source: string;
}

/** Options of {@link parseFeatureCsv} / {@link readPyradiomicsCsv}. */
export interface FeatureCsvOptions {
  /** Id column (default: the first of `id`, `ID`, `PatientID`, `patient_id`, `case_id`, `Image`). */
  readonly idColumn?: string;
  /** Phase prefix added to pyradiomics names without one (e.g. "venous"). */
  readonly phase?: string;
  /** File name used in messages. */
  readonly source?: string;
}

const ID_CANDIDATES = ["id", "ID", "PatientID", "patient_id", "case_id", "Case", "Image"];

/**
 * Parse a wide feature CSV (ours or pyradiomics batch output). Feature columns: names
 * `parseFeatureName` recognises; other columns become metadata. Empty cells and "nan" become NaN.
 */
export function parseFeatureCsv(text: string, options: FeatureCsvOptions = {}): FeatureTable {
  const source = options.source ?? "<features>";
  const t = parseCsv(text, source);
  if (t.header.includes("Value") && (t.header.includes("Feature Name") || t.header.includes("Feature"))) {
    return pivotLong(t.header, t.rows, source, options);
  }
  const idCol = options.idColumn ?? ID_CANDIDATES.find((c) => t.header.includes(c));
  if (!idCol || !t.header.includes(idCol)) {
    throw new DataError(
      `${source}: no id column (looked for ${
        options.idColumn ?? ID_CANDIDATES.join(", ")
      }); set option "idColumn"`,
      source,
    );
  }
  const idJ = t.header.indexOf(idCol);
  const featJ: number[] = [];
  const names: string[] = [];
  const metaJ: number[] = [];
  t.header.forEach((h, j) => {
    if (j === idJ) return;
    const parts = h.startsWith("diagnostics_") ? null : parseFeatureName(h);
    if (parts) {
      featJ.push(j);
      names.push(parts.phase || !options.phase ? h : featureName({ ...parts, phase: options.phase }));
    } else metaJ.push(j);
  });
  const dup = names.find((nm, k) => names.indexOf(nm) !== k);
  if (dup) throw new DataError(`${source}: feature column "${dup}" appears twice`, source, undefined, dup);
  const values = t.rows.map((r, i) =>
    featJ.map((j) => {
      const cell = r[j].trim();
      if (cell === "" || cell.toLowerCase() === "nan" || cell === "NA") return NaN;
      return parseNumberCell(cell, source, i + 2, t.header[j]);
    })
  );
  const ids = t.rows.map((r) => r[idJ]);
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id) && !t.header.includes("reader")) {
      throw new DataError(
        `${source} row ${i + 2}, column "${idCol}": duplicate id "${id}"`,
        source,
        i + 2,
        idCol,
      );
    }
    seen.add(id);
  });
  const metadata = Object.fromEntries(metaJ.map((j) => [t.header[j], t.rows.map((r) => r[j])]));
  return { ids, names, values, metadata, source };
}

/** Pivot a long table (one feature per row) of a single case to one row. */
function pivotLong(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  source: string,
  options: FeatureCsvOptions,
): FeatureTable {
  const col = (names: string[]) => names.map((c) => header.indexOf(c)).find((j) => j >= 0) ?? -1;
  const jName = col(["Feature Name", "Feature"]);
  const jVal = header.indexOf("Value");
  const jType = col(["Image type", "Image Type", "ImageType"]);
  const jClass = col(["Feature Class", "Feature class", "Class"]);
  const names: string[] = [];
  const vals: number[] = [];
  const metadata: Record<string, string[]> = {};
  rows.forEach((r, i) => {
    let name = r[jName];
    if (jClass >= 0 && jType >= 0) name = `${r[jType]}_${r[jClass]}_${r[jName]}`;
    if (name.startsWith("diagnostics_") || !parseFeatureName(name)) {
      metadata[name] = [r[jVal]];
      return;
    }
    const parts = parseFeatureName(name)!;
    names.push(parts.phase || !options.phase ? name : featureName({ ...parts, phase: options.phase }));
    vals.push(parseNumberCell(r[jVal], source, i + 2, "Value"));
  });
  return { ids: [options.idColumn ?? source], names, values: [vals], metadata, source };
}

/** Read a pyradiomics / 3D Slicer feature CSV from disk (see {@link parseFeatureCsv}). */
export async function readPyradiomicsCsv(
  path: string,
  options: Omit<FeatureCsvOptions, "source"> = {},
): Promise<FeatureTable> {
  return parseFeatureCsv(await Deno.readTextFile(path), { ...options, source: path });
}

/** Join tables of the same patients (e.g. one per phase) by id; columns in argument order. */
export function joinFeatureTables(tables: readonly FeatureTable[]): FeatureTable {
  if (tables.length === 0) throw new Error("joinFeatureTables: no tables");
  const ids = tables[0].ids;
  const names: string[] = [];
  const index = tables.map((t) => {
    const pos = new Map(t.ids.map((id, i) => [id, i]));
    return ids.map((id) => {
      const i = pos.get(id);
      if (i === undefined) {
        throw new DataError(`${t.source}: patient "${id}" of ${tables[0].source} is missing`, t.source);
      }
      return i;
    });
  });
  for (const t of tables) {
    for (const nm of t.names) {
      if (names.includes(nm)) {
        throw new DataError(
          `joinFeatureTables: feature "${nm}" in more than one table (add a phase prefix)`,
          t.source,
          undefined,
          nm,
        );
      }
      names.push(nm);
    }
  }
  const values = ids.map((_, r) => tables.flatMap((t, k) => [...t.values[index[k][r]]]));
  const metadata: Record<string, string[]> = {};
  tables.forEach((t, k) => {
    for (const [key, v] of Object.entries(t.metadata)) {
      metadata[tables.length > 1 ? `${k + 1}:${key}` : key] = index[k].map((i) => v[i]);
    }
  });
  return { ids, names, values, metadata, source: tables.map((t) => t.source).join(" + ") };
}

/** Select rows by id (in the given order); throws naming a missing id. */
export function selectIds(t: FeatureTable, ids: readonly string[]): FeatureTable {
  const pos = new Map(t.ids.map((id, i) => [id, i]));
  const rows = ids.map((id) => {
    const i = pos.get(id);
    if (i === undefined) throw new DataError(`${t.source}: no patient "${id}"`, t.source);
    return i;
  });
  return {
    ids: [...ids],
    names: t.names,
    values: rows.map((i) => t.values[i]),
    metadata: Object.fromEntries(Object.entries(t.metadata).map(([k, v]) => [k, rows.map((i) => v[i])])),
    source: t.source,
  };
}

/** Select feature columns by name. */
export function selectFeatures(t: FeatureTable, names: readonly string[]): FeatureTable {
  const idx = names.map((nm) => {
    const j = t.names.indexOf(nm);
    if (j < 0) throw new DataError(`${t.source}: no feature "${nm}"`, t.source, undefined, nm);
    return j;
  });
  return { ...t, names: [...names], values: t.values.map((r) => idx.map((j) => r[j])) };
}

/** CSV text of a feature table: `id`, metadata columns listed in `meta`, then features (6 significant digits). */
export function featureTableCsv(
  t: FeatureTable,
  options: { meta?: readonly string[]; digits?: number } = {},
): string {
  const meta = options.meta ?? [];
  const digits = options.digits ?? 6;
  const header = ["id", ...meta, ...t.names];
  const fmt = (v: number) => (Number.isNaN(v) ? "" : v === 0 ? "0" : String(Number(v.toPrecision(digits))));
  const lines = [header.join(",")];
  t.ids.forEach((id, i) => {
    lines.push(
      [csvCell(id), ...meta.map((m) => csvCell(t.metadata[m][i])), ...t.values[i].map(fmt)].join(","),
    );
  });
  return lines.join("\n") + "\n";
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
