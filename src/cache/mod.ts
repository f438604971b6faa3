/**
 * The derivative cache: encoded images kept so a repeated request (a tile every viewer asks for)
 * skips decoding, processing and encoding. Keys are built by the caller from the canonical
 * request and the source's modification time and size, so a changed source never hits a stale
 * entry, and hashed once ({@linkcode cacheKey}) for both the entry's name and the ETag.
 * {@linkcode DerivativeCache} has two implementations: {@linkcode DiskDerivativeCache}
 * (the default, one machine) and {@linkcode RedisDerivativeCache} (shared by several instances,
 * degrading to no cache while Redis is away); {@linkcode openDerivativeCache} picks the
 * configured one. {@linkcode CachedRenderer} puts it (and {@linkcode HotDerivatives}, the
 * most requested ones in memory) in front of the worker pool, and
 * {@linkcode purgeDerivatives} removes all of one image's entries.
 *
 * @module
 */
export type {
  DerivativeCache,
  DerivativeCacheStats,
  SharedCacheHealth,
} from "./derivative_cache.ts";
export { DiskDerivativeCache } from "./disk_derivative_cache.ts";
export {
  MAX_SHARED_ENTRY_BYTES,
  type RedisCacheOptions,
  RedisDerivativeCache,
} from "./redis_derivative_cache.ts";
export { SharedCacheUnavailableError } from "./shared_cache_unavailable_error.ts";
export { parseRedisUrl, type RedisAddress } from "./_redis_address.ts";
export { openDerivativeCache, servesFromDisk } from "./open_derivative_cache.ts";
export {
  CachedRenderer,
  type CacheOutcome,
  type CacheWriteFailure,
  type Rendered,
  type RendererCacheStats,
} from "./cached_renderer.ts";
export { HotDerivatives, type HotDerivativeStats } from "./hot_derivatives.ts";
export { type CacheKey, cacheKey } from "./cache_key.ts";
export { purgeDerivatives } from "./purge_derivatives.ts";
export {
  answerCacheRequest,
  type CacheReply,
  type CacheRequest,
  RemoteDerivativeCache,
} from "./remote_derivative_cache.ts";
