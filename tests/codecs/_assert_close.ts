import assert from "node:assert/strict";
import type { Raster } from "../../src/ops/raster.ts";

/** A copy of `raster` with every pixel's RGB replaced by `map` of it; alpha kept. */
export function mapPixels(
  raster: Raster,
  map: (rgb: readonly number[], pixel: number) => number[],
): Raster {
  const data = raster.data.slice(0, raster.width * raster.height * 4);
  for (let index = 0; index < data.length; index += 4) {
    data.set(map([...data.subarray(index, index + 3)], index / 4), index);
  }
  return { width: raster.width, height: raster.height, data };
}

/** Asserts both rasters have the same size and no channel differs by more than `tolerance`. */
export function assertClose(actual: Raster, expected: Raster, tolerance: number): void {
  assert.deepEqual([actual.width, actual.height], [expected.width, expected.height]);
  const length = expected.width * expected.height * 4;
  for (let index = 0; index < length; index++) {
    const difference = Math.abs(actual.data[index] - expected.data[index]);
    if (difference > tolerance) {
      const pixel = Math.floor(index / 4);
      assert.fail(
        `pixel ${pixel} is ${actual.data.subarray(pixel * 4, pixel * 4 + 4)}, expected ` +
          `${expected.data.subarray(pixel * 4, pixel * 4 + 4)} ± ${tolerance}`,
      );
    }
  }
}
