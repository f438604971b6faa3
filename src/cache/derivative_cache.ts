import type { CacheKey } from "./cache_key.ts";

/** How a shared (Redis) derivative cache is doing, as seen by this instance. */
export interface SharedCacheHealth {
  /** `host:port` of the Redis server. */
  readonly address: string;
  /** False from a failed command until the next one that succeeds. */
  readonly available: boolean;
  /** Commands that failed (unreachable, timed out, refused) since start; each was a miss or skip. */
  readonly failures: number;
  /** Times it went from available to unavailable since start. */
  readonly outages: number;
}

/** Counters of a {@linkcode DerivativeCache}. */
export interface DerivativeCacheStats {
  /** Entries currently stored (a shared cache: over all instances, as last seen). */
  readonly entries: number;
  /** Total size of the stored entries (a shared cache: as last seen). */
  readonly bytes: number;
  /** `get` calls that returned bytes, since the cache was opened. */
  readonly hits: number;
  /** `get` calls that returned `undefined`, since the cache was opened. */
  readonly misses: number;
  /** Present when the cache is shared between instances (Redis). */
  readonly shared?: SharedCacheHealth;
}

/**
 * Where encoded derivatives are kept between requests: on this machine's disk
 * ({@linkcode DiskDerivativeCache}) or in Redis, shared by several instances
 * ({@linkcode RedisDerivativeCache}). {@linkcode CachedRenderer} takes either.
 */
export interface DerivativeCache {
  /**
   * Reads an entry and marks it most recently used.
   *
   * @param key The caller's key (canonical request, source modification time and size), hashed.
   * @param identifier The source's identifier (`<profile>:<name>`), which purges go by.
   * @returns The stored bytes, or `undefined` if absent, evicted, or the cache is unreachable.
   */
  get(key: CacheKey, identifier: string): Promise<Uint8Array<ArrayBuffer> | undefined>;

  /**
   * Stores an entry, evicting least recently used ones to stay within the size bound.
   *
   * @param key The caller's key.
   * @param entry The source's identifier and the encoded derivative.
   * @throws {Error} A local I/O error; a shared cache skips the entry instead.
   */
  put(key: CacheKey, entry: { identifier: string; bytes: Uint8Array }): Promise<void>;

  /**
   * Removes every entry of one source.
   *
   * @param identifier The source's identifier, as given to `put`.
   * @returns How many entries were removed.
   * @throws {Error} The I/O error, or {@linkcode SharedCacheUnavailableError}.
   */
  purge(identifier: string): Promise<number>;

  /** @returns Size, hit and miss counts, and a shared cache's health. */
  stats(): DerivativeCacheStats;

  /** Releases a connection (Redis); the disk cache holds none. */
  close(): void;
}
