const EXPOSED_HEADERS = "Link, ETag, Last-Modified, Server-Timing, Retry-After, Content-Length";

/**
 * Sets the CORS headers on any response (errors and 304 included), replacing any already there
 * so there is exactly one `Access-Control-Allow-Origin`.
 */
export function applyCors(headers: Headers, origin: string): void {
  headers.set("access-control-allow-origin", origin);
  headers.set("access-control-expose-headers", EXPOSED_HEADERS);
  if (origin !== "*") headers.append("vary", "Origin");
}

/** The answer to a CORS preflight (`OPTIONS`). */
export function preflightResponse(request: Request): Response {
  const requested = request.headers.get("access-control-request-headers");
  return new Response(null, {
    status: 204,
    headers: {
      "allow": "GET, HEAD, OPTIONS",
      "access-control-allow-methods": "GET, HEAD, OPTIONS",
      "access-control-allow-headers": requested ?? "*",
      "access-control-max-age": "86400",
    },
  });
}
