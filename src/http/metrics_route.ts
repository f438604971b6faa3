import type { RouteDeps } from "./app_deps.ts";
import { cacheMetricFamilies } from "./cache_metrics.ts";
import { serverSnapshot } from "./listener_snapshot.ts";
import { poolMetricFamilies } from "./pool_metrics.ts";
import { formatPrometheusText, PROMETHEUS_CONTENT_TYPE } from "./prometheus_text.ts";

/**
 * `GET /metrics`: every metric in the Prometheus text format, the handler's request counts
 * followed by a snapshot of the worker pool and of the derivative cache; with several HTTP
 * listeners, all of theirs added up, whichever one was asked. Never cached.
 */
export async function metricsRoute(_request: Request, deps: RouteDeps): Promise<Response> {
  const server = await serverSnapshot(deps);
  const families = [
    ...server.families,
    ...poolMetricFamilies(server.pool),
    ...cacheMetricFamilies(server.cache),
  ];
  const body = new TextEncoder().encode(formatPrometheusText(families));
  return new Response(body, {
    headers: {
      "content-type": PROMETHEUS_CONTENT_TYPE,
      "content-length": String(body.byteLength),
      "cache-control": "no-store",
    },
  });
}
