import assert from "node:assert/strict";
import { CorruptSourceError } from "../../src/codecs/errors.ts";
import type { JpegCodec, JpegEncodeOptions } from "../../src/codecs/jpeg_codec.ts";
import { assertQuadrants, pooledAllocator, quadrants, toGray } from "./_images.ts";
import { HARMFUL_DAMAGE, HARMLESS_DAMAGE, restartJpeg } from "./_jpeg_fixtures.ts";
import { runJpegColourSuite } from "./jpeg_colour_suite.ts";
import { runJpegOrientationSuite } from "./jpeg_orientation_suite.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);

const ENCODINGS: readonly [string, JpegEncodeOptions, number][] = [
  ["4:2:0", { jpegQuality: 90, subsampling: "420", gray: false }, 12],
  ["4:2:2", { jpegQuality: 90, subsampling: "422", gray: false }, 12],
  ["4:4:4", { jpegQuality: 90, subsampling: "444", gray: false }, 8],
  ["gray", { jpegQuality: 90, subsampling: "420", gray: true }, 6],
];

/**
 * The behaviour every {@linkcode JpegCodec} must have, run against libjpeg-turbo and the wasm
 * fallback alike: these tests, then EXIF orientation and embedded ICC profiles. CMYK differs
 * between the two, so each codec's own test file covers it.
 */
export function runJpegCodecSuite(createCodec: () => JpegCodec): void {
  const codec = createCodec();
  const name = codec.name;
  runJpegOrientationSuite(codec);
  runJpegColourSuite(codec);

  for (const [label, options, tolerance] of ENCODINGS) {
    Deno.test(`${name} JpegCodec round-trips ${label} quadrants`, async () => {
      const jpeg = await codec.encode(quadrants(64, 48), options);
      assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff]);
      const decoded = await codec.decode(jpeg, 1, allocate);
      assert.equal(decoded.width, 64);
      assert.equal(decoded.height, 48);
      assertQuadrants(decoded, tolerance, options.gray ? toGray : undefined);
    });
  }

  Deno.test(`${name} JpegCodec.decode() gives ceil(size / scale) at each offered scale`, async () => {
    const jpeg = await codec.encode(quadrants(1001, 601), ENCODINGS[0][1]);
    for (const scale of codec.scales) {
      const decoded = await codec.decode(jpeg, scale, allocate);
      assert.deepEqual(
        [decoded.width, decoded.height],
        [Math.ceil(1001 / scale), Math.ceil(601 / scale)],
      );
      assertQuadrants(decoded, 12);
    }
  });

  Deno.test(`${name} JpegCodec.decode() writes only its image into a pooled buffer`, async () => {
    const jpeg = await codec.encode(quadrants(40, 30), ENCODINGS[2][1]);
    const pool = pooledAllocator(40 * 30 * 4);
    const decoded = await codec.decode(jpeg, 1, pool.allocate);
    assert.equal(decoded.data.byteOffset, pool.offset);
    assert.ok(pool.slab.subarray(0, pool.offset).every((byte) => byte === 99));
    assert.ok(pool.slab.subarray(pool.offset + 40 * 30 * 4).every((byte) => byte === 99));
    assertQuadrants(decoded, 8);
  });

  Deno.test(`${name} JpegCodec.decode() rejects a truncated JPEG with CorruptSourceError`, async () => {
    const jpeg = await codec.encode(quadrants(256, 256), ENCODINGS[0][1]);
    for (const length of [Math.floor(jpeg.length / 2), jpeg.length - 2, 200]) {
      await assert.rejects(
        codec.decode(jpeg.subarray(0, length), 1, allocate),
        CorruptSourceError,
        `truncated to ${length} of ${jpeg.length} bytes`,
      );
    }
    assert.equal((await codec.decode(jpeg, 1, allocate)).width, 256, "usable after errors");
  });

  for (const { name: damage, damage: apply } of HARMLESS_DAMAGE) {
    Deno.test(`${name} JpegCodec.decode() accepts ${damage}, which libjpeg warns about`, async () => {
      const jpeg = restartJpeg();
      const decoded = await codec.decode(apply(jpeg), 1, allocate);
      const intact = await codec.decode(jpeg, 1, allocate);
      assertQuadrants(intact, 12);
      assert.deepEqual(decoded, intact, "every pixel as decoded from the intact file");
    });
  }

  for (const { name: damage, damage: apply } of HARMFUL_DAMAGE) {
    Deno.test(`${name} JpegCodec.decode() rejects ${damage} with CorruptSourceError`, async () => {
      const jpeg = restartJpeg();
      await assert.rejects(codec.decode(apply(jpeg), 1, allocate), CorruptSourceError);
      assertQuadrants(await codec.decode(jpeg, 1, allocate), 12);
    });
  }

  Deno.test(`${name} JpegCodec.decode() rejects garbage with CorruptSourceError`, async () => {
    const garbage = new Uint8Array(4096).map((_, index) => (index * 7919) % 251);
    garbage.set([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43]);
    await assert.rejects(codec.decode(garbage, 1, allocate), CorruptSourceError);
    await assert.rejects(codec.decode(new Uint8Array([1, 2, 3]), 1, allocate), CorruptSourceError);
  });

  Deno.test(`${name} JpegCodec.decode() rejects scale 3 with RangeError`, async () => {
    const jpeg = await codec.encode(quadrants(16, 16), ENCODINGS[0][1]);
    await assert.rejects(codec.decode(jpeg, 3, allocate), RangeError);
  });
}
