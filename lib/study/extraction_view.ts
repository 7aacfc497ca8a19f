/**
 * What notebook 03b shows about feature extraction: the image manifest (patients, phases, readers),
 * slices of a few patients with their segmentations, and the extracted features counted by phase,
 * filter and family.
 */
import { dirname, join } from "node:path";
import { readCsvSync, textColumn } from "../data/csv.ts";
import { readNiftiSync } from "../radiomics/image.ts";
import { type ReportTable, reportTable } from "../report/table.ts";
import type { SlicePanel } from "../plot/slices.ts";

/** IBSI feature families as they appear in extracted column names (longest first for matching). */
export const EXTRACTED_FAMILIES = [
  "intensity_volume_histogram",
  "intensity_histogram",
  "intensity_statistics",
  "local_intensity",
  "morphology",
  "glcm",
  "glrlm",
  "glszm",
  "gldzm",
  "ngtdm",
  "ngldm",
] as const;

/** Split `<phase>_<filter>_<family>_<Feature>` (families may contain "_"); null when it does not parse. */
export function splitExtractedName(
  name: string,
): { phase: string; filter: string; family: string; feature: string } | null {
  const [phase, filter, ...rest] = name.split("_");
  const tail = rest.join("_");
  const family = EXTRACTED_FAMILIES.find((f) => tail.startsWith(f + "_"));
  if (!phase || !filter || !family) return null;
  return { phase, filter, family, feature: tail.slice(family.length + 1) };
}

/** Cases of an image manifest by phase and reader. */
export function manifestSummaryTable(manifestPath: string): ReportTable {
  const t = readCsvSync(manifestPath);
  const patient = textColumn(t, "patient"), phase = textColumn(t, "phase"), reader = textColumn(t, "reader");
  const phases = [...new Set(phase)];
  const readers = [...new Set(reader)].sort();
  const rows = readers.map((r) => {
    const row: Record<string, string | number> = {
      Reader: r,
      Patients: new Set(patient.filter((_, i) => reader[i] === r)).size,
    };
    for (const ph of phases) row[ph] = phase.filter((p, i) => p === ph && reader[i] === r).length;
    return row;
  });
  return reportTable("Images and segmentations extracted (cases per phase and reader)", rows, {
    notes: [
      "A1: reader A, first segmentation (all patients); A2: reader A two weeks later; B: reader B (the repeat subset, for intra- and inter-observer ICC).",
    ],
  });
}

/** Extracted features counted by family (rows) and filter (columns), per phase. */
export function featureCountsTable(
  names: readonly string[],
  title = "Extracted features by family and filter (per phase)",
): ReportTable {
  const parsed = names.map(splitExtractedName).filter((x): x is NonNullable<typeof x> => x !== null);
  const phases = [...new Set(parsed.map((p) => p.phase))];
  const filters = [...new Set(parsed.map((p) => p.filter))];
  const first = parsed.filter((p) => p.phase === phases[0]);
  const rows = EXTRACTED_FAMILIES.filter((f) => first.some((p) => p.family === f)).map((f) => {
    const row: Record<string, string | number> = { Family: f };
    for (const fl of filters) row[fl] = first.filter((p) => p.family === f && p.filter === fl).length;
    return row;
  });
  return reportTable(title, rows, {
    notes: [
      `${names.length} features in all: ${phases.length} phases (${phases.join(", ")}) × these counts.`,
    ],
  });
}

/**
 * Slice panels of the first `n` patients of a manifest that have all readers' segmentations, in one
 * phase: the image with the masks of readers A1 (red), A2 (yellow) and B (cyan).
 */
export function slicePanelsFromManifest(
  manifestPath: string,
  options: { n?: number; phase?: string } = {},
): SlicePanel[] {
  const t = readCsvSync(manifestPath);
  const base = dirname(manifestPath);
  const patient = textColumn(t, "patient"),
    phase = textColumn(t, "phase"),
    image = textColumn(t, "image"),
    mask = textColumn(t, "mask"),
    reader = textColumn(t, "reader");
  const ph = options.phase ?? "venous";
  const colors: Record<string, string> = { A1: "#e41a1c", A2: "#ffd92f", B: "#00bcd4" };
  const withAll = [...new Set(patient)].filter((p) =>
    ["A1", "A2", "B"].every((r) => patient.some((q, i) => q === p && reader[i] === r))
  );
  return withAll.slice(0, options.n ?? 3).map((p) => {
    const rows = patient.flatMap((q, i) => (q === p && phase[i] === ph ? [i] : []));
    const img = readNiftiSync(join(base, image[rows[0]]));
    return {
      label: `${p}, ${ph} phase`,
      image: img,
      masks: rows.map((i) => ({
        name: reader[i],
        mask: readNiftiSync(join(base, mask[i])),
        color: colors[reader[i]] ?? "#e41a1c",
      })),
    };
  });
}
