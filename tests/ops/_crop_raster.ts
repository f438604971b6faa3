import type { Raster, Rect } from "../../src/ops/mod.ts";

/** A copy of the whole-pixel `rect` of `raster`: the reference for region reads. */
export function cropRaster(raster: Raster, rect: Rect): Raster {
  const data = new Uint8Array(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row++) {
    const from = ((rect.y + row) * raster.width + rect.x) * 4;
    data.set(raster.data.subarray(from, from + rect.width * 4), row * rect.width * 4);
  }
  return { width: rect.width, height: rect.height, data };
}
