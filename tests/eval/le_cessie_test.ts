import { assert, assertClose, sharedExists } from "../assert.ts";
import { leCessieTest } from "../../lib/eval/le_cessie.ts";
import { fitLogistic } from "../../lib/models/logistic.ts";
import { fixtureMismatches } from "../models/fixture_util.ts";

Deno.test({
  name:
    "le Cessie–van Houwelingen test matches rms residuals.lrm(type = 'gof') on hosmer_lemeshow-asah-lecessie (rel 1e-6)",
  ignore: !sharedExists,
  fn: async () => {
    const m = await fixtureMismatches("hosmer_lemeshow-asah-lecessie");
    assert(m.length === 0, JSON.stringify(m.slice(0, 3)));
  },
});

Deno.test("le Cessie expected SSE is Σ p(1 − p) and z = (SSE − E)/sd (abs 1e-12)", () => {
  const data = {
    y: [0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1],
    x: [1.2, 0.4, 2.2, 1.0, 2.9, 1.7, 0.3, 2.5, 1.9, 1.1, 3.1, 0.8, 1.5, 2.0, 0.9, 1.3, 2.7, 0.6, 2.4, 1.6],
  };
  const fit = fitLogistic(data, {
    outcome: "y",
    predictors: [{ name: "x", type: "numeric" }],
    profile: false,
  });
  const r = leCessieTest(fit, data, data.y);
  const p = fit.fitted_;
  assertClose(r.expectedSse, p.reduce((s, v) => s + v * (1 - v), 0), { abs: 1e-12 });
  assertClose(r.sse, p.reduce((s, v, i) => s + (data.y[i] - v) ** 2, 0), { abs: 1e-12 });
  assertClose(r.z, (r.sse - r.expectedSse) / r.sdSse, { abs: 1e-12 });
  assert(r.sdSse > 0 && r.pValue > 0 && r.pValue <= 1, "valid sd and p");
});
