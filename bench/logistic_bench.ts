/** Speed of the logistic fit with and without profile-likelihood intervals (n = 2000, 8 terms). */
import { fitLogistic } from "../lib/models/logistic.ts";
import { createRng } from "../lib/random/rng.ts";

const rng = createRng(1);
const n = 2000;
const cols: Record<string, number[]> = { y: [] };
for (let j = 0; j < 7; j++) cols[`x${j}`] = [];
for (let i = 0; i < n; i++) {
  let eta = -1;
  for (let j = 0; j < 7; j++) {
    const v = rng.normal();
    cols[`x${j}`].push(v);
    eta += 0.3 * v;
  }
  cols.y.push(rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
}
const predictors = Array.from({ length: 7 }, (_, j) => ({ name: `x${j}`, type: "numeric" as const }));
Deno.bench("fitLogistic n=2000 p=8, Wald only", () => {
  fitLogistic(cols, { outcome: "y", predictors, profile: false });
});
Deno.bench("fitLogistic n=2000 p=8, with profile-likelihood CIs", () => {
  fitLogistic(cols, { outcome: "y", predictors });
});
