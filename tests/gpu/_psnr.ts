import type { Raster } from "../../src/ops/mod.ts";

/**
 * Peak signal-to-noise ratio of `b` against `a` over all four channels, in dB: `Infinity` for
 * identical images. Two images off by one level in every channel score 48.1 dB.
 *
 * @throws {RangeError} If the sizes differ.
 */
export function psnr(a: Raster, b: Raster): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`Cannot compare ${a.width}x${a.height} with ${b.width}x${b.height}`);
  }
  const length = a.width * a.height * 4;
  let squares = 0;
  for (let i = 0; i < length; i++) squares += (a.data[i] - b.data[i]) ** 2;
  if (squares === 0) return Infinity;
  return 10 * Math.log10((255 * 255 * length) / squares);
}
