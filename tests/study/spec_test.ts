import { assert, assertEquals, assertThrows } from "../assert.ts";
import { dcaGrid, DEFAULT_SPEC, parseStudySpec, tdHorizons } from "../../lib/study/spec.ts";

const MIN = "id: pid\nendpoint: {status: dead, time: days}\n";

Deno.test("parseStudySpec fills every default around the given roles", () => {
  const s = parseStudySpec(MIN, "s/study.yaml", { defaultName: "s" });
  assertEquals(s.id, "pid");
  assertEquals(s.endpoint.status, "dead");
  assertEquals(s.endpoint.event, "1");
  assertEquals(s.endpoint.horizons, [12, 36, 60]);
  assertEquals(s.split, DEFAULT_SPEC.split);
  assertEquals(s.evaluation.hl_groups, 10);
  assertEquals(s.missing.policy, "complete_case");
  assertEquals(s.name, "s");
  assertEquals(s.title, "s");
});

Deno.test("parseStudySpec names the unknown key and lists the known ones", () => {
  assertThrows(
    () => parseStudySpec(MIN + "evaluation: {hl_group: 8}\n", "x/study.yaml"),
    "x/study.yaml: evaluation.hl_group: unknown key (known: hl_groups,",
  );
});

Deno.test("parseStudySpec names key, expectation and value of a bad setting", () => {
  assertThrows(
    () => parseStudySpec(MIN + "split: {fraction: 1.5}\n", "study.yaml"),
    "study.yaml: split.fraction: expected a number in (0, 1), got 1.5",
  );
  assertThrows(
    () => parseStudySpec(MIN + "predictors: {screening: stepwise}\n"),
    'predictors.screening: expected one of "univariable_p", "fixed", got "stepwise"',
  );
  assertThrows(
    () => parseStudySpec("id: p\nendpoint: {status: d, time: t, horizons: [36, 12]}\n"),
    "endpoint.horizons: expected strictly increasing values",
  );
  assertThrows(() => parseStudySpec("endpoint: {status: d, time: t}\n"), "id: required");
  assertThrows(() => parseStudySpec(MIN + "logistic: {outcome: by_horizon}\n"), "logistic.horizon: required");
  assertThrows(
    () => parseStudySpec(MIN + "models: [clinical, clinical]\n"),
    "models: expected distinct models",
  );
  assertThrows(() => parseStudySpec("id: [\n"), "not valid YAML");
});

Deno.test("overrides (--set) take the key's type, as papermill's -p does, and are validated", () => {
  const s = parseStudySpec(MIN, "study.yaml", {
    overrides: [
      "evaluation.hl_groups=8",
      "endpoint.horizons=[6,12]",
      "split.column=grp",
      "logistic.outcome=by_horizon",
      "logistic.horizon=12",
    ],
  });
  assertEquals(s.evaluation.hl_groups, 8);
  assertEquals(s.endpoint.horizons, [6, 12]);
  assertEquals(s.split.column, "grp");
  assertEquals(s.logistic.horizon, 12);
  assertThrows(
    () => parseStudySpec(MIN, "study.yaml", { overrides: ["evaluation.hl_groups=many"] }),
    'evaluation.hl_groups: expected an integer in [3, ∞], got "many"',
  );
  assertThrows(() => parseStudySpec(MIN, "study.yaml", { overrides: ["seed"] }), "expected key=value");
});

Deno.test("time-dependent horizons default to 24 steps up to the last horizon; the DCA grid is inclusive", () => {
  const s = parseStudySpec("id: p\nendpoint: {status: d, time: t, horizons: [12, 24]}\n");
  const h = tdHorizons(s);
  assertEquals(h.length, 24);
  assertEquals([h[0], h[23]], [1, 24]);
  const g = dcaGrid(s);
  assertEquals([g.length, g[0], g[98]], [99, 0.01, 0.99]);
  assert(g.every((x, i) => i === 0 || x > g[i - 1]));
});
