/**
 * `deno task extract --image I --mask M [--params P.yaml|.json] [--names ibsi|pyradiomics]
 *   [--out F.csv|F.json] [--case ID] [--memory-limit SIZE]`
 *
 * Extracts the features of one image + mask (NIfTI-1/2, .nii or .nii.gz) with the settings of a
 * parameter file in pyradiomics' format (lib/radiomics/param_file.ts), the same file the batch
 * (`--manifest`) takes.
 * - A file the IBSI single-case reader accepts (lib/radiomics/params.ts: original image only, IBSI
 *   settings; also the default without --params: no resampling, fixed bin size 25, all families)
 *   with `--names ibsi` gives one row per feature with its IBSI code and the settings record.
 * - Any other file (LoG / Wavelet image types, pyradiomics settings such as voxelArrayShift), or
 *   `--names pyradiomics`, runs the batch's engine: rows `case, feature, value` with the batch's
 *   column names (`wavelet-LLH_intensity_statistics_Mean`; pyradiomics: `wavelet-LLH_firstorder_Mean`).
 * CSV, or JSON when --out ends in .json; prints to stdout without --out.
 */
import { ArgError, formatHelp, parseTaskArgs, usageError } from "../lib/io/args.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { readNifti } from "../lib/radiomics/image.ts";
import { extractFeatures, type ExtractionSettings } from "../lib/radiomics/extract.ts";
import { paramsToSettings, readParams } from "../lib/radiomics/params.ts";
import { resultRecords, resultToCsv } from "../lib/radiomics/output.ts";
import { checkImageMask } from "../lib/radiomics/checks.ts";
import { extractCase, type FeatureNames, readParamFile } from "../lib/radiomics/param_file.ts";
import { toCsv } from "../lib/data/csv.ts";
import { checkCaseMemory, defaultMemoryLimit, parseByteSize } from "../lib/radiomics/memory_budget.ts";

const batch = await import("./extract_batch.ts");
if (Deno.args.some((a) => a === "--manifest" || a.startsWith("--manifest="))) {
  Deno.exit(await batch.runExtractBatch(Deno.args));
}
const TASK = {
  name: "extract",
  usage: ["deno task extract --manifest M.csv [batch options] (see below)"],
  description:
    "Extracts the features of one image + mask (NIfTI-1/2, .nii or .nii.gz) with the settings of a parameter " +
    "file in pyradiomics' format, the same file the batch takes (default: no resampling, fixed bin size 25, all " +
    "families).",
  options: {
    image: { type: "string", metavar: "I.nii[.gz]", help: "image (required)" },
    mask: { type: "string", metavar: "M.nii[.gz]", help: "mask (required)" },
    params: { type: "string", metavar: "P.yaml|P.json", help: "parameter file (pyradiomics' format)" },
    names: {
      type: "string",
      default: "ibsi",
      choices: ["ibsi", "pyradiomics"],
      help: "feature definitions and names",
    },
    out: { type: "string", metavar: "F.csv|F.json", help: "output (default: CSV on stdout)" },
    case: { type: "string", metavar: "ID", help: "case id in the output (default: image file name)" },
    "memory-limit": {
      type: "string",
      metavar: "SIZE",
      help:
        "memory budget of the case, e.g. 2GiB, checked from the headers before the image is read (default NOMOGRAM_MEMORY_LIMIT, else min(4 GiB, 50 % of available memory))",
    },
  },
} as const;
if (Deno.args.some((a) => a === "--help" || a === "-h")) {
  console.log(`${formatHelp(TASK)}\n\nbatch form:\n${formatHelp(batch.BATCH_TASK)}`);
  Deno.exit(0);
}
const { values } = parseTaskArgs(Deno.args, TASK);
if (!values.image || !values.mask) {
  usageError(
    "extract",
    new ArgError("options --image I.nii[.gz] and --mask M.nii[.gz] are required (or --manifest M.csv)"),
  );
}
let memoryLimit = 0;
try {
  memoryLimit = values["memory-limit"] !== undefined
    ? parseByteSize(values["memory-limit"])
    : defaultMemoryLimit(1);
} catch (e) {
  usageError("extract", new ArgError((e as Error).message));
}

try {
  let settings: ExtractionSettings | null = null;
  if (values.names === "ibsi") {
    try {
      settings = values.params ? readParams(values.params) : paramsToSettings({});
    } catch {
      settings = null; // not an IBSI single-case file: the batch engine below reports what it cannot honour
    }
  }
  if (!settings) {
    const caseSettings = readParamFile(values.params!, values.names as FeatureNames);
    await checkCaseMemory(values.image!, values.mask!, caseSettings, memoryLimit);
    const t1 = performance.now();
    const feats = extractCase(await readNifti(values.image!), await readNifti(values.mask!), caseSettings);
    const caseId = values.case ?? values.image!.replace(/^.*\//, "").replace(/\.nii(\.gz)?$/, "");
    const entries = Object.entries(feats);
    const text = values.out?.endsWith(".json")
      ? JSON.stringify(
        {
          case: caseId,
          image: values.image!,
          mask: values.mask!,
          params: values.params,
          names: values.names,
          features: Object.fromEntries(entries.map(([k, v]) => [k, Number.isFinite(v) ? v : String(v)])),
        },
        null,
        2,
      ) + "\n"
      : toCsv(
        ["case", "feature", "value"],
        entries.map(([k, v]) => ({ case: caseId, feature: k, value: Number.isFinite(v) ? v : "NA" })),
      );
    if (values.out) {
      await writeFileAtomic(values.out, text);
      console.error(
        `extract: ${entries.length} features of ${caseId} → ${values.out} (${
          (performance.now() - t1).toFixed(0)
        } ms)`,
      );
    } else await Deno.stdout.write(new TextEncoder().encode(text));
    Deno.exit(0);
  }
  const t0 = performance.now();
  await checkCaseMemory(values.image!, values.mask!, {
    resampledSpacing: settings.preprocess.resampledSpacing,
    label: settings.preprocess.label,
  }, memoryLimit);
  const image = await readNifti(values.image);
  const mask = await readNifti(values.mask);
  const report = checkImageMask(image, mask, { label: settings.preprocess.label ?? 1 });
  for (const w of report.warnings) console.error(`warning: ${w}`);
  const result = await extractFeatures(image, mask, settings);
  if (result.notAvailable.length) {
    console.error(`note: families not available: ${result.notAvailable.join(", ")}`);
  }
  const caseId = values.case ?? values.image!.replace(/^.*\//, "").replace(/\.nii(\.gz)?$/, "");
  const text = values.out?.endsWith(".json")
    ? JSON.stringify(
      {
        case: caseId,
        image: values.image,
        mask: values.mask,
        settings: result.settings,
        diagnostics: result.diagnostics,
        features: resultRecords(result, caseId),
      },
      null,
      2,
    ) + "\n"
    : resultToCsv(result, caseId);
  if (values.out) {
    await writeFileAtomic(values.out, text);
    console.error(
      `extract: ${result.rows.length} features of ${caseId} → ${values.out} (${
        (performance.now() - t0).toFixed(0)
      } ms)`,
    );
  } else {
    await Deno.stdout.write(new TextEncoder().encode(text));
  }
} catch (e) {
  console.error(`extract: ${(e as Error).message}`);
  Deno.exit(1);
}
