/** The identifier names no image of any configured profile (HTTP 404). */
export class IdentifierNotFoundError extends Error {
  /**
   * @param identifier The identifier as the client sent it, percent-decoded.
   * @param options `cause` when a lower layer said why.
   */
  constructor(identifier: string, options?: ErrorOptions) {
    super(`Cannot find image "${identifier}"`, options);
    this.name = "IdentifierNotFoundError";
  }
}

/**
 * A remote source the server refuses to fetch (HTTP 403): its host resolves to a loopback,
 * private or otherwise non-public address while the profile does not set
 * `allow_private_networks`, or a `trusted_web` upstream redirected to a URL outside the
 * profile's `regex`.
 *
 * @example Usage
 * ```ts
 * import { ForbiddenSourceError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new ForbiddenSourceError('Refusing to fetch "web:a.jpg" from 10.0.0.7');
 * assert.equal(error.name, "ForbiddenSourceError");
 * ```
 */
export class ForbiddenSourceError extends Error {
  /**
   * @param message Which image, which host, and why it is refused.
   * @param options An optional cause.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ForbiddenSourceError";
  }
}

/**
 * A remote source that could not be fetched (HTTP 502): the upstream server answered an error
 * status, the connection failed, the host name did not resolve, there were too many redirects,
 * or the image is larger than the profile's `max_bytes`.
 *
 * @example Usage
 * ```ts
 * import { UpstreamError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new UpstreamError('Cannot fetch "web:a.jpg" from images.example.org: HTTP 500');
 * assert.equal(error.name, "UpstreamError");
 * ```
 */
export class UpstreamError extends Error {
  /**
   * @param message Which image, which host, and what went wrong.
   * @param options The network error, if any.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UpstreamError";
  }
}

/**
 * A remote source whose download did not finish within the profile's `timeout_ms` (HTTP 504).
 *
 * @example Usage
 * ```ts
 * import { UpstreamTimeoutError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new UpstreamTimeoutError('Cannot fetch "web:a.jpg" within 30000 ms');
 * assert.equal(error.name, "UpstreamTimeoutError");
 * ```
 */
export class UpstreamTimeoutError extends Error {
  /**
   * @param message Which image, which host, and the time limit.
   * @param options The abort reason, if any.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UpstreamTimeoutError";
  }
}
