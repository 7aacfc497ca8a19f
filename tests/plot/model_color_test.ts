import { assertEquals } from "../assert.ts";
import { modelColor, PALETTE } from "../../lib/plot/roc_curve.ts";

Deno.test("modelColor gives each model the palette colour of its position in the study's model list", () => {
  const models = ["clinical", "radiomics", "nomogram"];
  assertEquals(models.map((m) => modelColor(models, m)), ["#d62728", "#1f77b4", "#2ca02c"]);
  // other names and orders: colour by position, not by name
  assertEquals(modelColor(["nomogram", "clinical"], "nomogram"), "#d62728");
  assertEquals(modelColor(["a", "b", "c", "d"], "d"), PALETTE[3]);
});

Deno.test("modelColor: a model not in the list takes the next free colour; the palette wraps around", () => {
  assertEquals(modelColor(["clinical"], "other"), PALETTE[1]);
  const many = Array.from({ length: PALETTE.length + 1 }, (_, i) => `m${i}`);
  assertEquals(modelColor(many, `m${PALETTE.length}`), PALETTE[0]);
});
