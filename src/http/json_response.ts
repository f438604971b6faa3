/**
 * An uncached JSON response with its `Content-Length`, for the operator endpoints whose answer
 * changes from one request to the next.
 *
 * @param value What to serialise (pretty-printed, as people read these).
 * @param init The status, 200 by default.
 */
export function jsonResponse(value: unknown, init: { status?: number } = {}): Response {
  const body = new TextEncoder().encode(JSON.stringify(value, null, 2));
  return new Response(body, {
    status: init.status ?? 200,
    headers: {
      "content-type": "application/json",
      "content-length": String(body.byteLength),
      "cache-control": "no-store",
    },
  });
}
