import type { Raster } from "../raster.ts";

/** The alpha byte of a pixel word, as a signed 32-bit mask (words are read as `Int32Array`). */
export const ALPHA_MASK = 0xff000000 | 0;

/**
 * The raster's pixels as one 32-bit word each, so a kernel moves a pixel with one load and one
 * store. Words are little-endian RGBA (R in the low byte), as on every platform Deno runs on and
 * as WGSL reads a `u32` from a storage buffer. `data` that is not 4-byte aligned (never the case
 * for pooled or decoded buffers) is copied first.
 */
export function pixelWords(raster: Raster): Int32Array {
  const pixels = raster.width * raster.height;
  const { data } = raster;
  if (data.byteOffset % 4 === 0) return new Int32Array(data.buffer, data.byteOffset, pixels);
  return new Int32Array(data.slice(0, pixels * 4).buffer);
}
