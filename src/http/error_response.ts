import { SharedCacheUnavailableError } from "../cache/mod.ts";
import { AccessDeniedError, AuthorizationRequiredError } from "../access/mod.ts";
import { CorruptSourceError, UnsupportedSourceError } from "../codecs/mod.ts";
import { IiifSyntaxError, NotImplementedError } from "../iiif/mod.ts";
import {
  ForbiddenSourceError,
  IdentifierNotFoundError,
  UpstreamError,
  UpstreamTimeoutError,
} from "../sources/mod.ts";
import {
  JobTimeoutError,
  PoolClosedError,
  QueueFullError,
  WorkerCrashedError,
} from "../../workers/mod.ts";
import { BEARER_CHALLENGE } from "./bearer_token.ts";
import { RequestSyntaxError } from "./request_syntax_error.ts";
import { SourceTooLargeError } from "./source_too_large_error.ts";
import { textResponse } from "./text_response.ts";
import { UriTooLongError } from "./uri_too_long_error.ts";

type ErrorClass = abstract new (...args: never[]) => Error;

/** The one error → status table. Anything not listed is a 500. */
const STATUS_BY_ERROR: ReadonlyArray<readonly [ErrorClass, number]> = [
  [IiifSyntaxError, 400],
  [RequestSyntaxError, 400],
  [AuthorizationRequiredError, 401],
  [AccessDeniedError, 403],
  [ForbiddenSourceError, 403],
  [IdentifierNotFoundError, 404],
  [UriTooLongError, 414],
  [UnsupportedSourceError, 415],
  [SourceTooLargeError, 422],
  [NotImplementedError, 501],
  [UpstreamError, 502],
  [QueueFullError, 503],
  [PoolClosedError, 503],
  [JobTimeoutError, 503],
  [SharedCacheUnavailableError, 503],
  [UpstreamTimeoutError, 504],
  [CorruptSourceError, 500],
  [WorkerCrashedError, 500],
];

/**
 * The HTTP status an error maps to.
 *
 * @param error Anything thrown below the HTTP layer.
 * @returns Its status; 500 for anything unknown.
 */
export function statusOf(error: unknown): number {
  for (const [errorClass, status] of STATUS_BY_ERROR) {
    if (error instanceof errorClass) return status;
  }
  return 500;
}

/**
 * A short plain-text error response, control characters escaped. Unknown errors say only that
 * the server failed (their detail goes to the log, not to the client).
 */
export function errorResponse(error: unknown): Response {
  const known = STATUS_BY_ERROR.some(([errorClass]) => error instanceof errorClass);
  const message = known ? (error as Error).message : "Internal server error";
  return textResponse(message, { status: statusOf(error), headers: errorHeaders(error) });
}

/** `Retry-After` on overload, and the `WWW-Authenticate` challenge RFC 6750 asks of a 401. */
function errorHeaders(error: unknown): HeadersInit | undefined {
  if (error instanceof QueueFullError || error instanceof JobTimeoutError) {
    return { "retry-after": String(error.retryAfterSeconds) };
  }
  if (error instanceof AuthorizationRequiredError) {
    return { "www-authenticate": BEARER_CHALLENGE };
  }
  return undefined;
}
