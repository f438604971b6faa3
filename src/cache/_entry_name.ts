import { sha256Hex } from "../sources/mod.ts";
import type { CacheKey } from "./cache_key.ts";

/**
 * `<owner>/<sha256 of key>`: how every derivative cache names an entry. `owner` groups all
 * derivatives of one image so a purge finds them without knowing their keys.
 *
 * @param key The caller's key (canonical request, source modification time and size), hashed.
 * @param identifier The source's identifier, `<profile>:<name>`.
 * @param separator Between owner and key: `/` (a folder on disk), `:` in Redis keys.
 * @returns 32 hex digits, the separator, 64 hex digits.
 */
export function entryName(key: CacheKey, identifier: string, separator = "/"): string {
  return `${ownerName(identifier)}${separator}${key.digest}`;
}

/**
 * 128 bits of the identifier's hash: unique enough, and keeps paths and keys short.
 *
 * @param identifier The source's identifier.
 * @returns 32 hex digits.
 */
export function ownerName(identifier: string): string {
  return sha256Hex(identifier).slice(0, 32);
}
