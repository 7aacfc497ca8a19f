import { assertClose, assertEquals } from "../assert.ts";
import { iccScreening, iccScreeningTable } from "../../lib/features/icc_screening.ts";
import { icc } from "../../lib/stats/icc.ts";

Deno.test("iccScreening keeps features whose intra and inter ICC(2,1) are both >= 0.80", () => {
  const A1 = [[1, 10, 5], [2, 20, 1], [3, 30, 9], [4, 40, 2], [5, 50, 7]];
  const A2 = [[1.1, 10, 5], [2, 21, 9], [3.1, 29, 1], [3.9, 41, 8], [5, 50, 2]];
  const B = [[1, 30, 5], [2.1, 10, 1], [2.9, 50, 9], [4, 20, 2], [5.1, 40, 7]];
  const s = iccScreening({ names: ["a", "b", "c"], readerA1: A1, readerA2: A2, readerB: B });
  assertEquals(s.kept, ["a"]); // b fails inter (reader B shuffled), c fails intra
  assertClose(s.intra[0], icc(A1.map((r, i) => [r[0], A2[i][0]])).icc.ICC2.icc, { rel: 1e-12 });
  const t = iccScreeningTable(s);
  assertEquals(t.rows.find((r) => r.phase === "all")!.kept, 1);
});
