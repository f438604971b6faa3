import { sha256Hex } from "../sources/mod.ts";

/** Validators of a representation, for `ETag`/`Last-Modified` and conditional requests. */
export interface Validators {
  /** A strong ETag, quoted. */
  readonly etag: string;
  readonly lastModifiedMs: number;
}

/**
 * Whether a conditional GET may be answered 304: `If-None-Match` decides when present (RFC 9110
 * §13.2.2), else `If-Modified-Since` compared at one-second resolution.
 */
export function isNotModified(request: Request, validators: Validators): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    const tags = ifNoneMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(validators.etag);
  }
  const ifModifiedSince = request.headers.get("if-modified-since");
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(validators.lastModifiedMs / 1000) * 1000 <= since;
}

/**
 * When a response made now last changed: its source's mtime, or the server start if later,
 * since the output also depends on the configuration loaded then (after a restart with new
 * settings `If-Modified-Since` must not validate a response made under the old ones).
 *
 * @param sourceMtimeMs The source file's modification time.
 * @param startedAt When the server started (`AppDeps.startedAt`).
 */
export function lastModifiedOf(sourceMtimeMs: number, startedAt: number): number {
  return Math.max(sourceMtimeMs, startedAt);
}

/**
 * Sets `ETag`, `Last-Modified` and `Cache-Control`.
 *
 * @param headers The response headers to set them on.
 * @param validators The representation's ETag and modification time.
 * @param options `maxAge`: seconds a cache may keep it; `personal`: it depends on the request's
 *   credentials, so `private` (no shared cache keeps it) rather than `public`.
 */
export function applyValidators(
  headers: Headers,
  validators: Validators,
  options: { maxAge: number; personal?: boolean },
): void {
  headers.set("etag", validators.etag);
  headers.set("last-modified", new Date(validators.lastModifiedMs).toUTCString());
  const scope = options.personal ? "private" : "public";
  headers.set("cache-control", `${scope}, max-age=${options.maxAge}`);
}

/** What a route knows to validate its response. */
export interface Freshness {
  readonly etag: string;
  readonly sourceMtimeMs: number;
  /** When the server started (`AppDeps.startedAt`). */
  readonly startedAt: number;
  /** `Cache-Control: max-age`, the profile's `cache_for`. */
  readonly maxAge: number;
  /** The representation depends on the request's credentials: `private`, so no shared cache keeps it. */
  readonly personal?: boolean;
}

/**
 * The conditional-request step every cacheable route shares: sets `ETag`, `Last-Modified` (see
 * `lastModifiedOf`) and `Cache-Control` on `headers`, and returns the 304 to send when the client
 * already has the representation, else `undefined`.
 */
export function notModifiedResponse(
  request: Request,
  headers: Headers,
  freshness: Freshness,
): Response | undefined {
  const validators = {
    etag: freshness.etag,
    lastModifiedMs: lastModifiedOf(freshness.sourceMtimeMs, freshness.startedAt),
  };
  applyValidators(headers, validators, freshness);
  return isNotModified(request, validators)
    ? new Response(null, { status: 304, headers })
    : undefined;
}

/**
 * A strong ETag for a cache key: the first 128 bits of its SHA-256, quoted.
 *
 * @param key A string that changes whenever the representation does.
 */
export function etagOf(key: string): string {
  return etagOfDigest(sha256Hex(key));
}

/**
 * The ETag `etagOf` makes, from a SHA-256 already computed (a derivative's `CacheKey.digest`).
 *
 * @param digest The key's SHA-256 in hex.
 */
export function etagOfDigest(digest: string): string {
  return `"${digest.slice(0, 32)}"`;
}
