import { assert, assertEquals } from "../assert.ts";
import { extractFeatures } from "../../lib/radiomics/extract.ts";
import { FEATURES } from "../../lib/radiomics/registry.ts";
import { resultToCsv } from "../../lib/radiomics/output.ts";
import { parseCsv } from "../../lib/data/csv.ts";
import { encodeNifti1 } from "../../lib/radiomics/image.ts";
import { phantom } from "./phantom.ts";

const NON_TEXTURE = [
  "morphology",
  "local_intensity",
  "intensity_statistics",
  "intensity_histogram",
  "intensity_volume_histogram",
] as const;

Deno.test("extraction outputs exactly the registered features, each with name, IBSI code, key and settings record", async () => {
  const { image, mask } = phantom();
  const res = await extractFeatures(image, mask, {
    preprocess: { discretisation: { method: "none" } },
    families: [...NON_TEXTURE],
  });
  assertEquals(
    res.rows.map((r) => [r.family, r.name, r.ibsiCode]),
    FEATURES.map((f) => [f.family, f.name, f.ibsiCode]),
  );
  for (const r of res.rows) {
    assert(r.key.startsWith(r.family + "_"), r.key);
    assertEquals(r.settings.discretisation, "none");
    assertEquals(r.settings.resampled, "no");
  }
  const csv = parseCsv(resultToCsv(res, "phantom"));
  assertEquals(csv.header.slice(0, 7), [
    "case",
    "family",
    "feature",
    "ibsi_code",
    "aggregation",
    "key",
    "value",
  ]);
  assertEquals(csv.rows.length, FEATURES.length);
  assertEquals(csv.rows[0].slice(0, 4), ["phantom", "morphology", "Volume (mesh)", "RNU0"]);
});

Deno.test("deno task extract writes a CSV for files on disk and fails clearly on a bad image", async () => {
  const dir = await Deno.makeTempDir();
  const { image, mask } = phantom();
  await Deno.writeFile(`${dir}/img.nii.gz`, encodeNifti1(image, { gzip: true }));
  await Deno.writeFile(`${dir}/msk.nii`, encodeNifti1(mask));
  await Deno.writeTextFile(
    `${dir}/p.yaml`,
    "setting:\n  binWidth: 1\nfeatureClass:\n  shape:\n  firstorder:\n",
  );
  const task = new URL("../../tasks/extract.ts", import.meta.url).pathname;
  const run = (args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", task, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
  const ok = await run([
    "--image",
    `${dir}/img.nii.gz`,
    "--mask",
    `${dir}/msk.nii`,
    "--params",
    `${dir}/p.yaml`,
    "--out",
    `${dir}/f.csv`,
  ]);
  assertEquals(ok.code, 0, new TextDecoder().decode(ok.stderr));
  const rows = parseCsv(await Deno.readTextFile(`${dir}/f.csv`)).rows;
  assertEquals(rows.length, 25 + 18);
  await Deno.writeFile(`${dir}/bad.nii`, new Uint8Array(100));
  const bad = await run(["--image", `${dir}/bad.nii`, "--mask", `${dir}/msk.nii`]);
  assertEquals(bad.code, 1);
  assert(
    new TextDecoder().decode(bad.stderr).includes("bad.nii: file is 100 bytes"),
    new TextDecoder().decode(bad.stderr),
  );
  await Deno.remove(dir, { recursive: true });
});
