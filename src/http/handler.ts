import type { LogLevel } from "../config/mod.ts";
import type { AppDeps, RouteDeps } from "./app_deps.ts";
import { rememberPeer } from "./client_address.ts";
import { applyCors, preflightResponse } from "./cors.ts";
import { errorResponse } from "./error_response.ts";
import { requestLogEntry, type RequestLogger, sentBytes, shouldLog } from "./request_log.ts";
import { InfoDocuments } from "./info_documents.ts";
import { localSnapshot } from "./listener_snapshot.ts";
import { RequestMetrics } from "./request_metrics.ts";
import { requestProfile } from "./request_profile.ts";
import { noteResponse, notesOf } from "./response_notes.ts";
import { RequestSyntaxError } from "./request_syntax_error.ts";
import { route, type RouteMatch } from "./router.ts";
import { textResponse } from "./text_response.ts";
import { UriTooLongError } from "./uri_too_long_error.ts";

/**
 * Longest request URL accepted; anything longer is a 414 before routing. Room for the longest
 * identifier (1024 bytes) percent-encoded at 3 characters a byte, plus host and parameters.
 */
const MAX_URL_LENGTH = 8192;

/** The `route` metric label of requests that matched no route (or were refused before one). */
const UNMATCHED_ROUTE = "unmatched";

/** Where a request goes: its parsed URL (null when unparsable) and the route it matched. */
interface Target {
  readonly url: URL | null;
  readonly found: RouteMatch | undefined;
}

/**
 * The whole HTTP application as `fetch(Request) → Response`. Every response, errors, 304 and
 * preflights included, passes through here: CORS is applied once, errors become statuses in one
 * table, HEAD runs GET and drops the body, and each request is counted in the metrics and
 * written as one log line.
 */
export function createHandler(
  deps: AppDeps,
  log: RequestLogger,
): (request: Request, info?: Deno.ServeHandlerInfo) => Promise<Response> {
  const routeDeps: RouteDeps = {
    ...deps,
    metrics: new RequestMetrics(),
    infoDocuments: new InfoDocuments(),
  };
  deps.peers?.serve({
    snapshot: () => localSnapshot(routeDeps),
    purgeMemory: (identifier) => deps.renderer.purgeMemory(identifier),
  });
  // Only `access_allow_ips` reads the peer, and only when no proxy header names the client.
  const needsPeer = deps.config.client_ip_header === null &&
    Object.values(deps.config.profiles).some((profile) => profile.access !== "public");
  return async function handle(request: Request, info?: Deno.ServeHandlerInfo): Promise<Response> {
    // Absent when called in process, as tests do.
    if (needsPeer && info) rememberPeer(request, info.remoteAddr);
    const started = performance.now();
    const target = targetOf(request);
    const { response, error } = await respond(request, routeDeps, target);
    const ms = performance.now() - started;
    const notes = notesOf(response);
    const profile = requestProfile(target.found, deps.sources);
    routeDeps.metrics.record({
      route: target.found?.name ?? UNMATCHED_ROUTE,
      status: response.status,
      seconds: ms / 1000,
      notes,
      profile,
      bytes: sentBytes(request, response),
    });
    if (shouldLog(response.status, logLevelOf(deps.config, profile))) {
      log(requestLogEntry(request, response, { ms, notes, error }));
    }
    return response;
  };
}

function logLevelOf(config: AppDeps["config"], profile: string | undefined): LogLevel {
  const profileLevel = profile === undefined ? null : config.profiles[profile].log_level;
  return profileLevel ?? config.log_level;
}

function targetOf(request: Request): Target {
  const url = request.url.length > MAX_URL_LENGTH ? null : URL.parse(request.url);
  return { url, found: url ? route(url) : undefined };
}

/** The answer to `request`, a thrown error turned into its status; CORS on, HEAD without body. */
async function respond(
  request: Request,
  deps: RouteDeps,
  target: Target,
): Promise<{ response: Response; error?: unknown }> {
  let answer: { response: Response; error?: unknown };
  try {
    answer = { response: await dispatch(request, deps, target) };
  } catch (error) {
    answer = { response: errorResponse(error), error };
  }
  const { response } = answer;
  applyCors(response.headers, deps.config.cors_origin);
  if (request.method !== "HEAD" || !response.body) return answer;
  const { status, headers } = response;
  const bodiless = noteResponse(new Response(null, { status, headers }), notesOf(response));
  return { ...answer, response: bodiless };
}

async function dispatch(request: Request, deps: RouteDeps, target: Target): Promise<Response> {
  if (request.method === "OPTIONS") return preflightResponse(request);
  const purging = request.method === "DELETE" && target.found?.name === "cache_purge";
  if (request.method !== "GET" && request.method !== "HEAD" && !purging) {
    return textResponse(`Method ${request.method} not allowed`, {
      status: 405,
      headers: { allow: "GET, HEAD, OPTIONS" },
    });
  }
  if (request.url.length > MAX_URL_LENGTH) {
    throw new UriTooLongError(request.url.length, MAX_URL_LENGTH);
  }
  // A Host header Deno could not turn into a URL makes the request unreadable, not a server fault.
  if (target.url === null) {
    throw new RequestSyntaxError(`Cannot parse request URL ${JSON.stringify(request.url)}`);
  }
  const { found } = target;
  if (!found) return textResponse(`No such resource: ${target.url.pathname}`, { status: 404 });
  return await found.handler(request, deps, found.params());
}
