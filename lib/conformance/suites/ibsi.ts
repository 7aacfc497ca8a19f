/**
 * IBSI 1 conformance suite: a folder with `reference_values.csv` and `configs.md` (the shared
 * `reference/ibsi1`). Runs the digital phantom and configurations A–E of the CT phantom through
 * `lib/radiomics` with the settings of `lib/radiomics/ibsi_configs.ts` and yields one case per
 * feature × data set (× aggregation for texture families), group "family/data_set".
 *
 * Texture families are computed by `lib/radiomics/texture/mod.ts` when it exists, through
 * `computeTextureFeatures(roi, settings)` (signature in `lib/radiomics/roi.ts`); otherwise, and for
 * features it does not return, the cases are "not_implemented". Rows without a reference value
 * (compactness 1, config C) are "skipped".
 */
import { join } from "node:path";
import type { CaseResult, RunOptions } from "../runner.ts";
import { type Image, readNifti } from "../../radiomics/image.ts";
import { preprocess } from "../../radiomics/preprocess.ts";
import { extractFromRoi, loadTexture } from "../../radiomics/extract.ts";
import { IBSI_CONFIGS, type IbsiDataSet } from "../../radiomics/ibsi_configs.ts";
import { matchesReference, readIbsiReference } from "../../radiomics/ibsi_reference.ts";
import type { FeatureFamily } from "../../radiomics/feature.ts";

export const name = "ibsi1";

/** True when `dir` holds reference_values.csv and configs.md. */
export function detect(dir: string): boolean {
  try {
    return Deno.statSync(join(dir, "reference_values.csv")).isFile &&
      Deno.statSync(join(dir, "configs.md")).isFile;
  } catch {
    return false;
  }
}

const TEXTURE = new Set(["glcm", "glrlm", "glszm", "gldzm", "ngtdm", "ngldm"]);

/** Run every reference row. */
export async function runSuite(dir: string, options: RunOptions): Promise<CaseResult[]> {
  const refs = readIbsiReference(dir);
  const texture = await loadTexture();
  const results: CaseResult[] = [];
  const images = new Map<string, { image: Image; mask: Image }>();
  const wanted = refs.filter((r) => !options.filter || caseId(r).includes(options.filter));
  const total = wanted.length;
  const dataSets = [...new Set(wanted.map((r) => r.dataSet))];
  for (const ds of dataSets) {
    const rows = wanted.filter((r) => r.dataSet === ds);
    const cfg = IBSI_CONFIGS[ds as IbsiDataSet];
    const push = (r: CaseResult) => {
      results.push(r);
      options.onCase?.(r, results.length, total);
    };
    if (!cfg) {
      for (const r of rows) {
        push({
          id: caseId(r),
          group: `${r.family}/${ds}`,
          status: "error",
          message: `unknown data set "${ds}"`,
        });
      }
      continue;
    }
    const families = [...new Set(rows.map((r) => r.family))] as FeatureFamily[];
    const computable = families.filter((f) => !TEXTURE.has(f) || texture);
    let values = new Map<string, number>();
    let error: string | null = null;
    try {
      if (!images.has(cfg.folder)) {
        images.set(cfg.folder, {
          image: await readNifti(join(dir, cfg.folder, "image.nii.gz")),
          mask: await readNifti(join(dir, cfg.folder, "mask.nii.gz")),
        });
      }
      const { image, mask } = images.get(cfg.folder)!;
      const roi = preprocess(image, mask, cfg.settings.preprocess);
      const res = await extractFromRoi(roi, { ...cfg.settings, families: computable });
      values = new Map(res.rows.map((f) => [key(f.family, f.ibsiCode, f.name, f.aggregation), f.value]));
    } catch (e) {
      error = `${(e as Error).name}: ${(e as Error).message}`;
    }
    for (const r of rows) {
      const id = caseId(r), group = `${r.family}/${ds}`;
      if (TEXTURE.has(r.family) && !texture) {
        push({ id, group, status: "not_implemented", message: "lib/radiomics/texture/mod.ts is absent" });
        continue;
      }
      if (error) {
        push({ id, group, status: "error", message: error });
        continue;
      }
      if (r.valueText === "") {
        push({ id, group, status: "skipped", message: "no reference value in the IBSI manual" });
        continue;
      }
      const v = values.get(key(r.family, r.ibsiCode, r.feature, r.aggregationCode)) ??
        values.get(key(r.family, r.ibsiCode, "", r.aggregationCode));
      if (v === undefined) {
        push({ id, group, status: "not_implemented", message: `feature ${r.ibsiCode} not computed` });
        continue;
      }
      const ok = matchesReference(v, r);
      push({
        id,
        group,
        status: ok ? "pass" : "fail",
        mismatches: ok ? [] : [{
          path: r.ibsiCode,
          expected: r.value,
          actual: v,
          reason: r.tolerance !== null
            ? `|diff| > tolerance ${r.tolerance}`
            : `differs at ${r.valueText} printed digits`,
        }],
      });
    }
  }
  return results;
}

function caseId(r: { family: string; dataSet: string; feature: string; aggregationCode: string }): string {
  return `${r.family}/${r.dataSet}/${r.feature}${r.aggregationCode ? "/" + r.aggregationCode : ""}`;
}

/** Lookup key: texture rows by family + code + aggregation; others by family + code + name (IVH codes repeat). */
function key(family: string, code: string, name: string, agg: string): string {
  return TEXTURE.has(family) ? `${family}|${code}|${agg}` : `${family}|${code}|${name}`;
}
