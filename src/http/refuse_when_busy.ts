import type { AppDeps } from "./app_deps.ts";

/**
 * Refuses an image request at once, before its source is resolved, probed or planned, when only
 * a worker job could answer it and the pool's queue is already full. Only a job could when the
 * derivative cache holds nothing (it is off, or still empty) and the request is not conditional
 * (a 304 needs no job). Any other request goes its usual way: a cache hit is served, and a miss
 * is refused when it reaches the pool. A request refused here gets its 503 even where it would
 * have had a 404 or 403: under overload the cheapest answer wins, and a 503 tells nothing.
 *
 * @throws {QueueFullError} The queue is full and nothing but a job could answer `request`.
 */
export function refuseWhenBusy(request: Request, deps: AppDeps): void {
  const cache = deps.renderer.stats();
  if (cache.entries > 0 || (cache.memory?.entries ?? 0) > 0) return;
  const { headers } = request;
  if (headers.has("if-none-match") || headers.has("if-modified-since")) return;
  deps.pool.throwIfFull();
}
