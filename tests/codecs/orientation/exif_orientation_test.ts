import assert from "node:assert/strict";
import {
  EXIF_ORIENTATIONS,
  isExifOrientation,
  readExifOrientation,
} from "../../../src/codecs/orientation/mod.ts";
import { exifSegment } from "../_jpeg_segments.ts";

/** The TIFF part of an APP1 segment written by the test's EXIF writer. */
function exif(orientation: number, littleEndian: boolean, type?: number): Uint8Array {
  return exifSegment(orientation, { littleEndian, type }).payload.subarray(6);
}

for (const littleEndian of [true, false]) {
  const order = littleEndian ? "little-endian (II)" : "big-endian (MM)";
  Deno.test(`readExifOrientation() reads every orientation, ${order}`, () => {
    for (const orientation of EXIF_ORIENTATIONS) {
      assert.equal(readExifOrientation(exif(orientation, littleEndian)), orientation);
    }
  });

  Deno.test(`readExifOrientation() reads a LONG orientation, ${order}`, () => {
    assert.equal(readExifOrientation(exif(6, littleEndian, 4)), 6);
  });
}

/** Broken EXIF blocks, each of which must read as orientation 1. */
const BROKEN: readonly [string, (block: Uint8Array) => Uint8Array][] = [
  ["empty", () => new Uint8Array()],
  ["cut inside the TIFF header", (block) => block.subarray(0, 6)],
  ["cut inside IFD0's entries", (block) => block.subarray(0, 30)],
  ["a bad byte order mark", (block) => patch(block, 0, [0x49, 0x4d])],
  ["a magic number other than 42", (block) => patch(block, 2, [43, 0])],
  ["IFD0 past the end", (block) => patch(block, 4, [0xff, 0xff, 0, 0])],
  ["an entry count that leaves the Orientation entry out", (block) => patch(block, 8, [1, 0])],
  ["the orientation typed ASCII", (block) => patch(block, 24, [2, 0])],
  ["no Orientation entry", (block) => patch(block, 22, [0x13, 0x01])],
  [
    "an entry count past the end and no Orientation entry",
    (block) => patch(patch(block, 22, [0x13, 0x01]), 8, [0xff, 0]),
  ],
];

for (const [name, damage] of BROKEN) {
  Deno.test(`readExifOrientation() reads ${name} as 1`, () => {
    assert.equal(readExifOrientation(damage(exif(6, true))), 1);
  });
}

Deno.test("readExifOrientation() reads values outside 1–8 as 1", () => {
  for (const value of [0, 9, 0xffff]) assert.equal(readExifOrientation(exif(value, true)), 1);
});

Deno.test("readExifOrientation() ignores bytes past the block it is given", () => {
  const block = exif(6, true);
  const inLargerBuffer = new Uint8Array(200);
  inLargerBuffer.set(block.subarray(0, 30), 10);
  inLargerBuffer.set(block.subarray(30), 40);
  assert.equal(readExifOrientation(inLargerBuffer.subarray(10, 40)), 1);
  assert.equal(readExifOrientation(block), 6);
});

Deno.test("isExifOrientation() accepts 1 to 8 only", () => {
  assert.deepEqual([0, 1, 8, 9, 2.5].map(isExifOrientation), [false, true, true, false, false]);
});

function patch(block: Uint8Array, offset: number, bytes: readonly number[]): Uint8Array {
  const patched = block.slice();
  patched.set(bytes, offset);
  return patched;
}
