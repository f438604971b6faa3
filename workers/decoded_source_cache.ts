import { LRUCache } from "lru-cache";
import { decodeImage, type SourceFormat } from "../src/codecs/mod.ts";
import type { BufferPool, Raster } from "../src/ops/mod.ts";
import { sourceCacheKey } from "../src/sources/mod.ts";
import { openJobSource } from "./open_job_source.ts";
import type { JobSource } from "./protocol.ts";

/** A decoded source lent to one job; `done()` must be called when the job no longer reads it. */
export interface SourceLease {
  readonly raster: Raster;
  /**
   * Names the raster's content (source, mtime, size, decode scale) for the GPU's resident copy;
   * none for a window of a tiled source, which the next job rarely reads again.
   */
  readonly key?: string;
  readonly cached: boolean;
  readonly readMs: number;
  readonly decodeMs: number;
  done(): void;
}

/**
 * The worker's byte-bounded LRU of decoded sources, keyed by source (file, or S3 object and
 * ETag), mtime, size and decode scale, so the tiles of one large JPEG decode it once. Evicted rasters go back to the buffer pool and
 * become the next decode's target instead of fresh memory.
 */
export class DecodedSourceCache {
  readonly #pool: BufferPool;
  readonly #lru: LRUCache<string, Raster> | undefined;

  /**
   * @param pool Where decode targets come from and evicted rasters go.
   * @param maxBytes The LRU's bound; 0 keeps nothing between jobs.
   */
  constructor(pool: BufferPool, maxBytes: number) {
    this.#pool = pool;
    this.#lru = maxBytes > 0
      ? new LRUCache<string, Raster>({
        maxSize: maxBytes,
        sizeCalculation: (raster) => Math.max(1, raster.data.byteLength),
        dispose: (raster) => pool.release(raster.data),
      })
      : undefined;
  }

  /**
   * The source decoded at `scale`, from the LRU or read whole (from its file, or in one GET).
   *
   * @throws {CorruptSourceError} Broken data.
   * @throws {UpstreamError} An S3 object changed since it was resolved, or S3 failed.
   */
  async lease(source: JobSource, scale: number): Promise<SourceLease> {
    const key = `${sourceCacheKey(source)}|${scale}`;
    const hit = this.#lru?.get(key);
    if (hit) return { raster: hit, key, cached: true, readMs: 0, decodeMs: 0, done: () => {} };
    const t0 = performance.now();
    const bytes = await readWhole(source);
    const t1 = performance.now();
    const raster = await this.#decode(bytes, source.format, scale);
    const t2 = performance.now();
    this.#lru?.set(key, raster);
    // A raster larger than the whole LRU is refused by it: the job owns it and returns it.
    const owned = this.#lru?.get(key) !== raster;
    const done = owned ? () => this.#pool.release(raster.data) : () => {};
    return { raster, key, cached: false, readMs: t1 - t0, decodeMs: t2 - t1, done };
  }

  /** Decodes into pooled memory; buffers taken by a decode that then fails go back. */
  async #decode(bytes: Uint8Array, format: SourceFormat, scale: number): Promise<Raster> {
    const acquired: Uint8Array[] = [];
    try {
      const raster = await decodeImage(bytes, format, scale, (n) => {
        const buffer = this.#pool.acquire(n);
        acquired.push(buffer);
        return buffer;
      });
      // Orienting a JPEG decodes into one buffer and turns it into a second.
      for (const buffer of acquired) if (buffer !== raster.data) this.#pool.release(buffer);
      return raster;
    } catch (error) {
      for (const buffer of acquired) this.#pool.release(buffer);
      throw error;
    }
  }
}

async function readWhole(source: JobSource): Promise<Uint8Array> {
  const opened = await openJobSource(source);
  try {
    return await opened.bytes.read(0, opened.bytes.size);
  } finally {
    opened.close();
  }
}
