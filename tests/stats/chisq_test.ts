import { assertClose, assertEquals, assertThrows } from "../assert.ts";
import { chisqTest, expectedCounts } from "../../lib/stats/chisq.ts";
import { crossTab, twoSamples } from "../../lib/stats/crosstab.ts";
import { fixtureTests } from "./fixture_util.ts";

fixtureTests("chisq", "chisqTest");

Deno.test("chisqTest on [[10, 20], [20, 10]]: E = 15, X² = 100/15 uncorrected, 4·4.5²/15 with Yates (hand)", () => {
  const u = chisqTest([[10, 20], [20, 10]], { correct: false });
  assertClose(u.statistic, 100 / 15, { abs: 0, rel: 1e-14 });
  assertEquals(u.df, 1);
  assertClose(u.pValue, 0.009823274507519235, { abs: 0, rel: 1e-10 }); // scipy chi2_contingency
  const y = chisqTest([[10, 20], [20, 10]]);
  assertClose(y.statistic, 5.4, { abs: 0, rel: 1e-14 });
  assertEquals(y.yates, 0.5);
  assertClose(y.pValue, 0.02013675155034633, { abs: 0, rel: 1e-10 });
});

Deno.test("Yates' correction is capped at min |O − E| (R), and not applied beyond 2 × 2", () => {
  const r = chisqTest([[10, 10], [10, 11]]);
  assertClose(r.yates, 10 / 41, { abs: 0, rel: 1e-12 });
  assertClose(r.statistic, 0, { abs: 1e-15, rel: 0 });
  const big = chisqTest([[5, 0, 3], [2, 6, 4]], { correct: true });
  assertEquals(big.yates, 0);
  assertClose(big.statistic, 6.904761904761905, { abs: 0, rel: 1e-12 }); // scipy, zero cell allowed
  assertEquals(big.df, 2);
  assertClose(big.pValue, 0.031670141440139486, { abs: 0, rel: 1e-10 });
});

Deno.test("expected counts are row total × column total / N and warnings flag E < 5", () => {
  assertEquals(expectedCounts([[1, 3], [3, 1]]), [[2, 2], [2, 2]]);
  assertEquals(chisqTest([[1, 3], [3, 1]]).warnings.length, 1);
});

Deno.test("chisqTest throws on an empty row or column, non-integer-free junk and 1-column tables", () => {
  assertThrows(() => chisqTest([[0, 0], [3, 4]]), "row 1 has total 0");
  assertThrows(() => chisqTest([[1, 0], [3, 0]]), "column 2 has total 0");
  assertThrows(() => chisqTest([[1], [2]]), "need at least 2 rows and 2 columns, got 2 × 1");
  assertThrows(
    () => chisqTest([[1, -2], [3, 4]]),
    "cell [1, 2]: expected a non-negative finite number, got -2",
  );
  assertThrows(() => chisqTest([[1, 2], [3]]), "row 2: expected 2 cells");
});

Deno.test("crossTab counts cell text against level strings and names the offending row", () => {
  const ct = crossTab(["1", "2", "1", "1.0"], ["a", "b", "b", "a"], ["1", "2"], ["a", "b"], {
    unknown: "drop",
  });
  assertEquals(ct.counts, [[1, 1], [0, 1]]);
  assertEquals(ct.dropped, 1); // "1.0" is not the level "1"
  assertThrows(
    () => crossTab(["1", "3"], ["a", "a"], ["1", "2"], ["a"], { rowName: "wfns" }),
    'row 2, column "wfns": expected one of ["1","2"], got "3"',
  );
});

Deno.test("twoSamples splits values by group text and ignores other groups", () => {
  assertEquals(twoSamples([1, 2, 3, 4], ["a", "b", "c", "a"], "a", "b"), { x: [1, 4], y: [2] });
  assertThrows(() => twoSamples([1, 2], ["a", "a"], "a", "b"), 'no row has group "b"');
});
