import assert from "node:assert/strict";
import { componentsToRgba } from "../../../src/codecs/jp2/_components_to_rgba.ts";
import { UnsupportedSourceError } from "../../../src/codecs/errors.ts";

function component(samples: number[], precision: number, signed = false) {
  return { samples: Int32Array.from(samples), precision, signed };
}

function rgbaOf(components: ReturnType<typeof component>[], pixels: number): number[] {
  const raster = { width: pixels, height: 1, data: new Uint8Array(pixels * 4) };
  componentsToRgba(components, raster);
  return [...raster.data];
}

Deno.test("componentsToRgba() scales precisions other than 8 bits with rounding", () => {
  assert.deepEqual(rgbaOf([component([0, 1], 1)], 2), [0, 0, 0, 255, 255, 255, 255, 255]);
  assert.deepEqual(rgbaOf([component([4095, 2048, 8, 9], 12)], 4), [
    ...[255, 255, 255, 255],
    ...[128, 128, 128, 255],
    ...[0, 0, 0, 255],
    ...[1, 1, 1, 255],
  ]);
  assert.deepEqual(rgbaOf([component([257, 128], 16)], 2), [1, 1, 1, 255, 0, 0, 0, 255]);
});

Deno.test("componentsToRgba() shifts signed samples and clamps those out of range", () => {
  assert.deepEqual(rgbaOf([component([-128, 127, -200, 300], 8, true)], 4), [
    ...[0, 0, 0, 255],
    ...[255, 255, 255, 255],
    ...[0, 0, 0, 255],
    ...[255, 255, 255, 255],
  ]);
  assert.deepEqual(rgbaOf([component([-5, 256], 8)], 2), [0, 0, 0, 255, 255, 255, 255, 255]);
});

Deno.test("componentsToRgba() maps 1 to 4 components to gray, gray+alpha, RGB and RGBA", () => {
  const [a, b, c, d] = [10, 20, 30, 40].map((value) => component([value], 8));
  assert.deepEqual(rgbaOf([a], 1), [10, 10, 10, 255]);
  assert.deepEqual(rgbaOf([a, b], 1), [10, 10, 10, 20]);
  assert.deepEqual(rgbaOf([a, b, c], 1), [10, 20, 30, 255]);
  assert.deepEqual(rgbaOf([a, b, c, d], 1), [10, 20, 30, 40]);
  assert.throws(() => rgbaOf([a, b, c, d, a], 1), UnsupportedSourceError);
});
