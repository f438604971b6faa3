import type { Config } from "../config/mod.ts";
import { parseRedisUrl } from "./_redis_address.ts";
import type { DerivativeCache } from "./derivative_cache.ts";
import { DiskDerivativeCache } from "./disk_derivative_cache.ts";
import { RedisDerivativeCache } from "./redis_derivative_cache.ts";

/**
 * Opens the derivative cache `derivative_cache.type` names: the disk cache under `cache_path`
 * (bounded by `derivative_cache_max_bytes`), or the Redis cache shared between instances.
 *
 * @example Serve through the configured cache
 * ```ts ignore
 * const cache = await openDerivativeCache(config, { log: console.error });
 * const renderer = new CachedRenderer(cache, { pool, onWriteFailure });
 * ```
 *
 * @param config The validated configuration.
 * @param options `log`: where a shared cache reports outages and recoveries.
 * @returns The open cache; close it when done.
 * @throws {Error} The I/O error if the disk cache's folder cannot be created or scanned.
 */
export async function openDerivativeCache(
  config: Config,
  options: { log?: (message: string) => void } = {},
): Promise<DerivativeCache> {
  if (config.derivative_cache.type === "redis") return redisCacheOf(config, options);
  return await DiskDerivativeCache.open(
    derivativeCacheDir(config),
    config.derivative_cache_max_bytes,
  );
}

/** The shared cache of a `derivative_cache.type: redis` configuration (not connected yet). */
export function redisCacheOf(
  config: Config,
  options: { log?: (message: string) => void } = {},
): RedisDerivativeCache {
  const { url, password_env, max_bytes, ttl, key_prefix, timeout_ms } = config.derivative_cache;
  const password = password_env === null ? undefined : Deno.env.get(password_env) || undefined;
  return new RedisDerivativeCache({
    // The schema accepts a redis cache only with a URL that parseRedisUrl reads.
    address: parseRedisUrl(url!, password)!,
    maxBytes: max_bytes,
    ttlSeconds: ttl,
    keyPrefix: key_prefix,
    timeoutMs: timeout_ms,
    log: options.log,
  });
}

/**
 * Where the disk derivative cache of a configuration lives.
 *
 * @param config The validated configuration.
 * @returns `<cache_path>/derivatives`.
 */
export function derivativeCacheDir(config: Config): string {
  return `${config.cache_path}/derivatives`;
}

/**
 * Whether derivatives are kept on this machine's disk: a disk cache not turned off (0 bytes).
 *
 * @param config The validated configuration.
 */
export function servesFromDisk(config: Config): boolean {
  return config.derivative_cache.type === "disk" && config.derivative_cache_max_bytes > 0;
}
