import { join } from "node:path";
import { assertEquals } from "../assert.ts";
import { compareResults } from "../../lib/notebook/verify.ts";

async function dirWith(files: Record<string, string>): Promise<string> {
  const d = await Deno.makeTempDir();
  for (const [p, t] of Object.entries(files)) {
    await Deno.mkdir(join(d, p, ".."), { recursive: true });
    await Deno.writeTextFile(join(d, p), t);
  }
  return d;
}

Deno.test("compareResults separates identical, numerically equal, changed, missing and extra files", async () => {
  const a = await dirWith({
    "t/a.csv": "x,y\n1,0.1\n",
    "t/b.csv": "x\n1\n",
    "t/c.md": "hi",
    "t/d.csv": "x\n1\n",
    "manifest.json": '{"seed":1,"run":{"wall":1}}',
  });
  const b = await dirWith({
    "t/a.csv": "x,y\n1,0.10000000000000002\n",
    "t/b.csv": "x\n1.5\n",
    "t/c.md": "hi",
    "t/e.csv": "x\n1\n",
    "manifest.json": '{"seed":1,"run":{"wall":2}}',
  });
  const r = Object.fromEntries((await compareResults(a, b)).map((c) => [c.path, c.status]));
  assertEquals(r, {
    "manifest.json": "identical",
    "t/a.csv": "numerically equal",
    "t/b.csv": "changed",
    "t/c.md": "identical",
    "t/d.csv": "missing",
    "t/e.csv": "extra",
  });
  const detail = (await compareResults(a, b)).find((c) => c.path === "t/b.csv")!.detail!;
  assertEquals(detail.includes('row 2, column "x": 1 → 1.5'), true);
});
