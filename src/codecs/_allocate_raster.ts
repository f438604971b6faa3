import type { Raster } from "../ops/raster.ts";

/**
 * Supplies the pixel buffer a decoder writes into, usually from a pool: it must hold at least
 * `byteLength` bytes and may be longer.
 */
export type Allocate = (byteLength: number) => Uint8Array;

/**
 * Takes a `width` × `height` RGBA buffer from `allocate`.
 *
 * @throws {RangeError} When `allocate` returns a buffer that is too short.
 */
export function allocateRaster(width: number, height: number, allocate: Allocate): Raster {
  const byteLength = width * height * 4;
  const data = allocate(byteLength);
  if (data.length < byteLength) {
    throw new RangeError(
      `Cannot decode into ${data.length} bytes: ${width}x${height} RGBA needs ${byteLength}`,
    );
  }
  return { width, height, data };
}
