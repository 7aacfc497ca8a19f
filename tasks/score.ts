/**
 * `deno task score --model M.json --patients P.csv|P.json [--out F.csv|F.json]`
 *
 * Scores patients with a frozen nomogram (logistic or Cox, saved by lib/models/nomogram.ts
 * `saveNomogram`): points per predictor, total points, linear predictor and probabilities (risk, or
 * S(t | x) and 1 − S(t | x) at each stored horizon). Prints CSV to stdout unless --out is given.
 */
import { parseArgs } from "../lib/io/args.ts";
import { writeFileAtomic } from "../lib/io/atomic.ts";
import { loadNomogram } from "../lib/models/nomogram.ts";
import { formatScores, parsePatients, scoreRows } from "../lib/models/nomogram_score.ts";

const { values } = parseArgs(Deno.args, {
  model: { type: "string" },
  patients: { type: "string" },
  out: { type: "string" },
});
try {
  if (!values.model) throw new Error("option --model: path of a frozen nomogram JSON is required");
  if (!values.patients) {
    throw new Error("option --patients: path of a CSV or JSON file of patients is required");
  }
  const nom = await loadNomogram(values.model);
  const patients = parsePatients(await Deno.readTextFile(values.patients), values.patients);
  const scored = scoreRows(nom, patients, values.patients);
  const text = formatScores(scored, values.out ?? "stdout.csv");
  if (values.out) {
    await writeFileAtomic(values.out, text);
    console.error(`score: ${scored.rows.length} patients scored with ${values.model} → ${values.out}`);
  } else console.log(text.trimEnd());
} catch (e) {
  console.error(`score: ${(e as Error).message}`);
  Deno.exit(1);
}
