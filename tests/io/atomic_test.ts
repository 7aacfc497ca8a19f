import { join } from "node:path";
import { assertEquals } from "../assert.ts";
import { writeFileAtomic } from "../../lib/io/atomic.ts";

Deno.test("writeFileAtomic replaces the file whole and leaves no temporary file", async () => {
  const d = await Deno.makeTempDir();
  const p = join(d, "sub", "x.txt");
  await writeFileAtomic(p, "old");
  await writeFileAtomic(p, new TextEncoder().encode("new"));
  assertEquals(await Deno.readTextFile(p), "new");
  assertEquals([...Deno.readDirSync(join(d, "sub"))].map((e) => e.name), ["x.txt"]);
  await Deno.remove(d, { recursive: true });
});
