/**
 * `deno task score --model M.json --patients P.csv|P.json [--out F.csv|F.json]`
 *
 * Scores patients with a frozen nomogram (logistic or Cox, saved by lib/models/nomogram.ts
 * `saveNomogram`): points per predictor, total points, linear predictor and probabilities (risk, or
 * S(t | x) and 1 − S(t | x) at each stored horizon). Prints CSV to stdout unless --out is given.
 */
import { ArgError, parseTaskArgs, usageError } from "../lib/io/args.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { loadNomogram } from "../lib/models/nomogram.ts";
import { formatScores, parsePatients, scoreRows } from "../lib/models/nomogram_score.ts";

const { values } = parseTaskArgs(Deno.args, {
  name: "score",
  description:
    "Scores patients with a frozen nomogram: points per predictor, total points, linear predictor and " +
    "probabilities. Values outside the training range of a predictor are refused unless --allow-extrapolation " +
    "(then scored with a warning on stderr).",
  options: {
    model: { type: "string", metavar: "M.json", help: "frozen nomogram JSON (required)" },
    patients: { type: "string", metavar: "P.csv|P.json", help: "patients to score (required)" },
    out: { type: "string", metavar: "F.csv|F.json", help: "output file (default: CSV on stdout)" },
    "allow-extrapolation": {
      type: "boolean",
      help: "score values outside the training range (warned on stderr)",
    },
  },
});
if (!values.model) {
  usageError("score", new ArgError("option --model: expected the path of a frozen nomogram JSON"));
}
if (!values.patients) {
  usageError("score", new ArgError("option --patients: expected the path of a CSV or JSON file of patients"));
}
try {
  const nom = await loadNomogram(values.model);
  const patients = parsePatients(await Deno.readTextFile(values.patients), values.patients);
  const allow = values["allow-extrapolation"];
  const scored = scoreRows(nom, patients, values.patients, { extrapolation: allow ? "warn" : "refuse" });
  const warned = scored.rows.filter((r) => r.warnings);
  for (const r of warned) {
    console.error(`score: warning: ${r.id !== undefined ? `patient ${r.id}: ` : ""}${r.warnings}`);
  }
  const text = formatScores(scored, values.out ?? "stdout.csv");
  if (values.out) {
    await writeFileAtomic(values.out, text);
    console.error(`score: ${scored.rows.length} patients scored with ${values.model} → ${values.out}`);
  } else console.log(text.trimEnd());
} catch (e) {
  console.error(`score: ${(e as Error).message}`);
  Deno.exit(1);
}
