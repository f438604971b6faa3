import assert from "node:assert/strict";
import { join } from "node:path";
import { encodeImage } from "../../src/codecs/mod.ts";
import { ConfigError, parseConfig } from "../../src/config/mod.ts";
import { loadWatermarks } from "../../src/sources/mod.ts";
import { withTempDir } from "./_fixtures.ts";

/** A 3×2 PNG whose pixel i is (i, 2i, 3i) at alpha `alpha` + i. */
async function markPng(alpha = 100): Promise<Uint8Array> {
  const data = new Uint8Array(3 * 2 * 4).map((_, k) =>
    k % 4 === 3 ? alpha + (k >> 2) : (k >> 2) * (1 + k % 4)
  );
  const options = {
    format: "png",
    quality: "default",
    jpegQuality: 90,
    subsampling: "444",
  } as const;
  return await encodeImage({ width: 3, height: 2, data }, options);
}

function configWith(dir: string, watermark: Record<string, unknown> | null) {
  const profiles = { marked: { type: "disk", watermark }, plain: { type: "disk" } };
  return parseConfig({ profiles }, { file: join(dir, "tessera.yml"), baseDir: dir });
}

Deno.test("loadWatermarks() decodes each profile's mark once, named by its file's digest", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(join(dir, "mark.png"), await markPng());
    const config = configWith(dir, { image: "mark.png", opacity: 0.5, min_width: 300 });
    const loaded = await loadWatermarks(config);
    assert.deepEqual([...loaded.keys()], ["marked"]);
    const { rule, raster } = loaded.get("marked")!;
    assert.match(rule.image, /^[0-9a-f]{16}$/);
    assert.deepEqual({ ...rule, image: "" }, {
      image: "",
      opacity: 128,
      minWidth: 300,
      minHeight: 400,
    });
    assert.deepEqual([raster.width, raster.height], [3, 2]);
    assert.deepEqual([...raster.data.subarray(4, 8)], [1, 2, 3, 101]);
    // Another file, another name: cached derivatives of the old mark are never served.
    await Deno.writeFile(join(dir, "mark.png"), await markPng(200));
    const replaced = (await loadWatermarks(config)).get("marked")!;
    assert.notEqual(replaced.rule.image, rule.image);
    assert.equal(replaced.raster.data[7], 201);
  });
});

Deno.test("loadWatermarks() names the profile key and the file of a missing or broken mark", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "notes.txt"), "not an image");
    for (const image of ["missing.png", "notes.txt"]) {
      await assert.rejects(loadWatermarks(configWith(dir, { image })), (error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /profiles\.marked\.watermark\.image/);
        assert.ok(error.message.includes(join(dir, image)), error.message);
        return true;
      });
    }
  });
});
