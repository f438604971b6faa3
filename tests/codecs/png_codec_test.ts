import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { CorruptSourceError } from "../../src/codecs/errors.ts";
import { pngCodec } from "../../src/codecs/png_codec.ts";
import { buildPng, concat, idat, ihdr } from "./_images.ts";
import { adobeRgbProfile, adobeRgbToSrgb } from "./colour/_icc_profiles.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);
const END = ["IEND", new Uint8Array()] as const;
const PIXELS = [[50, 150, 50], [200, 100, 50]];

/** An 8-bit RGB PNG of {@linkcode PIXELS} with the given chunks before its image data. */
function rgbPng(chunks: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  return buildPng([["IHDR", ihdr(2, 1, 8, 2)], ...chunks, ["IDAT", idat([PIXELS.flat()])], END]);
}

/** An iCCP chunk: profile name, NUL, compression method 0, the zlib stream. */
function iccp(profile: Uint8Array, stream = deflateSync(profile)): readonly [string, Uint8Array] {
  return ["iCCP", concat([new TextEncoder().encode("Adobe RGB (1998)\0\0"), stream])];
}

Deno.test("pngCodec.decode() converts an iCCP profile to sRGB", async () => {
  const decoded = await pngCodec.decode(rgbPng([iccp(adobeRgbProfile())]), allocate);
  assert.deepEqual([...decoded.data], PIXELS.flatMap((rgb) => [...adobeRgbToSrgb(rgb), 255]));
});

Deno.test("pngCodec.decode() ignores iCCP when an sRGB chunk says the pixels are sRGB", async () => {
  const png = rgbPng([["sRGB", new Uint8Array([0])], iccp(adobeRgbProfile())]);
  const decoded = await pngCodec.decode(png, allocate);
  assert.deepEqual([...decoded.data], PIXELS.flatMap((rgb) => [...rgb, 255]));
});

Deno.test("pngCodec.decode() rejects an iCCP chunk whose zlib stream is damaged", async () => {
  const stream = deflateSync(adobeRgbProfile()).fill(0xaa, 2, 40);
  await assert.rejects(
    pngCodec.decode(rgbPng([iccp(adobeRgbProfile(), stream)]), allocate),
    CorruptSourceError,
  );
});

/**
 * 16-bit samples where rounding and truncation (keeping the high byte) differ, and where they
 * agree: `round(v * 255 / 65535)`.
 */
const SIXTEEN_BIT: readonly [number, number][] = [
  [0x00ff, 1], // truncation: 0
  [0x01c0, 2], // truncation: 1
  [0x7f80, 127], // 127.00…: both 127
  [0x80ff, 128],
  [0xfe80, 254],
  [0xffff, 255],
];

Deno.test("pngCodec.decode() scales 16-bit RGB to 8 bits with rounding, never truncation", async () => {
  const samples = SIXTEEN_BIT.map(([value]) => value);
  const row = samples.flatMap((value) => [value >> 8, value & 0xff]);
  const png = buildPng([["IHDR", ihdr(2, 1, 16, 2)], ["IDAT", idat([row])], END]);
  const decoded = await pngCodec.decode(png, allocate);
  const expected = SIXTEEN_BIT.map(([, eight]) => eight);
  assert.deepEqual([...decoded.data], [...expected.slice(0, 3), 255, ...expected.slice(3), 255]);
});

Deno.test("pngCodec.decode() scales 16-bit gray with alpha the same way", async () => {
  const row = [0x00, 0xff, 0x01, 0xc0, 0xfe, 0x80, 0x7f, 0x80];
  const png = buildPng([["IHDR", ihdr(2, 1, 16, 4)], ["IDAT", idat([row])], END]);
  const decoded = await pngCodec.decode(png, allocate);
  assert.deepEqual([...decoded.data], [1, 1, 1, 2, 254, 254, 254, 127]);
});

Deno.test("pngCodec.decode() converts a 16-bit PNG's profile after scaling", async () => {
  const row = PIXELS.flat().flatMap((value) => [value, value]);
  const png = buildPng([
    ["IHDR", ihdr(2, 1, 16, 2)],
    iccp(adobeRgbProfile()),
    ["IDAT", idat([row])],
    END,
  ]);
  const decoded = await pngCodec.decode(png, allocate);
  assert.deepEqual([...decoded.data], PIXELS.flatMap((rgb) => [...adobeRgbToSrgb(rgb), 255]));
});

Deno.test("pngCodec.encode() writes no colour profile", async () => {
  const data = new Uint8Array([50, 150, 50, 255]);
  const png = await pngCodec.encode({ width: 1, height: 1, data }, {
    format: "png",
    quality: "default",
    jpegQuality: 90,
    subsampling: "420",
  });
  const text = new TextDecoder("latin1").decode(png);
  for (const chunk of ["iCCP", "sRGB", "eXIf"]) assert.ok(!text.includes(chunk), chunk);
});
