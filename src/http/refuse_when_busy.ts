import type { AppDeps } from "./app_deps.ts";

/**
 * Refuses an image request at once, before its source is resolved, probed or planned, when the
 * pool's queue is already full and no cache could answer it: the derivative cache and its memory
 * layer hold nothing (they are off, or still empty) and the request is not conditional (a 304
 * needs no job). Any other request goes its usual way: a cache hit is served, and a miss is
 * refused when it reaches the pool. What is refused here would mostly need a job; the exceptions
 * are answered with 503 too: a stored pyramid tile the main thread could have read, or a request
 * due a 404 or 403. Under overload the cheapest answer wins, and a 503 tells nothing.
 *
 * @throws {QueueFullError} The queue is full and nothing but a job could answer `request`.
 */
export function refuseWhenBusy(request: Request, deps: AppDeps): void {
  // The pool first: on almost every request it has room, and nothing else need be looked at.
  try {
    deps.pool.throwIfFull();
  } catch (error) {
    if (!mayBeAnsweredWithoutJob(request, deps)) throw error;
  }
}

/** A conditional request (a 304 needs no job), or a cache or memory layer holding anything. */
function mayBeAnsweredWithoutJob(request: Request, deps: AppDeps): boolean {
  const { headers } = request;
  if (headers.has("if-none-match") || headers.has("if-modified-since")) return true;
  const cache = deps.renderer.stats();
  return cache.entries > 0 || (cache.memory?.entries ?? 0) > 0;
}
