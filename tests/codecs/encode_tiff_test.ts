import assert from "node:assert/strict";
import { encodeTiff } from "../../src/codecs/encode_tiff.ts";
import type { Raster } from "../../src/ops/raster.ts";
import { quadrants } from "./_images.ts";

/**
 * Decodes a TIFF with libtiff (`tiffinfo -d`, from Debian's libtiff-tools, installed by
 * .ci/install): returns the directory text and the decoded bytes of every strip.
 */
async function readWithLibtiff(tiff: Uint8Array): Promise<{ info: string; pixels: Uint8Array }> {
  const path = await Deno.makeTempFile({ suffix: ".tif" });
  try {
    await Deno.writeFile(path, tiff);
    const output = await new Deno.Command("tiffinfo", { args: ["-d", path] }).output();
    const errors = new TextDecoder().decode(output.stderr);
    assert.ok(output.success, `tiffinfo failed: ${errors}`);
    assert.equal(errors, "", "libtiff warnings");
    const info = new TextDecoder().decode(output.stdout);
    const hex = info.split(/^Strip \d+:$/m).slice(1).join(" ").match(/\b[0-9a-f]{2}\b/g) ?? [];
    return { info, pixels: new Uint8Array(hex.map((byte) => parseInt(byte, 16))) };
  } finally {
    await Deno.remove(path);
  }
}

function withoutAlpha(raster: Raster): Uint8Array {
  const pixels = raster.data.subarray(0, raster.width * raster.height * 4);
  return pixels.filter((_, index) => index % 4 !== 3);
}

Deno.test("encodeTiff() writes opaque rasters as Deflate RGB that libtiff decodes", async () => {
  const raster = quadrants(50, 30);
  const { info, pixels } = await readWithLibtiff(encodeTiff(raster));
  assert.match(info, /Image Width: 50 Image Length: 30/);
  assert.match(info, /Compression Scheme: AdobeDeflate/);
  assert.match(info, /Samples\/Pixel: 3/);
  assert.match(info, /Predictor: horizontal differencing/);
  assert.deepEqual(pixels, withoutAlpha(raster));
});

Deno.test("encodeTiff() writes translucent rasters as RGBA with unassociated alpha", async () => {
  const raster = quadrants(20, 10, { alpha: true });
  const { info, pixels } = await readWithLibtiff(encodeTiff(raster));
  assert.match(info, /Samples\/Pixel: 4/);
  assert.match(info, /Extra Samples: 1<unassoc-alpha>/);
  assert.deepEqual(pixels, raster.data.subarray(0, 20 * 10 * 4));
});

Deno.test("encodeTiff() splits large images into strips of about 256 KiB", async () => {
  const raster = quadrants(1000, 300);
  const tiff = encodeTiff(raster);
  const { info, pixels } = await readWithLibtiff(tiff);
  assert.match(info, /Rows\/Strip: 87\b/);
  assert.equal(info.match(/^Strip \d+:$/gm)?.length, 4);
  assert.deepEqual(pixels, withoutAlpha(raster));
  assert.ok(tiff.length < 1000 * 300 * 3 / 20, `flat colours compress (${tiff.length} bytes)`);
});
