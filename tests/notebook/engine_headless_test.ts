import { assertEquals } from "../assert.ts";
import { buildModule } from "../../lib/notebook/engine_headless.ts";
import type { Notebook } from "../../lib/notebook/ipynb.ts";
import { formatNotebook, splitLines } from "../../lib/notebook/ipynb.ts";

const nb: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: "markdown", metadata: {}, source: "# title" },
    {
      cell_type: "code",
      metadata: {},
      source: ["const a = 1;\n", "const b = 2;"],
      execution_count: null,
      outputs: [],
    },
    { cell_type: "code", metadata: {}, source: "console.log(a + b);\n", execution_count: null, outputs: [] },
  ],
};

Deno.test("buildModule joins code cells in order and records where each cell starts", () => {
  const { code, spans } = buildModule(nb);
  const lines = code.split("\n");
  assertEquals(spans.map((s) => s.cell), [1, 2]);
  assertEquals(lines[spans[0].startLine - 1], "const a = 1;");
  assertEquals(lines[spans[0].startLine], "const b = 2;");
  assertEquals(lines[spans[1].startLine - 1], "console.log(a + b);");
  assertEquals(lines[spans[1].startLine - 2], "__nbCell(2);");
});

Deno.test("formatNotebook writes sorted keys and lines, the same bytes for equal notebooks", () => {
  const a = formatNotebook(nb);
  const b = formatNotebook(JSON.parse(JSON.stringify(nb)));
  assertEquals(a, b);
  assertEquals(JSON.parse(a).cells[1].source, ["const a = 1;\n", "const b = 2;"]);
  assertEquals(splitLines("x\ny\n"), ["x\n", "y\n"]);
});
