import type { SourceLocation } from "./open_source_bytes.ts";

/**
 * The key of what is cached about one version of a source (its header facts, its decoded
 * pixels, its opened reader): the path with the modification time and size, plus the ETag for
 * an S3 object, whose Last-Modified has only whole seconds and so cannot tell apart two
 * versions of the same size written in one second.
 *
 * @example Usage
 * ```ts
 * import { sourceCacheKey } from "./source_cache_key.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sourceCacheKey({ path: "/img/a.jpg", mtimeMs: 5, size: 9 }), "/img/a.jpg|5|9");
 * ```
 *
 * @param source Where the source is, and its modification time.
 */
export function sourceCacheKey(
  source: SourceLocation & { readonly mtimeMs: number; readonly size: number },
): string {
  const key = `${source.path}|${source.mtimeMs}|${source.size}`;
  return source.s3 === undefined ? key : `${key}|${source.s3.etag}`;
}
