import type { WorkerPoolStats } from "../../workers/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { jsonResponse } from "./json_response.ts";
import { noteResponse } from "./response_notes.ts";

/** `GET /health`: liveness. Answering at all proves the process and its event loop run. */
export function livenessRoute(): Response {
  return jsonResponse({ status: "ok" });
}

/**
 * `GET /health/ready`: readiness. 200 while a worker is ready and the queue has room, so a load
 * balancer keeps sending requests; else 503 with the reason, which the log line carries too.
 */
export function readinessRoute(_request: Request, deps: AppDeps): Response {
  const stats = deps.pool.stats();
  const limits = { poolSize: deps.config.image_pool_size, queueLimit: deps.config.queue_limit };
  const reason = whyNotReady(stats, limits);
  const body = {
    status: reason === undefined ? "ready" : "unavailable",
    ...(reason === undefined ? {} : { reason }),
    readyWorkers: stats.backends.length,
    poolSize: limits.poolSize,
    queued: stats.queued,
    queueLimit: limits.queueLimit,
  };
  if (reason === undefined) return jsonResponse(body);
  return noteResponse(jsonResponse(body, { status: 503 }), { error: reason });
}

/**
 * Why the pool cannot take an image job now, derived from its stats: a worker is ready once it
 * has reported its backend; the queue refuses jobs once `queueLimit` wait.
 *
 * @returns The reason in words, or `undefined` when it can.
 */
export function whyNotReady(
  stats: WorkerPoolStats,
  limits: { poolSize: number; queueLimit: number },
): string | undefined {
  const ready = stats.backends.length;
  if (ready === 0) return `No image worker is ready (0 of ${limits.poolSize})`;
  if (stats.queued >= limits.queueLimit) {
    return `The image queue is full (${stats.queued} of ${limits.queueLimit} jobs waiting)`;
  }
  return undefined;
}
