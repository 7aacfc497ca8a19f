/**
 * Published tables in the `published/` format of a study folder (described in studies/bi2025/published/README.md):
 *
 * - `groups.csv`: `group, label, n, events, source`: the compared groups (e.g. train/test) with their
 *   sizes and numbers of outcome events (events may be empty).
 * - `table1.csv` (baseline table): `variable, level, note, p_text` and, per group g of groups.csv,
 *   `g_text` (cell as printed), `g_n`, `g_pct` (categorical rows), `g_median`, `g_q1`, `g_q3` (continuous
 *   rows, "median (Q1, Q3)"). A categorical variable spans consecutive rows (one per level) sharing
 *   `variable`; its p is on its first row.
 * - `table2.csv` (odds ratios): `variable, analysis, or, lower, upper, ci_text, p_text`.
 * - `table3.csv` (performance): `model, set` (a group), then for each metric m: `m, m_lower, m_upper`
 *   (e.g. auc, brier).
 *
 * Every table is optional except groups.csv; numbers are kept exactly as printed (text) and parsed
 * here, remembering their printed decimals so checks can allow for rounding.
 */
import { type CsvTable, DataError, parseCsv, where } from "../data/csv.ts";

/** A number as printed: its value and the number of decimals shown. */
export interface Printed {
  readonly value: number;
  readonly decimals: number;
  readonly text: string;
}

/** A printed p-value: "0.013" (op "="), "<0.001" (op "<"), ">0.99" (op ">"). */
export interface PrintedP extends Printed {
  readonly op: "=" | "<" | ">";
}

/** One compared group. */
export interface PublishedGroup {
  readonly group: string;
  readonly label: string;
  readonly n: number;
  readonly events: number | null;
  readonly source: string;
}

/** One group's cell of a Table 1 row. */
export interface Table1Cell {
  readonly text: string;
  readonly n: Printed | null;
  readonly pct: Printed | null;
  readonly median: Printed | null;
  readonly q1: Printed | null;
  readonly q3: Printed | null;
}

/** One Table 1 row. */
export interface Table1Row {
  readonly row: number;
  readonly variable: string;
  readonly level: string;
  readonly cells: Readonly<Record<string, Table1Cell>>;
  readonly pText: string;
  readonly p: PrintedP | null;
  readonly note: string;
}

/** A Table 1 variable: its rows (levels) and kind. */
export interface Table1Variable {
  readonly variable: string;
  readonly kind: "categorical" | "continuous";
  readonly rows: readonly Table1Row[];
  readonly p: PrintedP | null;
}

/** One Table 2 row. */
export interface Table2Row {
  readonly row: number;
  readonly variable: string;
  readonly analysis: string;
  readonly or: Printed;
  readonly lower: Printed;
  readonly upper: Printed;
  readonly ciText: string;
  readonly pText: string;
  readonly p: PrintedP | null;
}

/** An estimate with its interval as printed. */
export interface PrintedEstimate {
  readonly estimate: Printed;
  readonly lower: Printed | null;
  readonly upper: Printed | null;
}

/** One Table 3 row: a model in a set, with its metrics. */
export interface Table3Row {
  readonly row: number;
  readonly model: string;
  readonly set: string;
  readonly metrics: Readonly<Record<string, PrintedEstimate>>;
}

/** All published tables of a study. */
export interface PublishedTables {
  readonly source: string;
  readonly groups: readonly PublishedGroup[];
  readonly table1: readonly Table1Row[];
  readonly table2: readonly Table2Row[];
  readonly table3: readonly Table3Row[];
}

/** Parse a printed number ("0.013", "6.40", "13"); empty → null; anything else is an error. */
export function parsePrinted(text: string, source: string, row: number, column: string): Printed | null {
  const s = text.trim();
  if (s === "") return null;
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) {
    throw new DataError(
      `${where(source, row, column)}: expected a printed number, got "${text}"`,
      source,
      row,
      column,
    );
  }
  const dot = s.indexOf(".");
  return { value: Number(s), decimals: dot < 0 ? 0 : s.length - dot - 1, text: s };
}

