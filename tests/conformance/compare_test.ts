import { assert, assertEquals } from "../assert.ts";
import { compareExpected } from "../../lib/conformance/compare.ts";
import { checkCaseSchema } from "../../lib/conformance/case.ts";
import { type CaseResult, closingLine } from "../../lib/conformance/runner.ts";

const tol = { abs: 1e-12, rel: 1e-8 };

Deno.test("a number passes when |a − e| <= abs + rel·|e| and fails just outside", () => {
  assertEquals(compareExpected({ x: 100 }, { x: 100 + 1e-6 }, tol), []);
  const m = compareExpected({ x: 100 }, { x: 100 + 2e-6 }, tol);
  assertEquals(m.map((x) => x.path), ["x"]);
});

Deno.test("the longest matching override applies to a field and everything below it", () => {
  const t = {
    abs: 0,
    rel: 1e-12,
    overrides: { auc: { abs: 0, rel: 1e-3 }, "auc.se": { abs: 0, rel: 1e-12 } },
  };
  assertEquals(compareExpected({ auc: { estimate: 1, se: 1 } }, { auc: { estimate: 1.0005, se: 1 } }, t), []);
  assertEquals(
    compareExpected({ auc: { estimate: 1, se: 1 } }, { auc: { estimate: 1, se: 1.0005 } }, t).map((m) =>
      m.path
    ),
    ["auc.se"],
  );
});

Deno.test("Inf, NaN and null follow the fixture conventions; arrays compare length then elements; extra keys are ignored", () => {
  assertEquals(
    compareExpected({ a: "Inf", b: "-Inf", c: null, d: "NaN" }, {
      a: Infinity,
      b: -Infinity,
      c: NaN,
      d: null,
      extra: 1,
    }, tol),
    [],
  );
  assertEquals(compareExpected({ a: "Inf" }, { a: 1e308 }, tol).length, 1);
  assertEquals(compareExpected({ v: [1, 2] }, { v: [1, 2, 3] }, tol)[0].reason, "array length differs");
  assertEquals(compareExpected({ v: [1, 2] }, { v: [1, 3] }, tol)[0].path, "v[1]");
  assertEquals(compareExpected({ s: "x", missing: 1 }, { s: "y" }, tol).map((m) => m.path), ["s", "missing"]);
});

Deno.test("schema checks name missing, unknown and out-of-order fields and an id that differs from the file name", () => {
  const ok = {
    id: "a-b",
    op: "x",
    description: "",
    source: "",
    data: { inline: {} },
    params: {},
    expected: {},
    tolerance: { abs: 0, rel: 0 },
  };
  assertEquals(checkCaseSchema(ok, "dir/a-b.json"), []);
  const { op: _op, ...noOp } = ok;
  assert(checkCaseSchema(noOp, "a-b.json").some((p) => p.includes('missing field "op"')));
  assert(checkCaseSchema({ ...ok, extra: 1 }, "a-b.json").some((p) => p.includes('unknown field "extra"')));
  assert(checkCaseSchema({ ...ok }, "other.json").some((p) => p.includes("differs from the file name")));
  const reordered = {
    op: ok.op,
    id: ok.id,
    description: "",
    source: "",
    data: ok.data,
    params: {},
    expected: {},
    tolerance: ok.tolerance,
  };
  assert(checkCaseSchema(reordered, "a-b.json").some((p) => p.includes("not in the order")));
});

Deno.test("the closing line counts not-implemented cases as skipped, or as failures with --strict", () => {
  const r = (status: CaseResult["status"]): CaseResult => ({ id: status, group: "g", status });
  const rs = [r("pass"), r("pass"), r("fail"), r("error"), r("not_implemented")];
  assertEquals(closingLine(rs), "conformance: 2 passed, 2 failed, 1 skipped");
  assertEquals(closingLine(rs, true), "conformance: 2 passed, 3 failed");
});
