import { assertEquals, assertThrows } from "../assert.ts";
import { parseCsv } from "../../lib/data/csv.ts";
import { parseCodebook } from "../../lib/data/codebook.ts";
import { codebookCsv, inferCodebook, studyYaml } from "../../lib/study/new_study.ts";
import { DEFAULT_SPEC, parseStudySpec } from "../../lib/study/spec.ts";

const CSV = "pid,arm,sex,age,grade,const,dead,days,grp\n" +
  "a,ctl,0,51.5,1,x,0,100,train\nb,trt,1,60,2,x,1,20,test\nc,ctl,,47,3,x,0,300,train\nd,new,1,NA,2,x,1,40,train\n";
const roles = { id: "pid", status: "dead", time: "days", split: "grp", horizons: [30, 90], timeUnit: "days" };

Deno.test("inferCodebook: roles, text and numeric levels as R's factor() sorts them, missing counts", () => {
  const v = inferCodebook(parseCsv(CSV, "c.csv"), roles);
  const by = Object.fromEntries(v.map((x) => [x.variable, x]));
  assertEquals(by.pid.type, "id");
  assertEquals([by.arm.type, by.arm.levels, by.arm.reference], ["categorical", ["ctl", "new", "trt"], "ctl"]);
  assertEquals([by.sex.type, by.sex.levels, by.sex.missing], ["binary", ["0", "1"], 1]);
  assertEquals([by.age.type, by.age.missing], ["continuous", 1]);
  assertEquals([by.grade.type, by.grade.levels], ["categorical", ["1", "2", "3"]]);
  assertEquals(by.const.type, "ignore");
  assertEquals([by.dead.type, by.days.type, by.grp.type], ["status", "time", "split"]);
});

Deno.test("the written codebook and study.yaml parse back, with every default written out", () => {
  const v = inferCodebook(parseCsv(CSV, "c.csv"), roles);
  const cb = parseCodebook(parseCsv(codebookCsv(v), "codebook.csv"));
  assertEquals(cb.entries.map((e) => e.variable), [
    "pid",
    "arm",
    "sex",
    "age",
    "grade",
    "dead",
    "days",
    "grp",
  ]);
  const spec = parseStudySpec(studyYaml("s", roles, ["0", "1"], ["const"]), "study.yaml");
  assertEquals([
    spec.id,
    spec.endpoint.status,
    spec.endpoint.time,
    spec.split.column,
    spec.endpoint.time_unit,
  ], ["pid", "dead", "days", "grp", "days"]);
  assertEquals(spec.endpoint.horizons, [30, 90]);
  assertEquals(spec.ignore, ["const"]);
  assertEquals(spec.models, ["clinical"]);
  assertEquals({ ...spec.evaluation }, { ...DEFAULT_SPEC.evaluation });
  assertEquals({ ...spec.radiomics }, { ...DEFAULT_SPEC.radiomics });
});

Deno.test("inferCodebook names a role column that is absent, and a negative time's row", () => {
  assertThrows(
    () => inferCodebook(parseCsv(CSV, "c.csv"), { ...roles, time: "months" }),
    'option --time: column "months" is not in c.csv',
  );
  assertThrows(
    () => inferCodebook(parseCsv(CSV.replace(",20,", ",-20,"), "c.csv"), roles),
    'c.csv row 3, column "days": the time column needs non-negative numbers, got "-20"',
  );
});
