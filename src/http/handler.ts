import type { AppDeps } from "./app_deps.ts";
import { applyCors, preflightResponse } from "./cors.ts";
import { errorResponse } from "./error_response.ts";
import { describeError } from "./describe_error.ts";
import type { RequestLogger } from "./request_log.ts";
import { notesOf } from "./response_notes.ts";
import { RequestSyntaxError } from "./request_syntax_error.ts";
import { route } from "./router.ts";
import { textResponse } from "./text_response.ts";

/** Longest request URL accepted; anything longer is a 400 before routing. */
const MAX_URL_LENGTH = 4096;

/**
 * The whole HTTP application as `fetch(Request) → Response`. Every response, errors, 304 and
 * preflights included, passes through here: CORS is applied once, errors become statuses in one
 * table, HEAD runs GET and drops the body, and one log line is written.
 */
export function createHandler(
  deps: AppDeps,
  log: RequestLogger,
): (request: Request) => Promise<Response> {
  return async function handle(request: Request): Promise<Response> {
    const started = performance.now();
    let error: unknown;
    let response: Response;
    try {
      response = await dispatch(request, deps);
    } catch (caught) {
      error = caught;
      response = errorResponse(caught);
    }
    applyCors(response.headers, deps.config.cors_origin);
    if (request.method === "HEAD" && response.body) {
      response = new Response(null, { status: response.status, headers: response.headers });
    }
    log({
      time: new Date().toISOString(),
      method: request.method,
      path: URL.parse(request.url)?.pathname ?? request.url,
      status: response.status,
      bytes: Number(response.headers.get("content-length") ?? 0),
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...notesOf(response),
      ...(response.status >= 500 ? { error: describeError(error) } : {}),
    });
    return response;
  };
}

async function dispatch(request: Request, deps: AppDeps): Promise<Response> {
  if (request.method === "OPTIONS") return preflightResponse(request);
  if (request.method !== "GET" && request.method !== "HEAD") {
    return textResponse(`Method ${request.method} not allowed`, {
      status: 405,
      headers: { allow: "GET, HEAD, OPTIONS" },
    });
  }
  if (request.url.length > MAX_URL_LENGTH) {
    throw new RequestSyntaxError(`Request URL is ${request.url.length} characters long`);
  }
  // A Host header Deno could not turn into a URL makes the request unreadable, not a server fault.
  const url = URL.parse(request.url);
  if (url === null) {
    throw new RequestSyntaxError(`Cannot parse request URL ${JSON.stringify(request.url)}`);
  }
  const found = route(url);
  if (!found) return textResponse(`No such resource: ${url.pathname}`, { status: 404 });
  return await found.handler(request, deps, found.params);
}
