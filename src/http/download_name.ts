/** Characters no file system or shell should receive in a file name, and control characters. */
// deno-lint-ignore no-control-regex
const UNSAFE_CHARACTER_REGEXP = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g;
/** Leading dots and spaces would hide the file or make it `..`; trailing ones Windows drops. */
const EDGE_DOTS_REGEXP = /^[.\s]+|[.\s]+$/g;
/** The name used when nothing of the original name is left. */
const FALLBACK_NAME = "original";
/** Longest name kept, in UTF-16 units; file systems allow 255 bytes. */
const MAX_NAME_LENGTH = 200;

/**
 * The file name a downloaded original is saved under: the last segment of its name within the
 * profile, with characters that are unsafe in file names replaced by `_`, so neither a browser
 * nor an unzipper can be led outside the folder it saves into.
 *
 * @example Usage
 * ```ts
 * import { downloadName } from "./download_name.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(downloadName("2019/IMG:0001.jpg"), "IMG_0001.jpg");
 * assert.equal(downloadName("sub/.."), "original");
 * ```
 *
 * @param name The source's name within its profile.
 * @returns A non-empty, safe file name.
 */
export function downloadName(name: string): string {
  const last = name.slice(name.lastIndexOf("/") + 1);
  const safe = last.replace(UNSAFE_CHARACTER_REGEXP, "_").replace(EDGE_DOTS_REGEXP, "");
  const short = safe.length > MAX_NAME_LENGTH ? safe.slice(-MAX_NAME_LENGTH) : safe;
  return short === "" ? FALLBACK_NAME : short;
}

/**
 * A `Content-Disposition: attachment` value for a file name (RFC 6266): `filename*` in UTF-8
 * for clients that read it, `filename` with non-ASCII characters as `_` for those that do not.
 *
 * @example Usage
 * ```ts
 * import { attachmentDisposition } from "./download_name.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   attachmentDisposition("café (1).jpg"),
 *   `attachment; filename="caf_ (1).jpg"; filename*=UTF-8''caf%C3%A9%20%281%29.jpg`,
 * );
 * ```
 *
 * @param fileName A name from {@linkcode downloadName} (so no quote or backslash is in it).
 * @returns The header value.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
