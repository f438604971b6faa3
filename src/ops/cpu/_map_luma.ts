import type { BufferPool } from "../buffer_pool.ts";
import type { Raster } from "../raster.ts";
import { ALPHA_MASK, pixelWords } from "./_pixel_words.ts";
import { pooledRaster } from "./_pooled_raster.ts";

/** × 0x010101 copies a byte into R, G and B. */
const GRAY_SPREAD = 0x010101;

/**
 * Writes `levels[Y]` to R, G and B of every pixel, where Y is the Rec. 709 luma
 * `0.2126 R + 0.7152 G + 0.0722 B` of the 8-bit values rounded half up, computed exactly as
 * `(2126 R + 7152 G + 722 B + 5000) / 10000` in integers (a WGSL twin gets the same with `u32`).
 * Alpha is kept. Gamma-naive: the weights apply to the encoded sRGB values, not to linear light,
 * which keeps gray a single pass with no per-channel table.
 *
 * @param levels 256 output levels, indexed by luma.
 */
export function mapLuma(source: Raster, pool: BufferPool, levels: Uint8Array): Raster {
  const output = pooledRaster(pool, source.width, source.height);
  const from = pixelWords(source);
  const to = pixelWords(output);
  for (let i = 0; i < from.length; i++) {
    const p = from[i];
    const weighted = 2126 * (p & 255) + 7152 * ((p >> 8) & 255) + 722 * ((p >> 16) & 255);
    // × 0.0001 floors exactly like ÷ 10000 here: the double 0.0001 is a hair above 1e-4.
    const v = levels[((weighted + 5000) * 0.0001) | 0];
    to[i] = (p & ALPHA_MASK) | (v * GRAY_SPREAD);
  }
  return output;
}
