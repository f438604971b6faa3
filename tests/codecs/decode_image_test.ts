import assert from "node:assert/strict";
import { CorruptSourceError, decodeImage, encodeImage } from "../../src/codecs/mod.ts";
import type { SourceFormat } from "../../src/codecs/mod.ts";
import type { EncodeOptions } from "../../src/iiif/image_plan.ts";
import { buildPng, idat, ihdr, pooledAllocator, quadrants } from "./_images.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);
const options = (format: EncodeOptions["format"]): EncodeOptions => ({
  format,
  quality: "default",
  jpegQuality: 90,
  subsampling: "420",
});
const FORMATS: readonly [SourceFormat, EncodeOptions["format"]][] = [
  ["jpeg", "jpg"],
  ["png", "png"],
  ["gif", "gif"],
  ["webp", "webp"],
];

for (const [format, output] of FORMATS) {
  Deno.test(`decodeImage() writes ${format} into a pooled buffer and nothing around it`, async () => {
    const encoded = await encodeImage(quadrants(30, 20), options(output));
    const pool = pooledAllocator(30 * 20 * 4);
    const decoded = await decodeImage(encoded, format, 1, pool.allocate);
    assert.equal(decoded.data.byteOffset, pool.offset);
    assert.ok(pool.slab.subarray(0, pool.offset).every((byte) => byte === 99));
    assert.ok(pool.slab.subarray(pool.offset + 30 * 20 * 4).every((byte) => byte === 99));
  });

  Deno.test(`decodeImage() rejects truncated ${format} with CorruptSourceError`, async () => {
    const encoded = await encodeImage(quadrants(64, 64), options(output));
    const truncated = encoded.subarray(0, Math.floor(encoded.length / 2));
    await assert.rejects(decodeImage(truncated, format, 1, allocate), CorruptSourceError);
  });

  Deno.test(`decodeImage() rejects ${format} garbage with CorruptSourceError`, async () => {
    const garbage = new Uint8Array(2000).map((_, index) => (index * 7919) % 251);
    await assert.rejects(decodeImage(garbage, format, 1, allocate), CorruptSourceError);
  });
}

for (const format of ["png", "gif", "webp"] as const) {
  Deno.test(`decodeImage() rejects ${format} at scale 2 with RangeError`, async () => {
    const encoded = await encodeImage(quadrants(8, 8), options(format));
    await assert.rejects(
      decodeImage(encoded, format, 2, allocate),
      (error) => error instanceof RangeError && error.message.includes('scale "2"'),
    );
  });
}

Deno.test("decodeImage() reduces a JPEG by the scale it is given", async () => {
  const jpeg = await encodeImage(quadrants(1001, 601), options("jpg"));
  const decoded = await decodeImage(jpeg, "jpeg", 1, allocate);
  assert.deepEqual([decoded.width, decoded.height], [1001, 601]);
});

const END = ["IEND", new Uint8Array()] as const;

/** PNG variants our encoder never writes, and the RGBA8 pixels they must decode to. */
const PNG_VARIANTS: readonly [string, Uint8Array, number[]][] = [
  [
    "8-bit gray",
    buildPng([["IHDR", ihdr(2, 1, 8, 0)], ["IDAT", idat([[10, 200]])], END]),
    [10, 10, 10, 255, 200, 200, 200, 255],
  ],
  [
    "palette with tRNS",
    buildPng([
      ["IHDR", ihdr(2, 1, 8, 3)],
      ["PLTE", new Uint8Array([255, 0, 0, 0, 0, 255])],
      ["tRNS", new Uint8Array([0])],
      ["IDAT", idat([[0, 1]])],
      END,
    ]),
    [255, 0, 0, 0, 0, 0, 255, 255],
  ],
  [
    "16-bit RGB",
    buildPng([
      ["IHDR", ihdr(1, 1, 16, 2)],
      ["IDAT", idat([[0xff, 0xff, 0x80, 0x00, 0x00, 0x00]])],
      END,
    ]),
    [255, 128, 0, 255],
  ],
  [
    "1-bit gray",
    buildPng([["IHDR", ihdr(3, 1, 1, 0)], ["IDAT", idat([[0b10100000]])], END]),
    [255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255],
  ],
];

for (const [name, png, pixels] of PNG_VARIANTS) {
  Deno.test(`decodeImage() decodes a ${name} PNG to RGBA8`, async () => {
    const decoded = await decodeImage(png, "png", 1, allocate);
    assert.deepEqual([...decoded.data], pixels);
  });
}
