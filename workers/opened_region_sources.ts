import { LRUCache } from "lru-cache";
import {
  type ByteSource,
  openRegionReader,
  type RegionFormat,
  type RegionReader,
  scaledLevels,
} from "../src/codecs/mod.ts";
import { sourceCacheKey } from "../src/sources/mod.ts";
import { openJobSource } from "./open_job_source.ts";
import type { JobSource } from "./protocol.ts";

/** A tiled source, opened: its file stays open while it is cached or in use. */
export interface OpenedRegionSource {
  /** The source's cache key (path, mtime, size, an S3 object's ETag). */
  readonly key: string;
  readonly reader: RegionReader;
  /** Level index per plan scale. */
  readonly levelOf: ReadonlyMap<number, number>;
  /** Milliseconds spent in reads since the caller last set it to 0. */
  readMs: number;
}

/** A tiled source (TIFF, JPEG 2000) a job reads. */
export type RegionJobSource = JobSource & { readonly format: RegionFormat };

/** One cached source: opened once however many callers ask at once, closed once unused. */
interface Held {
  readonly opening: Promise<OpenedRegionSource & { close(): void }>;
  users: number;
  evicted: boolean;
}

/** Opened pyramids kept per thread, so a tile costs no directory parsing. */
const MAX_OPEN_SOURCES = 32;

/**
 * The tiled sources a thread has opened, in a small LRU keyed by source (path, mtime, size, an
 * S3 object's ETag): a replaced file is opened afresh. An evicted source is closed when its last
 * user is done, so concurrent requests on one thread never lose their file mid-read.
 */
export class OpenedRegionSources {
  readonly #open = new LRUCache<string, Held>({
    max: MAX_OPEN_SOURCES,
    dispose: (held) => {
      held.evicted = true;
      closeIfUnused(held);
    },
  });

  /**
   * Runs `body` with the opened source, from the LRU or opened now (reading its directory).
   *
   * @throws {IdentifierNotFoundError} The file is gone.
   * @throws {CorruptSourceError} A broken directory.
   */
  async use<T>(
    source: RegionJobSource,
    body: (opened: OpenedRegionSource) => Promise<T>,
  ): Promise<T> {
    const held = this.#held(source);
    held.users++;
    try {
      return await body(await held.opening);
    } finally {
      held.users--;
      closeIfUnused(held);
    }
  }

  /** Drops `source` from the cache, closing its file once its users are done. */
  forget(source: JobSource): void {
    this.#open.delete(sourceCacheKey(source));
  }

  /** Closes every cached source's file (each once its users are done). */
  close(): void {
    this.#open.clear();
  }

  #held(source: RegionJobSource): Held {
    const key = sourceCacheKey(source);
    const cached = this.#open.get(key);
    if (cached) return cached;
    const held: Held = { opening: openSource(source, key), users: 0, evicted: false };
    this.#open.set(key, held);
    // A failed open is not kept: the file may be back, or readable, next time.
    held.opening.catch(() => this.#open.get(key) === held && this.#open.delete(key));
    return held;
  }
}

function closeIfUnused(held: Held): void {
  if (held.evicted && held.users === 0) held.opening.then((opened) => opened.close(), () => {});
}

async function openSource(
  source: RegionJobSource,
  key: string,
): Promise<OpenedRegionSource & { close(): void }> {
  const { bytes, close } = await openJobSource(source);
  try {
    const partial = { key, close, readMs: 0 };
    const reader = await openRegionReader(source.format, timed(bytes, partial));
    const { scales, indices } = scaledLevels(reader.levels);
    const levelOf = new Map(scales.map((scale, i) => [scale, indices[i]]));
    return Object.assign(partial, { reader, levelOf });
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * `source`, adding to `counter.readMs` the time during which at least one read was running:
 * reads of an S3 object overlap, and summing them would count that time twice.
 */
function timed(source: ByteSource, counter: { readMs: number }): ByteSource {
  let running = 0;
  let since = 0;
  return {
    size: source.size,
    async read(offset, length, into) {
      if (running++ === 0) since = performance.now();
      try {
        return await source.read(offset, length, into);
      } finally {
        if (--running === 0) counter.readMs += performance.now() - since;
      }
    },
  };
}
