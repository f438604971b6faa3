import assert from "node:assert/strict";
import { openJp2 } from "../../../src/codecs/jp2/mod.ts";
import type { Raster, Rect } from "../../../src/ops/raster.ts";
import {
  allocate,
  compressJp2,
  crop,
  expectedRgba,
  MemorySource,
  pixels,
  referenceDecode,
  testImage,
} from "./_jp2_fixtures.ts";
import { withPalette } from "./_box_editing.ts";

const TILED = ["-n", "4", "-t", "64,64"];
const UNTILED = ["-n", "3"];

async function readLevel(bytes: Uint8Array, level: number): Promise<Raster> {
  const reader = await openJp2(new MemorySource(bytes));
  const { width, height } = reader.levels[level];
  return await reader.readRegion(level, { x: 0, y: 0, width, height }, allocate);
}

function assertSameRaster(actual: Raster, expected: Raster, message?: string): void {
  assert.deepEqual([actual.width, actual.height], [expected.width, expected.height], message);
  assert.ok(
    pixels(actual).every((value, index) => value === expected.data[index]),
    `${message ?? "raster"}: pixels differ`,
  );
}

Deno.test("openJp2() decodes lossless gray, gray+alpha, RGB and RGBA exactly", async () => {
  for (const channels of [1, 2, 3, 4]) {
    const image = testImage(150, 100, channels);
    for (const options of [TILED, UNTILED]) {
      const bytes = await compressJp2(image, options);
      const reader = await openJp2(new MemorySource(bytes));
      assert.equal(reader.hasAlpha, channels % 2 === 0);
      const name = `${channels} channels, ${options.join(" ")}`;
      assertSameRaster(await readLevel(bytes, 0), expectedRgba(image), name);
    }
  }
});

Deno.test("openJp2() lists levels of ceil(size / 2^r) with the codestream's tiles", async () => {
  const bytes = await compressJp2(testImage(150, 100, 3), TILED);
  const reader = await openJp2(new MemorySource(bytes));
  assert.deepEqual(reader.levels, [
    { width: 150, height: 100, tileWidth: 64, tileHeight: 64 },
    { width: 75, height: 50, tileWidth: 32, tileHeight: 32 },
    { width: 38, height: 25, tileWidth: 16, tileHeight: 16 },
    { width: 19, height: 13, tileWidth: 8, tileHeight: 8 },
  ]);
  const untiled = await openJp2(
    new MemorySource(await compressJp2(testImage(150, 100, 1), UNTILED)),
  );
  assert.deepEqual(untiled.levels.map(({ tileWidth, tileHeight }) => [tileWidth, tileHeight]), [
    [150, 100],
    [75, 50],
    [38, 25],
  ]);
});

Deno.test("readRegion() decodes every level as opj_decompress -r does", async () => {
  const image = testImage(150, 100, 3);
  for (const format of ["jp2", "j2k"] as const) {
    const bytes = await compressJp2(image, TILED, format);
    for (let level = 0; level < 4; level++) {
      const expected = await referenceDecode(bytes, format, level);
      assertSameRaster(await readLevel(bytes, level), expected, `${format} level ${level}`);
    }
  }
});

Deno.test("readRegion() equals the same region of the whole level", async () => {
  const image = testImage(150, 100, 4);
  for (const options of [TILED, UNTILED]) {
    const bytes = await compressJp2(image, options);
    const reader = await openJp2(new MemorySource(bytes));
    for (let level = 0; level < reader.levels.length; level++) {
      const whole = await readLevel(bytes, level);
      for (const rect of regionsOf(reader.levels[level])) {
        const region = await reader.readRegion(level, rect, allocate);
        const name = `${options.join(" ")}: level ${level}, ${JSON.stringify(rect)}`;
        assertSameRaster(region, crop(whole, rect), name);
      }
    }
  }
});

