/**
 * Checking calculator pages against `deno task score`: each patient's values go into the page's query
 * string, headless Chromium runs the page, and every output element (points per predictor, total
 * points, lp, risk, survival and risk per horizon) must show the score task's value rounded to the
 * page's digits ({@link CALCULATOR_DIGITS}, `toFixed`).
 */
import { CALCULATOR_DIGITS, calculatorOutputIds } from "./calculator.ts";
import { dumpDom, textById } from "./headless_chromium.ts";
import { type Nomogram, trainingRange } from "../models/nomogram.ts";

/** One patient: predictor values by name (numbers or levels), and an optional id. */
export type CalculatorPatient = Readonly<Record<string, string | number>>;

/**
 * `n` patients spread over a nomogram's axes, for checks that need no data file: numeric predictor j
 * of patient k takes lo + (k + 0.5 + j/7)/n·(hi − lo) rounded to 2 decimals, [lo, hi] its training range
 * ({@link trainingRange}; the last patient lies 10 % beyond the maximum, to check extrapolation); factors cycle through their levels.
 */
export function spreadPatients(nom: Nomogram, n = 5): CalculatorPatient[] {
  const out: CalculatorPatient[] = [];
  for (let k = 0; k < n; k++) {
    const p: Record<string, string | number> = { id: `P${k + 1}` };
    nom.axes.forEach((a, j) => {
      if (a.type === "factor") p[a.name] = String(a.values[(k + j) % a.values.length]);
      else {
        const [lo, hi] = trainingRange(a);
        const f = k === n - 1 && n > 1 ? 1.1 : ((k + 0.5 + j / 7) % n) / n;
        p[a.name] = Math.round((lo + f * (hi - lo)) * 100) / 100;
      }
    });
    out.push(p);
  }
  return out;
}

/** The expected text of every output element, from a row of `deno task score` output. */
export function expectedOutputs(
  nom: Nomogram,
  scored: Readonly<Record<string, string | number>>,
): Record<string, string> {
  const num = (k: string) => {
    const v = Number(scored[k]);
    if (scored[k] === undefined || Number.isNaN(v)) throw new Error(`score output has no column "${k}"`);
    return v;
  };
  const out: Record<string, string> = {};
  for (const a of nom.axes) {
    out[`points_${a.name}`] = num(`points_${a.name}`).toFixed(CALCULATOR_DIGITS.points);
  }
  out.total_points = num("total_points").toFixed(CALCULATOR_DIGITS.points);
  out.lp = num("lp").toFixed(CALCULATOR_DIGITS.lp);
  if (nom.model === "logistic") out.risk = num("risk").toFixed(CALCULATOR_DIGITS.probability);
  else {
    const hs = nom.baselineSurvival ?? [];
    for (const b of hs) {
      out[`survival_${b.time}`] = num(`survival_${b.time}`).toFixed(CALCULATOR_DIGITS.probability);
      out[`risk_${b.time}`] = num(`risk_${b.time}`).toFixed(CALCULATOR_DIGITS.probability);
    }
    if (hs.length) out.risk = num(`risk_${hs[0].time}`).toFixed(CALCULATOR_DIGITS.probability);
  }
  return out;
}

/** The page URL of one patient (file URL of the page plus the patient's values as query parameters). */
export function calculatorUrl(pageFile: string, nom: Nomogram, patient: CalculatorPatient): string {
  const q = new URLSearchParams();
  for (const a of nom.axes) if (patient[a.name] !== undefined) q.set(a.name, String(patient[a.name]));
  const abs = pageFile.startsWith("/") ? pageFile : `${Deno.cwd()}/${pageFile}`;
  return `file://${abs.split("/").map(encodeURIComponent).join("/")}?${q}`;
}

/** Result of one patient's check: what the page showed, what score gave, and the ids that differ. */
export interface CalculatorCheck {
  readonly patient: CalculatorPatient;
  readonly shown: Readonly<Record<string, string>>;
  readonly expected: Readonly<Record<string, string>>;
  readonly mismatches: readonly string[];
}

/** Load the page for each patient in headless Chromium and compare with the score rows (same order). */
export async function checkCalculatorPage(
  chromium: string,
  pageFile: string,
  nom: Nomogram,
  patients: readonly CalculatorPatient[],
  scoredRows: readonly Readonly<Record<string, string | number>>[],
): Promise<CalculatorCheck[]> {
  if (scoredRows.length !== patients.length) {
    throw new Error(`score gave ${scoredRows.length} rows for ${patients.length} patients`);
  }
  const ids = calculatorOutputIds(nom);
  const out: CalculatorCheck[] = [];
  for (let i = 0; i < patients.length; i++) {
    const shownAll = textById(await dumpDom(chromium, calculatorUrl(pageFile, nom, patients[i])));
    const expected = expectedOutputs(nom, scoredRows[i]);
    const shown: Record<string, string> = {};
    for (const id of ids) shown[id] = shownAll[id] ?? "(missing)";
    const mismatches = ids.filter((id) => shown[id] !== expected[id]);
    out.push({ patient: patients[i], shown, expected, mismatches });
  }
  return out;
}