/** Parse a printed p-value: "0.013", "<0.001", "< 0.001", ">0.99"; "", "-" → null. */
export function parsePrintedP(text: string, source = "<p>", row = 0, column = "p_text"): PrintedP | null {
  const s = text.trim().replace(/\s+/g, "");
  if (s === "" || s === "-" || s === "—" || s === "–") return null;
  const m = /^([<>≤≥]?)(\d*\.?\d+)$/.exec(s);
  if (!m) {
    throw new DataError(
      `${where(source, row, column)}: expected a p-value like 0.013 or <0.001, got "${text}"`,
      source,
      row,
      column,
    );
  }
  const num = parsePrinted(m[2].startsWith(".") ? "0" + m[2] : m[2], source, row, column)!;
  const op = m[1] === "<" || m[1] === "≤" ? "<" : m[1] === ">" || m[1] === "≥" ? ">" : "=";
  return { ...num, text: text.trim(), op };
}

/** The interval of true values that print as `p` (rounding to its decimals; "<x" → [0, x]). */
export function printedPInterval(p: PrintedP): [number, number] {
  if (p.op === "<") return [0, p.value];
  if (p.op === ">") return [p.value, 1];
  const h = 0.5 * 10 ** -p.decimals;
  return [Math.max(0, p.value - h), Math.min(1, p.value + h)];
}

/** Half a unit of the last printed digit (the rounding allowance of a printed number). */
export function halfUnit(x: Printed): number {
  return 0.5 * 10 ** -x.decimals;
}

function colGetter(t: CsvTable, required: readonly string[]) {
  for (const c of required) {
    if (!t.header.includes(c)) {
      throw new DataError(`${where(t.source, 1, c)}: missing column`, t.source, 1, c);
    }
  }
  return (r: readonly string[], c: string): string => {
    const j = t.header.indexOf(c);
    return j < 0 ? "" : r[j];
  };
}

/** Parse groups.csv. */
export function parseGroups(t: CsvTable): PublishedGroup[] {
  const get = colGetter(t, ["group", "n"]);
  return t.rows.map((r, k) => {
    const row = k + 2;
    const n = parsePrinted(get(r, "n"), t.source, row, "n");
    if (!n || n.value <= 0 || !Number.isInteger(n.value)) {
      throw new DataError(
        `${where(t.source, row, "n")}: expected a positive group size, got "${get(r, "n")}"`,
        t.source,
        row,
        "n",
      );
    }
    const ev = parsePrinted(get(r, "events"), t.source, row, "events");
    return {
      group: get(r, "group").trim(),
      label: get(r, "label"),
      n: n.value,
      events: ev ? ev.value : null,
      source: get(r, "source"),
    };
  });
}

/** Parse table1.csv for the given groups. */
export function parseTable1(t: CsvTable, groups: readonly PublishedGroup[]): Table1Row[] {
  const get = colGetter(t, ["variable", "level", "p_text"]);
  for (const g of groups) {
    if (!t.header.includes(`${g.group}_n`) && !t.header.includes(`${g.group}_median`)) {
      throw new DataError(
        `${t.source}: no columns for group "${g.group}" (expected ${g.group}_n / ${g.group}_median)`,
        t.source,
        1,
      );
    }
  }
  return t.rows.map((r, k) => {
    const row = k + 2;
    const cells: Record<string, Table1Cell> = {};
    for (const g of groups) {
      const num = (c: string) => parsePrinted(get(r, `${g.group}_${c}`), t.source, row, `${g.group}_${c}`);
      cells[g.group] = {
        text: get(r, `${g.group}_text`),
        n: num("n"),
        pct: num("pct"),
        median: num("median"),
        q1: num("q1"),
        q3: num("q3"),
      };
    }
    return {
      row,
      variable: get(r, "variable").trim(),
      level: get(r, "level").trim(),
      cells,
      pText: get(r, "p_text"),
      p: parsePrintedP(get(r, "p_text"), t.source, row, "p_text"),
      note: get(r, "note"),
    };
  });
}

