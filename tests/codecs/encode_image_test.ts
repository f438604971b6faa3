import assert from "node:assert/strict";
import { decodeImage, encodeImage, probeImage } from "../../src/codecs/mod.ts";
import type { EncodeOptions } from "../../src/iiif/image_plan.ts";
import type { OutputFormat, Quality } from "../../src/iiif/image_request.ts";
import { assertQuadrants, quadrants, toGray } from "./_images.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);
const options = (format: OutputFormat, quality: Quality = "default"): EncodeOptions => ({
  format,
  quality,
  jpegQuality: 90,
  subsampling: "444",
});

/** What becomes of alpha 128: kept, dropped (opaque) or made binary (0 or 255). */
type AlphaHandling = "keeps" | "drops" | "binarises";

/** Format, first bytes, tolerance of the colours after a round trip, alpha handling. */
const ROUND_TRIPS: readonly [OutputFormat, number[], number, AlphaHandling][] = [
  ["jpg", [0xff, 0xd8, 0xff], 8, "drops"],
  ["png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0, "keeps"],
  ["webp", [0x52, 0x49, 0x46, 0x46], 12, "keeps"],
  ["gif", [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 8, "binarises"],
];

for (const [format, magic, tolerance, alphaHandling] of ROUND_TRIPS) {
  Deno.test(`encodeImage() writes ${format} that decodes back to the quadrants`, async () => {
    const encoded = await encodeImage(quadrants(97, 61), options(format));
    assert.deepEqual([...encoded.subarray(0, magic.length)], magic);
    const probed = probeImage(encoded)!;
    assert.deepEqual([probed.width, probed.height], [97, 61]);
    const decoded = await decodeImage(encoded, probed.format, 1, allocate);
    assert.deepEqual([decoded.width, decoded.height], [97, 61]);
    assertQuadrants(decoded, tolerance);
  });

  Deno.test(`encodeImage() ${alphaHandling} alpha in ${format}`, async () => {
    const encoded = await encodeImage(quadrants(32, 32, { alpha: true }), options(format));
    const decoded = await decodeImage(encoded, probeImage(encoded)!.format, 1, allocate);
    const alpha = decoded.data[(24 * 32 + 24) * 4 + 3];
    const expected = { keeps: [127, 128, 129], drops: [255], binarises: [0, 255] }[alphaHandling];
    assert.ok(expected.includes(alpha), `alpha ${alpha}`);
    assert.equal(decoded.data[(8 * 32 + 8) * 4 + 3], 255, "opaque quadrant");
  });
}

for (const quality of ["gray", "bitonal"] as const) {
  Deno.test(`encodeImage() writes a one-channel JPEG for quality ${quality}`, async () => {
    const jpeg = await encodeImage(quadrants(64, 64), options("jpg", quality));
    const sof = jpeg.indexOf(0xc0, 2);
    assert.equal(jpeg[sof - 1], 0xff);
    assert.equal(jpeg[sof + 8], 1, "component count");
    assertQuadrants(await decodeImage(jpeg, "jpeg", 1, allocate), 6, toGray);
  });
}

Deno.test("encodeImage() writes a TIFF", async () => {
  const tiff = await encodeImage(quadrants(8, 8), options("tif"));
  assert.deepEqual([...tiff.subarray(0, 4)], [0x49, 0x49, 42, 0]);
});

Deno.test("encodeImage() reads only the image part of a longer buffer", async () => {
  const raster = quadrants(16, 16, { padding: 4096 });
  const encoded = await encodeImage(raster, options("png"));
  const decoded = await decodeImage(encoded, "png", 1, allocate);
  assert.deepEqual(decoded.data, raster.data.subarray(0, 16 * 16 * 4));
});

Deno.test("encodeImage() rejects a raster shorter than its size with RangeError", async () => {
  const raster = { width: 10, height: 10, data: new Uint8Array(399) };
  for (const format of ["jpg", "png", "webp", "gif", "tif"] as const) {
    await assert.rejects(encodeImage(raster, options(format)), RangeError, format);
  }
});
