/**
 * XLSX output of report tables through exceljs. Workbook metadata (creation and modification dates)
 * is fixed, and the zip is re-packed (fflate) with a fixed entry timestamp, because exceljs stamps
 * every entry with the current time: the same table gives the same bytes.
 */
import ExcelJS from "exceljs";
import { unzipSync, zipSync, type Zippable } from "fflate";
import type { ReportTable } from "./table.ts";

const FIXED_DATE = new Date(Date.UTC(2025, 3, 11));

/** Write one or more report tables to an XLSX workbook (one sheet each) and return its bytes. */
export async function toXlsx(tables: readonly ReportTable[], sheetNames?: readonly string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "nomogram-workspace";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  tables.forEach((t, i) => {
    const name = (sheetNames?.[i] ?? `Table ${i + 1}`).replace(/[\\/?*[\]:]/g, " ").slice(0, 31);
    const ws = wb.addWorksheet(name);
    ws.addRow([t.title]).font = { bold: true };
    ws.addRow(t.columns.map((c) => c.label ?? c.key)).font = { bold: true };
    for (const r of t.rows) ws.addRow(t.columns.map((c) => (r[c.key] ?? null)));
    for (const n of t.notes ?? []) ws.addRow([n]).font = { italic: true };
    t.columns.forEach((_c, j) => (ws.getColumn(j + 1).width = j === 0 ? 36 : 16));
  });
  const buf = new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
  const entries = unzipSync(buf);
  const repacked: Zippable = {};
  for (const [name, data] of Object.entries(entries)) repacked[name] = [data, { mtime: FIXED_DATE, level: 6 }];
  return zipSync(repacked);
}