/** A corner, a region across tile edges, the bottom-right edge, and one pixel. */
function regionsOf({ width, height }: { width: number; height: number }): Rect[] {
  return [
    { x: 0, y: 0, width: Math.ceil(width / 3), height: Math.ceil(height / 3) },
    { x: Math.floor(width / 4), y: Math.floor(height / 5), width: width >> 1, height: height >> 1 },
    { x: width - 7, y: height - 5, width: 7, height: 5 },
    { x: width >> 1, y: height >> 1, width: 1, height: 1 },
  ];
}

Deno.test("readRegion() equals opj_decompress -r -d over the same area", async () => {
  const image = testImage(150, 100, 3);
  const bytes = await compressJp2(image, TILED);
  const reader = await openJp2(new MemorySource(bytes));
  for (
    const [level, rect] of [[0, { x: 60, y: 30, width: 50, height: 41 }], [2, {
      x: 9,
      y: 3,
      width: 20,
      height: 22,
    }]] as const
  ) {
    const scale = 2 ** level;
    const area = {
      x0: rect.x * scale,
      y0: rect.y * scale,
      x1: Math.min((rect.x + rect.width) * scale, 150),
      y1: Math.min((rect.y + rect.height) * scale, 100),
    };
    const expected = await referenceDecode(bytes, "jp2", level, area);
    assertSameRaster(await reader.readRegion(level, rect, allocate), expected, `level ${level}`);
  }
});

Deno.test("readRegion() of a lossy 9/7 file equals opj_decompress over the same area", async () => {
  const bytes = await compressJp2(testImage(150, 100, 3), [...TILED, "-r", "20", "-I"]);
  const reader = await openJp2(new MemorySource(bytes));
  const rect = { x: 20, y: 10, width: 33, height: 27 };
  const expected = await referenceDecode(bytes, "jp2", 1, { x0: 40, y0: 20, x1: 106, y1: 74 });
  assertSameRaster(await reader.readRegion(1, rect, allocate), expected);
  const lossless = expectedRgba(testImage(150, 100, 3));
  const full = await readLevel(bytes, 0);
  assert.notDeepEqual(pixels(full), lossless.data, "-r 20 should have lost something");
});

Deno.test("readRegion() scales 12- and 16-bit samples to 8 bits with rounding", async () => {
  for (const [channels, maxValue] of [[1, 4095], [3, 65535]]) {
    const image = testImage(70, 50, channels, maxValue);
    const bytes = await compressJp2(image, ["-n", "2"], "j2k");
    assertSameRaster(await readLevel(bytes, 0), expectedRgba(image), `${maxValue}`);
  }
});

Deno.test("readRegion() follows an image and tile grid offset from the origin", async () => {
  const bytes = await compressJp2(testImage(150, 100, 3), [...TILED, "-d", "37,21", "-T", "5,3"]);
  const reader = await openJp2(new MemorySource(bytes));
  for (let level = 0; level < reader.levels.length; level++) {
    const expected = await referenceDecode(bytes, "jp2", level);
    const size = reader.levels[level];
    assert.deepEqual([size.width, size.height], [expected.width, expected.height]);
    for (const rect of regionsOf(size)) {
      const region = await reader.readRegion(level, rect, allocate);
      assertSameRaster(region, crop(expected, rect), `level ${level}, ${JSON.stringify(rect)}`);
    }
  }
});

Deno.test("readRegion() reads only the tile-parts its region touches", async () => {
  const bytes = await compressJp2(testImage(512, 512, 3), ["-n", "4", "-t", "64,64"]);
  const source = new MemorySource(bytes);
  const reader = await openJp2(source);
  const opened = source.bytesRead;
  assert.ok(opened < 16 * 1024 + 64 * 1024, `opening read ${opened} bytes`);
  source.bytesRead = 0;
  await reader.readRegion(0, { x: 70, y: 70, width: 50, height: 50 }, allocate);
  assert.ok(source.bytesRead < bytes.length / 32, `one tile of 64 read ${source.bytesRead} bytes`);
  source.bytesRead = 0;
  await reader.readRegion(1, { x: 20, y: 20, width: 40, height: 40 }, allocate);
  assert.ok(source.bytesRead < bytes.length / 8, `4 tiles of 64 read ${source.bytesRead} bytes`);
});

