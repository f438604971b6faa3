import type { Raster } from "../../ops/raster.ts";
import { type Allocate, allocateRaster } from "../_allocate_raster.ts";
import type { ExifOrientation } from "./exif_orientation.ts";
import { orientationMap } from "./orientation_map.ts";

/** Options of {@linkcode orientRaster}. */
export interface OrientOptions {
  readonly orientation: ExifOrientation;
  /** Supplies the upright raster's buffer. */
  readonly allocate: Allocate;
}

/**
 * Turns decoded pixels upright as their EXIF orientation says, into a second buffer from
 * `allocate` (orientation 1 returns `raster` itself). A DCT-reduced decode is oriented the same
 * way: the map only depends on the raster's own size.
 *
 * @example Usage
 * ```ts
 * import { orientRaster } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * // Two pixels side by side, stored for a camera held upright (6): shown one above the other.
 * const stored = { width: 2, height: 1, data: new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2]) };
 * const shown = orientRaster(stored, { orientation: 6, allocate: (n) => new Uint8Array(n) });
 * assert.deepEqual([shown.width, shown.height], [1, 2]);
 * assert.deepEqual([...shown.data], [1, 1, 1, 1, 2, 2, 2, 2]);
 * ```
 *
 * @param raster The pixels as stored; left unchanged.
 * @param options The source's EXIF orientation, and where the upright raster's buffer comes from.
 * @throws {RangeError} When `allocate` returns a buffer that is too short.
 */
export function orientRaster(raster: Raster, options: OrientOptions): Raster {
  const { orientation, allocate } = options;
  if (orientation === 1) return raster;
  const { width, height, origin, stepX, stepY } = orientationMap(raster, orientation);
  const output = allocateRaster(width, height, allocate);
  const from = pixelWords(raster.data, width * height);
  const to = pixelWords(output.data, width * height);
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0, s = origin + y * stepY; x < width; x++, o++, s += stepX) to[o] = from[s];
  }
  if (to.buffer !== output.data.buffer) output.data.set(new Uint8Array(to.buffer));
  return output;
}

/** One 32-bit word a pixel; a copy when `data` is not 4-byte aligned (never so when pooled). */
function pixelWords(data: Uint8Array, pixels: number): Uint32Array {
  if (data.byteOffset % 4 === 0) return new Uint32Array(data.buffer, data.byteOffset, pixels);
  return new Uint32Array(data.slice(0, pixels * 4).buffer);
}
