/** Shortest secret accepted: 32 characters, so an HMAC-SHA256 key is not guessable. */
export const MIN_SECRET_LENGTH = 32;

/**
 * A `token` profile's secret, or its secret variable unset or too short (the server refuses to
 * start, and `tessera token` to sign).
 */
export class AccessSecretError extends Error {
  /**
   * @param profile The profile's name.
   * @param envName The environment variable its `access_secret_env` names.
   */
  constructor(profile: string, envName: string) {
    super(
      `Cannot protect profile "${profile}": the environment variable ${envName} must hold a ` +
        `secret of at least ${MIN_SECRET_LENGTH} characters`,
    );
    this.name = "AccessSecretError";
  }
}

/**
 * Reads a `token` profile's signing secret from the environment.
 *
 * @example Usage
 * ```ts
 * import { accessSecret } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * Deno.env.set("DOC_SECRET", "s".repeat(32));
 * assert.equal(accessSecret("scans", "DOC_SECRET"), "s".repeat(32));
 * ```
 *
 * @param profile The profile's name, for the error message.
 * @param envName The variable its `access_secret_env` names.
 * @returns The secret.
 * @throws {AccessSecretError} The variable is unset or shorter than 32 characters.
 */
export function accessSecret(profile: string, envName: string): string {
  const secret = Deno.env.get(envName) ?? "";
  if (secret.length < MIN_SECRET_LENGTH) throw new AccessSecretError(profile, envName);
  return secret;
}
