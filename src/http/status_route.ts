import denoJson from "../../deno.json" with { type: "json" };
import type { RouteDeps } from "./app_deps.ts";
import { jsonResponse } from "./json_response.ts";

/**
 * `GET /status`: what an operator checks first, as JSON: the version and uptime; the workers with
 * the backend each chose and why (adapter included), jobs by backend, GPU fallbacks, queue depth
 * and restarts; the derivative cache's size (and its memory layer's) and hit rate since start;
 * requests, bytes and
 * status classes by profile since start. Never cached.
 */
export function statusRoute(_request: Request, deps: RouteDeps): Response {
  const cache = deps.renderer.stats();
  // Hits of the memory layer never reach the cache behind it: count both.
  const hits = cache.hits + (cache.memory?.hits ?? 0);
  const lookups = hits + cache.misses;
  return jsonResponse({
    service: "tessera",
    version: denoJson.version,
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    gpu: deps.config.gpu,
    workers: deps.pool.stats(),
    derivativeCache: { ...cache, hitRate: lookups > 0 ? hits / lookups : null },
    profiles: deps.metrics.profiles(),
  });
}
