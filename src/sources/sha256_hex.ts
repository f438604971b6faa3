import { createHash } from "node:crypto";

/**
 * The SHA-256 of text (as UTF-8) or bytes, in lower-case hex. Synchronous: WebCrypto's digest
 * costs the main thread several times more, and cache names and ETags hash on every request.
 *
 * @example Usage
 * ```ts
 * import { sha256Hex } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sha256Hex("é"), sha256Hex(new Uint8Array([0xc3, 0xa9])));
 * assert.equal(sha256Hex("a").slice(0, 8), "ca978112");
 * ```
 *
 * @param data What to hash.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
