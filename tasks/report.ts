/**
 * `deno task report [--results DIR] [--pdf]`
 *
 * Builds the study report DIR/report.html (default results/) from the executed notebooks and
 * manifest.json of a results folder, and the nomogram calculator pages DIR/calculator/ from
 * DIR/models/nomogram_*.json. --pdf also prints the report to DIR/report.pdf with headless Chromium
 * (Debian: apt-get install chromium; or set CHROME_PATH).
 */
import { join, resolve } from "node:path";
import { parseTaskArgs } from "../lib/io/args.ts";
import { writeStudyReport } from "../lib/notebook/study_report.ts";
import { findChromium, printToPdf } from "../lib/report/headless_chromium.ts";

const { values } = parseTaskArgs(Deno.args, {
  name: "report",
  description:
    "Builds DIR/report.html (one self-contained page of the whole study: every notebook's narrative, " +
    "tables and figures with captions, provenance and checks) and the nomogram calculator pages DIR/calculator/ " +
    "from a results folder. --pdf also prints the report to DIR/report.pdf with headless Chromium.",
  options: {
    results: { type: "string", default: "results", metavar: "DIR", help: "results folder" },
    pdf: {
      type: "boolean",
      default: false,
      help: "also print DIR/report.pdf (needs Chromium or CHROME_PATH)",
    },
  },
});
try {
  const dir = values.results as string;
  let chromium: string | null = null;
  if (values.pdf) {
    chromium = findChromium();
    if (!chromium) {
      throw new Error("option --pdf: Chromium not found (apt-get install chromium, or set CHROME_PATH)");
    }
  }
  const written = await writeStudyReport(dir);
  if (chromium) {
    const pdf = join(dir, "report.pdf");
    await printToPdf(chromium, `file://${resolve(dir, "report.html")}`, pdf);
    written.push(pdf);
  }
  console.error(`report: wrote ${written.join(", ")}`);
} catch (e) {
  console.error(`report: ${(e as Error).message}`);
  Deno.exit(1);
}
