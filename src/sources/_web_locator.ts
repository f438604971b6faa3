import type { RemoteLocator } from "./remote_profile.ts";

/**
 * The locator of a `web` profile: the name, percent-encoded as one URL component (so `/`, `?`
 * and `#` in it stay data), replaces every `{name}` in the template. Redirects may go anywhere
 * public.
 *
 * @example Usage
 * ```ts
 * import { webLocator } from "./_web_locator.ts";
 * import assert from "node:assert/strict";
 *
 * const locator = webLocator("https://images.example.org/{name}");
 * assert.equal(locator.urlOf("2019/a b.jpg")?.href, "https://images.example.org/2019%2Fa%20b.jpg");
 * assert.equal(locator.urlOf(".."), undefined);
 * ```
 *
 * @param template An http(s) URL containing `{name}`, as the config schema checks.
 */
export function webLocator(template: string): RemoteLocator {
  return {
    urlOf(name) {
      // Encoding keeps `/` out, but `.` and `..` survive it and would climb the template's path.
      if (name === "." || name === "..") return undefined;
      return URL.parse(template.replaceAll("{name}", encodeURIComponent(name))) ?? undefined;
    },
    mayFollow: () => true,
  };
}
