import type { RouteDeps } from "./app_deps.ts";
import { cacheMetricFamilies } from "./cache_metrics.ts";
import { poolMetricFamilies } from "./pool_metrics.ts";
import { formatPrometheusText, PROMETHEUS_CONTENT_TYPE } from "./prometheus_text.ts";

/**
 * `GET /metrics`: every metric in the Prometheus text format, the handler's request counts
 * followed by a snapshot of the worker pool and of the derivative cache. Never cached.
 */
export function metricsRoute(_request: Request, deps: RouteDeps): Response {
  const families = [
    ...deps.metrics.families(),
    ...poolMetricFamilies(deps.pool.stats()),
    ...cacheMetricFamilies(deps.renderer.stats()),
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
