import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { CorruptSourceError } from "../../src/codecs/errors.ts";
import { pngCodec } from "../../src/codecs/png_codec.ts";
import { buildPng, concat, idat, ihdr } from "./_images.ts";
import { adobeRgbProfile } from "./colour/_icc_profiles.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);

/** A black 2000×2000 RGB PNG cut in the middle of its image data. */
function truncatedLargePng(): Uint8Array {
  const side = 2000;
  const scanlines = new Uint8Array(side * (1 + side * 3));
  const png = buildPng([
    ["IHDR", ihdr(side, side, 8, 2)],
    ["IDAT", deflateSync(scanlines)],
    ["IEND", new Uint8Array()],
  ]);
  return png.subarray(0, Math.floor(png.length / 2));
}

Deno.test("pngCodec.decode() refuses truncated PNGs without leaking their 16 MB buffers", async () => {
  const png = truncatedLargePng();
  const before = Deno.memoryUsage().rss;
  // Before the chunk check, the wasm decoder leaked its 16 MB output on each failure: 640 MB.
  for (let attempt = 0; attempt < 40; attempt++) {
    await assert.rejects(pngCodec.decode(png, allocate), CorruptSourceError);
  }
  const grownMb = (Deno.memoryUsage().rss - before) / 2 ** 20;
  assert.ok(grownMb < 150, `RSS grew by ${grownMb.toFixed(0)} MB over 40 failed decodes`);
});

Deno.test("pngCodec.decode() calls an iCCP profile failing only its Adler-32 check corrupt", async () => {
  const stream = deflateSync(adobeRgbProfile());
  // The deflate data stays valid, so only zlib's checksum (which the wasm decoder skips) fails.
  stream[stream.length - 1] ^= 0xff;
  const png = buildPng([
    ["IHDR", ihdr(1, 1, 8, 2)],
    ["iCCP", concat([new TextEncoder().encode("Adobe RGB (1998)\0\0"), stream])],
    ["IDAT", idat([[10, 20, 30]])],
    ["IEND", new Uint8Array()],
  ]);
  await assert.rejects(pngCodec.decode(png, allocate), (error) => {
    assert.ok(error instanceof CorruptSourceError, String(error));
    assert.match(error.message, /ICC profile \(iCCP chunk\) is damaged/);
    return true;
  });
});
