/** Shortest secret accepted: 32 characters, so an HMAC-SHA256 key is not guessable. */
export const MIN_SECRET_LENGTH = 32;

/** What a signed access token grants. */
export interface AccessClaims {
  /** The profile whose images it opens. */
  readonly profile: string;
  /** Expiry, in seconds since the Unix epoch. */
  readonly expires: number;
  /**
   * The one image (a name within the profile) it opens, or a folder ending in `/` whose images
   * it opens; absent for every image of the profile.
   */
  readonly scope?: string;
}

/** Why a token was not accepted. */
export type TokenRejection = "malformed" | "signature" | "expired";

/** The outcome of {@linkcode verifyAccessToken}. */
export type TokenCheck =
  | { readonly valid: true; readonly claims: AccessClaims }
  | { readonly valid: false; readonly reason: TokenRejection };

/** `base64url(payload).base64url(mac)`, where both parts are unpadded base64url. */
const TOKEN_REGEXP = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

/** Longest token read: a scope is an identifier (at most 1024 bytes) plus the other claims. */
const MAX_TOKEN_LENGTH = 2048;

/**
 * Imports a profile's secret as the HMAC-SHA256 key its tokens are signed and checked with. The
 * server does this once per profile at start, not per request.
 *
 * @example Usage
 * ```ts
 * import { importAccessKey } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const key = await importAccessKey("0123456789abcdef0123456789abcdef");
 * assert.deepEqual(key.usages.toSorted(), ["sign", "verify"]);
 * ```
 *
 * @param secret The profile's secret (from its `access_secret_env`).
 * @returns A key that cannot be exported again.
 */
export function importAccessKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

/**
 * Signs claims as a compact token: the base64url JSON payload `{prf, exp, sub?}`, a dot, and the
 * base64url HMAC-SHA256 of the payload part under the profile's key.
 *
 * @example Usage
 * ```ts
 * import { importAccessKey, signAccessToken, verifyAccessToken } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const key = await importAccessKey("0123456789abcdef0123456789abcdef");
 * const token = await signAccessToken(key, { profile: "scans", expires: 2_000_000_000 });
 * const check = await verifyAccessToken(key, token, { now: 1_900_000_000 });
 * assert.deepEqual(check, { valid: true, claims: { profile: "scans", expires: 2_000_000_000 } });
 * ```
 *
 * @param key The profile's key, from {@linkcode importAccessKey}.
 * @param claims The profile, expiry and optional scope.
 * @returns The token, safe in a header, a cookie and a URL.
 */
export async function signAccessToken(key: CryptoKey, claims: AccessClaims): Promise<string> {
  const payload = {
    prf: claims.profile,
    exp: claims.expires,
    ...(claims.scope === undefined ? {} : { sub: claims.scope }),
  };
  const body = base64url(new TextEncoder().encode(JSON.stringify(payload)));
  const mac = await crypto.subtle.sign("HMAC", key, ascii(body));
  return `${body}.${base64url(new Uint8Array(mac))}`;
}

/**
 * Checks a token's MAC (in constant time, by `crypto.subtle.verify`) before reading its claims,
 * then its expiry.
 *
 * @example Usage
 * ```ts
 * import { importAccessKey, signAccessToken, verifyAccessToken } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const key = await importAccessKey("a".repeat(32));
 * const token = await signAccessToken(key, { profile: "p", expires: 100 });
 * const other = await importAccessKey("b".repeat(32));
 * assert.deepEqual(await verifyAccessToken(other, token, { now: 50 }), {
 *   valid: false,
 *   reason: "signature",
 * });
 * ```
 *
 * @param key The profile's key, from {@linkcode importAccessKey}.
 * @param token The token as the client sent it.
 * @param options `now`, in seconds since the Unix epoch.
 * @returns The claims, or why the token is refused.
 */
export async function verifyAccessToken(
  key: CryptoKey,
  token: string,
  options: { readonly now: number },
): Promise<TokenCheck> {
  const match = token.length <= MAX_TOKEN_LENGTH ? TOKEN_REGEXP.exec(token) : null;
  if (!match) return { valid: false, reason: "malformed" };
  const [, body, mac] = match;
  const signed = await crypto.subtle.verify("HMAC", key, fromBase64url(mac), ascii(body));
  if (!signed) return { valid: false, reason: "signature" };
  const claims = claimsOf(body);
  if (claims === undefined) return { valid: false, reason: "malformed" };
  if (claims.expires <= options.now) return { valid: false, reason: "expired" };
  return { valid: true, claims };
}

/** The claims of a signed payload, or `undefined` when it is not the shape we sign. */
function claimsOf(body: string): AccessClaims | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(fromBase64url(body)));
  } catch {
    return undefined;
  }
  const { prf, exp, sub } = (payload ?? {}) as Record<string, unknown>;
  if (typeof prf !== "string" || !Number.isSafeInteger(exp)) return undefined;
  if (sub !== undefined && typeof sub !== "string") return undefined;
  return { profile: prf, expires: exp as number, ...(sub === undefined ? {} : { scope: sub }) };
}

/** The current time as token expiries count it: whole seconds since the Unix epoch. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function ascii(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function base64url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.fromBase64(text, { alphabet: "base64url" });
}
