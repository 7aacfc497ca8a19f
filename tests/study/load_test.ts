import { assert, assertClose, assertEquals, assertRejects } from "../assert.ts";
import { completeCases, DERIVED, loadStudy, stratifiedSplit } from "../../lib/study/load.ts";
import { clinicalAnalysis } from "../../lib/study/generic.ts";
import { numberColumn, readCsv, textColumn } from "../../lib/data/csv.ts";

const root = new URL("../..", import.meta.url).pathname;
const studies = `${root}studies`;

/** A temporary study folder from files (name → text). */
async function tmpStudy(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "study-" });
  for (const [n, t] of Object.entries(files)) await Deno.writeTextFile(`${dir}/${n}`, t);
  return dir;
}
const SPEC = "id: id\nendpoint: {status: st, time: t}\nsplit: {fraction: 0.5}\n";
const CB = "variable,type,levels\nid,id,\nst,status,0|1\nt,time,\nx,continuous,\ng,categorical,a|b\n";
const COHORT = "id,st,t,x,g\n1,1,5,0.5,a\n2,0,7,1.5,b\n3,1,2,2.5,a\n4,0,9,,b\n5,1,3,1,\n6,0,8,2,a\n";

Deno.test("loadStudy: the colon study loads with its split column, months and no missing values", async () => {
  const s = await loadStudy(`${studies}/colon`);
  assertEquals([s.rows.length, s.train.length, s.test.length], [888, 621, 267]);
  assertEquals(s.candidates, [
    "rx",
    "sex",
    "age",
    "obstruct",
    "perfor",
    "adhere",
    "nodes",
    "differ",
    "extent",
    "surg",
    "node4",
  ]);
  assert(Object.values(s.missing).every((k) => k === 0));
  assertEquals(s.table.numRows(), 888);
  assertEquals(s.table.filter((d: Record<string, unknown>) => d.__set === "train").numRows(), 621);
});

Deno.test("loadStudy: pbc has no split column (stratified random split) and its missing counts are kept", async () => {
  const s = await loadStudy(`${studies}/pbc`);
  assertEquals(s.rows.length, 418);
  assertEquals(s.missing.trt, 106);
  assertEquals(s.missing.chol, 134);
  assertEquals(s.missing.platelet, 11);
  // event = status 2 (death): 161 deaths, split 70:30 within deaths and within the others
  const ev = (rows: readonly Record<string, unknown>[]) => rows.filter((r) => r[DERIVED.event] === 1).length;
  assertEquals([ev(s.rows), ev(s.train), ev(s.test)], [161, 113, 48]);
  assertEquals(s.train.length, Math.round(0.7 * 161) + Math.round(0.7 * 257));
});

Deno.test("stratifiedSplit is seeded: the same seed gives the same split, another seed another", () => {
  const ev = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  assertEquals(stratifiedSplit(ev, 0.7, 5), stratifiedSplit(ev, 0.7, 5));
  assert(stratifiedSplit(ev, 0.7, 5).join() !== stratifiedSplit(ev, 0.7, 6).join());
  assertEquals(
    stratifiedSplit(ev, 0.7, 5).filter((s, i) => s === "train" && ev[i] === 1).length,
    Math.round(0.7 * 34),
  );
});

Deno.test("univariable ORs of colon and pbc equal R's glm on the same training rows (rel. 1e-8; p 1e-5)", async () => {
  for (const name of ["colon", "pbc"]) {
    const s = await loadStudy(`${studies}/${name}`);
    const ids = textColumn(await readCsv(`${root}tests/study/fixtures/${name}_train_ids.csv`), "id");
    assertEquals(s.train.map((r) => String(r[s.spec.id])), ids, `${name} training ids`);
    const ref = await readCsv(`${root}tests/study/fixtures/${name}_univariable_glm.csv`);
    const [or, lo, up, p, n] = ["or", "lower", "upper", "p", "n"].map((c) => numberColumn(ref, c));
    const terms = clinicalAnalysis(s).screen.univariable.flatMap((u) =>
      u.terms.map((t) => ({ t, n: u.fit.n_, firth: u.fit.method_ !== "ml" }))
    );
    assertEquals(terms.length, or.length, `${name} terms`);
    terms.forEach(({ t, n: nUsed, firth }, i) => {
      assertEquals(nUsed, n[i], `${name} ${t.term} n`);
      if (firth) return; // separation (pbc ascites): glm diverges, the workspace refits by Firth and says so
      assertClose(t.oddsRatio, or[i], { rel: 1e-8 }, `${name} ${t.term} OR`);
      // glm's SEs come from the weights of its last IRLS step (epsilon 1e-14 here): intervals agree to ~1e-8
      assertClose(t.orWaldLower, lo[i], { rel: 1e-7 }, `${name} ${t.term} lower`);
      assertClose(t.orWaldUpper, up[i], { rel: 1e-7 }, `${name} ${t.term} upper`);
      assertClose(t.pValue, p[i], { rel: 1e-5, abs: 1e-15 }, `${name} ${t.term} p`);
    });
  }
});

