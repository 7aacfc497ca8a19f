/** Feature rows to CSV / JSON (one row per feature, the settings record in columns beside it). */
import { toCsv } from "../data/csv.ts";
import type { ExtractionResult } from "./extract.ts";

/** Columns of the CSV output. */
export const OUTPUT_COLUMNS = [
  "case",
  "family",
  "feature",
  "ibsi_code",
  "aggregation",
  "key",
  "value",
  "resampled",
  "interpolator",
  "spacing",
  "round_intensities",
  "mask_threshold",
  "resegmentation",
  "discretisation",
  "ivh",
  "texture_aggregation",
] as const;

/** Rows as string records (values printed with 17 significant digits). */
export function resultRecords(
  result: ExtractionResult,
  caseId = "",
): Record<(typeof OUTPUT_COLUMNS)[number], string>[] {
  return result.rows.map((r) => ({
    case: caseId,
    family: r.family,
    feature: r.name,
    ibsi_code: r.ibsiCode,
    aggregation: r.aggregation,
    key: r.key,
    value: Number.isFinite(r.value) ? String(+r.value.toPrecision(17)) : String(r.value),
    resampled: r.settings.resampled,
    interpolator: r.settings.interpolator,
    spacing: r.settings.spacing,
    round_intensities: String(r.settings.roundIntensities),
    mask_threshold: String(r.settings.maskThreshold),
    resegmentation: r.settings.resegmentation,
    discretisation: r.settings.discretisation,
    ivh: r.settings.ivh,
    texture_aggregation: r.settings.textureAggregation,
  }));
}

/** CSV text of a result. */
export function resultToCsv(result: ExtractionResult, caseId = ""): string {
  const recs = resultRecords(result, caseId);
  return toCsv([...OUTPUT_COLUMNS], recs);
}
