import assert from "node:assert/strict";
import {
  EXIF_ORIENTATIONS,
  orientationMap,
  orientedSize,
  orientRaster,
} from "../../../src/codecs/orientation/mod.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import { pooledAllocator } from "../_images.ts";
import { storedFor } from "./_stored_for.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);

/** A 5×3 picture whose every pixel is different: R = x, G = y, B = 7, A = 255. */
function numbered(width = 5, height = 3): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, 7, 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

for (const orientation of EXIF_ORIENTATIONS) {
  Deno.test(`orientRaster() shows orientation ${orientation} upright`, () => {
    const upright = numbered();
    const stored = storedFor(upright, orientation);
    const shown = orientRaster(stored, { orientation, allocate });
    assert.deepEqual([shown.width, shown.height], [5, 3]);
    assert.deepEqual([...shown.data], [...upright.data]);
  });

  Deno.test(`orientedSize() and orientationMap() agree for orientation ${orientation}`, () => {
    const stored = storedFor(numbered(), orientation);
    const map = orientationMap(stored, orientation);
    assert.deepEqual(orientedSize(stored, orientation), { width: map.width, height: map.height });
    assert.deepEqual(orientedSize(stored, orientation), { width: 5, height: 3 });
  });
}

Deno.test("orientRaster() returns the raster itself for orientation 1", () => {
  const raster = numbered();
  assert.equal(orientRaster(raster, { orientation: 1, allocate }), raster);
});

Deno.test("orientRaster() writes only its image into a pooled buffer", () => {
  const stored = storedFor(numbered(), 6);
  const pool = pooledAllocator(5 * 3 * 4);
  const shown = orientRaster(stored, { orientation: 6, allocate: pool.allocate });
  assert.equal(shown.data.byteOffset, pool.offset);
  assert.ok(pool.slab.subarray(0, pool.offset).every((byte) => byte === 99));
  assert.ok(pool.slab.subarray(pool.offset + 5 * 3 * 4).every((byte) => byte === 99));
  assert.deepEqual([...shown.data.subarray(0, 60)], [...numbered().data]);
});

Deno.test("orientRaster() handles buffers that are not 4-byte aligned", () => {
  const stored = storedFor(numbered(), 7);
  const unalignedSource = new Uint8Array(stored.data.length + 1).subarray(1);
  unalignedSource.set(stored.data);
  const slab = new Uint8Array(61);
  const shown = orientRaster(
    { ...stored, data: unalignedSource },
    { orientation: 7, allocate: () => slab.subarray(1) },
  );
  assert.deepEqual([...slab.subarray(1)], [...numbered().data]);
  assert.equal(shown.data.byteOffset, 1);
});

Deno.test("orientRaster() rejects a buffer that is too short with RangeError", () => {
  const stored = storedFor(numbered(), 6);
  assert.throws(
    () => orientRaster(stored, { orientation: 6, allocate: () => new Uint8Array(8) }),
    RangeError,
  );
});
