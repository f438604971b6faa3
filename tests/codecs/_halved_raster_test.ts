import assert from "node:assert/strict";
import { halvedRaster } from "../../src/codecs/_halved_raster.ts";

Deno.test("halvedRaster() averages 2×2 pixels, rounding half up and reusing the last row and column", () => {
  // 3 × 3: pixel i is [30i, 255 - 7i, 53i mod 256, 0 or 255].
  const data = new Uint8Array(3 * 3 * 4);
  for (let i = 0; i < 9; i++) {
    data.set([i * 30, 255 - i * 7, (i * 53) % 256, i % 2 ? 255 : 0], i * 4);
  }
  const halved = halvedRaster({ width: 3, height: 3, data });
  assert.deepEqual([halved.width, halved.height], [2, 2]);
  // The values the per-pixel-array version made, pixel by pixel: pixels 0 1 3 4, 2 2 5 5
  // (last column again), 6 7 6 7 (last row again) and 8 four times.
  assert.deepEqual([...halved.data], [
    ...[60, 241, 106, 128],
    ...[105, 231, 58, 128],
    ...[195, 210, 89, 128],
    ...[240, 199, 168, 0],
  ]);
});
