import type { TokenCheck } from "./access_token.ts";

/** How a profile's images are protected: the values of a profile's `access` key. */
export type AccessMode = "public" | "token" | "ip";

/** What a request brings, as far as access is concerned. */
export interface AccessFacts {
  readonly mode: AccessMode;
  /** The profile holding the image. */
  readonly profile: string;
  /** The image's name within its profile. */
  readonly name: string;
  /** Whether the client's address is in the profile's `access_allow_ips`. */
  readonly addressAllowed: boolean;
  /** The checked token, or `undefined` when the request carried none. */
  readonly token: TokenCheck | undefined;
}

/** Whether a request may see the full image, and if not, its status and why. */
export type AccessVerdict =
  | { readonly granted: true }
  | { readonly granted: false; readonly status: 401 | 403; readonly reason: string };

const GRANTED: AccessVerdict = { granted: true };

/** The words of a refusal for each reason a token is rejected. */
export const REJECTION_REASONS = {
  malformed: "the token is malformed",
  signature: "the token is not signed with this profile's secret",
  expired: "the token has expired",
} as const;

/**
 * Decides access: public profiles and allowed addresses get in; `ip` profiles refuse everyone
 * else (403); `token` profiles want a valid token (else 401) for this profile whose scope covers
 * the image (else 403).
 *
 * @example Usage
 * ```ts
 * import { decideAccess } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const facts = { mode: "token", profile: "scans", name: "a.tif", addressAllowed: false } as const;
 * assert.equal(decideAccess({ ...facts, token: undefined }).granted, false);
 * const claims = { profile: "scans", expires: 2e9, scope: "a.tif" };
 * assert.deepEqual(decideAccess({ ...facts, token: { valid: true, claims } }), { granted: true });
 * ```
 *
 * @param facts The profile's mode, the image and the request's credentials.
 * @returns The verdict.
 */
export function decideAccess(facts: AccessFacts): AccessVerdict {
  const { mode, token } = facts;
  if (mode === "public" || facts.addressAllowed) return GRANTED;
  if (mode === "ip") return denied(403, "the client's address is not allowed");
  if (token === undefined) return denied(401, "no access token was sent");
  if (!token.valid) return denied(401, REJECTION_REASONS[token.reason]);
  const { profile, scope } = token.claims;
  if (profile !== facts.profile) return denied(403, `the token is for profile "${profile}"`);
  if (!scopeCovers(scope, facts.name)) return denied(403, `the token is for "${scope}" only`);
  return GRANTED;
}

/**
 * Whether a token's scope covers an image: no scope covers all, a scope ending in `/` covers
 * the names under that folder, any other only the name itself.
 *
 * @param scope The token's `scope` claim.
 * @param name The image's name within its profile.
 */
export function scopeCovers(scope: string | undefined, name: string): boolean {
  if (scope === undefined) return true;
  return scope.endsWith("/") ? name.startsWith(scope) : name === scope;
}

function denied(status: 401 | 403, reason: string): AccessVerdict {
  return { granted: false, status, reason };
}
