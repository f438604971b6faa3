/**
 * A request that needs credentials it did not bring (HTTP 401 with `WWW-Authenticate: Bearer`):
 * no token, or one that is malformed, signed with another secret or expired.
 *
 * @example Usage
 * ```ts
 * import { AuthorizationRequiredError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new AuthorizationRequiredError('Cannot serve "scans:a.tif": the token expired');
 * assert.equal(error.name, "AuthorizationRequiredError");
 * ```
 */
export class AuthorizationRequiredError extends Error {
  /**
   * @param message Which image, and what was missing or wrong.
   * @param options An optional cause.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AuthorizationRequiredError";
  }
}

/**
 * A request whose credentials do not cover what it asks for (HTTP 403): the client's address is
 * outside the profile's `access_allow_ips`, or the token's scope names other images.
 *
 * @example Usage
 * ```ts
 * import { AccessDeniedError } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const error = new AccessDeniedError('Cannot serve "scans:a.tif" to 192.0.2.7');
 * assert.equal(error.name, "AccessDeniedError");
 * ```
 */
export class AccessDeniedError extends Error {
  /**
   * @param message Which image, and why it is refused.
   * @param options An optional cause.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AccessDeniedError";
  }
}
