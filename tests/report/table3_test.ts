import { assert, assertClose, assertEquals, assertThrows } from "../assert.ts";
import {
  canonicalModel,
  canonicalSet,
  readPublishedTable3,
  table3,
  table3Rows,
} from "../../lib/report/table3.ts";
import { evaluateModels } from "../../lib/eval/metrics_summary.ts";
import { toCsvText, toMarkdown } from "../../lib/report/table.ts";
import { createRng } from "../../lib/random/rng.ts";

function sim(seed: number, n: number, shift: number) {
  const r = createRng(seed);
  const y: number[] = [], p: number[] = [];
  for (let i = 0; i < n; i++) {
    const yi = i % 3 === 0 ? 1 : 0;
    y.push(yi);
    p.push(1 / (1 + Math.exp(-(-0.7 + shift * yi + r.normal()))));
  }
  return { y, p };
}
const models = {
  clinical: { train: sim(1, 90, 1), test: sim(2, 45, 1) },
  radiomics: { train: sim(3, 90, 1.2), test: sim(4, 45, 1.2) },
  nomogram: { train: sim(5, 90, 1.6), test: sim(6, 45, 1.6) },
};
const published = [
  {
    model: "Radiomics Nomogram",
    set: "test",
    brier: 0.22,
    brierLower: 0.177,
    brierUpper: 0.255,
    auc: 0.87,
    aucLower: 0.733,
    aucUpper: 0.968,
  },
  {
    model: "Clinical Model",
    set: "train",
    brier: 0.27,
    brierLower: 0.237,
    brierUpper: 0.286,
    auc: 0.85,
    aucLower: 0.789,
    aucUpper: 0.909,
  },
];

Deno.test("canonical names map the paper's labels to model and set keys", () => {
  assertEquals(["Clinical Model", "Radiomics Signature", "Radiomics Nomogram", "RS"].map(canonicalModel), [
    "clinical",
    "radiomics",
    "nomogram",
    "radiomics",
  ]);
  assertEquals(["Training", "train", "Test", "validation"].map(canonicalSet), [
    "train",
    "train",
    "test",
    "test",
  ]);
});

Deno.test("table3: rows by model then set, published values matched, Δ = reproduced − published", () => {
  const e = evaluateModels(models, {
    B: 100,
    labels: { clinical: "Clinical model", radiomics: "Radiomics signature", nomogram: "Radiomics nomogram" },
  });
  const t = table3(e, { published });
  assertEquals(t.rows.map((r) => `${r.model}/${r.set}`), [
    "Clinical model/Training",
    "Clinical model/Test",
    "Radiomics signature/Training",
    "Radiomics signature/Test",
    "Radiomics nomogram/Training",
    "Radiomics nomogram/Test",
  ]);
  const nomTest = t.rows[5];
  assertEquals([nomTest.pub_auc, nomTest.pub_auc_ci], [0.87, "0.733–0.968"]);
  const rows = table3Rows(e, published);
  assertClose(nomTest.d_auc as number, rows[5].auc.estimate! - 0.87, { abs: 1e-15 });
  assertEquals(t.rows[1].pub_auc_ci, "not published");
  assert(
    t.notes!.some((n) =>
      n.includes("Brier 95% CI: 95% CI, stratified bootstrap, 100 resamples, percentile, seed 1")
    ),
    t.notes!.join("\n"),
  );
  assert(t.notes!.some((n) => n.includes("AUC 95% CI: 95% CI, DeLong")), "DeLong label in notes");
  assertEquals(t.rows[0].n, "90 (30)");
});

Deno.test("table3 shows NA (never NaN) with the reason when the AUC is undefined", () => {
  const e = evaluateModels({ clinical: { test: { y: [0, 0, 0], p: [0.1, 0.2, 0.3] } } }, { B: 20 });
  const t = table3(e);
  const md = toMarkdown(t);
  assert(!md.includes("NaN") && !toCsvText(t).includes("NaN"), md);
  assertEquals(t.rows[0].auc_ci, "NA");
  assert(t.notes!.some((n) => n.includes("AUC undefined: no events")), t.notes!.join("\n"));
});

Deno.test("readPublishedTable3 reads the published CSV and names file, row and column on a bad cell", () => {
  const dir = Deno.makeTempDirSync();
  const good = `${dir}/t3.csv`;
  Deno.writeTextFileSync(
    good,
    "model,set,brier,brier_lower,brier_upper,auc,auc_lower,auc_upper\nClinical Model,test,0.21,0.181,0.239,0.82,0.647,0.964\n",
  );
  assertEquals(readPublishedTable3(good)[0], {
    model: "Clinical Model",
    set: "test",
    brier: 0.21,
    brierLower: 0.181,
    brierUpper: 0.239,
    auc: 0.82,
    aucLower: 0.647,
    aucUpper: 0.964,
  });
  const bad = `${dir}/bad.csv`;
  Deno.writeTextFileSync(
    bad,
    "model,set,brier,brier_lower,brier_upper,auc,auc_lower,auc_upper\nClinical Model,test,0.21,0.181,0.239,O.82,0.647,0.964\n",
  );
  assertThrows(
    () => readPublishedTable3(bad),
    `${bad} row 2, column "auc": expected a printed number, got "O.82"`,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({
  name: "readPublishedTable3 reads studies/bi2025/published/table3.csv (6 rows, nomogram test AUC 0.87)",
  ignore: (() => {
    try {
      return !Deno.statSync(new URL("../../studies/bi2025/published/table3.csv", import.meta.url)).isFile;
    } catch {
      return true;
    }
  })(),
  fn: () => {
    const rows = readPublishedTable3(
      new URL("../../studies/bi2025/published/table3.csv", import.meta.url).pathname,
    );
    assertEquals(rows.length, 6);
    const nom = rows.find((r) => canonicalModel(r.model) === "nomogram" && canonicalSet(r.set) === "test")!;
    assertEquals([nom.auc, nom.aucLower, nom.aucUpper], [0.87, 0.733, 0.968]);
  },
});
