import type { BufferPool } from "../buffer_pool.ts";
import type { Raster } from "../raster.ts";
import { mapLuma } from "./_map_luma.ts";

/** Luma maps to itself. */
const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);

/**
 * The `gray` step: Rec. 709 luma `round(0.2126 R + 0.7152 G + 0.0722 B)` of the 8-bit values
 * (gamma-naive) written to R, G and B; alpha kept.
 *
 * @returns A new raster on a buffer from `pool`; `source` is not modified.
 */
export function gray(source: Raster, pool: BufferPool): Raster {
  return mapLuma(source, pool, IDENTITY);
}
