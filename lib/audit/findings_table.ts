/**
 * The audit's findings as a report table (Markdown/HTML/CSV/XLSX through lib/report), errors first.
 */
import { type ReportTable, reportTable } from "../report/table.ts";
import { type Finding, type Severity, severityCounts } from "./checks.ts";

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Options of {@link findingsTable}. */
export interface FindingsTableOptions {
  /** Title (default "Audit of the published tables"). */
  readonly title?: string;
  /** Lowest severity shown (default "info": everything). */
  readonly minSeverity?: Severity;
}

/** Findings sorted by severity (error, warning, info), then table, keeping the check order within. */
export function findingsTable(findings: readonly Finding[], options: FindingsTableOptions = {}): ReportTable {
  const min = ORDER[options.minSeverity ?? "info"];
  const rows = findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => ORDER[f.severity] <= min)
    .sort((a, b) =>
      ORDER[a.f.severity] - ORDER[b.f.severity] || a.f.table.localeCompare(b.f.table) || a.i - b.i
    )
    .map(({ f }) => ({
      severity: f.severity,
      table: f.table,
      check: f.check,
      item: f.item,
      finding: f.message,
    }));
  const c = severityCounts(findings);
  return reportTable(options.title ?? "Audit of the published tables", rows, {
    columns: [
      { key: "severity", label: "Severity" },
      { key: "table", label: "Table" },
      { key: "check", label: "Check" },
      { key: "item", label: "Row" },
      { key: "finding", label: "Finding" },
    ],
    notes: [
      `${c.error} errors, ${c.warning} warnings, ${c.info} informational findings.`,
      "error: the printed numbers cannot all be right; warning: possible but suspicious; info: what was checked.",
      "Printed numbers are allowed their rounding (x with d decimals stands for x ± 0.5·10^-d).",
    ],
  });
}
