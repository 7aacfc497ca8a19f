/**
 * Data of the LASSO workloads (bench/lasso_bench.ts, bench/r_compare.ts): 215 patients × 2,553 twin
 * radiomics features (studies/bi2025/twin/features.ts, seed 20250411), z-scored (training mean, SD
 * n − 1), outcome drawn from the latent tumour variables (≈ 16 % events), and 10 stratified fold
 * labels (seed 1). Deterministic: the same numbers on every run and machine.
 *
 * `writeLassoData` writes it for R as two files in `dir`: `lasso.json` (n, p, names, file layout) and
 * `lasso.f64` (little-endian doubles: y, foldid, then X column by column), read exactly by R's
 * `readBin` (no decimal round trip).
 */
import { synthFeatures } from "../../studies/bi2025/twin/mod.ts";
import { stratifiedFolds } from "../../lib/models/cv_folds.ts";
import { ZScore } from "../../lib/models/zscore.ts";
import { createRng } from "../../lib/random/rng.ts";
import { join } from "node:path";

/** The LASSO workload data. */
export interface LassoData {
  readonly X: number[][];
  readonly y: number[];
  readonly foldid: number[];
  readonly names: readonly string[];
}

let cached: LassoData | null = null;

/** Build (once per process) the LASSO workload data. */
export function lassoData(): LassoData {
  if (cached) return cached;
  const rng = createRng(20250411);
  const n = 215;
  const latent = Array.from(
    { length: n },
    (_, i) => ({ id: `P${i + 1}`, latent: [rng.normal(), rng.normal(), rng.normal()] }),
  );
  const y = latent.map((r) =>
    rng.uniform() < 1 / (1 + Math.exp(-(-2.1 + 0.9 * r.latent[0] + 0.7 * r.latent[1] - 0.5 * r.latent[2])))
      ? 1
      : 0
  );
  const tw = synthFeatures(latent, { seed: 20250411 });
  const X = new ZScore().fit(tw.values).transform(tw.values);
  const foldid = stratifiedFolds(y, 10, createRng(1));
  cached = { X, y, foldid, names: tw.names };
  return cached;
}

/** Write the LASSO data into `dir` (see module documentation); returns the JSON file's path. */
export function writeLassoData(dir: string): string {
  const d = lassoData();
  const n = d.X.length;
  const p = d.X[0].length;
  const buf = new Float64Array(n * (p + 2));
  buf.set(d.y, 0);
  buf.set(d.foldid, n);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) buf[(j + 2) * n + i] = d.X[i][j];
  const bin = join(dir, "lasso.f64");
  const bytes = new Uint8Array(buf.buffer);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("lasso data: big-endian host");
  Deno.writeFileSync(bin, bytes);
  const meta = join(dir, "lasso.json");
  Deno.writeTextFileSync(
    meta,
    JSON.stringify({ n, p, bin: "lasso.f64", layout: "y, foldid, X by column", names: d.names }),
  );
  return meta;
}
