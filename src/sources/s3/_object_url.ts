import { uriEncode } from "./_uri_encode.ts";
import type { S3Bucket } from "./s3_object.ts";

/**
 * The URL of a key, path style (`endpoint/bucket/key`) or virtual-hosted (`bucket.host/key`),
 * encoded as S3 signs it: every byte but the unreserved ones (and `/` in the key) as `%XX`, in
 * the query too, so what is sent is exactly what was signed (no `+` for a space).
 *
 * @example Usage
 * ```ts
 * import { objectUrl } from "./_object_url.ts";
 * import assert from "node:assert/strict";
 *
 * const bucket = { endpoint: "http://127.0.0.1:9000", name: "images", pathStyle: true };
 * assert.equal(objectUrl(bucket, { key: "a b/c.tif" }).href, "http://127.0.0.1:9000/images/a%20b/c.tif");
 * ```
 *
 * @param bucket The endpoint, the bucket's name, and the addressing style.
 * @param request The key (`""` for the bucket itself) and the query parameters.
 */
export function objectUrl(
  bucket: Pick<S3Bucket, "endpoint" | "name" | "pathStyle">,
  request: { key: string; query?: Readonly<Record<string, string>> },
): URL {
  const endpoint = new URL(bucket.endpoint);
  const base = endpoint.pathname.replace(/\/$/, "");
  const key = uriEncode(request.key, { keepSlash: true });
  const url = bucket.pathStyle
    ? new URL(`${endpoint.origin}${base}/${bucket.name}${key === "" ? "" : `/${key}`}`)
    : new URL(`${endpoint.protocol}//${bucket.name}.${endpoint.host}${base}/${key}`);
  const encode = (text: string) => uriEncode(text, { keepSlash: false });
  url.search = Object.entries(request.query ?? {})
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join("&");
  return url;
}
