import type { Config } from "../config/mod.ts";

/**
 * The configuration listener `index` of `http_listeners` runs with: its share of the image
 * workers, of `queue_limit` (at least one) and of the memory cache, on `port` (the one the first
 * listener got when the configuration says 0). Each listener gets at least two workers when
 * `image_pool_size` is 2 or more: a lone large request is split among its listener's idle workers
 * only (the cold `!1024,1024` of a 100 MP pyramid took 44–51 ms with one each, 33–44 with two).
 */
export function listenerShare(config: Config, index: number, port: number): Config {
  const count = config.http_listeners;
  const share = (total: number) => Math.floor(total / count) + (index < total % count ? 1 : 0);
  return {
    ...config,
    port,
    image_pool_size: Math.max(Math.min(2, config.image_pool_size), share(config.image_pool_size)),
    queue_limit: Math.max(1, share(config.queue_limit)),
    derivative_cache_memory_bytes: share(config.derivative_cache_memory_bytes),
  };
}

/** The image workers of all the listeners together. */
export function imageWorkerCount(config: Config): number {
  const listeners = Array.from({ length: config.http_listeners }, (_, index) => index);
  return listeners.reduce((sum, index) => sum + listenerShare(config, index, 0).image_pool_size, 0);
}
