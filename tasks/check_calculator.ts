/**
 * `deno task check-calculator [--models DIR] [--patients P.csv] [--calculator DIR]`
 *
 * Loads each nomogram calculator page in headless Chromium for five patients (or those of --patients)
 * and compares every shown value with `deno task score` for the same patients (run as a subprocess).
 * --models: folder of nomogram_*.json (default results/models); --calculator: folder of the pages
 * (default: pages freshly generated from --models into a temporary folder). Exit 1 on any mismatch,
 * 2 when Chromium is missing (set CHROME_PATH or `apt-get install chromium`).
 */
import { join } from "node:path";
import { parseTaskArgs } from "../lib/io/args.ts";
import { parseCsv, toCsv } from "../lib/data/csv.ts";
import { loadNomogram } from "../lib/models/nomogram.ts";
import { parsePatients } from "../lib/models/nomogram_score.ts";
import { writeCalculatorPages } from "../lib/report/calculator.ts";
import {
  type CalculatorPatient,
  checkCalculatorPage,
  spreadPatients,
} from "../lib/report/calculator_check.ts";
import { findChromium } from "../lib/report/headless_chromium.ts";

const { values } = parseTaskArgs(Deno.args, {
  name: "check-calculator",
  description: "Loads each nomogram calculator page in headless Chromium for five patients (or those of " +
    "--patients) and compares every shown value with deno task score for the same patients. Exit 1 on any " +
    "mismatch, 2 when Chromium is missing (set CHROME_PATH or apt-get install chromium).",
  options: {
    models: { type: "string", default: "results/models", metavar: "DIR", help: "folder of nomogram_*.json" },
    patients: {
      type: "string",
      metavar: "P.csv",
      help: "patients to check (default: spread over the training range)",
    },
    calculator: {
      type: "string",
      metavar: "DIR",
      help: "folder of the calculator pages (default: generated afresh from --models)",
    },
  },
});
try {
  const chromium = findChromium();
  if (!chromium) {
    console.error("check-calculator: Chromium not found (set CHROME_PATH or apt-get install chromium)");
    Deno.exit(2);
  }
  const models = values.models as string;
  const tmp = await Deno.makeTempDir({ prefix: "calculator_check_" });
  const pagesDir = values.calculator ?? join(tmp, "calculator");
  if (!values.calculator) await writeCalculatorPages(models, pagesDir);
  const files = [...Deno.readDirSync(models)].map((e) => e.name).filter((n) => /^nomogram_.*\.json$/.test(n))
    .sort();
  if (files.length === 0) throw new Error(`${models}: no nomogram_*.json`);
  let bad = 0;
  let checked = 0;
  for (const f of files) {
    const nom = await loadNomogram(join(models, f));
    const patients: CalculatorPatient[] = values.patients
      ? parsePatients(await Deno.readTextFile(values.patients), values.patients)
      : spreadPatients(nom, 5);
    const pfile = join(tmp, `${f}.patients.csv`);
    const cols = ["id", ...nom.axes.map((a) => a.name)];
    await Deno.writeTextFile(pfile, toCsv(cols, patients.map((p, i) => ({ id: p.id ?? `P${i + 1}`, ...p }))));
    const sfile = join(tmp, `${f}.scores.csv`);
    const score = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "-q",
        new URL("./score.ts", import.meta.url).pathname,
        "--model",
        join(models, f),
        "--patients",
        pfile,
        "--out",
        sfile,
        "--allow-extrapolation", // the calculator shows values beyond the axes too (with the same arithmetic)
      ],
      stderr: "piped",
    }).output();
    if (!score.success) {
      throw new Error(`deno task score failed: ${new TextDecoder().decode(score.stderr).trim()}`);
    }
    const t = parseCsv(await Deno.readTextFile(sfile), sfile);
    const rows = t.rows.map((r) => Object.fromEntries(t.header.map((h, j) => [h, r[j]])));
    const page = join(pagesDir, f.replace(/\.json$/, ".html"));
    const results = await checkCalculatorPage(chromium, page, nom, patients, rows);
    for (const r of results) {
      checked++;
      const vals = nom.axes.map((a) => `${a.name}=${r.patient[a.name]}`).join("&");
      const risk = `risk ${r.shown.risk} (score ${r.expected.risk})`;
      if (r.mismatches.length) {
        bad++;
        console.log(
          `MISMATCH ${f} ?${vals}: ` +
            r.mismatches.map((id) => `${id} page ${r.shown[id]} vs score ${r.expected[id]}`).join(", "),
        );
      } else console.log(`ok ${f} ?${vals}: ${risk}, ${Object.keys(r.shown).length} values equal`);
    }
  }
  await Deno.remove(tmp, { recursive: true });
  console.log(
    `check-calculator: ${checked - bad} of ${checked} patients agree with deno task score (${chromium})`,
  );
  if (bad) Deno.exit(1);
} catch (e) {
  console.error(`check-calculator: ${(e as Error).message}`);
  Deno.exit(1);
}
