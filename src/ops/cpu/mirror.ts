import type { BufferPool } from "../buffer_pool.ts";
import { mirrorMap } from "../pixel_map.ts";
import type { Raster } from "../raster.ts";
import { remapPixels } from "./_remap_pixels.ts";

/**
 * The `mirror` step: flips `source` on its vertical axis, so output (x, y) is source
 * (width − 1 − x, y).
 *
 * @returns A new raster on a buffer from `pool`; `source` is not modified.
 */
export function mirror(source: Raster, pool: BufferPool): Raster {
  return remapPixels(source, pool, mirrorMap(source));
}
