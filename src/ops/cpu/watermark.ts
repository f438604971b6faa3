import type { BufferPool } from "../buffer_pool.ts";
import type { Raster } from "../raster.ts";
import { type WatermarkStep, wrapIndex } from "../run_input.ts";
import { ALPHA_MASK, pixelWords } from "./_pixel_words.ts";
import { pooledRaster } from "./_pooled_raster.ts";

/** The parameters of a `watermark` step, with its mark image resolved. */
export interface WatermarkParams extends Pick<WatermarkStep, "opacity" | "x" | "y"> {
  readonly mark: Raster;
}

/**
 * The `watermark` step: blends `mark`, repeated edge to edge from pattern position `x`, `y`, onto
 * every pixel with the exact integer formula of `OpStep` (`w = (ma·opacity + 127) / 255`, then
 * `c' = (c·(255 − w) + mc·w + 127) / 255`, both truncated; alpha kept). Integers only, so the
 * WGSL twin computes the same bytes with `u32`.
 *
 * @returns A new raster on a buffer from `pool`; neither `source` nor `mark` is modified.
 */
export function watermark(source: Raster, pool: BufferPool, params: WatermarkParams): Raster {
  const { mark, opacity } = params;
  const output = pooledRaster(pool, source.width, source.height);
  const from = pixelWords(source);
  const to = pixelWords(output);
  const marks = pixelWords(mark);
  const firstColumn = wrapIndex(params.x, mark.width);
  for (let j = 0; j < source.height; j++) {
    const markRow = wrapIndex(j + params.y, mark.height) * mark.width;
    let m = firstColumn;
    for (let i = j * source.width, end = i + source.width; i < end; i++) {
      to[i] = blend(from[i], marks[markRow + m], opacity);
      if (++m === mark.width) m = 0;
    }
  }
  return output;
}

function blend(p: number, q: number, opacity: number): number {
  const w = (((q >>> 24) * opacity + 127) / 255) | 0;
  if (w === 0) return p;
  const keep = 255 - w;
  const r = (((p & 255) * keep + (q & 255) * w + 127) / 255) | 0;
  const g = ((((p >> 8) & 255) * keep + ((q >> 8) & 255) * w + 127) / 255) | 0;
  const b = ((((p >> 16) & 255) * keep + ((q >> 16) & 255) * w + 127) / 255) | 0;
  return (p & ALPHA_MASK) | (b << 16) | (g << 8) | r;
}
