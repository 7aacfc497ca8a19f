import { assertClose, assertEquals } from "../assert.ts";
import { approxTiesMean, lowess } from "../../lib/eval/lowess.ts";

const speed = [4, 4, 7, 7, 8, 9, 10, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 16, 16, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 20, 20, 20, 20, 20, 22, 23, 24, 24, 24, 24, 25];
const dist = [2, 10, 4, 22, 16, 10, 18, 26, 34, 17, 28, 14, 20, 24, 28, 26, 34, 34, 46, 26, 36, 60, 80, 20, 26, 54, 32, 40, 32, 40, 50, 42, 56, 76, 84, 36, 46, 68, 32, 48, 52, 56, 64, 66, 54, 70, 92, 93, 120, 85];

Deno.test("lowess(cars) with R's defaults (f 2/3, iter 3) matches R's printed values (abs 5e-7, 6 decimals printed)", () => {
  const r = lowess(speed, dist);
  const R = [4.965459, 4.965459, 13.124495, 13.124495, 15.858633, 18.579691, 21.280313, 21.280313, 21.280313, 24.129277,
    24.129277, 27.119549, 27.119549, 27.119549, 27.119549, 30.027276, 30.027276, 30.027276, 30.027276, 32.962506, 32.962506,
    32.962506, 32.962506, 36.757728, 36.757728, 36.757728, 40.435075, 40.435075, 43.463492, 43.463492, 43.463492, 46.885479,
    46.885479, 46.885479, 46.885479, 50.793152, 50.793152, 50.793152, 56.491224, 56.491224, 56.491224, 56.491224, 56.491224,
    67.585824, 73.079695, 78.643164, 78.643164, 78.643164, 78.643164, 84.328698];
  assertEquals(r.x, speed);
  assertClose(r.y, R, { abs: 5e-7, rel: 0 });
});

Deno.test("lowess of points on a line returns the line (abs 1e-12) and does not mutate its input", () => {
  const x = [5, 1, 3, 2, 4, 6, 8, 7];
  const xc = [...x];
  const y = x.map((v) => 2 * v + 1);
  const r = lowess(x, y, { iter: 0 });
  assertEquals(x, xc);
  assertClose(r.y, r.x.map((v) => 2 * v + 1), { abs: 1e-12 });
});

Deno.test("approxTiesMean averages tied x and interpolates linearly, NaN outside the range", () => {
  const out = approxTiesMean([0, 1, 1, 2], [0, 1, 3, 4], [0, 0.5, 1, 1.5, 3]);
  assertEquals(out.slice(0, 4), [0, 1, 2, 3]);
  assertEquals(Number.isNaN(out[4]), true);
});
