import type { AppDeps } from "./app_deps.ts";

/**
 * `GET /status`: what an operator checks first, as JSON. Workers with the backend each chose and
 * why (adapter included), jobs by backend, GPU fallbacks, queue depth and restarts. Never cached.
 */
export function statusRoute(_request: Request, deps: AppDeps): Response {
  const workers = deps.pool.stats();
  const status = {
    service: "tessera",
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    gpu: deps.config.gpu,
    workers,
  };
  const body = new TextEncoder().encode(JSON.stringify(status, null, 2));
  return new Response(body, {
    headers: {
      "content-type": "application/json",
      "content-length": String(body.byteLength),
      "cache-control": "no-store",
    },
  });
}