Deno.test("complete cases per model: n used and dropped by variable", async () => {
  const s = await loadStudy(await tmpStudy({ "study.yaml": SPEC, "codebook.csv": CB, "cohort.csv": COHORT }));
  const cc = completeCases(s.rows, ["x", "g"]);
  assertEquals([cc.used, cc.dropped, cc.missingBy.x, cc.missingBy.g], [4, 2, 1, 1]);
  assertEquals(s.missing.x, 1);
});

Deno.test("an explicit Missing level replaces missing cells of the variables the spec names", async () => {
  const s = await loadStudy(
    await tmpStudy({
      "study.yaml": SPEC + "missing: {missing_level: [g]}\n",
      "codebook.csv": CB,
      "cohort.csv": COHORT,
    }),
  );
  assertEquals(s.rows[4].g, "Missing");
  assertEquals(s.codebook.entries.find((e) => e.variable === "g")!.levels, ["a", "b", "Missing"]);
  assertEquals(completeCases(s.rows, ["g"]).used, 6);
});

Deno.test("by_horizon outcome: event by H is 1, followed beyond H is 0, censored before H excluded", async () => {
  const s = await loadStudy(
    await tmpStudy({
      "study.yaml": SPEC + "logistic: {outcome: by_horizon, horizon: 6}\n",
      "codebook.csv": CB,
      "cohort.csv": COHORT,
    }),
  );
  assertEquals(s.rows.map((r) => r[DERIVED.outcome]), [1, 0, 1, 0, 1, 0]);
  const s2 = await loadStudy(
    await tmpStudy({
      "study.yaml": SPEC + "logistic: {outcome: by_horizon, horizon: 7.5}\n",
      "codebook.csv": CB,
      "cohort.csv": COHORT,
    }),
  );
  assertEquals(s2.rows.map((r) => r[DERIVED.outcome]), [1, null, 1, 0, 1, 0]);
});

Deno.test("bad cohorts and specs: one line naming file, row, column and value, or the key", async () => {
  const run = (files: Record<string, string>) => async () =>
    void await loadStudy(
      await tmpStudy({ "study.yaml": SPEC, "codebook.csv": CB, "cohort.csv": COHORT, ...files }),
    );
  await assertRejects(
    run({ "cohort.csv": COHORT.replace("3,1,2,2.5", "1,1,2,2.5") }),
    /cohort\.csv row 4, column "id": duplicated ID "1" \(first seen in row 2\)/,
  );
  await assertRejects(
    run({ "cohort.csv": COHORT.replace("0.5,a", "0.5,c") }),
    /cohort\.csv row 2, column "g": unknown level "c"/,
  );
  await assertRejects(
    run({ "cohort.csv": COHORT.replace("0.5,a", "0x1A,a") }),
    /cohort\.csv row 2, column "x": expected a number, got "0x1A"/,
  );
  await assertRejects(
    run({ "cohort.csv": COHORT.replace("0.5,a", "true,a") }),
    /row 2, column "x": expected a number, got "true"/,
  );
  await assertRejects(
    run({ "cohort.csv": COHORT.replace("2,0,7", "2,0,-7") }),
    /cohort\.csv row 3, column "t": time must be >= 0, got -7/,
  );
  await assertRejects(
    run({ "cohort.csv": COHORT.replace("2,0,7", "2,,7") }),
    /cohort\.csv row 3, column "st": missing value in a role column \(the endpoint status\)/,
  );
  await assertRejects(
    run({ "cohort.csv": COHORT.replace("id,st,t,x,g", "id,st,t,x,g2") }),
    /column "g2": column has no row in codebook\.csv \(add one, or list it under "ignore"/,
  );
  await assertRejects(
    run({ "study.yaml": SPEC.replace("time: t", "time: months") }),
    /study\.yaml: endpoint\.time: column "months" is not in cohort\.csv \(columns: id, st, t, x, g\)/,
  );
  await assertRejects(
    run({ "study.yaml": SPEC.replace("time: t}", 'time: t, event: "2"}') }),
    /endpoint\.event: "2" never occurs in column "st"/,
  );
  await assertRejects(
    run({ "study.yaml": SPEC.replace("time: t}", "time: t, max_follow_up: 8}") }),
    /row 5, column "t": time 9 exceeds endpoint\.max_follow_up 8/,
  );
});

Deno.test("a cohort column named in ignore needs no codebook row", async () => {
  const s = await loadStudy(
    await tmpStudy({
      "study.yaml": SPEC + "ignore: [note]\n",
      "codebook.csv": CB,
      "cohort.csv": COHORT.split("\n").map((l, i) => (l ? `${l},${i === 0 ? "note" : "free text"}` : l)).join(
        "\n",
      ),
    }),
  );
  assertEquals(s.rows.length, 6);
  assert(!s.candidates.includes("note"));
});
