import type { Raster } from "../ops/raster.ts";

/**
 * The image part of a raster's buffer, which may be longer than the image when pooled.
 *
 * @throws {RangeError} When the buffer is shorter than `width * height * 4`.
 */
export function pixelsOf(raster: Raster): Uint8Array {
  const byteLength = raster.width * raster.height * 4;
  if (raster.data.length < byteLength) {
    throw new RangeError(
      `Cannot encode a ${raster.width}x${raster.height} raster from ${raster.data.length} bytes`,
    );
  }
  return raster.data.subarray(0, byteLength);
}
