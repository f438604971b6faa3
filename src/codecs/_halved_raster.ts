import type { Raster } from "../ops/raster.ts";

/**
 * The raster reduced by 2 (each side rounded up), each output pixel the rounded mean of 2×2
 * pixels; past the last column or row, that column or row is used again. The next level of a
 * pyramid; the loop allocates nothing per pixel, as a full level has millions of them.
 *
 * @param level A raster whose `data` holds exactly `width * height * 4` bytes.
 * @returns A new raster of `ceil(width / 2) × ceil(height / 2)` pixels.
 */
export function halvedRaster(level: Raster): Raster {
  const width = Math.ceil(level.width / 2);
  const height = Math.ceil(level.height / 2);
  const data = new Uint8Array(width * height * 4);
  const from = level.data;
  const rowBytes = level.width * 4;
  let out = 0;
  for (let y = 0; y < height; y++) {
    const upper = 2 * y * rowBytes;
    const lower = Math.min(2 * y + 1, level.height - 1) * rowBytes;
    for (let x = 0; x < width; x++) {
      const left = 8 * x;
      const right = Math.min(2 * x + 1, level.width - 1) * 4;
      for (let channel = 0; channel < 4; channel++, out++) {
        const sum = from[upper + left + channel] + from[upper + right + channel] +
          from[lower + left + channel] + from[lower + right + channel];
        data[out] = (sum + 2) >> 2;
      }
    }
  }
  return { width, height, data };
}
