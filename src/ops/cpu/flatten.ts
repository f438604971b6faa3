import type { BufferPool } from "../buffer_pool.ts";
import type { Raster } from "../raster.ts";
import { pixelWords } from "./_pixel_words.ts";
import { pooledRaster } from "./_pooled_raster.ts";

const OPAQUE = 0xff000000 | 0;

/**
 * The `flatten` step: composites every pixel onto opaque white, so that an encoder without alpha
 * (JPEG) shows neither the colour hidden under transparent pixels nor black.
 *
 * Each output pixel reads only the source pixel at the same index. Per channel
 * `c' = round(c·a/255 + 255·(255−a)/255)`, computed exactly in integers as
 * `(c·a + 255·(255−a) + 127) / 255` truncated: the numerator's exact quotient is never a half
 * (255 is odd), so `+ 127` rounds half up like `+ 127.5`, and a WGSL twin gets the same with `u32`.
 * Alpha becomes 255. Opaque pixels are copied as they are, which the formula also gives.
 *
 * @returns A new raster on a buffer from `pool`; `source` is not modified.
 */
export function flatten(source: Raster, pool: BufferPool): Raster {
  const output = pooledRaster(pool, source.width, source.height);
  const from = pixelWords(source);
  const to = pixelWords(output);
  for (let i = 0; i < from.length; i++) {
    const p = from[i];
    const a = p >>> 24;
    if (a === 255) {
      to[i] = p;
      continue;
    }
    const white = 255 * (255 - a) + 127;
    const r = (((p & 255) * a + white) / 255) | 0;
    const g = ((((p >> 8) & 255) * a + white) / 255) | 0;
    const b = ((((p >> 16) & 255) * a + white) / 255) | 0;
    to[i] = OPAQUE | (b << 16) | (g << 8) | r;
  }
  return output;
}
