/**
 * `deno task extract --image I --mask M [--params P.yaml|.json] [--out F.csv|F.json] [--case ID]`
 *
 * Extracts IBSI features of one image + mask (NIfTI-1/2, .nii or .nii.gz) with the settings of a
 * pyradiomics-style parameter file (see lib/radiomics/params.ts; default: no resampling, fixed bin
 * size 25, all families). Writes one row per feature with its IBSI code and the settings record
 * (CSV, or JSON when --out ends in .json); prints to stdout without --out.
 */
import { ArgError, formatHelp, parseTaskArgs, usageError } from "../lib/io/args.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { readNifti } from "../lib/radiomics/image.ts";
import { extractFeatures, type ExtractionSettings } from "../lib/radiomics/extract.ts";
import { paramsToSettings, readParams } from "../lib/radiomics/params.ts";
import { resultRecords, resultToCsv } from "../lib/radiomics/output.ts";
import { checkImageMask } from "../lib/radiomics/checks.ts";

const batch = await import("./extract_batch.ts");
if (Deno.args.some((a) => a === "--manifest" || a.startsWith("--manifest="))) {
  Deno.exit(await batch.runExtractBatch(Deno.args));
}
const TASK = {
  name: "extract",
  usage: ["deno task extract --manifest M.csv [batch options] (see below)"],
  description:
    "Extracts IBSI features of one image + mask (NIfTI-1/2, .nii or .nii.gz) with the settings of a " +
    "pyradiomics-style parameter file (default: no resampling, fixed bin size 25, all families).",
  options: {
    image: { type: "string", metavar: "I.nii[.gz]", help: "image (required)" },
    mask: { type: "string", metavar: "M.nii[.gz]", help: "mask (required)" },
    params: { type: "string", metavar: "P.yaml|P.json", help: "parameter file" },
    out: { type: "string", metavar: "F.csv|F.json", help: "output (default: CSV on stdout)" },
    case: { type: "string", metavar: "ID", help: "case id in the output (default: image file name)" },
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

try {
  const settings: ExtractionSettings = values.params ? readParams(values.params) : paramsToSettings({});
  const t0 = performance.now();
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
