import type { BufferPool } from "../buffer_pool.ts";
import type { Raster } from "../raster.ts";

/** A `width`×`height` destination raster on a pooled buffer; its bytes are stale until written. */
export function pooledRaster(pool: BufferPool, width: number, height: number): Raster {
  return { width, height, data: pool.acquire(width * height * 4) };
}
