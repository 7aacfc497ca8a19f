/**
 * Join a feature table with the cohort table: the training and test design matrices and outcomes
 * for the radiomics selection (rows matched by patient id, in cohort order).
 */
import { type CsvTable, DataError } from "../data/csv.ts";
import type { FeatureTable } from "./feature_table.ts";

/** One set (training or test). */
export interface RadiomicsSet {
  readonly ids: readonly string[];
  readonly X: readonly (readonly number[])[];
  readonly y: readonly number[];
}

/** Options of {@link radiomicsSets}. */
export interface RadiomicsSetsOptions {
  /** Outcome column, 0/1 (the study's event indicator, e.g. spec `endpoint.status`). */
  readonly outcome: string;
  /** Split column (default "split"), values `train` / `test`. */
  readonly split?: string;
  /** Feature columns to use (default: all of the table). */
  readonly features?: readonly string[];
}

/** Training and test sets from a cohort table (cells as text) and a feature table. */
export function radiomicsSets(
  table: FeatureTable,
  cohort: CsvTable,
  options: RadiomicsSetsOptions,
): { train: RadiomicsSet; test: RadiomicsSet; names: readonly string[] } {
  const outcome = options.outcome;
  const split = options.split ?? "split";
  const col = (c: string) => {
    const j = cohort.header.indexOf(c);
    if (j < 0) throw new DataError(`${cohort.source}: no column "${c}"`, cohort.source, undefined, c);
    return j;
  };
  const jId = col("id");
  const jY = col(outcome);
  const jS = col(split);
  const names = options.features ?? table.names;
  const featIdx = names.map((nm) => {
    const j = table.names.indexOf(nm);
    if (j < 0) throw new DataError(`${table.source}: no feature "${nm}"`, table.source, undefined, nm);
    return j;
  });
  const pos = new Map(table.ids.map((id, i) => [id, i]));
  const sets: Record<string, { ids: string[]; X: number[][]; y: number[] }> = {
    train: { ids: [], X: [], y: [] },
    test: { ids: [], X: [], y: [] },
  };
  cohort.rows.forEach((r, i) => {
    const s = r[jS];
    if (!(s in sets)) {
      throw new DataError(
        `${cohort.source} row ${i + 2}, column "${split}": expected "train" or "test", got "${s}"`,
        cohort.source,
        i + 2,
        split,
      );
    }
    const y = r[jY];
    if (y !== "0" && y !== "1") {
      throw new DataError(
        `${cohort.source} row ${i + 2}, column "${outcome}": expected 0 or 1, got "${y}"`,
        cohort.source,
        i + 2,
        outcome,
      );
    }
    const k = pos.get(r[jId]);
    if (k === undefined) {
      throw new DataError(
        `${table.source}: no features for patient "${r[jId]}" (${cohort.source} row ${i + 2})`,
        table.source,
      );
    }
    sets[s].ids.push(r[jId]);
    sets[s].X.push(featIdx.map((j) => table.values[k][j]));
    sets[s].y.push(Number(y));
  });
  return { train: sets.train, test: sets.test, names };
}
