import assert from "node:assert/strict";
import { tessera } from "./_tessera_cli.ts";

async function withPyramid(test: (file: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera_info_" });
  try {
    const file = `${dir}/pyramid.tif`;
    const made = await new Deno.Command("vips", {
      args: ["black", `${file}[tile,pyramid,tile-width=256,tile-height=256]`, "1200", "800"],
    }).output();
    assert.equal(made.code, 0, new TextDecoder().decode(made.stderr));
    await test(file);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("tessera info prints a pyramid TIFF's size, levels and tiles", async () => {
  await withPyramid(async (file) => {
    const { code, out } = await tessera("info", file);
    assert.equal(code, 0);
    assert.match(out, /pyramid\.tif: tiff, 1200 × 800 .*no alpha/);
    assert.match(out, /levels: 1200×800, 600×400, 300×200.* \(tiles 256×256\)/);
  });
});

Deno.test("tessera info --json prints the probe as JSON", async () => {
  await withPyramid(async (file) => {
    const { code, out } = await tessera("info", file, "--json");
    assert.equal(code, 0);
    const probed = JSON.parse(out);
    assert.equal(probed.format, "tiff");
    assert.deepEqual([probed.width, probed.height], [1200, 800]);
    assert.deepEqual(probed.tile, { width: 256, height: 256 });
    assert.deepEqual(probed.levels[1], { width: 600, height: 400 });
  });
});

Deno.test("tessera info on a non-image or missing file says why and exits 2", async () => {
  await withPyramid(async (file) => {
    await Deno.writeTextFile(file, "not an image at all");
    const notImage = await tessera("info", file);
    assert.equal(notImage.code, 2);
    assert.doesNotMatch(notImage.err, /at .*\.ts:\d+/);
    const missing = await tessera("info", `${file}.missing`);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /No such file/);
  });
});
