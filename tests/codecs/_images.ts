import assert from "node:assert/strict";
import { crc32, deflateSync } from "node:zlib";
import type { Raster } from "../../src/ops/raster.ts";

/** RGBA colours of the quadrants drawn by {@linkcode quadrants}: TL, TR, BL, BR. */
export const QUADRANT_COLOURS = [
  [230, 30, 30, 255],
  [30, 200, 40, 255],
  [20, 40, 220, 255],
  [240, 240, 240, 255],
] as const;

/**
 * A raster in four flat-coloured quadrants, in a buffer `padding` bytes longer than the image
 * (filled with 7) so encoders that read past the image are caught. With `alpha`, the bottom-right
 * quadrant is half transparent.
 */
export function quadrants(width: number, height: number, options: QuadrantOptions = {}): Raster {
  const padding = options.padding ?? 64;
  const data = new Uint8Array(width * height * 4 + padding).fill(7);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = QUADRANT_COLOURS[quadrantOf(x, y, width, height)];
      data.set(colour, (y * width + x) * 4);
    }
  }
  if (options.alpha) {
    for (let y = Math.ceil(height / 2); y < height; y++) {
      for (let x = Math.ceil(width / 2); x < width; x++) data[(y * width + x) * 4 + 3] = 128;
    }
  }
  return { width, height, data };
}

/** Options of {@linkcode quadrants}. */
export interface QuadrantOptions {
  readonly alpha?: boolean;
  readonly padding?: number;
}

function quadrantOf(x: number, y: number, width: number, height: number): number {
  return (x < width / 2 ? 0 : 1) + (y < height / 2 ? 0 : 2);
}

/**
 * Asserts each quadrant's centre pixel is within `tolerance` of its colour (after `map`, for
 * instance to gray).
 */
export function assertQuadrants(
  raster: Raster,
  tolerance: number,
  map: (colour: readonly number[]) => readonly number[] = (colour) => colour,
): void {
  const { width, height, data } = raster;
  const centres = [[1, 1], [3, 1], [1, 3], [3, 3]].map(([cx, cy]) => [
    Math.floor((cx * width) / 4),
    Math.floor((cy * height) / 4),
  ]);
  centres.forEach(([x, y], quadrant) => {
    const actual = [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
    const expected = map(QUADRANT_COLOURS[quadrant]);
    const close = actual.every((value, channel) =>
      Math.abs(value - expected[channel]) <= tolerance
    );
    assert.ok(close, `quadrant ${quadrant} at (${x}, ${y}) is ${actual}, expected ${expected}`);
  });
}

/** BT.601 luma of an RGB colour, as libjpeg computes it for grayscale output. */
export function toGray(colour: readonly number[]): readonly number[] {
  const luma = Math.round(0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]);
  return [luma, luma, luma, colour[3]];
}

/**
 * An allocator handing out views into one larger slab, at an offset and longer than asked, as a
 * pool does. `slab` keeps the sentinel value 99 outside what a decoder should write.
 */
export function pooledAllocator(capacity: number): {
  allocate: (byteLength: number) => Uint8Array;
  slab: Uint8Array;
  offset: number;
} {
  const offset = 32;
  const slab = new Uint8Array(capacity + offset + 128).fill(99);
  return {
    allocate: (byteLength) => slab.subarray(offset, offset + byteLength + 64),
    slab,
    offset,
  };
}

/** Builds a PNG from raw chunk data (CRCs computed), for colour types our encoder never writes. */
export function buildPng(
  chunks: readonly (readonly [type: string, data: Uint8Array])[],
): Uint8Array {
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
  for (const [type, data] of chunks) {
    const chunk = new Uint8Array(12 + data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set(new TextEncoder().encode(type), 4);
    chunk.set(data, 8);
    view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
    parts.push(chunk);
  }
  return concat(parts);
}

/** IHDR chunk data. */
export function ihdr(
  width: number,
  height: number,
  bitDepth: number,
  colourType: number,
): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([bitDepth, colourType, 0, 0, 0], 8);
  return data;
}

/** IDAT data for unfiltered scanlines of `rowBytes` bytes each. */
export function idat(rows: readonly (readonly number[])[]): Uint8Array {
  return deflateSync(concat(rows.map((row) => new Uint8Array([0, ...row]))));
}

/** Joins byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
