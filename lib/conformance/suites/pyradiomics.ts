/**
 * pyradiomics baseline suite: a folder with `baseline/baseline_<class>.csv` (pyradiomics'
 * `data/baseline/`) and the test images `<case>/image.nii.gz` + `label.nii.gz` (the shared
 * `reference/pyradiomics`). Each baseline column (test case × settings variant) is recomputed with
 * `lib/radiomics/pyradiomics_compat.ts` under the column's own settings
 * (`diagnostics_Configuration_Settings`), and every feature row is one case, group
 * "<class>/<variant>", passing when |1 − computed/baseline| < 3 % (pyradiomics' own rule; a
 * baseline within 1e-12 of 0 needs |computed| ≤ 1e-12, see `matchesBaseline`). Columns whose image is not in the folder (lung1, lung2)
 * and the shape2D class (needs single-slice masks not provided) are "skipped"; features the library
 * does not compute (glcm MCC) are "not_implemented".
 */
import { join } from "node:path";
import type { CaseResult, RunOptions } from "../runner.ts";
import { parseCsv } from "../../data/csv.ts";
import { type Image, readNifti } from "../../radiomics/image.ts";
import {
  type PyradiomicsClass,
  pyradiomicsFeatures,
  type PyradiomicsSettings,
} from "../../radiomics/pyradiomics_compat.ts";

export const name = "pyradiomics";

const CLASSES = ["firstorder", "shape", "glcm", "glrlm", "glszm", "gldm", "ngtdm", "shape2D"] as const;

/** True when `dir` holds baseline/baseline_glcm.csv. */
export function detect(dir: string): boolean {
  try {
    return Deno.statSync(join(dir, "baseline", "baseline_glcm.csv")).isFile;
  } catch {
    return false;
  }
}

/** Parse the Python literals of the baseline's diagnostics (dicts, lists, tuples, numbers, strings, None/True/False). */
export function parsePythonLiteral(text: string): unknown {
  const json = text
    .replace(/'([^']*)'/g, (_m, s: string) => JSON.stringify(s))
    .replace(/\bNone\b/g, "null")
    .replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false")
    .replace(/\(/g, "[")
    .replace(/\)/g, "]")
    .replace(/,\s*([\]}])/g, "$1");
  return JSON.parse(json);
}

/** The compat settings of one baseline column. */
export function columnSettings(dict: Record<string, unknown>): PyradiomicsSettings {
  const interp = dict.interpolator === "sitkLinear" ? "linear" : "bspline";
  return {
    binWidth: typeof dict.binWidth === "number" ? dict.binWidth : 25,
    binCount: typeof dict.binCount === "number" ? dict.binCount : null,
    voxelArrayShift: typeof dict.voxelArrayShift === "number" ? dict.voxelArrayShift : 0,
    force2D: dict.force2D === true,
    weightingNorm: typeof dict.weightingNorm === "string" ? dict.weightingNorm : null,
    resegmentRange: Array.isArray(dict.resegmentRange) ? dict.resegmentRange as number[] : null,
    resegmentMode: dict.resegmentMode === "sigma" ? "sigma" : "absolute",
    normalize: dict.normalize === true,
    normalizeScale: typeof dict.normalizeScale === "number" ? dict.normalizeScale : 1,
    resampledPixelSpacing: Array.isArray(dict.resampledPixelSpacing)
      ? dict.resampledPixelSpacing as number[]
      : null,
    interpolator: interp,
    label: typeof dict.label === "number" ? dict.label : 1,
    gldm_a: typeof dict.gldm_a === "number" ? dict.gldm_a : 0,
  };
}

/**
 * pyradiomics' acceptance rule: |1 − a/b| < 3 %. A baseline within 1e-12 of 0 needs |a| ≤ 1e-12:
 * pyradiomics writes entropies of a one-cell matrix as −log₂(1 + ε) = −3.2e-16 (ε inside the log),
 * which is 0 up to rounding; a relative rule would reject an exact 0.
 */
