import { assert, assertEquals } from "../assert.ts";
import { cvLassoPath } from "../../lib/models/lasso_cv.ts";
import { Radscore } from "../../lib/models/radscore.ts";
import { lassoCvCurveFigure } from "../../lib/plot/lasso_cv_curve.ts";
import { lassoPathsFigure } from "../../lib/plot/lasso_paths.ts";
import { lassoCoefficientsFigure } from "../../lib/plot/lasso_coefficients.ts";
import { createRng } from "../../lib/random/rng.ts";

const rng = createRng(12);
const X = Array.from({ length: 120 }, () => Array.from({ length: 6 }, () => rng.normal()));
const y = X.map((r) => (rng.uniform() < 1 / (1 + Math.exp(-(-1 + r[0] - r[2]))) ? 1 : 0));
const cv = cvLassoPath(X, y, {
  nfolds: 5,
  rng: createRng(2),
  nlambda: 20,
  lambdaMinRatio: 0.02,
  names: ["a", "b", "c", "d", "e", "f"],
});

Deno.test("Figure 3A: CV curve has one point and one error bar per lambda and marks both lambdas", () => {
  const f = lassoCvCurveFigure(cv);
  assertEquals((f.svg.match(/<circle/g) ?? []).length, cv.lambda.length);
  assert(f.svg.includes("λ.min") && f.svg.includes("λ.1se"), "both lambdas labelled");
  assert(f.caption!.includes(cv.lambdaMin.toPrecision(4)), "caption gives λ.min");
  assertEquals(lassoCvCurveFigure(cv).svg, f.svg, "deterministic SVG");
});

Deno.test("Figure 3B: one path per feature that ever enters", () => {
  const f = lassoPathsFigure(cv.path, { mark: [cv.lambdaMin] });
  const entered = cv.path.names.filter((_, j) => cv.path.beta.some((b) => b[j] !== 0)).length;
  assert(f.caption!.startsWith(`LASSO coefficient paths of ${entered} features`), f.caption!);
  assertEquals((f.svg.match(/<path/g) ?? []).length >= entered, true);
});

Deno.test("Figure 3C: one bar per selected feature, labelled by name", () => {
  const rs = Radscore.fromCoefficients(0.1, [0.5, 0, -0.25], [
    "venous_original_glcm_Id",
    "x",
    "plain_wavelet-LLL_glcm_Idm",
  ]);
  const f = lassoCoefficientsFigure(rs);
  assertEquals(
    (f.svg.match(/<rect/g) ?? []).length - (f.svg.match(/<rect[^>]*fill="white"/g) ?? []).length >= 2,
    true,
  );
  assert(f.svg.includes("plain_wavelet-LLL_glcm_Idm") && !f.svg.includes(">x<"), "selected names only");
});
