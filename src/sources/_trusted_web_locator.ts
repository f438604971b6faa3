import type { RemoteLocator } from "./remote_profile.ts";

const BASE64URL_REGEXP = /^[A-Za-z0-9_-]+={0,2}$/;
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The locator of a `trusted_web` profile: a name is the urlsafe base64 (RFC 4648 §5, padding
 * optional) of an absolute http(s) URL, which is fetched when the whole of it, written as WHATWG
 * URL writes it (`url.href`), matches `regex`. Redirects must match too. Matching the parsed
 * form, not the decoded text, means the pattern sees exactly the URL that is fetched: a text
 * such as `https://trusted.example@evil.example/` cannot look like one host and be another.
 *
 * @example Usage
 * ```ts
 * import { trustedWebLocator } from "./_trusted_web_locator.ts";
 * import assert from "node:assert/strict";
 *
 * const locator = trustedWebLocator("https://images\\.example\\.org/.+");
 * const name = btoa("https://images.example.org/a.jpg").replaceAll("=", "");
 * assert.equal(locator.urlOf(name)?.href, "https://images.example.org/a.jpg");
 * assert.equal(locator.urlOf(btoa("https://evil.example/a.jpg")), undefined);
 * ```
 *
 * @param regex The profile's pattern (JavaScript syntax, compiled with the `u` flag and anchored
 *   at both ends).
 * @throws {SyntaxError} If `regex` is no valid pattern (the config schema checks this first).
 */
export function trustedWebLocator(regex: string): RemoteLocator {
  const pattern = new RegExp(`^(?:${regex})$`, "u");
  const allowed = (url: URL) => pattern.test(url.href);
  return {
    urlOf(name) {
      const url = decodedUrl(name);
      return url !== undefined && allowed(url) ? url : undefined;
    },
    mayFollow: allowed,
  };
}

function decodedUrl(name: string): URL | undefined {
  if (!BASE64URL_REGEXP.test(name)) return undefined;
  let text: string;
  try {
    text = UTF8.decode(Uint8Array.fromBase64(name, { alphabet: "base64url" }));
  } catch {
    return undefined; // Not base64 after all (a lone trailing character) or not UTF-8.
  }
  const url = URL.parse(text);
  return url?.protocol === "http:" || url?.protocol === "https:" ? url : undefined;
}