export function matchesBaseline(actual: number, baseline: number): boolean {
  if (Math.abs(baseline) <= 1e-12) return Math.abs(actual) <= 1e-12;
  return Math.abs(1 - actual / baseline) < 0.03;
}

/** Run every feature row of every baseline column. */
export async function runSuite(dir: string, options: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const images = new Map<string, { image: Image; mask: Image } | null>();
  const computed = new Map<string, Record<string, number> | Error>();
  // collect the cases first (for the progress total)
  interface Item {
    id: string;
    group: string;
    cls: string;
    column: string;
    testCase: string;
    settings: Record<string, unknown>;
    feature: string;
    baseline: number;
  }
  const items: Item[] = [];
  for (const cls of CLASSES) {
    const path = join(dir, "baseline", `baseline_${cls}.csv`);
    let text: string;
    try {
      text = Deno.readTextFileSync(path);
    } catch {
      continue;
    }
    const t = parseCsv(text, path);
    const rowOf = (n: string) => t.rows.find((r) => r[0] === n);
    const tcRow = rowOf("diagnostics_Configuration_TestCase"),
      stRow = rowOf("diagnostics_Configuration_Settings");
    for (let c = 1; c < t.header.length; c++) {
      const column = t.header[c];
      const testCase = tcRow?.[c] || column.replace(/_.*$/, "");
      const settings = stRow?.[c] ? parsePythonLiteral(stRow[c]) as Record<string, unknown> : {};
      const variant = column.includes("_") ? column.slice(column.indexOf("_") + 1) : "base";
      for (const r of t.rows) {
        if (r[0].startsWith("diagnostics_")) continue;
        const id = `${column}/${r[0]}`;
        if (options.filter && !id.includes(options.filter)) continue;
        items.push({
          id,
          group: `${cls}/${variant}`,
          cls,
          column,
          testCase,
          settings,
          feature: r[0],
          baseline: Number(r[c]),
        });
      }
    }
  }
  const push = (r: CaseResult) => {
    results.push(r);
    options.onCase?.(r, results.length, items.length);
  };
  for (const it of items) {
    if (it.cls === "shape2D") {
      push({
        id: it.id,
        group: it.group,
        status: "skipped",
        message: "shape2D needs the single-slice masks (<case>_label_2D), not provided",
      });
      continue;
    }
    if (!images.has(it.testCase)) {
      try {
        images.set(it.testCase, {
          image: await readNifti(join(dir, it.testCase, "image.nii.gz")),
          mask: await readNifti(join(dir, it.testCase, "label.nii.gz")),
        });
      } catch {
        images.set(it.testCase, null);
      }
    }
    const im = images.get(it.testCase);
    if (!im) {
      push({
        id: it.id,
        group: it.group,
        status: "skipped",
        message: `image of ${it.testCase} not in ${dir}`,
      });
      continue;
    }
    const s = columnSettings(it.settings);
    const key = `${it.testCase}|${JSON.stringify(s)}`;
    if (!computed.has(key)) {
      try {
        computed.set(
          key,
          pyradiomicsFeatures(
            im.image,
            im.mask,
            s,
            ["firstorder", "shape", "glcm", "glrlm", "glszm", "gldm", "ngtdm"] as PyradiomicsClass[],
          ),
        );
      } catch (e) {
        computed.set(key, e as Error);
      }
    }
    const res = computed.get(key)!;
    if (res instanceof Error) {
      push({ id: it.id, group: it.group, status: "error", message: `${res.name}: ${res.message}` });
      continue;
    }
    const v = res[it.feature];
    if (v === undefined) {
      push({
        id: it.id,
        group: it.group,
        status: "not_implemented",
        message: `${it.feature} is not computed`,
      });
      continue;
    }
    const ok = matchesBaseline(v, it.baseline);
    push({
      id: it.id,
      group: it.group,
      status: ok ? "pass" : "fail",
      mismatches: ok ? [] : [{
        path: it.feature,
        expected: it.baseline,
        actual: v,
        reason: `relative difference ${(Math.abs(1 - v / it.baseline) * 100).toFixed(2)} % ≥ 3 %`,
      }],
    });
  }
  return results;
}