/** Group Table 1 rows by variable (consecutive rows with the same name). */
export function table1Variables(rows: readonly Table1Row[]): Table1Variable[] {
  const out: Table1Variable[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.variable === r.variable) {
      (last.rows as Table1Row[]).push(r);
      continue;
    }
    const continuous = Object.values(r.cells).some((c) => c.median !== null);
    out.push({ variable: r.variable, kind: continuous ? "continuous" : "categorical", rows: [r], p: r.p });
  }
  return out;
}

/** Parse table2.csv. */
export function parseTable2(t: CsvTable): Table2Row[] {
  const get = colGetter(t, ["variable", "analysis", "or", "lower", "upper", "p_text"]);
  return t.rows.map((r, k) => {
    const row = k + 2;
    const req = (c: string) => {
      const x = parsePrinted(get(r, c), t.source, row, c);
      if (!x) throw new DataError(`${where(t.source, row, c)}: missing value`, t.source, row, c);
      return x;
    };
    return {
      row,
      variable: get(r, "variable").trim(),
      analysis: get(r, "analysis").trim(),
      or: req("or"),
      lower: req("lower"),
      upper: req("upper"),
      ciText: get(r, "ci_text"),
      pText: get(r, "p_text"),
      p: parsePrintedP(get(r, "p_text"), t.source, row, "p_text"),
    };
  });
}

/** Parse table3.csv: metrics are the columns m having m_lower and m_upper (or alone). */
export function parseTable3(t: CsvTable): Table3Row[] {
  const get = colGetter(t, ["model", "set"]);
  const metrics = t.header.filter((h) => h !== "model" && h !== "set" && !/_(lower|upper)$/.test(h));
  return t.rows.map((r, k) => {
    const row = k + 2;
    const m: Record<string, PrintedEstimate> = {};
    for (const name of metrics) {
      const est = parsePrinted(get(r, name), t.source, row, name);
      if (!est) continue;
      m[name] = {
        estimate: est,
        lower: parsePrinted(get(r, `${name}_lower`), t.source, row, `${name}_lower`),
        upper: parsePrinted(get(r, `${name}_upper`), t.source, row, `${name}_upper`),
      };
    }
    return { row, model: get(r, "model").trim(), set: get(r, "set").trim(), metrics: m };
  });
}

async function readIfExists(path: string): Promise<CsvTable | null> {
  try {
    return parseCsv(await Deno.readTextFile(path), path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** Read a `published/`-format folder of a study (groups.csv required; table1/2/3.csv optional). */
export async function readPublished(dir: string): Promise<PublishedTables> {
  const d = dir.replace(/\/$/, "");
  const g = await readIfExists(`${d}/groups.csv`);
  if (!g) {
    throw new DataError(
      `${d}/groups.csv: not found (required: the compared groups with their sizes)`,
      `${d}/groups.csv`,
    );
  }
  const groups = parseGroups(g);
  const t1 = await readIfExists(`${d}/table1.csv`);
  const t2 = await readIfExists(`${d}/table2.csv`);
  const t3 = await readIfExists(`${d}/table3.csv`);
  return {
    source: d,
    groups,
    table1: t1 ? parseTable1(t1, groups) : [],
    table2: t2 ? parseTable2(t2) : [],
    table3: t3 ? parseTable3(t3) : [],
  };
}

/** Build published tables from CSV texts (for tests and constructed examples). */
export function publishedFromText(
  texts: { groups: string; table1?: string; table2?: string; table3?: string },
  source = "<published>",
): PublishedTables {
  const groups = parseGroups(parseCsv(texts.groups, `${source}/groups.csv`));
  return {
    source,
    groups,
    table1: texts.table1 ? parseTable1(parseCsv(texts.table1, `${source}/table1.csv`), groups) : [],
    table2: texts.table2 ? parseTable2(parseCsv(texts.table2, `${source}/table2.csv`)) : [],
    table3: texts.table3 ? parseTable3(parseCsv(texts.table3, `${source}/table3.csv`)) : [],
  };
}

/**
 * Normalised variable label for matching tables (the one label matcher of lib): lower case, without
 * `*` marks and parenthesised units, runs of white space as one space ("Age* (months)" → "age").
 */
export function normaliseLabel(s: string): string {
  return s.replace(/\*/g, "").replace(/\([^)]*\)/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}
