import type { BufferPool } from "../buffer_pool.ts";
import type { Raster } from "../raster.ts";
import { remapPixels } from "./_remap_pixels.ts";

/**
 * The `mirror` step: flips `source` on its vertical axis, so output (x, y) is source
 * (width − 1 − x, y).
 *
 * @returns A new raster on a buffer from `pool`; `source` is not modified.
 */
export function mirror(source: Raster, pool: BufferPool): Raster {
  const { width, height } = source;
  return remapPixels(source, pool, { width, height, origin: width - 1, stepX: -1, stepY: width });
}
