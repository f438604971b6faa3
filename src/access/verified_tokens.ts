import { LRUCache } from "lru-cache";
import { type AccessClaims, type TokenCheck, verifyAccessToken } from "./access_token.ts";

/** How many verified tokens a profile remembers: the clients of a busy day, a few KiB each. */
const REMEMBERED_TOKENS = 1_000;

/**
 * One profile's key with the tokens it has verified: a viewer sends the same token with every
 * tile, and `crypto.subtle.verify` per tile costs more than the rest of the access check. Only
 * valid tokens are remembered, and their expiry is checked again on every use, so a remembered
 * token is refused exactly when {@linkcode verifyAccessToken} would refuse it.
 *
 * @example Usage
 * ```ts
 * import { importAccessKey, signAccessToken, VerifiedTokens } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const tokens = new VerifiedTokens(await importAccessKey("a".repeat(32)));
 * const token = await signAccessToken(tokens.key, { profile: "p", expires: 100 });
 * assert.equal((await tokens.check(token, 50)).valid, true);
 * assert.deepEqual(await tokens.check(token, 100), { valid: false, reason: "expired" });
 * ```
 */
export class VerifiedTokens {
  readonly #claims = new LRUCache<string, AccessClaims>({ max: REMEMBERED_TOKENS });

  /** @param key The profile's key, from {@linkcode importAccessKey}. */
  constructor(readonly key: CryptoKey) {}

  /**
   * Checks a token as {@linkcode verifyAccessToken} does, its MAC only the first time.
   *
   * @param token The token as the client sent it.
   * @param now Seconds since the Unix epoch.
   * @returns The claims, or why the token is refused.
   */
  async check(token: string, now: number): Promise<TokenCheck> {
    const claims = this.#claims.get(token);
    if (claims === undefined) {
      const check = await verifyAccessToken(this.key, token, { now });
      if (check.valid) this.#claims.set(token, check.claims);
      return check;
    }
    if (claims.expires > now) return { valid: true, claims };
    this.#claims.delete(token);
    return { valid: false, reason: "expired" };
  }
}
