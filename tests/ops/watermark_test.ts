import assert from "node:assert/strict";
import { watermark } from "../../src/ops/cpu/watermark.ts";
import { BufferPool, type Raster } from "../../src/ops/mod.ts";
import { cropRaster } from "./_crop_raster.ts";

/** `width`×`height` with pixel i = (i, 3i, 7i, alpha(i)) mod 256. */
function patterned(width: number, height: number, alpha: (i: number) => number): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([i, 3 * i, 7 * i, alpha(i)], 4 * i);
  return { width, height, data };
}

const pool = new BufferPool();
const mark = patterned(7, 5, (i) => (i * 37) % 256);

Deno.test("watermark() blends one pixel exactly as the formula says", () => {
  const source = { width: 1, height: 1, data: new Uint8Array([200, 100, 0, 77]) };
  const one = { width: 1, height: 1, data: new Uint8Array([10, 250, 255, 200]) };
  const output = watermark(source, pool, { mark: one, opacity: 180, x: 0, y: 0 });
  // w = (200·180 + 127) / 255 = 141.67 → 141; then (c·114 + m·141 + 127) / 255, alpha kept.
  assert.deepEqual([...output.data.subarray(0, 4)], [95, 183, 141, 77]);
});

Deno.test("watermark() continues the pattern across tiles cut at their offsets", () => {
  const whole = patterned(23, 9, () => 255);
  const all = watermark(whole, pool, { mark, opacity: 200, x: 40, y: 3 });
  const tile = { x: 10, y: 0, width: 13, height: whole.height };
  const expected = cropRaster({ ...all, data: all.data.slice() }, tile);
  const right = watermark(cropRaster(whole, tile), pool, { mark, opacity: 200, x: 50, y: 3 });
  assert.deepEqual(right.data.subarray(0, 13 * 9 * 4), expected.data);
});

Deno.test("watermark() reads only the mark and the source, writing a pooled raster", () => {
  const source = patterned(4, 4, () => 128);
  const before = source.data.slice();
  const output = watermark(source, pool, { mark, opacity: 255, x: -9, y: 2 });
  assert.notEqual(output.data.buffer, source.data.buffer);
  assert.deepEqual(source.data, before);
  const pixels = output.data.subarray(0, 4 * 4 * 4);
  assert.ok(pixels.every((v, i) => i % 4 !== 3 || v === 128), "alpha kept");
});
