/**
 * `deno run -A bench/nifti_fuzz.ts [SEED] [N]`: a long NIfTI fuzz run (tests/radiomics/nifti_fuzz.ts),
 * default 1,000 mutants from seed 777, printing the counts per outcome and every finding (unclear
 * message, silent NaN, wrong features accepted, valid file refused, over the 10 s time cap).
 */
import { fuzzCounts, runFuzz } from "../tests/radiomics/nifti_fuzz.ts";

const seed = Number(Deno.args[0] ?? 777), n = Number(Deno.args[1] ?? 1000);
const t0 = performance.now();
const r = runFuzz(seed, n);
const slowest = Math.max(...r.outcomes.map((o) => o.ms));
console.log(
  `nifti fuzz: seed ${seed}, ${n} mutants: ${JSON.stringify(fuzzCounts(r.outcomes))}; ${
    ((performance.now() - t0) / 1000).toFixed(1)
  } s, slowest case ${slowest.toFixed(0)} ms`,
);
for (const o of r.outcomes) {
  if (o.kind !== "error" && o.kind !== "features") {
    console.log(`  ${o.kind} ${o.name} (${o.mutation}): ${o.detail}`);
  }
}
