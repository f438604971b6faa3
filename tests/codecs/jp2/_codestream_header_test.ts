import assert from "node:assert/strict";
import { parseCodestreamHeader } from "../../../src/codecs/jp2/_codestream_header.ts";
import { CorruptSourceError } from "../../../src/codecs/errors.ts";

/** A marker segment: the marker, its length, its contents. */
function segment(marker: number, contents: readonly number[]): number[] {
  const length = contents.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...contents];
}

const u32 = (
  value: number,
) => [value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
const u16 = (value: number) => [value >> 8, value & 0xff];

/** SOC and SIZ: a 300x200 image at 10,20 on the grid, 128x128 tiles from 0,0, 3 components. */
const START = [
  0xff,
  0x4f,
  ...segment(0x51, [
    ...u16(0),
    ...u32(310),
    ...u32(220),
    ...u32(10),
    ...u32(20),
    ...u32(128),
    ...u32(128),
    ...u32(0),
    ...u32(0),
    ...u16(3),
    ...[7, 1, 1, 7, 1, 1, 7, 1, 1],
  ]),
];
const COD = segment(0x52, [0, 0, 0, 1, 1, 5, 4, 4, 0, 1]);
const SOT = [0xff, 0x90, 0, 10];

Deno.test("parseCodestreamHeader() takes the fewest decompositions of COD and COC", () => {
  const coc = segment(0x53, [1, 0, 2, 4, 4, 0, 1]);
  const header = parseCodestreamHeader(new Uint8Array([...START, ...COD, ...coc, ...SOT]), 0);
  assert.deepEqual(header, {
    x0: 10,
    y0: 20,
    x1: 310,
    y1: 220,
    tileX0: 0,
    tileY0: 0,
    tileWidth: 128,
    tileHeight: 128,
    components: 3,
    decompositions: 2,
    firstTilePart: START.length + COD.length + coc.length,
  });
});

Deno.test("parseCodestreamHeader() lists TLM entries of every layout, in Ztlm order", () => {
  // Ztlm 1: 2-byte tile indices, 4-byte lengths. Ztlm 0: implicit indices, 2-byte lengths.
  const second = segment(0x55, [1, 0x60, ...u16(7), ...u32(70_000)]);
  const first = segment(0x55, [0, 0x00, ...u16(100), ...u16(200), ...u16(300)]);
  const head = new Uint8Array([...START, ...COD, ...second, ...first, ...SOT]);
  assert.deepEqual(parseCodestreamHeader(head, 0)?.tilePartLengths, [
    { tile: 0, length: 100 },
    { tile: 1, length: 200 },
    { tile: 2, length: 300 },
    { tile: 7, length: 70_000 },
  ]);
  const broken = segment(0x55, [0, 0x50, 1, 0, 0]);
  assert.throws(
    () => parseCodestreamHeader(new Uint8Array([...START, ...COD, ...broken, ...SOT]), 0),
    CorruptSourceError,
  );
});

Deno.test("parseCodestreamHeader() needs the whole main header, and a COD marker", () => {
  const head = new Uint8Array([...START, ...COD, ...SOT]);
  for (let length = 0; length < head.length; length++) {
    assert.equal(parseCodestreamHeader(head.subarray(0, length), 0), undefined, `${length}`);
  }
  assert.throws(
    () => parseCodestreamHeader(new Uint8Array([...START, ...SOT]), 0),
    CorruptSourceError,
  );
});
