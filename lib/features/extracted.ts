/**
 * Feature tables from batch extraction (lib/radiomics/batch.ts: one row per patient × reader, columns
 * `patient`, `reader`, then `<phase>_<filter>_<family>_<Feature>`), split into what the selection
 * step uses: the main table (reader A's first reading, one row per patient) and the repeat readings
 * (reader A twice, reader B once) of the patients segmented three times, for ICC screening.
 *
 * Columns that cannot enter the analysis are left out and listed: a feature with a missing or
 * non-finite value for any patient (e.g. a quartile coefficient of dispersion of a zero-centred
 * wavelet band), or constant over the main table.
 */
import { DataError, parseCsv, parseNumberCell } from "../data/csv.ts";
import type { FeatureTable } from "./feature_table.ts";
import type { RepeatReadings } from "./icc_screening.ts";

/** The split tables and what was left out. */
export interface ExtractedFeatures {
  readonly table: FeatureTable;
  readonly repeats: RepeatReadings & { readonly ids: readonly string[] };
  /** Feature columns dropped, with the reason. */
  readonly dropped: readonly { readonly name: string; readonly reason: string }[];
}

/** Readers of the repeat design: first reading of reader A (main table), second of A, reader B. */
export const READERS = { first: "A1", second: "A2", other: "B" } as const;

/** Parse a batch feature table (CSV text) and split it by reader. */
export function splitExtractedFeatures(text: string, source: string): ExtractedFeatures {
  const t = parseCsv(text, source);
  const jp = t.header.indexOf("patient");
  const jr = t.header.indexOf("reader");
  if (jp < 0 || jr < 0) {
    throw new DataError(
      `${source}: expected columns "patient" and "reader" (batch extraction output)`,
      source,
      1,
    );
  }
  const featureCols = t.header.map((_, j) => j).filter((j) => j !== jp && j !== jr);
  const byReader = new Map<string, Map<string, number[]>>();
  t.rows.forEach((r, i) => {
    const reader = r[jr];
    const patient = r[jp];
    if (!byReader.has(reader)) byReader.set(reader, new Map());
    const m = byReader.get(reader)!;
    if (m.has(patient)) {
      throw new DataError(
        `${source} row ${i + 2}: patient "${patient}" appears twice for reader "${reader}"`,
        source,
        i + 2,
        "patient",
      );
    }
    m.set(
      patient,
      featureCols.map((
        j,
      ) => (r[j] === "NA" || r[j] === "" ? NaN : parseNumberCell(r[j], source, i + 2, t.header[j]))),
    );
  });
  const main = byReader.get(READERS.first);
  if (!main) {
    throw new DataError(`${source}: no rows of reader "${READERS.first}" (reader A's first reading)`, source);
  }
  const ids = [...main.keys()];
  const values = ids.map((id) => main.get(id)!);
  const dropped: { name: string; reason: string }[] = [];
  const keep: number[] = [];
  featureCols.forEach((_, k) => {
    const name = t.header[featureCols[k]];
    if (values.some((v) => !Number.isFinite(v[k]))) {
      dropped.push({ name, reason: "missing or non-finite value" });
    } else if (values.every((v) => v[k] === values[0][k])) dropped.push({ name, reason: "constant" });
    else keep.push(k);
  });
  const names = keep.map((k) => t.header[featureCols[k]]);
  const pick = (v: readonly number[]) => keep.map((k) => v[k]);
  const a2 = byReader.get(READERS.second) ?? new Map();
  const b = byReader.get(READERS.other) ?? new Map();
  const repIds = ids.filter((id) => a2.has(id) && b.has(id));
  return {
    table: { ids, names, values: values.map(pick), metadata: {}, source },
    repeats: {
      ids: repIds,
      names,
      readerA1: repIds.map((id) => pick(main.get(id)!)),
      readerA2: repIds.map((id) => pick(a2.get(id)!)),
      readerB: repIds.map((id) => pick(b.get(id)!)),
    },
    dropped,
  };
}
