import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import { fitLogistic, SeparationError } from "../../lib/models/logistic.ts";
import { detectSeparation } from "../../lib/models/separation.ts";

const complete = { y: [0, 0, 0, 0, 1, 1, 1, 1], x: [1, 2, 3, 4, 5, 6, 7, 8] };
// Quasi-complete: every patient with x = "yes" has the event; the "no" group is mixed.
const quasi = {
  y: [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
  x: ["yes", "yes", "yes", "yes", "yes", "no", "no", "no", "no", "no", "no", "no"],
};
const xFactor = { name: "x", type: "factor" as const, levels: ["no", "yes"], reference: "no" };

Deno.test("complete separation is reported (SeparationError), not returned as huge coefficients", () => {
  const err = assertThrows(
    () => fitLogistic(complete, { outcome: "y", predictors: [{ name: "x", type: "numeric" }] }),
    /complete separation/,
  );
  assert(err instanceof SeparationError, "SeparationError");
  assertEquals((err as SeparationError).report.kind, "complete");
  assertEquals((err as SeparationError).report.perfectlyPredicted.length, 8);
});

Deno.test("quasi-complete separation names the diverging term and its direction", () => {
  const err = assertThrows(
    () => fitLogistic(quasi, { outcome: "y", predictors: [xFactor] }),
    /quasi-complete separation/,
  ) as SeparationError;
  assertEquals(err.report.terms, ["x=yes"]);
  assertEquals(err.report.directions, [1]);
  assertEquals(err.report.perfectlyPredicted, [0, 1, 2, 3, 4]);
});

Deno.test("onSeparation 'warn' returns the fit with the separation report and a warning", () => {
  const fit = fitLogistic(quasi, {
    outcome: "y",
    predictors: [xFactor],
    onSeparation: "warn",
    profile: false,
  });
  assert(fit.separation_?.kind === "quasi-complete", "separation_ filled");
  assert(fit.warnings_.some((w) => w.includes("quasi-complete")), "warning present");
});

Deno.test("overlapping data are not flagged", () => {
  const r = detectSeparation([[1, 1], [1, 2], [1, 3], [1, 4]], [0, 1, 0, 1], ["(Intercept)", "x"]);
  assertEquals(r.separated, false);
});

Deno.test("onSeparation 'firth' gives finite estimates equal to the Haldane-corrected 2x2 log odds ratio (abs 1e-9)", () => {
  // Saturated 2 x 2 model: Firth's estimates equal adding 1/2 to every cell.
  const fit = fitLogistic(quasi, { outcome: "y", predictors: [xFactor], onSeparation: "firth" });
  assertEquals(fit.method_, "firth");
  // no group: 3 events, 4 non-events; yes group: 5 events, 0 non-events.
  assertClose(fit.coef("(Intercept)"), Math.log(3.5 / 4.5), { abs: 1e-9 });
  assertClose(fit.coef("x=yes"), Math.log((5.5 * 4.5) / (0.5 * 3.5)), { abs: 1e-9 });
  const r = fit.coefficients_[1];
  assert(
    Number.isFinite(r.orProfileLower) && Number.isFinite(r.orProfileUpper),
    "finite profile-penalised limits",
  );
  assert(r.orProfileLower < r.oddsRatio && r.oddsRatio < r.orProfileUpper, "limits bracket the estimate");
});

Deno.test("Firth profile limits solve the penalised likelihood-ratio equation 2(l*max − l*(b)) = qchisq(0.95, 1) (abs 1e-8)", async () => {
  const { firthLogistic } = await import("../../lib/models/firth.ts");
  const { firthProfile } = await import("../../lib/models/profile_ci.ts");
  const { designMatrix } = await import("../../lib/models/design.ts");
  const fit = fitLogistic(quasi, { outcome: "y", predictors: [xFactor], method: "firth" });
  const X = designMatrix(quasi, [xFactor]).X;
  const full = firthLogistic(X, quasi.y);
  const f = firthProfile(X, quasi.y, 1);
  for (
    const b of [Math.log(fit.coefficients_[1].orProfileLower), Math.log(fit.coefficients_[1].orProfileUpper)]
  ) {
    assertClose(f(b).dev + 2 * full.penalizedLoglik, 3.841458820694124, { abs: 1e-8, rel: 0 });
  }
});

Deno.test("Firth intercept-only estimate is log((k + 1/2)/(n − k + 1/2)) (abs 1e-10)", () => {
  const fit = fitLogistic({ y: [1, 0, 0, 0, 0, 0, 0] }, { outcome: "y", predictors: [], method: "firth" });
  assertClose(fit.coef_[0], Math.log(1.5 / 6.5), { abs: 1e-10 });
});
