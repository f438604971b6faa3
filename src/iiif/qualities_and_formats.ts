import type { OutputFormat, Quality } from "./image_request.ts";

/** Every IIIF quality Tessera serves, `default` first. */
export const QUALITIES = [
  "default",
  "color",
  "gray",
  "bitonal",
] as const satisfies readonly Quality[];

/** Every output format Tessera encodes, in the order info.json lists them. */
export const OUTPUT_FORMATS = [
  "jpg",
  "png",
  "webp",
  "gif",
  "tif",
] as const satisfies readonly OutputFormat[];

/** The `Content-Type` of each output format. */
export const MEDIA_TYPES = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  tif: "image/tiff",
} as const satisfies Record<OutputFormat, string>;

/**
 * Tells whether a text is an IIIF quality.
 *
 * @example Usage
 * ```ts
 * import { isQuality } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isQuality("gray"), true);
 * assert.equal(isQuality("grey"), false);
 * ```
 */
export function isQuality(text: string): text is Quality {
  return (QUALITIES as readonly string[]).includes(text);
}

/**
 * Tells whether a text is an output format Tessera encodes.
 *
 * @example Usage
 * ```ts
 * import { isOutputFormat } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isOutputFormat("webp"), true);
 * assert.equal(isOutputFormat("jp2"), false);
 * ```
 */
export function isOutputFormat(text: string): text is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(text);
}
