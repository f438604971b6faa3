import type { AppDeps } from "./app_deps.ts";
import { jsonResponse } from "./json_response.ts";

/**
 * `GET /status`: what an operator checks first, as JSON. Workers with the backend each chose and
 * why (adapter included), jobs by backend, GPU fallbacks, queue depth and restarts. Never cached.
 */
export function statusRoute(_request: Request, deps: AppDeps): Response {
  return jsonResponse({
    service: "tessera",
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    gpu: deps.config.gpu,
    workers: deps.pool.stats(),
  });
}