Deno.test("readRegion() rejects levels and rectangles out of range with RangeError", async () => {
  const reader = await openJp2(
    new MemorySource(await compressJp2(testImage(40, 30, 1), ["-n", "2"])),
  );
  const rect = { x: 0, y: 0, width: 1, height: 1 };
  await assert.rejects(reader.readRegion(2, rect, allocate), RangeError);
  await assert.rejects(reader.readRegion(0.5, rect, allocate), RangeError);
  for (const bad of [{ ...rect, x: -1 }, { ...rect, width: 0 }, { ...rect, x: 20, width: 1 }]) {
    await assert.rejects(reader.readRegion(1, bad, allocate), RangeError);
  }
  await assert.rejects(reader.readRegion(0, { ...rect, y: 29.5 }, allocate), RangeError);
});

Deno.test("readRegion() maps a JP2 palette to RGB", async () => {
  const image = testImage(60, 40, 1);
  const palette = Uint8Array.from({ length: 256 * 3 }, (_, index) => {
    const entry = Math.floor(index / 3);
    return [entry, 255 - entry, (entry * 7) & 255][index % 3];
  });
  const file = withPalette(await compressJp2(image, ["-n", "2"]), palette);
  const reader = await openJp2(new MemorySource(file));
  assert.equal(reader.hasAlpha, false);
  const expected = new Uint8Array(60 * 40 * 4);
  image.samples.forEach((sample, pixel) => {
    expected.set([...palette.subarray(sample * 3, sample * 3 + 3), 255], pixel * 4);
  });
  assertSameRaster(await readLevel(file, 0), { width: 60, height: 40, data: expected });
});

Deno.test("openJp2() fetches SOT markers listed by TLM at once, else walks them", async () => {
  const image = testImage(256, 256, 3);
  for (const [options, listed] of [[[], false], [["-TLM"], true]] as const) {
    const file = await compressJp2(image, ["-n", "3", "-t", "64,64", ...options]);
    const source = new MemorySource(file);
    const reader = await openJp2(source);
    assert.equal(source.maxInFlight > 1, listed, `in flight at once: ${source.maxInFlight}`);
    const rect = { x: 50, y: 60, width: 100, height: 70 };
    const whole = await referenceDecode(file, "jp2", 0);
    assertSameRaster(await reader.readRegion(0, rect, allocate), crop(whole, rect));
  }
});

Deno.test("readRegion() fetches what OpenJPEG asks for when TLM lengths are wrong", async () => {
  const file = await compressJp2(testImage(256, 256, 3), ["-n", "3", "-t", "64,64", "-TLM"]);
  const rect = { x: 130, y: 70, width: 100, height: 120 };
  const expected = crop(await referenceDecode(file, "jp2", 0), rect);
  const source = new MemorySource(withRotatedTlmLengths(file));
  const reader = await openJp2(source);
  assertSameRaster(await reader.readRegion(0, rect, allocate), expected);
  assert.ok(source.bytesRead < file.length, `read ${source.bytesRead} of ${file.length} bytes`);
});

/**
 * `file` with its TLM entries (1-byte tile index, 4-byte length, as opj_compress writes up to
 * 255 tile-parts) each given the next one's length, so the offsets they imply are wrong.
 */
function withRotatedTlmLengths(file: Uint8Array): Uint8Array {
  const changed = file.slice();
  const view = new DataView(changed.buffer);
  const tlm = changed.findIndex((byte, index) => byte === 0xff && changed[index + 1] === 0x55);
  assert.equal(changed[tlm + 5], 0x50, "Stlm: 1-byte indices, 4-byte lengths");
  const count = (view.getUint16(tlm + 2) - 4) / 5;
  const lengths = Array.from({ length: count }, (_, entry) => view.getUint32(tlm + 7 + entry * 5));
  lengths.forEach((_, entry) => {
    view.setUint32(tlm + 7 + entry * 5, lengths[(entry + 1) % count]);
  });
  return changed;
}
