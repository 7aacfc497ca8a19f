/**
 * `deno task new-study DIR --cohort FILE.csv --id COL --status COL --time COL [--split COL]
 *   [--horizons 12,36,60] [--seed N] [--time-unit months] [--event 1] [--features FILE | --images MANIFEST]`
 *
 * Writes DIR/study.yaml (the given roles, every other setting at its default, commented), DIR/codebook.csv
 * inferred from the data (type, levels, reference level, missing count) and a copy of the cohort as
 * DIR/cohort.csv, then prints what to review. An existing study.yaml or codebook.csv is never replaced.
 */
import { parseTaskArgs } from "../lib/io/args.ts";
import { basename, join, relative, resolve } from "node:path";
import { readCsv } from "../lib/data/csv.ts";
import { codebookCsv, inferCodebook, reviewLines, studyYaml } from "../lib/study/new_study.ts";

function fail(msg: string, code = 2): never {
  console.error(`new-study: ${msg}`);
  Deno.exit(code);
}
const { values: v, positionals } = parseTaskArgs(Deno.args, {
  name: "new-study",
  positionals: "DIR",
  usage: [
    "deno task new-study DIR --cohort FILE.csv --id COL --status COL --time COL [--split COL] [--horizons 12,36,60] [--seed N] [--features FILE | --images MANIFEST]",
  ],
  description: "Writes DIR/study.yaml (the given roles, every other setting at its default, commented), " +
    "DIR/codebook.csv inferred from the data (type, levels, reference level, missing count) and a copy of the " +
    "cohort as DIR/cohort.csv, then prints what to review. An existing study.yaml or codebook.csv is never replaced.",
  options: {
    cohort: { type: "string", metavar: "FILE.csv", help: "the cohort (required)" },
    id: { type: "string", metavar: "COL", help: "patient identifier column (required)" },
    status: { type: "string", metavar: "COL", help: "endpoint status column (required)" },
    time: { type: "string", metavar: "COL", help: "follow-up time column (required)" },
    split: { type: "string", metavar: "COL", help: "train/test column (default: a random stratified split)" },
    horizons: { type: "string", metavar: "T1,T2,...", help: "time horizons in the time unit" },
    seed: { type: "number", integer: true, metavar: "N", help: "analysis seed" },
    "time-unit": { type: "string", metavar: "UNIT", help: "days, weeks, months or years (default months)" },
    event: { type: "string", metavar: "VALUE", help: "status value counted as the event (default 1)" },
    features: { type: "string", metavar: "FILE", help: "radiomics feature table" },
    images: {
      type: "string",
      metavar: "MANIFEST",
      help: "image manifest (patient, phase, image, mask, reader)",
    },
  },
});
if (positionals.length !== 1) fail(`expected one study folder, got ${positionals.length} (see --help)`);
for (const k of ["cohort", "id", "status", "time"] as const) {
  if (!v[k]) fail(`option --${k} is required (see --help)`);
}
if (v.features && v.images) fail("options --features and --images: give one, not both");
const horizons = v.horizons?.split(",").map((s) => Number(s.trim()));
if (
  horizons && (horizons.some((h) => !(h > 0)) || horizons.some((h, i) => i > 0 && !(h > horizons[i - 1])))
) {
  fail(`option --horizons: expected increasing positive numbers separated by commas, got "${v.horizons}"`);
}
if (v.seed !== undefined && !Number.isSafeInteger(v.seed)) {
  fail(`option --seed: expected an integer, got ${v.seed}`);
}
const units = ["days", "weeks", "months", "years"];
if (v["time-unit"] && !units.includes(v["time-unit"])) {
  fail(`option --time-unit: expected one of ${units.join(", ")}, got "${v["time-unit"]}"`);
}
const dir = positionals[0];
for (const f of ["study.yaml", "codebook.csv"]) {
  try {
    await Deno.stat(join(dir, f));
    fail(`${join(dir, f)} exists: not replaced (remove it first, or edit it)`);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}
try {
  const csv = await readCsv(v.cohort!);
  const rel = (p?: string) => (p ? relative(resolve(dir), resolve(p)) : undefined);
  const roles = {
    id: v.id!,
    status: v.status!,
    time: v.time!,
    split: v.split,
    horizons,
    seed: v.seed,
    timeUnit: v["time-unit"],
    event: v.event,
    features: rel(v.features),
    images: rel(v.images),
  };
  const vars = inferCodebook(csv, roles);
  const statusLevels = vars.find((x) => x.variable === roles.status)!.levels;
  if (v.event && !statusLevels.includes(v.event)) {
    fail(
      `option --event: "${v.event}" is not a value of column "${roles.status}" (${statusLevels.join(", ")})`,
    );
  }
  await Deno.mkdir(dir, { recursive: true });
  const ignore = vars.filter((x) => x.type === "ignore").map((x) => x.variable);
  await Deno.writeTextFile(
    join(dir, "study.yaml"),
    studyYaml(basename(resolve(dir)), roles, statusLevels, ignore),
  );
  await Deno.writeTextFile(join(dir, "codebook.csv"), codebookCsv(vars));
  if (resolve(v.cohort!) !== resolve(join(dir, "cohort.csv"))) {
    await Deno.copyFile(v.cohort!, join(dir, "cohort.csv"));
  }
  for (const line of reviewLines(dir, vars, csv.rows.length)) console.log(line);
} catch (e) {
  fail((e as Error).message, 1);
}
