import type { DerivativeCacheStats } from "../cache/mod.ts";
import { type MetricFamily, metricFamily } from "./prometheus_text.ts";

/**
 * The derivative cache's size as metric families and, for a shared (Redis) cache, whether this
 * instance can reach it and how often it could not. Hits and misses are counted per request by
 * `tessera_cache_requests_total`.
 *
 * @param stats A snapshot of the renderer's cache counters.
 * @returns The families; the `tessera_shared_cache_*` ones only with a shared cache.
 */
export function cacheMetricFamilies(stats: DerivativeCacheStats): MetricFamily[] {
  const families = [
    metricFamily("tessera_derivative_cache_bytes", {
      type: "gauge",
      help: "Bytes of derivatives in the cache (a shared cache: all instances', as last seen)",
      values: [[{}, stats.bytes]],
    }),
    metricFamily("tessera_derivative_cache_entries", {
      type: "gauge",
      help: "Derivatives in the cache (a shared cache: all instances', as last seen)",
      values: [[{}, stats.entries]],
    }),
  ];
  const { shared } = stats;
  if (!shared) return families;
  return [
    ...families,
    metricFamily("tessera_shared_cache_up", {
      type: "gauge",
      help: "1 while the shared derivative cache answers, 0 during an outage",
      values: [[{}, shared.available ? 1 : 0]],
    }),
    metricFamily("tessera_shared_cache_failures_total", {
      type: "counter",
      help: "Shared cache commands that failed (served as misses, stores skipped)",
      values: [[{}, shared.failures]],
    }),
    metricFamily("tessera_shared_cache_outages_total", {
      type: "counter",
      help: "Times the shared derivative cache became unavailable",
      values: [[{}, shared.outages]],
    }),
  ];
}
