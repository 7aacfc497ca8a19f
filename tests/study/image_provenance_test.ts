import { assert, assertEquals } from "../assert.ts";
import { imageProvenance } from "../../lib/study/image_provenance.ts";
import { writeTwinImages } from "../../studies/bi2025/twin/mod.ts";
import { TWIN_EXTRACTION } from "../../studies/bi2025/twin/mod.ts";
import { settingsHash } from "../../lib/radiomics/batch.ts";

async function sha256(path: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", await Deno.readFile(path)));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("imageProvenance lists every image and mask with its sha256, the settings, and a digest that follows the content", async () => {
  const root = await Deno.makeTempDir({ prefix: "provenance_test_" });
  try {
    const dir = `${root}/cache/images`;
    await writeTwinImages(
      [
        { id: "P001", latent_aggressiveness: 0.5, latent_heterogeneity: -0.2, latent_vascularity: 1.0 },
        { id: "P002", latent_aggressiveness: -1.0, latent_heterogeneity: 0.3, latent_vascularity: -0.5 },
      ],
      dir,
      11,
      { size: [16, 16, 8], nRepeat: 1 },
    );
    const p = await imageProvenance(
      "study",
      `${dir}/manifest.csv`,
      `${root}/cache/features.csv`,
      TWIN_EXTRACTION,
      root,
    );
    // 2 patients × 3 phases (reader A1) + 1 repeat patient × 3 phases × 2 more readers
    assertEquals(p.cases.length, 12);
    assertEquals(p.table, "cache/features.csv");
    assertEquals(p.manifest.path, "cache/images/manifest.csv");
    assertEquals(p.settings, TWIN_EXTRACTION);
    assertEquals(p.settings_hash, settingsHash(TWIN_EXTRACTION));
    const lines = (await Deno.readTextFile(`${dir}/manifest.csv`)).trim().split("\n").slice(1);
    const header = (await Deno.readTextFile(`${dir}/manifest.csv`)).split("\n")[0].split(",");
    for (const [i, l] of lines.entries()) {
      const cells = Object.fromEntries(l.split(",").map((v, j) => [header[j], v]));
      const c = p.cases[i];
      assertEquals([c.patient, c.phase, c.reader], [cells.patient, cells.phase, cells.reader]);
      assertEquals(c.image.path, `cache/images/${cells.image}`);
      assertEquals(c.image.sha256, await sha256(`${dir}/${cells.image}`), `image ${i}`);
      assertEquals(c.mask.sha256, await sha256(`${dir}/${cells.mask}`), `mask ${i}`);
      assertEquals(c.image.bytes, (await Deno.stat(`${dir}/${cells.image}`)).size);
    }
    assert(/^[0-9a-f]{64}$/.test(p.digest), p.digest);
    // same files → same digest; one changed image or other settings → another digest
    assertEquals(
      (await imageProvenance("study", `${dir}/manifest.csv`, "", TWIN_EXTRACTION, root)).digest,
      p.digest,
    );
    const other = await imageProvenance("study", `${dir}/manifest.csv`, "", {
      ...TWIN_EXTRACTION,
      discretisation: { method: "fbs", binWidth: 10 },
    }, root);
    assert(other.digest !== p.digest, "settings enter the digest");
    const img = `${dir}/${lines[0].split(",")[header.indexOf("image")]}`;
    const bytes = await Deno.readFile(img);
    bytes[bytes.length - 1] ^= 1;
    await Deno.writeFile(img, bytes);
    const changed = await imageProvenance("study", `${dir}/manifest.csv`, "", TWIN_EXTRACTION, root);
    assert(
      changed.digest !== p.digest && changed.cases[0].image.sha256 !== p.cases[0].image.sha256,
      "image content enters the digest",
    );
    const k = p.cases.findIndex((c) => c.image.path !== p.cases[0].image.path);
    assertEquals(changed.cases[k].image.sha256, p.cases[k].image.sha256, "other images unchanged");
    // cases sharing the changed image (repeat readers) all show the new hash
    for (const [j, c] of p.cases.entries()) {
      if (c.image.path === p.cases[0].image.path) {
        assertEquals(changed.cases[j].image.sha256, changed.cases[0].image.sha256);
      }
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
