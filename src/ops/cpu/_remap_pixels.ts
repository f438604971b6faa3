import type { BufferPool } from "../buffer_pool.ts";
import type { PixelMap } from "../pixel_map.ts";
import type { Raster } from "../raster.ts";
import { pixelWords } from "./_pixel_words.ts";
import { pooledRaster } from "./_pooled_raster.ts";

/**
 * Gathers every output pixel from its source pixel through `map`, output row by output row. For a
 * quarter turn each output row walks a source column; the lines it touches stay in the cache for
 * the next column, which measured faster than square blocking on the target VMs.
 */
export function remapPixels(source: Raster, pool: BufferPool, map: PixelMap): Raster {
  const { width, height, origin, stepX, stepY } = map;
  const output = pooledRaster(pool, width, height);
  const from = pixelWords(source);
  const to = pixelWords(output);
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0, s = origin + y * stepY; x < width; x++, o++, s += stepX) to[o] = from[s];
  }
  return output;
}
