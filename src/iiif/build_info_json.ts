import { type ImageInformation2, infoJson2 } from "./_info_json_2.ts";
import { type ImageInformation3, infoJson3 } from "./_info_json_3.ts";
import type { IiifVersion } from "./image_request.ts";
import type { InfoJsonOptions } from "./info_json_options.ts";

/**
 * Builds the image information document (info.json) of an API version, as a plain object for
 * `JSON.stringify`: level 2, the server's limits, power-of-two `sizes` and `tiles` that stay
 * within them, and every quality, format and feature Tessera serves (`sizeUpscaling` 3.0 /
 * `sizeAboveFull` 2.1 only when upscaling is allowed).
 *
 * @example Usage
 * ```ts
 * import { buildInfoJson } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const info = buildInfoJson(3, {
 *   id: "https://example.org/iiif/3/photo.jpg",
 *   info: { width: 6000, height: 4000 },
 *   limits: { maxWidth: 10000, maxHeight: 10000, maxArea: 1e8, allowUpscaling: true },
 *   tileWidth: 512,
 *   minSizesSize: 200,
 * });
 * assert.equal(info["@context"], "http://iiif.io/api/image/3/context.json");
 * assert.deepEqual(info.tiles, [{ width: 512, height: 512, scaleFactors: [1, 2, 4, 8, 16] }]);
 * assert.deepEqual(info.sizes[0], { width: 375, height: 250 });
 * ```
 *
 * @param version The API version whose document to build.
 * @param options The base URI, the image size, the limits and what to advertise.
 */
export function buildInfoJson(version: 3, options: InfoJsonOptions): ImageInformation3;
export function buildInfoJson(version: 2, options: InfoJsonOptions): ImageInformation2;
export function buildInfoJson(
  version: IiifVersion,
  options: InfoJsonOptions,
): ImageInformation3 | ImageInformation2;
export function buildInfoJson(
  version: IiifVersion,
  options: InfoJsonOptions,
): ImageInformation3 | ImageInformation2 {
  return version === 3 ? infoJson3(options) : infoJson2(options);
}
