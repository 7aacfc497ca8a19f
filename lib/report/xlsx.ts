/**
 * XLSX output of report tables through exceljs. Workbook metadata (creation and modification dates)
 * is fixed, and the zip is re-packed (fflate) with a fixed entry timestamp, because exceljs stamps
 * every entry with the current time: the same table gives the same bytes.
 */
import ExcelJS from "exceljs";
import { unzipSync, type Zippable, zipSync } from "fflate";
import type { ReportTable } from "./table.ts";

const FIXED_DATE = new Date(Date.UTC(2025, 3, 11));

/**
 * Write one or more report tables to an XLSX workbook and return its bytes. Each table is one sheet whose
 * first row holds the (unique) column headers, so `read_excel(path)` / `pandas.read_excel` need no
 * `skip`; numbers are numeric cells (number format from the column's `digits`, full precision kept);
 * machine-only columns (estimate, lower, upper, p) are included. Caption and notes go to a last sheet
 * "Notes" (sheet name, caption, then one note per row).
 */
export async function toXlsx(
  tables: readonly ReportTable[],
  sheetNames?: readonly string[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "nomogram-workspace";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const names = tables.map((_t, i) =>
    (sheetNames?.[i] ?? `Table ${i + 1}`).replace(/[\\/?*[\]:]/g, " ").slice(0, 31)
  );
  tables.forEach((t, i) => {
    const ws = wb.addWorksheet(names[i]);
    ws.addRow(t.columns.map((c) => (c.label ?? c.key).trim())).font = { bold: true };
    for (const r of t.rows) {
      ws.addRow(t.columns.map((c) => {
        const v = r[c.key];
        return v === undefined || v === null || (typeof v === "number" && !Number.isFinite(v)) ? null : v;
      }));
    }
    t.columns.forEach((c, j) => {
      const col = ws.getColumn(j + 1);
      col.width = j === 0 ? 36 : 16;
      if (c.digits !== undefined) col.numFmt = c.digits === 0 ? "0" : `0.${"0".repeat(c.digits)}`;
    });
    ws.views = [{ state: "frozen", ySplit: 1 }];
  });
  const notes = wb.addWorksheet(names.includes("Notes") ? "Table notes" : "Notes");
  notes.addRow(["sheet", "text"]).font = { bold: true };
  tables.forEach((t, i) => {
    notes.addRow([names[i], t.title]).font = { bold: true };
    for (const n of t.notes ?? []) notes.addRow([names[i], n]);
  });
  notes.getColumn(1).width = 24;
  notes.getColumn(2).width = 120;
  const buf = new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
  const entries = unzipSync(buf);
  const repacked: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    repacked[name] = [data, { mtime: FIXED_DATE, level: 6 }];
  }
  return zipSync(repacked);
}
