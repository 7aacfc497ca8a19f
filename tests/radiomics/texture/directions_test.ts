import { assert, assertEquals } from "../../assert.ts";
import {
  chebyshevNeighbourhood,
  DIRECTIONS_2D,
  DIRECTIONS_3D,
  faceNeighbourhood,
} from "../../../lib/radiomics/texture/directions.ts";

Deno.test("the 13 3D directions cover the 26 neighbours once with their opposites", () => {
  const seen = new Set<string>();
  for (const [x, y, z] of DIRECTIONS_3D) {
    seen.add(`${x},${y},${z}`);
    seen.add(`${-x},${-y},${-z}`);
  }
  assertEquals(DIRECTIONS_3D.length, 13);
  assertEquals(seen.size, 26);
  assert(!seen.has("0,0,0"), "centre is not a direction");
});

Deno.test("the 4 in-slice directions cover the 8 in-plane neighbours and never leave the slice", () => {
  const seen = new Set<string>();
  for (const [x, y, z] of DIRECTIONS_2D) {
    assertEquals(z, 0);
    seen.add(`${x},${y}`);
    seen.add(`${-x},${-y}`);
  }
  assertEquals(seen.size, 8);
});

Deno.test("Chebyshev neighbourhoods have (2δ+1)^d − 1 voxels and face neighbourhoods 6 / 4", () => {
  assertEquals(chebyshevNeighbourhood("3D", 1).length, 26);
  assertEquals(chebyshevNeighbourhood("2D", 1).length, 8);
  assertEquals(chebyshevNeighbourhood("3D", 2).length, 124);
  assertEquals(chebyshevNeighbourhood("2D", 2).length, 24);
  assertEquals(faceNeighbourhood("3D").length, 6);
  assertEquals(faceNeighbourhood("2D").length, 4);
});
