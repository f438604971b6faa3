/** What S3 leaves unencoded: RFC 3986's unreserved characters. */
const UNRESERVED_REGEXP = /^[A-Za-z0-9\-._~]$/;
const UTF8 = new TextEncoder();

/**
 * Percent-encodes text as S3 and Signature Version 4 require (`UriEncode` in the S3 API
 * reference): every UTF-8 byte outside `A-Z a-z 0-9 - . _ ~` becomes `%XX` in upper-case hex,
 * spaces included (never `+`). `/` is kept when `keepSlash`, as in an object key's path.
 *
 * @example Usage
 * ```ts
 * import { uriEncode } from "./_uri_encode.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(uriEncode("2019/a b$é.jpg", { keepSlash: true }), "2019/a%20b%24%C3%A9.jpg");
 * assert.equal(uriEncode("a/b", { keepSlash: false }), "a%2Fb");
 * ```
 *
 * @param text Any string; lone surrogates are encoded as U+FFFD.
 * @param options Whether `/` stays as it is.
 */
export function uriEncode(text: string, options: { keepSlash: boolean }): string {
  let encoded = "";
  for (const character of text) {
    if (UNRESERVED_REGEXP.test(character) || (options.keepSlash && character === "/")) {
      encoded += character;
      continue;
    }
    for (const byte of UTF8.encode(character)) {
      encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return encoded;
}
