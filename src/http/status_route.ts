import denoJson from "../../deno.json" with { type: "json" };
import type { RouteDeps } from "./app_deps.ts";
import { jsonResponse } from "./json_response.ts";
import { serverSnapshot } from "./listener_snapshot.ts";

/**
 * `GET /status`: what an operator checks first, as JSON: the version and uptime; the workers with
 * the backend each chose and why (adapter included), jobs by backend, GPU fallbacks, queue depth
 * and restarts; the derivative cache's size (and its memory layer's) and hit rate since start;
 * requests, bytes and
 * status classes by profile since start; with several HTTP listeners, all of theirs. Never cached.
 */
export async function statusRoute(_request: Request, deps: RouteDeps): Promise<Response> {
  const server = await serverSnapshot(deps);
  const { cache } = server;
  // Hits of the memory layer never reach the cache behind it: count both.
  const hits = cache.hits + (cache.memory?.hits ?? 0);
  const lookups = hits + cache.misses;
  return jsonResponse({
    service: "tessera",
    version: denoJson.version,
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    gpu: deps.config.gpu,
    workers: server.pool,
    derivativeCache: { ...cache, hitRate: lookups > 0 ? hits / lookups : null },
    profiles: server.profiles,
  });
}
