/**
 * Applying a frozen nomogram to a file of patients (CSV with a header row, or JSON: an array of
 * objects or `{ "patients": [...] }`), for `deno task score` and external validation. The model is
 * never refitted: only the stored points scaling, coefficients and baseline survival are used.
 */
import { parseCsv, toCsv } from "../data/csv.ts";
import type { RowData } from "./design.ts";
import { type Nomogram, scoreNomogram } from "./nomogram.ts";

/** Read patients from CSV or JSON text (format chosen by `path`'s extension). */
export function parsePatients(text: string, path: string): Record<string, string | number>[] {
  if (/\.json$/i.test(path)) {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
    }
    const arr = Array.isArray(obj) ? obj : (obj as { patients?: unknown }).patients;
    if (!Array.isArray(arr)) {
      throw new Error(`${path}: expected an array of patient objects or {"patients": [...]}`);
    }
    arr.forEach((r, i) => {
      if (typeof r !== "object" || r === null || Array.isArray(r)) {
        throw new Error(`${path} patient ${i + 1}: expected an object of predictor values`);
      }
    });
    return arr as Record<string, string | number>[];
  }
  const t = parseCsv(text, path);
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, j) => [h, r[j]])));
}

/** One output row per patient: id (if an "id" column exists), points per predictor, total, lp, probabilities. */
export function scoreRows(
  nom: Nomogram,
  patients: RowData,
  source = "patients",
  options: { extrapolation?: "warn" | "refuse" } = {},
): { columns: string[]; rows: Record<string, string | number>[] } {
  // rows as a spreadsheet shows them: a CSV's first patient is line 2 (header = line 1); JSON patients count from 1
  const rowBase = /\.json$/i.test(source) ? 1 : 2;
  const scores = scoreNomogram(nom, patients, { source, rowBase, extrapolation: options.extrapolation });
  const hasId = patients.length > 0 && "id" in patients[0];
  const columns = [
    ...(hasId ? ["id"] : []),
    ...nom.axes.map((a) => `points_${a.name}`),
    "total_points",
    "lp",
  ];
  if (nom.model === "logistic") columns.push("risk");
  else for (const b of nom.baselineSurvival ?? []) columns.push(`survival_${b.time}`, `risk_${b.time}`);
  columns.push("warnings");
  const rows = scores.map((s, i) => {
    const r: Record<string, string | number> = {};
    if (hasId) r.id = String(patients[i].id);
    for (const a of nom.axes) r[`points_${a.name}`] = s.points[a.name];
    r.total_points = s.totalPoints;
    r.lp = s.lp;
    if (nom.model === "logistic") r.risk = s.risk;
    else {
      for (const b of nom.baselineSurvival ?? []) {
        r[`survival_${b.time}`] = s.survival![String(b.time)];
        r[`risk_${b.time}`] = 1 - s.survival![String(b.time)];
      }
    }
    r.warnings = s.warnings.join("; ");
    return r;
  });
  return { columns, rows };
}

/** Render scored rows as CSV or JSON text (by the output path's extension; CSV by default). */
export function formatScores(
  out: { columns: string[]; rows: Record<string, string | number>[] },
  path = "out.csv",
): string {
  if (/\.json$/i.test(path)) return JSON.stringify(out.rows, null, 2) + "\n";
  return toCsv(out.columns, out.rows);
}
