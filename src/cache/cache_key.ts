import { sha256Hex } from "../sources/mod.ts";

/**
 * A derivative's cache key with its SHA-256, hashed once per request: the response's ETag and
 * the cache entry's name both come from `digest`.
 */
export interface CacheKey {
  /** The caller's key: canonical request, source modification time and size, settings. */
  readonly text: string;
  /** The SHA-256 of `text`, 64 hex digits. */
  readonly digest: string;
}

/**
 * Hashes a cache key.
 *
 * @example Usage
 * ```ts
 * import { cacheKey } from "./cache_key.ts";
 * import assert from "node:assert/strict";
 *
 * const key = cacheKey("a");
 * assert.equal(key.text, "a");
 * assert.equal(key.digest, "ca978112ca1bbdcafac231b39a23dc4d" + "a786eff8147c4e72b9807785afee48bb");
 * ```
 *
 * @param text A string that changes whenever the derivative does.
 * @returns The text with its digest.
 */
export function cacheKey(text: string): CacheKey {
  return { text, digest: sha256Hex(text) };
}
